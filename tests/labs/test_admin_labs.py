"""Staff screens in /admin/: live sessions (Facilitators and Editors create them; the join code is
shown, not edited; only an unused session is offered for deletion) and registrations (Facilitators
and Commissioners list, filter and export them as CSV and XLSX; nobody else sees them).
Every role against every action: ``test_labs_permissions.py``."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone
from openpyxl import load_workbook

from labs.models import LabSession, Registration
from people import groups

pytestmark = pytest.mark.django_db

SESSIONS = "/admin/labs/sessions/"
REGISTRATIONS = "/admin/labs/registrations/"


@pytest.fixture
def staff(user_factory):
    def make(group_name):
        person = user_factory()
        person.groups.add(Group.objects.get(name=group_name))
        return person

    return make


def rows(response):
    return BeautifulSoup(response.content, "html.parser").select("table.listing tbody tr")


def session_form(lab, theme=None, **changes):
    starts = timezone.localtime(timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    data = {
        "title": "Ideas on social value",
        "lab": str(lab.pk),
        "theme": str(theme.pk) if theme else "",
        "starts_at": starts.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "vote_budget": "3",
    }
    return {**data, **changes}


def test_a_facilitator_creates_a_session_for_a_lab_with_one_of_its_themes(client, staff, lab_page_factory):
    lab = lab_page_factory()
    theme = lab.themes.first()
    client.force_login(staff(groups.FACILITATORS))

    response = client.post(SESSIONS + "new/", session_form(lab, theme))

    assert response.status_code == 302, response.content.decode()[:2000]
    session = LabSession.objects.get()
    assert (session.lab, session.theme, session.vote_budget) == (lab, theme, 3)
    assert len(session.join_code) == 6


def test_a_theme_from_another_lab_is_refused(client, staff, lab_page_factory):
    lab, other = lab_page_factory(), lab_page_factory()
    client.force_login(staff(groups.EDITORS))

    response = client.post(SESSIONS + "new/", session_form(lab, other.themes.first()))

    assert response.status_code == 200
    assert "Choose one of this lab&#x27;s themes" in response.content.decode()
    assert not LabSession.objects.exists()


def test_a_session_must_end_after_it_starts(client, staff, lab_page_factory):
    lab = lab_page_factory()
    client.force_login(staff(groups.FACILITATORS))
    data = session_form(lab)
    data["ends_at"] = data["starts_at"]

    response = client.post(SESSIONS + "new/", data)

    assert "The session must end after it starts" in response.content.decode()
    assert not LabSession.objects.exists()


def test_the_join_code_is_shown_but_cannot_be_changed(client, staff, lab_session_factory):
    session = lab_session_factory()
    code = session.join_code
    client.force_login(staff(groups.FACILITATORS))

    edit = client.get(f"{SESSIONS}edit/{session.pk}/")
    listing = client.get(SESSIONS)
    client.post(
        f"{SESSIONS}edit/{session.pk}/",
        {**session_form(session.lab, title="Renamed"), "join_code": "HACKED"},
    )

    assert code in edit.content.decode()
    assert 'name="join_code"' not in edit.content.decode()
    assert code in listing.content.decode()
    session.refresh_from_db()
    assert session.title == "Renamed"
    assert session.join_code == code


def test_the_dot_budget_is_fixed_once_the_room_has_been_used(client, staff, lab_session_factory):
    unused, used = lab_session_factory(vote_budget=3), lab_session_factory(vote_budget=3)
    LabSession.objects.filter(pk=used.pk).update(last_seq=4)
    client.force_login(staff(groups.FACILITATORS))

    client.post(f"{SESSIONS}edit/{unused.pk}/", session_form(unused.lab, vote_budget="5"))
    refused = client.post(f"{SESSIONS}edit/{used.pk}/", session_form(used.lab, vote_budget="1"))

    unused.refresh_from_db()
    used.refresh_from_db()
    assert unused.vote_budget == 5
    assert used.vote_budget == 3
    assert "The dot budget cannot change once the session" in refused.content.decode()


def test_a_moderator_cannot_manage_sessions(client, staff, lab_session_factory):
    lab_session_factory()
    client.force_login(staff(groups.MODERATORS))

    assert client.get(SESSIONS).status_code in (302, 403)
    assert client.get(SESSIONS + "new/").status_code in (302, 403)


def test_delete_is_offered_only_for_a_session_whose_room_is_unused(client, staff, lab_session_factory):
    unused = lab_session_factory()
    used = lab_session_factory()
    LabSession.objects.filter(pk=used.pk).update(stage="ideas", last_seq=3)
    client.force_login(staff(groups.FACILITATORS))

    listing = client.get(SESSIONS).content.decode()
    edit_used = client.get(f"{SESSIONS}edit/{used.pk}/").content.decode()
    edit_unused = client.get(f"{SESSIONS}edit/{unused.pk}/").content.decode()
    refused = client.get(f"{SESSIONS}delete/{used.pk}/")

    assert f"{SESSIONS}delete/{unused.pk}/" in listing
    assert f"{SESSIONS}delete/{used.pk}/" not in listing
    assert f"{SESSIONS}delete/{unused.pk}/" in edit_unused
    assert f"{SESSIONS}delete/{used.pk}/" not in edit_used
    assert refused.status_code in (302, 403)


# --- Registrations ---------------------------------------------------------------------------------


@pytest.fixture
def two_labs(lab_page_factory, registration_factory, profile_factory, organisation_factory):
    first = lab_page_factory(title="First lab")
    second = lab_page_factory(title="Second lab")
    provider = profile_factory(
        provider=True, display_name="Priya", organisation=organisation_factory(name="Bright Care")
    )
    registration_factory(
        lab=first,
        person=provider.user,
        organisation=provider.organisation,
        access_needs="Hearing loop, please",
        theme_preference=first.themes.first(),
    )
    registration_factory(lab=first, status=Registration.Status.WAITING)
    registration_factory(lab=second, status=Registration.Status.CANCELLED)
    return first, second


def test_facilitators_see_every_registration_and_filter_by_lab_and_status(client, staff, two_labs):
    first, second = two_labs
    client.force_login(staff(groups.FACILITATORS))

    everything = client.get(REGISTRATIONS)
    first_lab = client.get(REGISTRATIONS, {"lab": first.pk})
    waiting = client.get(REGISTRATIONS, {"lab": first.pk, "status": "waiting"})

    assert everything.status_code == 200
    assert len(rows(everything)) == 3
    assert len(rows(first_lab)) == 2
    assert len(rows(waiting)) == 1
    assert "Bright Care" in first_lab.content.decode()


def test_commissioners_export_registrations_as_csv(client, staff, two_labs):
    first, _second = two_labs
    client.force_login(staff(groups.COMMISSIONERS))

    response = client.get(REGISTRATIONS, {"lab": first.pk, "export": "csv"})

    assert response.status_code == 200
    assert "lab-registrations.csv" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    table = list(csv.DictReader(io.StringIO(content)))
    assert len(table) == 2
    priya = next(row for row in table if row["Name"] == "Priya")
    assert priya["Lab"] == "First lab"
    assert priya["Organisation"] == "Bright Care"
    assert priya["Status"] == "Place confirmed"
    assert priya["Access needs"] == "Hearing loop, please"
    assert priya["Theme preference"] == "Social value"
    assert priya["Speaks as"] == "Care provider"


def test_facilitators_export_registrations_as_xlsx(client, staff, two_labs):
    client.force_login(staff(groups.FACILITATORS))

    response = client.get(REGISTRATIONS, {"status": "waiting", "export": "xlsx"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    values = list(sheet.values)
    assert values[0][:3] == ("Lab", "Quarter", "Name")
    assert len(values) == 2
    assert values[1][6] == "On the waiting list"


def test_staff_cannot_add_or_edit_registrations_in_the_admin(client, staff, two_labs):
    client.force_login(staff(groups.EDITORS))
    registration = Registration.objects.first()

    assert client.get(REGISTRATIONS + "new/").status_code in (302, 403)
    assert client.get(f"{REGISTRATIONS}edit/{registration.pk}/").status_code in (302, 403)


def test_people_who_are_not_staff_cannot_see_registrations(client, two_labs, profile_factory):
    provider = profile_factory(provider=True).user
    client.force_login(provider)

    listing = client.get(REGISTRATIONS)
    export = client.get(REGISTRATIONS, {"export": "csv"})

    assert listing.status_code in (302, 403)
    assert export.status_code in (302, 403)
    assert b"Hearing loop" not in listing.content + export.content


def test_someone_with_admin_access_but_no_staff_group_cannot_see_registrations(client, two_labs, user_factory):
    from django.contrib.auth.models import Permission

    person = user_factory()
    person.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(person)

    response = client.get(REGISTRATIONS, {"export": "csv"})

    assert response.status_code in (302, 403)
    assert b"Hearing loop" not in response.content


def test_the_registrations_list_offers_both_downloads(client, staff, two_labs):
    client.force_login(staff(groups.COMMISSIONERS))

    html = client.get(REGISTRATIONS).content.decode()

    assert "export=csv" in html
    assert "export=xlsx" in html

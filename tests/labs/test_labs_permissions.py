"""Who may do what with Innovation Labs: every role against every action of docs/permissions.md's
labs rows, through the real pages and admin screens, and the rules checked directly.

The decisions behind the cells: registrations (emails, access needs) are for Facilitators and
Commissioners only; Facilitators and Editors add and edit sessions and may delete one only while
its room is unused; a used session, the record of what people said, is deleted by a superuser
alone; the organisation's rung is recorded from the "You said, we did" publish screen, which only
Commissioners reach.
"""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import LadderRating
from labs.models import LabSession, Registration, Stage
from people import groups
from tests.engagement.moderation_factories import ResponseThemeFactory, person_in
from tests.labs.test_admin_labs import session_form

pytestmark = pytest.mark.django_db

ROLES = {
    "resident": groups.RESIDENTS,
    "provider": groups.PROVIDERS,
    "editor": groups.EDITORS,
    "moderator": groups.MODERATORS,
    "commissioner": groups.COMMISSIONERS,
    "facilitator": groups.FACILITATORS,
}
EVERYONE = set(ROLES)
STAFF = {"editor", "moderator", "commissioner", "facilitator"}

#: The table in docs/permissions.md, row by row: who may (superusers may do all of it).
MAY = {
    "register": EVERYONE,
    "join_with_a_place": EVERYONE,
    "join_without_a_place": STAFF,
    "facilitate": {"facilitator"},
    "list_registrations": {"facilitator", "commissioner"},
    "export_registrations": {"facilitator", "commissioner"},
    "inspect_registration": {"facilitator", "commissioner"},
    "add_session": {"editor", "facilitator"},
    "edit_session": {"editor", "facilitator"},
    "delete_unused_session": {"editor", "facilitator"},
    "delete_used_session": set(),
    "publish_record": {"editor", "facilitator"},
    "preview_record": STAFF,
    "record_organisation_rung": {"commissioner"},
}

SESSIONS = "/admin/labs/sessions/"
REGISTRATIONS = "/admin/labs/registrations/"
REGISTERED_EMAIL = "registered.person@example.org"
ACCESS_NEEDS = "A hearing loop, please"


def route(session, name):
    lab = session.lab
    return lab.url + lab.reverse_subpage(name, args=(session.pk,))


def content(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def refused(response) -> bool:
    """Wagtail sends people without admin access to sign in and staff without the permission back to
    the dashboard (302), or answers 403; pages outside the admin answer 403 or 404."""
    if response.status_code == 302:
        return response["Location"].split("?")[0] in {"/admin/", "/admin/login/", "/accounts/login/"}
    return response.status_code in {403, 404}


@pytest.fixture
def registration(registration_factory, user_factory):
    person = user_factory(email=REGISTERED_EMAIL)
    return registration_factory(person=person, access_needs=ACCESS_NEEDS)


def used(session):
    """A session whose room has been used: moved on from welcome, events in its log."""
    LabSession.objects.filter(pk=session.pk).update(stage=Stage.IDEAS, last_seq=7)
    session.refresh_from_db()
    return session


def closed(session):
    LabSession.objects.filter(pk=session.pk).update(stage=Stage.CLOSED, closed_at=timezone.now())
    session.refresh_from_db()
    return session


def attempt(client, person, action, lab_session_factory, registration):
    """Perform ``action`` as ``person`` through the real endpoint; True when it took effect."""
    if action == "register":
        lab = registration.lab
        response = client.post(lab.url + "register/", {"organisation_name": "Riverside Care"})
        return response.status_code == 303 and Registration.objects.filter(lab=lab, person=person).exists()
    if action in ("join_with_a_place", "join_without_a_place"):
        session = lab_session_factory(lab=registration.lab)
        if action == "join_with_a_place":
            Registration.objects.create(lab=session.lab, person=person, status=Registration.Status.CONFIRMED)
        response = client.get(route(session, "live"))
        assert response.status_code == 200 or refused(response)
        return response.status_code == 200
    if action == "facilitate":
        response = client.get(route(lab_session_factory(), "present"))
        assert response.status_code == 200 or refused(response)
        return response.status_code == 200
    if action in ("list_registrations", "export_registrations", "inspect_registration"):
        url = {
            "list_registrations": REGISTRATIONS,
            "export_registrations": REGISTRATIONS + "?export=csv",
            "inspect_registration": f"{REGISTRATIONS}inspect/{registration.pk}/",
        }[action]
        response = client.get(url)
        if response.status_code != 200:
            assert refused(response)
            assert ACCESS_NEEDS not in response.content.decode()
            return False
        text = content(response)
        if action == "export_registrations":
            [row] = list(csv.DictReader(io.StringIO(text)))
            return row["Email"] == REGISTERED_EMAIL and row["Access needs"] == ACCESS_NEEDS
        return (REGISTERED_EMAIL if action == "list_registrations" else ACCESS_NEEDS) in text
    if action == "add_session":
        before = LabSession.objects.count()
        response = client.post(SESSIONS + "new/", session_form(registration.lab))
        assert response.status_code == 302
        return LabSession.objects.count() == before + 1
    if action == "edit_session":
        session = lab_session_factory()
        response = client.post(f"{SESSIONS}edit/{session.pk}/", session_form(session.lab, title="Renamed"))
        assert response.status_code == 302
        session.refresh_from_db()
        return session.title == "Renamed"
    if action in ("delete_unused_session", "delete_used_session"):
        session = lab_session_factory()
        if action == "delete_used_session":
            used(session)
        response = client.post(f"{SESSIONS}delete/{session.pk}/")
        gone = not LabSession.objects.filter(pk=session.pk).exists()
        assert gone or refused(response)
        return gone
    if action == "publish_record":
        session = closed(lab_session_factory())
        client.post(route(session, "publish_record"))
        session.refresh_from_db()
        return session.record_published_at is not None
    if action == "preview_record":
        response = client.get(route(closed(lab_session_factory()), "record"))
        assert response.status_code == 200 or refused(response)
        return response.status_code == 200
    if action == "record_organisation_rung":
        answer = ResponseThemeFactory().response
        response = client.post(reverse("consultation_responses:publish", args=[answer.pk]))
        assert response.status_code == 302
        ratings = LadderRating.objects.filter(
            page=answer.consultation, perspective=LadderRating.Perspective.ORGANISATION
        )
        return ratings.filter(author=person, rung=answer.organisation_rung).exists()
    raise AssertionError(f"no such action: {action}")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", MAY)
def test_each_role_may_do_exactly_what_the_table_says(
    client, role, action, lab_session_factory, registration, django_capture_on_commit_callbacks
):
    person = person_in(ROLES[role])
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        took_effect = attempt(client, person, action, lab_session_factory, registration)

    assert took_effect is (role in MAY[action])


@pytest.mark.parametrize("action", MAY)
def test_a_superuser_may_do_everything(
    client, admin_user, action, lab_session_factory, registration, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        assert attempt(client, admin_user, action, lab_session_factory, registration)


@pytest.mark.parametrize("role", ROLES)
def test_the_rules_match_the_table(role, lab_session_factory, registration):
    person = person_in(ROLES[role])
    unused = lab_session_factory()
    used_session = used(lab_session_factory())

    assert person.has_perm("labs.register", registration.lab) is (role in MAY["register"])
    assert person.has_perm("labs.join_session", unused) is (role in MAY["join_without_a_place"])
    assert person.has_perm("labs.facilitate_session", unused) is (role in MAY["facilitate"])
    assert person.has_perm("labs.view_registrations") is (role in MAY["list_registrations"])
    assert person.has_perm("labs.change_session") is (role in MAY["edit_session"])
    assert person.has_perm("labs.delete_session", unused) is (role in MAY["delete_unused_session"])
    assert person.has_perm("labs.delete_session", used_session) is (role in MAY["delete_used_session"])
    assert person.has_perm("labs.preview_record", unused) is (role in MAY["preview_record"])
    assert person.has_perm("labs.publish_record", unused) is (role in MAY["publish_record"])
    assert person.has_perm("engagement.add_organisation_rating") is (role in MAY["record_organisation_rung"])


def test_signed_out_people_reach_none_of_it(client, registration, lab_session_factory):
    session = lab_session_factory(lab=registration.lab)

    assert client.get(registration.lab.url + "register/")["Location"].startswith("/accounts/login/")
    assert client.get(route(session, "live"))["Location"].startswith("/accounts/login/")
    assert refused(client.get(REGISTRATIONS + "?export=csv"))
    assert refused(client.post(f"{SESSIONS}delete/{session.pk}/"))
    assert LabSession.objects.filter(pk=session.pk).exists()

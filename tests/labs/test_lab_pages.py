"""The lab page (when, where, themes, agenda, places, your registration, live sessions and their
records) and the /labs/ index listing labs with their quarter, date and format."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone

from labs.models import LabPage, Registration
from people import groups

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    return " ".join(soup(response).get_text(" ").split())


@pytest.fixture
def lab(lab_page_factory):
    return lab_page_factory(
        title="Winter lab",
        quarter="Q1 2027",
        capacity=3,
        agenda="<h3>Morning</h3><ul><li>Welcome and ideas</li></ul>",
        themes=["Social value", "Technology-enabled care", "Care closer to home"],
    )


@pytest.fixture
def resident(profile_factory):
    return profile_factory().user


def test_the_lab_page_shows_when_where_format_themes_agenda_and_places_left(client, lab, registration_factory):
    registration_factory(lab=lab)
    registration_factory(lab=lab, status=Registration.Status.CANCELLED)

    response = client.get(lab.url)

    assert response.status_code == 200
    text = text_of(response)
    assert "Innovation Lab, Q1 2027" in text
    assert timezone.localtime(lab.starts_at).strftime("%-d %B %Y") in text
    assert "Hybrid (in person and online)" in text
    assert "Town Hall, Committee Room 2" in text
    assert "Social value" in text and "Technology-enabled care" in text and "Care closer to home" in text
    assert "Welcome and ideas" in text
    assert "3 in all; 2 left" in text
    assert soup(response).find("a", string="Add this lab to your calendar (.ics file)")["href"] == lab.url + "calendar/"


def test_someone_not_signed_in_is_invited_to_sign_in_to_register(client, lab):
    page = soup(client.get(lab.url))

    link = page.find("a", string="Sign in to register")
    assert link["href"].startswith("/accounts/login/?next=")
    assert page.find("a", string="Register for this lab") is None


def test_a_signed_in_person_without_a_place_gets_the_register_button(client, lab, resident):
    client.force_login(resident)

    link = soup(client.get(lab.url)).find("a", string="Register for this lab")

    assert link["href"] == lab.url + "register/"


def test_a_full_lab_offers_the_waiting_list(client, lab_page_factory, registration_factory, resident):
    full = lab_page_factory(capacity=1)
    registration_factory(lab=full)
    client.force_login(resident)

    response = client.get(full.url)

    assert "none left (you can join the waiting list)" in text_of(response)
    assert soup(response).find("a", string="Join the waiting list") is not None


def test_a_person_with_a_place_sees_it_with_a_cancel_button(client, lab, resident, registration_factory):
    registration_factory(lab=lab, person=resident)
    client.force_login(resident)

    page = soup(client.get(lab.url))

    assert "You have a place at this lab." in page.get_text()
    form = page.find("button", string="Cancel my place").find_parent("form")
    assert form["action"] == lab.url + "register/cancel/"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None


def test_a_person_waiting_sees_their_place_in_the_queue(client, lab, resident, registration_factory):
    registration_factory(lab=lab, status=Registration.Status.WAITING)
    registration_factory(lab=lab, person=resident, status=Registration.Status.WAITING)
    client.force_login(resident)

    response = client.get(lab.url)

    assert "You are on the waiting list (number 2)." in text_of(response)
    assert soup(response).find("button", string="Leave the waiting list") is not None


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (timedelta(days=2), timedelta(days=3), "Registration for this lab opens on"),
        (-timedelta(days=3), -timedelta(days=1), "Registration for this lab closed on"),
    ],
)
def test_the_page_says_when_registration_is_not_open(client, lab_page_factory, resident, opens, closes, message):
    now = timezone.now()
    lab = lab_page_factory(registration_opens_at=now + opens, registration_closes_at=now + closes)
    client.force_login(resident)

    response = client.get(lab.url)

    assert message in text_of(response)
    assert soup(response).find("a", string="Register for this lab") is None


def test_people_with_a_place_get_a_link_into_each_live_session(
    client, lab, resident, registration_factory, lab_session_factory
):
    first = lab_session_factory(lab=lab, title="Morning session")
    second = lab_session_factory(lab=lab, title="Afternoon session", theme=lab.themes.first())
    registration_factory(lab=lab, person=resident)
    client.force_login(resident)

    page = soup(client.get(lab.url))

    links = [a["href"] for a in page.find_all("a") if a.get_text(" ", strip=True).startswith("Join the live session")]
    assert links == [f"{lab.url}sessions/{first.pk}/live/", f"{lab.url}sessions/{second.pk}/live/"]
    assert "Theme: Social value" in page.get_text()


def test_people_without_a_place_see_the_sessions_but_no_link_into_them(
    client, lab, resident, registration_factory, lab_session_factory
):
    lab_session_factory(lab=lab, title="Morning session")
    registration_factory(lab=lab, person=resident, status=Registration.Status.WAITING)
    client.force_login(resident)

    page = soup(client.get(lab.url))

    assert "Morning session" in page.get_text()
    assert "Join the live session" not in page.get_text()


def test_staff_get_a_link_into_each_live_session_without_registering(client, lab, user_factory, lab_session_factory):
    session = lab_session_factory(lab=lab)
    facilitator = user_factory()
    facilitator.groups.add(Group.objects.get(name=groups.FACILITATORS))
    client.force_login(facilitator)

    page = soup(client.get(lab.url))

    assert page.find("a", href=f"{lab.url}sessions/{session.pk}/live/") is not None


def test_a_published_record_is_linked_from_the_lab_and_an_unpublished_one_is_not(client, lab, lab_session_factory):
    published = lab_session_factory(lab=lab, title="Done", record_published_at=timezone.now())
    draft = lab_session_factory(lab=lab, title="Not yet")

    page = soup(client.get(lab.url))

    assert page.find("a", href=f"{lab.url}sessions/{published.pk}/record/") is not None
    assert page.find("a", href=f"{lab.url}sessions/{draft.pk}/record/") is None


# --- The /labs/ index ---------------------------------------------------------------------------


def test_the_index_lists_upcoming_labs_soonest_first_then_past_labs_with_quarter_date_and_format(
    client, lab_page_factory
):
    now = timezone.now()
    later = lab_page_factory(title="Later lab", quarter="Q2 2027", starts_at=now + timedelta(days=60))
    sooner = lab_page_factory(
        title="Sooner lab", quarter="Q1 2027", starts_at=now + timedelta(days=10), format=LabPage.Format.ONLINE
    )
    past = lab_page_factory(
        title="Past lab",
        quarter="Q3 2026",
        starts_at=now - timedelta(days=90),
        registration_opens_at=now - timedelta(days=120),
    )

    response = client.get(sooner.get_parent().url)

    assert response.status_code == 200
    page = soup(response)
    headings = [h.get_text(strip=True) for h in page.select("h2, h3")]
    coming, past_heading = headings.index("Coming up"), headings.index("Past labs")
    assert headings[coming + 1 : coming + 3] == ["Sooner lab", "Later lab"]
    assert headings[past_heading + 1] == "Past lab"
    text = text_of(response)
    assert "Q1 2027" in text and "Q2 2027" in text and "Q3 2026" in text
    assert "Online." in text
    assert timezone.localtime(later.starts_at).strftime("%-d %B %Y") in text
    assert past.title in text


def test_the_index_says_so_when_there_are_no_labs(client):
    from tests.labs.factories import lab_index

    index = lab_index()

    response = client.get(index.url)

    assert "There are no Innovation Labs planned yet." in text_of(response)

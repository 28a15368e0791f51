"""Taking a place by a session's code follows the rules of registering: the registration window,
an organisation for providers, capacity and the waiting list. And every error summary on the
registration and join pages links to something on the page."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from labs import registrations
from labs.models import Registration

pytestmark = pytest.mark.django_db


def join_url(session):
    index = session.lab.get_parent().specific
    return index.url + index.reverse_subpage("join")


def room_url(session):
    lab = session.lab
    return lab.url + lab.reverse_subpage("live", args=(session.pk,))


def take_a_place(client, session, **fields):
    return client.post(join_url(session), {"code": session.join_code, "register": "yes", **fields})


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def error_summary(response):
    summary = soup(response).select_one(".nhsuk-error-summary")
    return [item.get_text(" ", strip=True) for item in summary.select("li")] if summary else []


def assert_every_error_link_lands_on_the_page(response):
    page = soup(response)
    links = page.select(".nhsuk-error-summary a[href]")
    assert links, "expected an error summary with links"
    for link in links:
        target = link["href"]
        assert target.startswith("#"), target
        assert page.find(id=target[1:]) is not None, f"{target} is not on the page"


@pytest.fixture
def session(lab_session_factory):
    return lab_session_factory()


@pytest.fixture
def resident(profile_factory):
    return profile_factory().user


def change_lab(session, **fields):
    lab = session.lab
    for name, value in fields.items():
        setattr(lab, name, value)
    lab.save()
    return lab


# --- The registration window --------------------------------------------------------------------


def test_after_registration_closed_the_code_gives_no_place(client, session, resident):
    change_lab(session, registration_closes_at=timezone.now() - timedelta(minutes=1))
    client.force_login(resident)

    offer = client.get(join_url(session), {"code": session.join_code})
    response = take_a_place(client, session)

    assert offer.status_code == 403
    assert "Registration for this lab closed on" in offer.content.decode()
    assert "Register and join" not in offer.content.decode()
    assert response.status_code == 403
    assert not Registration.objects.filter(person=resident).exists()
    assert client.get(room_url(session)).status_code == 403


def test_before_registration_opens_the_code_gives_no_place(client, session, resident):
    change_lab(session, registration_opens_at=timezone.now() + timedelta(days=1))
    client.force_login(resident)

    response = take_a_place(client, session)

    assert response.status_code == 403
    assert "Registration for this lab opens on" in response.content.decode()
    assert not Registration.objects.exists()


# --- The organisation ---------------------------------------------------------------------------


def test_a_provider_without_an_organisation_must_name_one_to_join(client, session, profile_factory):
    provider = profile_factory(provider=True, organisation=None).user
    client.force_login(provider)

    refused = take_a_place(client, session, organisation_name="  ")

    assert refused.status_code == 200
    assert error_summary(refused) == [registrations.ORGANISATION_REQUIRED]
    assert_every_error_link_lands_on_the_page(refused)
    assert not Registration.objects.filter(person=provider).exists()

    joined = take_a_place(client, session, organisation_name="Hillside Home Care")

    assert joined.status_code == 303
    assert joined["Location"].endswith(room_url(session))
    registration = Registration.objects.get(person=provider)
    assert registration.organisation.name == "Hillside Home Care"


def test_the_offer_is_the_registration_form_prefilled_from_the_profile(client, session, profile_factory):
    profile = profile_factory(provider=True)
    client.force_login(profile.user)

    offer = client.get(join_url(session), {"code": session.join_code})

    assert offer.status_code == 200
    field = soup(offer).select_one("input[name=organisation_name]")
    assert field["value"] == profile.organisation.name
    assert soup(offer).select_one("textarea[name=access_needs]") is not None


def test_taking_a_place_by_code_is_a_registration_with_its_email(client, session, resident):
    client.force_login(resident)

    response = take_a_place(client, session, access_needs="Step-free access")

    assert response.status_code == 303
    registration = Registration.objects.get(person=resident)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.access_needs == "Step-free access"
    assert [email.to for email in mail.outbox] == [[resident.email]]


# --- Capacity and the waiting list --------------------------------------------------------------


def test_someone_on_the_waiting_list_does_not_jump_it_by_code(client, session, resident, registration_factory):
    change_lab(session, capacity=1)
    registration_factory(lab=session.lab)
    waiting = registration_factory(lab=session.lab, person=resident, status=Registration.Status.WAITING)
    change_lab(session, capacity=2)  # a place is free, but it is not offered to them here first
    client.force_login(resident)

    response = take_a_place(client, session)

    assert response.status_code == 409
    assert "You are on the waiting list" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITING
    assert client.get(room_url(session)).status_code == 403


def test_a_full_lab_puts_nobody_in_the_room_or_on_the_list_by_code(client, session, resident, registration_factory):
    change_lab(session, capacity=1)
    registration_factory(lab=session.lab)
    client.force_login(resident)

    response = take_a_place(client, session)

    assert response.status_code == 409
    assert registrations.LAB_FULL in response.content.decode()
    assert not Registration.objects.filter(person=resident).exists()


def test_the_service_gives_a_place_or_nothing_when_asked_to(lab_page_factory, registration_factory, resident):
    lab = lab_page_factory(capacity=1)
    registration_factory(lab=lab)

    with pytest.raises(registrations.RegistrationRefused) as refusal:
        registrations.register(lab, resident, waiting_list=False, send_email=False)

    assert refusal.value.message == registrations.LAB_FULL
    assert not Registration.objects.filter(person=resident).exists()


# --- Error summaries that link to the page ------------------------------------------------------


@pytest.mark.parametrize("status", [Registration.Status.CONFIRMED, Registration.Status.WAITING])
def test_registering_twice_links_the_error_to_what_you_already_hold(client, lab_page_factory, resident, status):
    lab = lab_page_factory()
    Registration.objects.create(lab=lab, person=resident, status=status)
    client.force_login(resident)

    response = client.post(lab.url + "register/", {})

    assert response.status_code == 409
    assert_every_error_link_lands_on_the_page(response)


def test_a_registration_refused_after_it_closed_links_to_its_message(client, lab_page_factory, resident):
    lab = lab_page_factory(registration_closes_at=timezone.now() - timedelta(minutes=1))
    client.force_login(resident)

    response = client.post(lab.url + "register/", {})

    assert response.status_code == 403
    assert_every_error_link_lands_on_the_page(response)

"""Registering and cancelling through the lab page's routes: the form, bad input (clear message,
text kept, nothing stored twice), the waiting list, cancelling, and the lab's .ics file."""

from datetime import timedelta

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from labs import registrations
from labs.models import Registration

pytestmark = pytest.mark.django_db


def register_url(lab):
    return lab.url + "register/"


def cancel_url(lab):
    return lab.url + "register/cancel/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def error_summary(response):
    summary = soup(response).select_one(".nhsuk-error-summary")
    return [item.get_text(" ", strip=True) for item in summary.select("li")] if summary else []


@pytest.fixture
def lab(lab_page_factory):
    return lab_page_factory(themes=["Social value", "Technology-enabled care"])


@pytest.fixture
def provider(profile_factory, organisation_factory):
    return profile_factory(provider=True, organisation=organisation_factory(name="Riverside Care")).user


@pytest.fixture
def resident(profile_factory):
    return profile_factory().user


def test_someone_not_signed_in_is_sent_to_sign_in_and_back(client, lab):
    response = client.get(register_url(lab))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert "register" in response["Location"]


def test_the_form_is_prefilled_with_the_providers_organisation_and_offers_the_labs_themes(client, lab, provider):
    client.force_login(provider)

    response = client.get(register_url(lab))

    page = soup(response)
    assert response.status_code == 200
    assert page.select_one("input[name=organisation_name]")["value"] == "Riverside Care"
    labels = [label.get_text(strip=True) for label in page.select(".nhsuk-radios__label")]
    assert labels == ["Social value", "Technology-enabled care", "No preference"]
    assert page.select_one("textarea[name=access_needs]") is not None


def test_registering_confirms_a_place_redirects_to_the_lab_with_a_message_and_emails_the_calendar(
    client, lab, provider
):
    client.force_login(provider)
    theme = lab.themes.get(name="Technology-enabled care")

    response = client.post(
        register_url(lab),
        {"organisation_name": "Riverside Care", "access_needs": "A hearing loop", "theme": str(theme.pk)},
    )

    assert response.status_code == 303
    assert response["Location"] == lab.url
    registration = Registration.objects.get(lab=lab, person=provider)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.theme_preference == theme
    assert registration.access_needs == "A hearing loop"
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments
    page = client.get(response["Location"])
    assert "Your place is confirmed" in page.content.decode()


def test_a_provider_without_an_organisation_gets_an_error_and_keeps_what_they_typed(client, lab, provider):
    client.force_login(provider)

    response = client.post(register_url(lab), {"organisation_name": "", "access_needs": "Large print, please"})

    assert response.status_code == 200
    assert error_summary(response) == [registrations.ORGANISATION_REQUIRED]
    page = soup(response)
    assert page.select_one("textarea[name=access_needs]").get_text().strip() == "Large print, please"
    assert page.select_one("#id_organisation_name-error") is not None
    assert page.title.get_text().startswith("Error:")
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_a_resident_may_register_without_an_organisation(client, lab, resident):
    client.force_login(resident)

    response = client.post(register_url(lab), {"organisation_name": "", "theme": ""})

    assert response.status_code == 303
    assert Registration.objects.get(person=resident).organisation is None


def test_a_theme_that_is_not_this_labs_is_refused_with_the_text_kept(client, lab, lab_page_factory, resident):
    other = lab_page_factory()
    client.force_login(resident)

    response = client.post(
        register_url(lab), {"access_needs": "Wheelchair space", "theme": str(other.themes.first().pk)}
    )

    assert response.status_code == 200
    assert error_summary(response) == [registrations.THEME_NOT_IN_LAB]
    assert soup(response).select_one("textarea[name=access_needs]").get_text().strip() == "Wheelchair space"
    assert not Registration.objects.exists()


def test_access_needs_over_the_limit_are_refused_and_kept(client, lab, resident):
    client.force_login(resident)
    text = "x" * 1001

    response = client.post(register_url(lab), {"access_needs": text})

    assert "1,000 characters or fewer" in error_summary(response)[0]
    assert soup(response).select_one("textarea[name=access_needs]").get_text().strip() == text


def test_registering_twice_says_you_already_have_a_place_and_stores_nothing_twice(client, lab, resident):
    client.force_login(resident)
    client.post(register_url(lab), {})

    again = client.post(register_url(lab), {"access_needs": "Typed again"})

    assert again.status_code == 409
    assert error_summary(again) == [registrations.ALREADY_CONFIRMED]
    assert Registration.objects.filter(person=resident).count() == 1
    assert len(mail.outbox) == 1
    form_again = client.get(register_url(lab))
    assert "You already have a place at this lab." in form_again.content.decode()
    assert soup(form_again).select_one("form textarea") is None


def test_a_full_lab_puts_you_on_the_waiting_list_with_a_clear_message(
    client, lab_page_factory, registration_factory, resident
):
    lab = lab_page_factory(capacity=1)
    registration_factory(lab=lab)
    client.force_login(resident)

    form = client.get(register_url(lab))
    response = client.post(register_url(lab), {}, follow=True)

    assert "This lab is full" in form.content.decode()
    assert "Join the waiting list" in form.content.decode()
    assert "you are on the waiting list (number 1)" in response.content.decode()
    assert Registration.objects.get(person=resident).status == Registration.Status.WAITING
    assert "waiting list" in mail.outbox[0].subject


def test_registering_twice_from_the_waiting_list_says_you_are_on_it(
    client, lab_page_factory, registration_factory, resident
):
    lab = lab_page_factory(capacity=1)
    registration_factory(lab=lab)
    client.force_login(resident)
    client.post(register_url(lab), {})

    again = client.post(register_url(lab), {})

    assert error_summary(again) == [registrations.ALREADY_WAITING]
    assert Registration.objects.filter(person=resident).count() == 1


def test_registering_after_registration_closed_is_refused_with_the_text_kept(client, lab_page_factory, resident):
    now = timezone.now()
    lab = lab_page_factory(
        registration_opens_at=now - timedelta(days=5), registration_closes_at=now - timedelta(days=1)
    )
    client.force_login(resident)

    form = client.get(register_url(lab))
    response = client.post(register_url(lab), {"access_needs": "Quiet room"})

    assert "Registration for this lab closed on" in form.content.decode()
    assert soup(form).select_one("form textarea") is None
    assert response.status_code == 403
    assert error_summary(response)[0].startswith("Registration for this lab closed on")
    assert soup(response).select_one("textarea[name=access_needs]").get_text().strip() == "Quiet room"
    assert not Registration.objects.exists()


def test_registering_before_registration_opens_is_refused(client, lab_page_factory, resident):
    now = timezone.now()
    lab = lab_page_factory(registration_opens_at=now + timedelta(days=1))
    client.force_login(resident)

    response = client.post(register_url(lab), {})

    assert error_summary(response)[0].startswith("Registration for this lab opens on")
    assert not Registration.objects.exists()


def test_the_form_needs_a_csrf_token(lab, resident):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(resident)

    assert strict.post(register_url(lab), {}).status_code == 403
    assert not Registration.objects.exists()


def test_cancelling_asks_first_then_frees_the_place_for_the_first_person_waiting(
    client, lab_page_factory, profile_factory, resident
):
    lab = lab_page_factory(capacity=1)
    registrations.register(lab, resident, send_email=False)
    waiting = profile_factory().user
    registrations.register(lab, waiting, send_email=False)
    client.force_login(resident)

    question = client.get(cancel_url(lab))
    response = client.post(cancel_url(lab))

    assert "Cancel your place?" in question.content.decode()
    assert response.status_code == 303
    assert Registration.objects.get(person=resident).status == Registration.Status.CANCELLED
    assert Registration.objects.get(person=waiting).status == Registration.Status.CONFIRMED
    assert [email.to for email in mail.outbox] == [[waiting.email]]
    assert "Your place is cancelled" in client.get(lab.url).content.decode()


def test_cancelling_without_a_registration_says_there_is_nothing_to_cancel(client, lab, resident):
    client.force_login(resident)

    response = client.post(cancel_url(lab))

    assert response.status_code == 409
    assert registrations.NOTHING_TO_CANCEL in response.content.decode()
    assert not Registration.objects.exists()


def test_cancelling_is_only_for_people_signed_in(client, lab):
    response = client.post(cancel_url(lab))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_lab_is_offered_as_an_ics_file(client, lab):
    response = client.get(lab.url + "calendar/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{lab.slug}.ics"' in response["Content-Disposition"]
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["url"]) == f"http://testserver{lab.url}"
    assert str(event["summary"]) == lab.title

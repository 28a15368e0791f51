"""Registration rules (labs.registrations): places, the waiting list, cancelling, the freed place
going to the first person waiting, emails with the calendar attachment, and the .ics text."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from labs import registrations
from labs.ics import ics_for
from labs.models import LabTheme, Registration
from labs.registrations import RegistrationRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(profile_factory):
    return profile_factory().user


@pytest.fixture
def provider(profile_factory):
    return profile_factory(provider=True).user


def test_a_person_gets_a_confirmed_place_and_an_email_with_the_lab_as_a_calendar_attachment(lab_page_factory, provider):
    lab = lab_page_factory(title="Spring lab, with themes")
    theme = lab.themes.first()

    outcome = registrations.register(
        lab, provider, organisation_name="Riverside Care", access_needs="Step-free access", theme=theme
    )

    registration = outcome.registration
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.organisation.name == "Riverside Care"
    assert registration.access_needs == "Step-free access"
    assert registration.theme_preference == theme
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [provider.email]
    assert "Your place at Spring lab, with themes is confirmed" in email.subject
    assert "Step-free access" in email.body
    ((filename, content, mimetype),) = email.attachments
    assert filename == f"{lab.slug}.ics"
    assert mimetype == "text/calendar"
    assert "SUMMARY:Spring lab\\, with themes\r\n" in content


def test_a_full_lab_puts_the_next_person_on_the_waiting_list_and_emails_them_without_an_attachment(
    lab_page_factory, registration_factory, resident
):
    lab = lab_page_factory(capacity=1)
    registration_factory(lab=lab)

    outcome = registrations.register(lab, resident)

    assert outcome.registration.status == Registration.Status.WAITING
    assert registrations.waiting_position(outcome.registration) == 1
    assert lab.places_taken() == 1
    (email,) = mail.outbox
    assert "waiting list" in email.subject
    assert "number 1" in email.body
    assert email.attachments == []


def test_registering_twice_is_refused_and_nothing_is_stored_twice(lab_page_factory, resident):
    lab = lab_page_factory()
    registrations.register(lab, resident)

    with pytest.raises(RegistrationRefused) as refused:
        registrations.register(lab, resident)

    assert refused.value.message == registrations.ALREADY_CONFIRMED
    assert Registration.objects.filter(lab=lab, person=resident).count() == 1
    assert len(mail.outbox) == 1


def test_registering_twice_from_the_waiting_list_says_you_are_already_waiting(
    lab_page_factory, registration_factory, resident
):
    lab = lab_page_factory(capacity=1)
    registration_factory(lab=lab)
    registrations.register(lab, resident)

    with pytest.raises(RegistrationRefused) as refused:
        registrations.register(lab, resident)

    assert refused.value.message == registrations.ALREADY_WAITING
    assert Registration.objects.filter(lab=lab).count() == 2


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [(timedelta(days=1), timedelta(days=2), "opens on"), (-timedelta(days=2), -timedelta(days=1), "closed on")],
)
def test_registering_outside_the_registration_window_is_refused(lab_page_factory, resident, opens, closes, expected):
    now = timezone.now()
    lab = lab_page_factory(registration_opens_at=now + opens, registration_closes_at=now + closes)

    with pytest.raises(RegistrationRefused) as refused:
        registrations.register(lab, resident)

    assert expected in refused.value.message
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_a_provider_must_name_their_organisation_but_a_resident_need_not(lab_page_factory, provider, resident):
    lab = lab_page_factory()

    with pytest.raises(RegistrationRefused) as refused:
        registrations.register(lab, provider, organisation_name="   ")
    registrations.register(lab, resident)

    assert refused.value.field == "organisation_name"
    assert list(Registration.objects.values_list("person", flat=True)) == [resident.pk]


def test_a_vcse_respondent_must_name_their_organisation_too(lab_page_factory, profile_factory):
    vcse = profile_factory(respondent_type="vcse").user

    with pytest.raises(RegistrationRefused):
        registrations.register(lab_page_factory(), vcse)


def test_a_theme_of_another_lab_is_refused(lab_page_factory, resident):
    lab, other = lab_page_factory(), lab_page_factory()
    foreign = other.themes.first()

    with pytest.raises(RegistrationRefused) as refused:
        registrations.register(lab, resident, theme=foreign)

    assert refused.value.field == "theme"
    assert not Registration.objects.exists()


def test_organisation_and_access_needs_are_stored_as_plain_text(lab_page_factory, provider):
    outcome = registrations.register(
        lab_page_factory(),
        provider,
        organisation_name="<b>Bright</b> Homes",
        access_needs="<script>alert(1)</script>Hearing loop",
    )

    assert outcome.registration.organisation.name == "Bright Homes"
    assert outcome.registration.access_needs == "Hearing loop"


def test_cancelling_gives_the_freed_place_to_the_first_person_waiting_and_emails_them(
    lab_page_factory, registration_factory, profile_factory, resident
):
    lab = lab_page_factory(capacity=1)
    registrations.register(lab, resident)
    first, second = profile_factory().user, profile_factory().user
    registrations.register(lab, first)
    registrations.register(lab, second)
    mail.outbox.clear()

    outcome = registrations.cancel(lab, resident)

    assert outcome.registration.status == Registration.Status.CANCELLED
    assert [r.person for r in outcome.promoted] == [first]
    statuses = dict(Registration.objects.filter(lab=lab).values_list("person", "status"))
    assert statuses == {resident.pk: "cancelled", first.pk: "confirmed", second.pk: "waiting"}
    (email,) = mail.outbox
    assert email.to == [first.email]
    assert "is now yours" in email.subject
    assert email.attachments[0][0].endswith(".ics")
    assert registrations.waiting_position(Registration.objects.get(person=second)) == 1


def test_leaving_the_waiting_list_frees_no_place_and_sends_no_email(lab_page_factory, registration_factory, resident):
    lab = lab_page_factory(capacity=1)
    holder = registration_factory(lab=lab)
    registrations.register(lab, resident)
    mail.outbox.clear()

    registrations.cancel(lab, resident)

    holder.refresh_from_db()
    assert holder.status == Registration.Status.CONFIRMED
    assert mail.outbox == []


def test_cancelling_without_a_registration_is_refused(lab_page_factory, resident, registration_factory):
    lab = lab_page_factory()
    registration_factory(lab=lab, person=resident, status=Registration.Status.CANCELLED)

    with pytest.raises(RegistrationRefused) as refused:
        registrations.cancel(lab, resident)

    assert refused.value.message == registrations.NOTHING_TO_CANCEL


def test_registering_again_after_cancelling_renews_the_same_registration_at_the_back_of_the_queue(
    lab_page_factory, profile_factory, resident
):
    lab = lab_page_factory(capacity=1)
    registrations.register(lab, resident)
    waiting = profile_factory().user
    registrations.register(lab, waiting)
    registrations.cancel(lab, resident)

    outcome = registrations.register(lab, resident)

    assert Registration.objects.filter(lab=lab, person=resident).count() == 1
    assert outcome.registration.status == Registration.Status.WAITING
    assert Registration.objects.get(person=waiting).status == Registration.Status.CONFIRMED


# --- iCalendar ----------------------------------------------------------------------------------


def test_the_ics_text_follows_rfc_5545(lab_page_factory):
    lab = lab_page_factory(
        title="Lab; with, punctuation",
        starts_at=datetime(2027, 1, 20, 10, 0, tzinfo=UTC),
        ends_at=datetime(2027, 1, 20, 13, 30, tzinfo=UTC),
        registration_opens_at=timezone.now() - timedelta(days=1),
        registration_closes_at=datetime(2027, 1, 19, tzinfo=UTC),
        place="Town Hall, Room 2",
        summary="A long summary, é and all. " * 12,
    )

    text = ics_for(
        lab,
        url="https://ladder.example.org/labs/x/",
        host="ladder.example.org",
        stamp=datetime(2026, 12, 1, tzinfo=UTC),
    )

    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["version"] == "2.0" and calendar["prodid"].startswith("-//Ladder//")
    [event] = calendar.walk("VEVENT")
    assert event["uid"] == f"lab-{lab.pk}@ladder.example.org"
    assert event.decoded("dtstamp") == datetime(2026, 12, 1, tzinfo=UTC)
    assert event.decoded("dtstart") == datetime(2027, 1, 20, 10, 0, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2027, 1, 20, 13, 30, tzinfo=UTC)
    assert str(event["summary"]) == "Lab; with, punctuation"
    assert str(event["location"]) == "Town Hall, Room 2 (or online)"
    assert str(event["url"]) == "https://ladder.example.org/labs/x/"
    description = str(event["description"])
    assert description.startswith("A long summary, é and all. A long summary")
    assert description.endswith("\nDetails and your registration: https://ladder.example.org/labs/x/")


def test_times_are_written_in_utc(lab_page_factory):
    from zoneinfo import ZoneInfo

    lab = lab_page_factory(starts_at=datetime(2027, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/London")))

    text = ics_for(lab)

    assert "DTSTART:20270701T090000Z" in text
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2027, 7, 1, 9, 0, tzinfo=UTC)


def test_theme_preference_may_be_given_as_an_id(lab_page_factory, resident):
    lab = lab_page_factory(themes=["Only theme"])
    theme = LabTheme.objects.get(lab=lab)

    outcome = registrations.register(lab, resident, theme=theme.pk)

    assert outcome.registration.theme_preference == theme


def test_publishing_a_lab_with_more_places_gives_them_to_the_people_waiting_longest(
    lab_page_factory, registration_factory, profile_factory
):
    lab = lab_page_factory(capacity=1)
    registration_factory(lab=lab)
    first, second, third = (profile_factory().user for _ in range(3))
    for person in (first, second, third):
        registrations.register(lab, person)
    mail.outbox.clear()

    lab.capacity = 3
    lab.save_revision().publish()

    statuses = dict(Registration.objects.filter(person__in=[first, second, third]).values_list("person", "status"))
    assert statuses == {first.pk: "confirmed", second.pk: "confirmed", third.pk: "waiting"}
    assert sorted(email.to[0] for email in mail.outbox) == sorted([first.email, second.email])
    assert all("is now yours" in email.subject for email in mail.outbox)


def test_publishing_a_full_lab_changes_nothing(lab_page_factory, registration_factory, resident):
    lab = lab_page_factory(capacity=1)
    registration_factory(lab=lab)
    registrations.register(lab, resident)
    mail.outbox.clear()

    lab.save_revision().publish()

    assert Registration.objects.get(person=resident).status == Registration.Status.WAITING
    assert mail.outbox == []

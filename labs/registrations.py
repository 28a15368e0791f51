"""Registration for Innovation Labs: a place, the waiting list and cancelling.

Views stay thin: they validate a form and call these functions, which check the rules again
(registration open, one registration per person, the theme belongs to the lab, an organisation
for providers and VCSE respondents), store the change in one transaction and send the emails.

- ``register``: a confirmed place while fewer than ``lab.capacity`` places are confirmed,
  otherwise a place on the waiting list. A cancelled registration is renewed, never duplicated.
  Joining a live session by its code (``labs.views.join``) registers through it too, so the code
  is a way into the room, never a way round these rules.
- ``cancel``: gives up a place or leaves the waiting list; a freed place goes at once to the first
  person waiting, who is emailed.

The lab's calendar file, attached to confirmation emails, is ``labs.ics``.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from engagement.text import clean_user_text
from labs.models import LabPage, LabTheme, Registration
from people.models import OrganisationType, RespondentType

ACTIVE = (Registration.Status.CONFIRMED, Registration.Status.WAITING)
ACCESS_NEEDS_MAX_LENGTH = 1000

ALREADY_CONFIRMED = "You already have a place at this lab."
ALREADY_WAITING = "You are already on the waiting list for this lab."
NOTHING_TO_CANCEL = (
    "You do not have a place at this lab, and you are not on its waiting list, so there is nothing to cancel."
)
THEME_NOT_IN_LAB = "Choose one of this lab's themes, or no preference"
ORGANISATION_REQUIRED = "Enter the name of the organisation you work for"
LAB_FULL = "There are no places left at this lab."


class RegistrationRefused(Exception):
    """A registration or cancellation that the rules do not allow; ``message`` says why in plain words.

    ``field`` names the form field the message belongs to ("" for the form as a whole).
    """

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


def _when(moment) -> str:
    """``Monday 7 December 2026 at 10:00``, in the site's time zone."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'l j F Y')} at {date_format(local, 'H:i')}"


def registration_window_message(lab: LabPage, moment=None) -> str:
    """Why registration is not open now ("" when it is)."""
    moment = moment or timezone.now()
    if moment < lab.registration_opens_at:
        return f"Registration for this lab opens on {_when(lab.registration_opens_at)}."
    if moment >= lab.registration_closes_at:
        return f"Registration for this lab closed on {_when(lab.registration_closes_at)}."
    return ""


def needs_organisation(person) -> bool:
    """Providers and VCSE respondents register for their organisation."""
    profile = getattr(person, "profile", None)
    return profile is not None and RespondentType.needs_organisation(profile.respondent_type)


def current_registration(lab: LabPage, person) -> Registration | None:
    """The person's confirmed or waiting registration for the lab, if any."""
    if person is None or not person.is_authenticated:
        return None
    return (
        Registration.objects.filter(lab=lab, person=person, status__in=ACTIVE)
        .select_related("organisation", "theme_preference")
        .first()
    )


def places_left(lab: LabPage) -> int:
    return max(0, lab.capacity - lab.places_taken())


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list; None when the registration is not waiting."""
    if registration.status != Registration.Status.WAITING:
        return None
    joined_before = Q(created_at__lt=registration.created_at) | Q(
        created_at=registration.created_at, pk__lt=registration.pk
    )
    waiting = Registration.objects.filter(lab_id=registration.lab_id, status=Registration.Status.WAITING)
    return waiting.filter(joined_before).count() + 1


def _organisation_type_for(person) -> str:
    profile = getattr(person, "profile", None)
    if profile is not None and profile.respondent_type == RespondentType.VCSE:
        return OrganisationType.VCSE
    if profile is not None and profile.respondent_type == RespondentType.PROVIDER:
        return OrganisationType.CARE_PROVIDER
    return OrganisationType.OTHER


def _lock(lab: LabPage) -> None:
    """Hold the lab's row until the transaction ends, so two people never take the same last place."""
    LabPage.objects.select_for_update(of=("self",)).filter(pk=lab.pk).exists()


@dataclass
class Outcome:
    """What a change did: the person's registration, and anyone given a freed place."""

    registration: Registration
    promoted: list[Registration] = field(default_factory=list)

    @property
    def confirmed(self) -> bool:
        return self.registration.status == Registration.Status.CONFIRMED


def register(
    lab: LabPage,
    person,
    *,
    organisation_name: str = "",
    access_needs: str = "",
    theme: LabTheme | int | None = None,
    request=None,
    moment=None,
    send_email: bool = True,
    waiting_list: bool = True,
) -> Outcome:
    """Give ``person`` a place at ``lab``, or a place on its waiting list when it is full; email them.

    Raises ``RegistrationRefused`` when registration is not open, the person already has a place
    or is waiting, the theme is not one of the lab's, or a provider names no organisation; and,
    with ``waiting_list=False`` (a place or nothing), when the lab is full.
    """
    from people.services import find_or_create_organisation

    if person is None or not person.is_authenticated:
        raise RegistrationRefused("Sign in to register for this lab.")
    moment = moment or timezone.now()
    closed = registration_window_message(lab, moment)
    if closed:
        raise RegistrationRefused(closed)
    organisation_name = clean_user_text(organisation_name)
    if needs_organisation(person) and not organisation_name:
        raise RegistrationRefused(ORGANISATION_REQUIRED, field="organisation_name")
    theme_id = theme.pk if isinstance(theme, LabTheme) else theme
    if theme_id and not LabTheme.objects.filter(pk=theme_id, lab=lab).exists():
        raise RegistrationRefused(THEME_NOT_IN_LAB, field="theme")
    access_needs = clean_user_text(access_needs)[:ACCESS_NEEDS_MAX_LENGTH]

    with transaction.atomic():
        _lock(lab)
        registration = Registration.objects.filter(lab=lab, person=person).first()
        if registration is not None and registration.status == Registration.Status.CONFIRMED:
            raise RegistrationRefused(ALREADY_CONFIRMED)
        if registration is not None and registration.status == Registration.Status.WAITING:
            raise RegistrationRefused(ALREADY_WAITING)
        if registration is None:
            registration = Registration(lab=lab, person=person)
        registration.organisation = (
            find_or_create_organisation(organisation_name, _organisation_type_for(person))
            if organisation_name
            else None
        )
        registration.access_needs = access_needs
        registration.theme_preference_id = theme_id or None
        full = lab.places_taken() >= lab.capacity
        if full and not waiting_list:
            raise RegistrationRefused(LAB_FULL)
        registration.status = Registration.Status.WAITING if full else Registration.Status.CONFIRMED
        # A renewed registration joins the end of the queue: created_at is when this registration was made.
        registration.created_at = moment
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as clash:  # the same person, registering in two tabs at once
            raise RegistrationRefused(ALREADY_CONFIRMED) from clash

    if send_email:
        from labs import emails

        if registration.status == Registration.Status.CONFIRMED:
            emails.send_confirmed(registration, request=request)
        else:
            emails.send_waiting(registration, waiting_position(registration), request=request)
    return Outcome(registration)


def cancel(lab: LabPage, person, *, request=None, send_email: bool = True) -> Outcome:
    """Cancel the person's place (or leave the waiting list); a freed place goes to the first person waiting.

    Raises ``RegistrationRefused`` when the person has nothing to cancel.
    """
    with transaction.atomic():
        _lock(lab)
        registration = Registration.objects.filter(lab=lab, person=person, status__in=ACTIVE).first()
        if registration is None:
            raise RegistrationRefused(NOTHING_TO_CANCEL)
        freed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        promoted = fill_free_places(lab) if freed else []

    if send_email:
        from labs import emails

        for offered in promoted:
            emails.send_place_offered(offered, request=request)
    return Outcome(registration, promoted)


def offer_free_places(lab: LabPage, *, request=None, send_email: bool = True) -> list[Registration]:
    """Give any free places (after a cancellation, or when staff raise the capacity) to the people
    waiting longest, and email each of them; return who got one."""
    with transaction.atomic():
        _lock(lab)
        promoted = fill_free_places(lab)
    if send_email:
        from labs import emails

        for offered in promoted:
            emails.send_place_offered(offered, request=request)
    return promoted


def fill_free_places(lab: LabPage) -> list[Registration]:
    """Give each free place to the next person waiting, first come first served; return who got one.

    Call inside a transaction that holds the lab's lock (``cancel`` does); emailing is the caller's.
    """
    free = lab.capacity - lab.places_taken()
    if free <= 0:
        return []
    waiting = list(
        Registration.objects.filter(lab=lab, status=Registration.Status.WAITING)
        .select_related("person", "lab")
        .order_by("created_at", "pk")[:free]
    )
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
    return waiting

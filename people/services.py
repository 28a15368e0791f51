"""Domain operations on people: keep a profile, place a person in a group, delete an account,
and what other apps read of a person (the profile a contribution keeps, the names shown)."""

from django.contrib.auth.models import Group
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from people import groups
from people.models import Organisation, OrganisationType, Profile, RespondentType


def group_for_respondent_type(respondent_type: str) -> str | None:
    """Residents for residents and carers, Providers for providers and VCSE; staff get neither."""
    if respondent_type in {RespondentType.RESIDENT, RespondentType.CARER}:
        return groups.RESIDENTS
    if respondent_type in {RespondentType.PROVIDER, RespondentType.VCSE}:
        return groups.PROVIDERS
    return None


def assign_respondent_group(user, respondent_type: str) -> None:
    """Put ``user`` in the public group that matches ``respondent_type``, and out of the other."""
    wanted = group_for_respondent_type(respondent_type)
    public_groups = {group.name: group for group in Group.objects.filter(name__in=groups.PUBLIC_GROUPS)}
    for name, group in public_groups.items():
        if name != wanted:
            user.groups.remove(group)
    if wanted:
        group = public_groups.get(wanted) or Group.objects.get_or_create(name=wanted)[0]
        user.groups.add(group)


def find_or_create_organisation(name: str, type: str = OrganisationType.OTHER) -> Organisation:
    """The organisation called ``name`` (ignoring case and outer spaces), created unverified if new."""
    name = " ".join(name.split())
    organisation = Organisation.objects.filter(name__iexact=name).first()
    if organisation is None:
        organisation = Organisation.objects.create(name=name, type=type)
    return organisation


@transaction.atomic
def save_profile(
    user,
    *,
    display_name: str,
    respondent_type: str,
    neighbourhood=None,
    organisation_name: str = "",
    organisation_type: str = "",
) -> Profile:
    """Create or update ``user``'s profile and keep their group in step with their respondent type.

    Providers and VCSE respondents are linked to their organisation (reused by name, or created
    unverified for staff to check); others are linked to none. A new or changed organisation
    leaves the person a pending member until staff confirm them, even when the organisation is
    already verified.
    """
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    profile.display_name = display_name.strip()
    profile.respondent_type = respondent_type
    profile.neighbourhood = neighbourhood
    if RespondentType.needs_organisation(respondent_type) and organisation_name.strip():
        profile.join_organisation(
            find_or_create_organisation(organisation_name, organisation_type or OrganisationType.OTHER)
        )
    elif not RespondentType.needs_organisation(respondent_type) and respondent_type != RespondentType.STAFF:
        profile.join_organisation(None)
    profile.save()
    assign_respondent_group(user, respondent_type)
    return profile


@transaction.atomic
def decide_memberships(profiles, status: str, *, by) -> int:
    """Record ``by``'s decision ``status`` on each profile's membership of its organisation.

    Profiles that name no organisation are skipped. Returns how many were recorded.
    """
    changed = 0
    for profile in profiles:
        if profile.organisation_id is None:
            continue
        profile.set_membership_status(status, by)
        profile.save(
            update_fields=["membership_status", "membership_checked_by", "membership_checked_at", "updated_at"]
        )
        changed += 1
    return changed


def is_staff_member(user) -> bool:
    """True for superusers and members of Editors, Moderators, Commissioners or Facilitators."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=groups.STAFF_GROUPS).exists()


@transaction.atomic
def delete_account(user) -> None:
    """Delete ``user`` and everything private about them.

    The profile, email addresses, sessions' login and two-factor authenticators go with the
    account. Public contributions (comments, ratings, ideas) stay, because their author fields
    are ``SET_NULL``: they then show as from "a deleted account".
    """
    user.delete()


#: The parts of a profile a contribution keeps, as text, and where each comes from.
SNAPSHOT_SOURCES = {
    "respondent_type": "respondent_type",
    "neighbourhood": "neighbourhood__name",
    "locality": "neighbourhood__locality__name",
}
SNAPSHOT_LENGTHS = {"respondent_type": 40, "neighbourhood": 100, "locality": 100}
EMPTY_SNAPSHOT = {name: "" for name in SNAPSHOT_SOURCES}


def profile_snapshot(user, *, lock=False) -> dict | None:
    """The signed-in person's respondent type, neighbourhood and locality as text, as they are
    today; ``None`` when they have no profile.

    With ``lock`` (inside a transaction) the profile row stays locked until commit, so two writing
    requests from one person run one after the other (PostgreSQL; SQLite's write transactions
    are one at a time anyway).
    """
    rows = Profile.objects.filter(user_id=user.pk).values_list(*SNAPSHOT_SOURCES.values())
    if lock:
        rows = rows.select_for_update(of=("self",))
    row = rows.first()
    if row is None:
        return None
    return {name: str(value or "")[: SNAPSHOT_LENGTHS[name]] for name, value in zip(SNAPSHOT_SOURCES, row, strict=True)}


def respondent_snapshot(user) -> dict:
    """The person's respondent type, neighbourhood and locality as text, as they are today."""
    if user is None or not getattr(user, "is_authenticated", False):
        return dict(EMPTY_SNAPSHOT)
    return profile_snapshot(user) or dict(EMPTY_SNAPSHOT)


#: The longest author name a contribution keeps beside what a person posted.
AUTHOR_NAME_LENGTH = 120


def profile_of(user):
    """The person's ``Profile``, or ``None`` when they have none (yet)."""
    try:
        return user.profile
    except ObjectDoesNotExist:
        return None


def display_name(user, *, fallback: str = "") -> str:
    """The name the person chose to be shown by (their profile's display name); ``fallback`` without one."""
    profile = profile_of(user)
    if profile is not None and profile.display_name:
        return profile.display_name
    return fallback


def author_name(user) -> str:
    """The name shown beside what a person posts: their display name, else their account's full name,
    else "Participant"; at most ``AUTHOR_NAME_LENGTH`` characters."""
    return display_name(user, fallback=user.get_full_name() or "Participant")[:AUTHOR_NAME_LENGTH]


def organisation_name(user) -> str:
    """The name of the person's organisation, or an empty string."""
    profile = profile_of(user)
    if profile is None or profile.organisation is None:
        return ""
    return profile.organisation.name

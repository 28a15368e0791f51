"""Domain operations on people: keep a profile, place a person in a group, delete an account."""

from django.contrib.auth.models import Group
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

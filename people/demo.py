"""Demo accounts, one for every role, with invented people and one invented care company.

``create_demo_people(password)`` is idempotent: run it again and it finds the same accounts,
resets their password, and puts each back in its group. ``home``'s ``seed_demo`` calls it.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from people import groups
from people.models import (
    MembershipStatus,
    Neighbourhood,
    Organisation,
    OrganisationStatus,
    OrganisationType,
    Profile,
    RespondentType,
)
from people.services import assign_respondent_group

DEMO_ORGANISATION = ("Riverside Home Care Cooperative", OrganisationType.CARE_PROVIDER)

# email, display name, respondent type, neighbourhood slug (or None), staff group (or None), role
DEMO_PEOPLE = (
    ("resident@example.org", "Rosa (resident)", RespondentType.RESIDENT, "north-2", None, "Resident"),
    ("carer@example.org", "Cal (carer)", RespondentType.CARER, "south-3", None, "Carer"),
    ("provider@example.org", "Priya (provider)", RespondentType.PROVIDER, "central-1", None, "Provider"),
    ("editor@example.org", "Eddie (comms editor)", RespondentType.STAFF, None, groups.EDITORS, "Editor"),
    ("moderator@example.org", "Mo (moderator)", RespondentType.STAFF, None, groups.MODERATORS, "Moderator"),
    (
        "commissioner@example.org",
        "Cora (commissioner)",
        RespondentType.STAFF,
        None,
        groups.COMMISSIONERS,
        "Commissioner",
    ),
    ("facilitator@example.org", "Fin (facilitator)", RespondentType.STAFF, None, groups.FACILITATORS, "Facilitator"),
)


@transaction.atomic
def create_demo_people(password: str) -> list[tuple[str, str]]:
    """Create or refresh the demo accounts; return ``(email, role)`` pairs for printing."""
    User = get_user_model()
    organisation = _demo_organisation()
    created = []
    for email, display_name, respondent_type, neighbourhood_slug, staff_group, role in DEMO_PEOPLE:
        user = User.objects.filter(email__iexact=email).first() or User(username=email, email=email)
        user.is_active = True
        user.set_password(password)
        user.save()
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        profile, _ = Profile.objects.update_or_create(
            user=user,
            defaults={
                "display_name": display_name,
                "respondent_type": respondent_type,
                "neighbourhood": Neighbourhood.objects.filter(slug=neighbourhood_slug).first()
                if neighbourhood_slug
                else None,
                "organisation": organisation if RespondentType.needs_organisation(respondent_type) else None,
            },
        )
        if profile.organisation_id and profile.membership_status != MembershipStatus.CONFIRMED:
            profile.set_membership_status(MembershipStatus.CONFIRMED, by=None)
            profile.save()
        assign_respondent_group(user, respondent_type)
        if staff_group:
            user.groups.add(Group.objects.get_or_create(name=staff_group)[0])
        created.append((email, role))
    return created


def _demo_organisation() -> Organisation:
    name, type_ = DEMO_ORGANISATION
    organisation = Organisation.objects.filter(name__iexact=name).first() or Organisation(name=name, type=type_)
    if organisation.status != OrganisationStatus.VERIFIED:
        organisation.set_status(OrganisationStatus.VERIFIED, by=None)
    organisation.save()
    return organisation

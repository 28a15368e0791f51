"""The registry of personal data: every app says what it holds about a person.

Each app registers a section once, usually from its ``AppConfig.ready``::

    from people import personal_data
    personal_data.register("ladder_ratings", ratings_for_person)

A section is a callable taking the user and returning JSON-ready data (lists, dicts, strings,
numbers; dates become ISO strings). ``collect(user)`` builds the whole download.
"""

from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

SectionCollector = Callable[[Any], Any]

_sections: dict[str, SectionCollector] = {}


def register(section_name: str, collector: SectionCollector) -> None:
    """Add (or replace) the section ``section_name`` of the personal data download."""
    _sections[section_name] = collector


def unregister(section_name: str) -> None:
    """Remove a section (used by tests)."""
    _sections.pop(section_name, None)


def section_names() -> list[str]:
    """The names of the registered sections, in registration order."""
    return list(_sections)


def collect(user) -> dict[str, Any]:
    """Everything the site holds about ``user``, one key per registered section."""
    return {name: collector(user) for name, collector in _sections.items()}


class PersonalDataEncoder(DjangoJSONEncoder):
    """JSON encoder for the download: dates, decimals and UUIDs as strings."""


def account_section(user) -> dict[str, Any]:
    """The account itself: no password, only what the person gave or did."""
    return {
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def email_addresses_section(user) -> list[dict[str, Any]]:
    """Every email address on the account and whether it is verified."""
    from allauth.account.models import EmailAddress

    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    ]


def profile_section(user) -> dict[str, Any] | None:
    """The profile: display name, respondent type, neighbourhood, locality, organisation."""
    from people.models import Profile

    profile = Profile.objects.select_related("neighbourhood__locality", "organisation").filter(user=user).first()
    if profile is None:
        return None
    organisation = profile.organisation
    return {
        "display_name": profile.display_name,
        "respondent_type": profile.get_respondent_type_display(),
        "neighbourhood": profile.neighbourhood.name if profile.neighbourhood else None,
        "locality": profile.locality.name if profile.locality else None,
        "organisation": (
            {
                "name": organisation.name,
                "type": organisation.get_type_display(),
                "status": organisation.get_status_display(),
                "your_membership": profile.get_membership_status_display(),
                "your_membership_checked_at": profile.membership_checked_at,
            }
            if organisation
            else None
        ),
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


def two_factor_section(user) -> list[dict[str, Any]]:
    """Which two-factor methods are set up (never their secrets)."""
    from allauth.mfa.models import Authenticator

    return [
        {"type": authenticator.get_type_display(), "created_at": authenticator.created_at}
        for authenticator in Authenticator.objects.filter(user=user)
    ]


def register_core_sections() -> None:
    """Register the sections the people app owns (called from ``PeopleConfig.ready``)."""
    register("account", account_section)
    register("email_addresses", email_addresses_section)
    register("profile", profile_section)
    register("two_factor_authentication", two_factor_section)

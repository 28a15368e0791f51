"""Demo Innovation Lab: one upcoming hybrid lab this quarter with three themes, an agenda and two
live sessions, and the demo provider registered with a confirmed place.

Idempotent: the lab is found by slug, sessions by title, the registration by person; running it
again changes nothing. Dates are relative to the day the demo is loaded.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from labs.models import LabIndexPage, LabPage, LabSession, LabTheme, Registration

LAB_SLUG = "care-closer-to-home-lab"
PROVIDER_EMAIL = "provider@example.org"

THEMES = (
    (
        "Social value",
        "How the care we buy can also create local jobs and training, better employment, cleaner air "
        "and a stronger local supply chain.",
    ),
    (
        "Technology-enabled care",
        "Where alarms, sensors and video calls help people stay independent at home, and where they get in the way.",
    ),
    (
        "Care closer to home through integrated neighbourhood teams",
        "How community health, social care and voluntary groups in each neighbourhood can work as one team.",
    ),
)

AGENDA = (
    "<h3>Morning</h3>"
    "<ul><li>10:00 Welcome, and what changed since the last lab</li>"
    "<li>10:20 Live session 1: ideas on social value and technology-enabled care, then dot votes</li>"
    "<li>11:30 Break</li></ul>"
    "<h3>Late morning</h3>"
    "<ul><li>11:45 Live session 2: care closer to home through integrated neighbourhood teams</li>"
    "<li>12:40 Agreeing actions, owners and dates</li>"
    '<li>12:55 "How involved did you feel?" on the ladder of co-production, and close</li></ul>'
)

SUMMARY = (
    "Commissioners, care providers, housing associations and VCSE groups work together on three "
    "big challenges for adult social care. Come in person or join online: everyone posts ideas, "
    "votes and agrees actions in the same live sessions."
)


def quarter_of(moment) -> str:
    """``Q4 2026`` for a date in October to December 2026."""
    local = timezone.localtime(moment)
    return f"Q{(local.month - 1) // 3 + 1} {local.year}"


@transaction.atomic
def create_demo_labs() -> int:
    """Create the demo lab, its themes, sessions and the provider's registration; return how many labs exist."""
    index = LabIndexPage.objects.first()
    if index is None:
        return 0
    lab = LabPage.objects.filter(slug=LAB_SLUG).first()
    if lab is None:
        lab = _create_lab(index)
    _sessions(lab)
    _provider_registration(lab)
    return LabPage.objects.count()


def _create_lab(index) -> LabPage:
    today = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    starts_at = today + timedelta(days=14)
    lab = LabPage(
        title="Innovation Lab: care closer to home",
        slug=LAB_SLUG,
        quarter=quarter_of(starts_at),
        summary=SUMMARY,
        search_description=SUMMARY,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        format=LabPage.Format.HYBRID,
        place="Central Library, Learning Room 1 (step-free entrance on the side street)",
        online_details="We email a video-call link the day before; the live sessions work in any browser.",
        agenda=AGENDA,
        capacity=60,
        registration_opens_at=today - timedelta(days=7),
        registration_closes_at=starts_at - timedelta(days=1),
    )
    for order, (name, description) in enumerate(THEMES):
        lab.themes.add(LabTheme(name=name, description=description, sort_order=order))
    index.add_child(instance=lab)
    lab.save_revision().publish()
    return lab


def _sessions(lab) -> None:
    themes = list(lab.themes.order_by("sort_order"))
    specs = (
        ("Session 1: social value and technology-enabled care", None, timedelta(minutes=20), timedelta(minutes=90)),
        (
            "Session 2: care closer to home",
            themes[2] if len(themes) > 2 else None,
            timedelta(minutes=105),
            timedelta(minutes=175),
        ),
    )
    for title, theme, start, end in specs:
        if not LabSession.objects.filter(lab=lab, title=title).exists():
            LabSession.objects.create(
                lab=lab, title=title, theme=theme, starts_at=lab.starts_at + start, ends_at=lab.starts_at + end
            )


def _provider_registration(lab) -> None:
    provider = get_user_model().objects.filter(email__iexact=PROVIDER_EMAIL).select_related("profile").first()
    if provider is None:
        return
    profile = getattr(provider, "profile", None)
    Registration.objects.get_or_create(
        lab=lab,
        person=provider,
        defaults={
            "status": Registration.Status.CONFIRMED,
            "organisation": profile.organisation if profile else None,
            "theme_preference": lab.themes.order_by("sort_order").last(),
            "access_needs": "",
        },
    )

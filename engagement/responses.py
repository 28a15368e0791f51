"""Answering a consultation: closing it, publishing "You said, we did", and comparing the ladder.

``publish_response`` and ``close_consultation`` are the only ways the admin screens change a
response's status or close a consultation early. ``response_context(page)`` gives the public
consultation page what ``engagement/includes/you_said_we_did.html`` needs.
"""

import statistics
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from engagement import ladder
from engagement.models import Comment, ConsultationResponse, LadderRating
from engagement.ratings import record_rating


def can_publish_response(user) -> bool:
    """True when ``user`` may publish "You said, we did" (``engagement.publish_response``)."""
    return user is not None and user.has_perm("engagement.publish_response")


def can_close_consultation(user) -> bool:
    """True when ``user`` may close a consultation early (``engagement.close_consultation``)."""
    return user is not None and user.has_perm("engagement.close_consultation")


@transaction.atomic
def close_consultation(page, by):
    """Close ``page`` to new comments now; it stays public. Returns True if it was open or upcoming.

    Sets ``closed_early_at`` on the live page; publishing any revision later keeps it
    (``ConsultationPage.with_content_json``). Closing an already closed consultation changes nothing.
    """
    if not can_close_consultation(by):
        raise PermissionDenied("Only commissioners can close a consultation.")
    if page.status == page.Status.CLOSED:
        return False
    now = timezone.now()
    page.closed_early_at = now
    page.save(update_fields=["closed_early_at"])
    return True


def sync_organisation_rating(response, by):
    """Record the response's organisation rung as the consultation's organisation-perspective rating.

    One organisation rating per consultation: an existing one (whoever recorded it) is updated.
    """
    if response.organisation_rung is None:
        return None
    page = response.consultation
    existing = LadderRating.objects.filter(page=page, perspective=LadderRating.Perspective.ORGANISATION)
    existing.exclude(author=by).delete()
    return record_rating(page, response.organisation_rung, user=by, perspective=LadderRating.Perspective.ORGANISATION)


def publish_response(response, by) -> bool:
    """Publish "You said, we did" and record the organisation's rung; returns True the first time.

    The first publication emails everyone who took part (after the transaction commits); publishing
    again after an edit updates the rung and who published it but sends nothing.
    """
    if not can_publish_response(by):
        raise PermissionDenied("Only commissioners can publish a response.")
    if response.organisation_rung is None:
        raise ValidationError({"organisation_rung": "Say at which rung the organisation engaged before publishing."})
    if not response.themes.exists():
        raise ValidationError("Add at least one key theme before publishing.")
    with transaction.atomic():
        now = timezone.now()
        first_time = bool(
            ConsultationResponse.objects.filter(pk=response.pk, published_at__isnull=True).update(
                status=ConsultationResponse.Status.PUBLISHED, published_at=now, published_by=by
            )
        )
        if not first_time:
            ConsultationResponse.objects.filter(pk=response.pk).update(
                status=ConsultationResponse.Status.PUBLISHED, published_by=by
            )
        response.refresh_from_db(fields=["status", "published_at", "published_by"])
        sync_organisation_rating(response, by)
        if first_time:
            from engagement.notifications import notify_response_published

            transaction.on_commit(lambda: notify_response_published(response))
    return first_time


@dataclass
class BandShare:
    """How many participants' ratings fell in one band of the ladder."""

    band: ladder.Band
    count: int
    percent: int
    is_organisation_band: bool = False


@dataclass
class LadderComparison:
    """Participants' ratings of a consultation set beside the rung the organisation says it engaged at."""

    count: int
    median: ladder.Rung | None
    bands: list[BandShare] = field(default_factory=list)
    organisation: ladder.Rung | None = None

    @property
    def gap(self) -> int | None:
        """Organisation's rung minus participants' median rung (positive: staff rate it higher)."""
        if self.median is None or self.organisation is None:
            return None
        return self.organisation.number - self.median.number

    @property
    def gap_in_words(self) -> str:
        """The gap between the two views, said plainly."""
        if self.organisation is None:
            return "We have not yet said at which rung we engaged."
        if self.median is None:
            return "Nobody has yet said how involved they felt, so there is nothing to compare."
        gap = self.gap
        if gap == 0:
            return f"People who took part put this at the same rung as we did: {self.median.name}."
        rungs = "rung" if abs(gap) == 1 else "rungs"
        if gap > 0:
            return (
                f"We rated our engagement {gap} {rungs} higher than the people who took part: "
                f"{self.organisation.name} against {self.median.name}."
            )
        return (
            f"People who took part felt more involved than we claimed, by {-gap} {rungs}: "
            f"{self.median.name} against our {self.organisation.name}."
        )


def ladder_comparison(page, organisation_rung=None) -> LadderComparison:
    """Participants' median rung and band shares for ``page``, beside the organisation's rung.

    ``organisation_rung`` defaults to the page's organisation-perspective rating. The median is the
    lower middle rating when there is an even number, so it is always a rung.
    """
    rungs = list(
        LadderRating.objects.filter(page=page, perspective=LadderRating.Perspective.PARTICIPANT).values_list(
            "rung", flat=True
        )
    )
    if organisation_rung is None:
        organisation_rung = (
            LadderRating.objects.filter(page=page, perspective=LadderRating.Perspective.ORGANISATION)
            .values_list("rung", flat=True)
            .first()
        )
    organisation = ladder.rung(organisation_rung) if organisation_rung else None
    count = len(rungs)
    median = ladder.rung(statistics.median_low(rungs)) if rungs else None
    bands = []
    for band in ladder.BANDS:
        in_band = sum(1 for number in rungs if band.lowest <= number <= band.highest)
        bands.append(
            BandShare(
                band=band,
                count=in_band,
                percent=round(100 * in_band / count) if count else 0,
                is_organisation_band=organisation is not None and organisation.band == band,
            )
        )
    return LadderComparison(count=count, median=median, bands=bands, organisation=organisation)


def published_response(page):
    """The consultation's published response with its themes and their published comments, or None."""
    published_comments = Comment.objects.filter(status=Comment.Status.PUBLISHED).order_by("created_at")
    return (
        ConsultationResponse.objects.filter(consultation=page, status=ConsultationResponse.Status.PUBLISHED)
        .prefetch_related("themes", Prefetch("themes__comments", queryset=published_comments))
        .first()
    )


def response_context(page) -> dict:
    """Context for ``engagement/includes/you_said_we_did.html``: ``response``, ``participant_summary``
    and ``consultation_path`` (for lasting links to the comments behind each theme).

    Empty when the consultation has no published response.
    """
    response = published_response(page)
    if response is None:
        return {}
    return {
        "response": response,
        "participant_summary": ladder_comparison(page, response.organisation_rung),
        "consultation_path": page.url,
    }

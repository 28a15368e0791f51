"""Domain operations on ladder ratings: recording a rating and limiting anonymous ones."""

import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from engagement import ladder
from engagement.models import LadderRating

#: Anonymous ratings allowed from one network address in ``ANONYMOUS_WINDOW_SECONDS``.
ANONYMOUS_LIMIT = 10
ANONYMOUS_WINDOW_SECONDS = 60 * 60
_CACHE_PREFIX = "engagement:anonymous-ratings:"


@dataclass(frozen=True)
class RateLimited:
    """An anonymous visitor has given too many ratings; they may try again after ``retry_after`` seconds."""

    retry_after: int


def client_address(request) -> str:
    """The visitor's network address as the server saw it (set ``REMOTE_ADDR`` correctly behind a proxy)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def _recent_anonymous_ratings(address: str, now: float) -> list[float]:
    times = cache.get(_CACHE_PREFIX + address) or []
    return [t for t in times if now - t < ANONYMOUS_WINDOW_SECONDS]


def anonymous_rate_limit(request) -> RateLimited | None:
    """``RateLimited`` when this anonymous visitor's address has used up its ratings for the hour, else ``None``.

    Signed-in people are never limited here: each of them has one rating per page, which they update.
    """
    if request.user.is_authenticated:
        return None
    now = time.time()
    recent = _recent_anonymous_ratings(client_address(request), now)
    if len(recent) < ANONYMOUS_LIMIT:
        return None
    oldest = min(recent)
    return RateLimited(retry_after=max(1, math.ceil(oldest + ANONYMOUS_WINDOW_SECONDS - now)))


def _count_anonymous_rating(request) -> None:
    now = time.time()
    address = client_address(request)
    recent = _recent_anonymous_ratings(address, now)
    recent.append(now)
    cache.set(_CACHE_PREFIX + address, recent[-ANONYMOUS_LIMIT:], ANONYMOUS_WINDOW_SECONDS)


def _snapshot(user) -> dict:
    """The person's respondent type, neighbourhood and locality as text, as they are today."""
    profile = getattr(user, "profile", None) if user is not None else None
    if profile is None:
        return {"respondent_type": "", "neighbourhood": "", "locality": ""}
    neighbourhood = getattr(profile, "neighbourhood", None)
    locality = getattr(neighbourhood, "locality", None) if neighbourhood is not None else None
    respondent_type = getattr(profile, "respondent_type", "") or ""
    return {
        "respondent_type": str(respondent_type)[:40],
        "neighbourhood": str(getattr(neighbourhood, "name", neighbourhood or ""))[:100],
        "locality": str(getattr(locality, "name", locality or ""))[:100],
    }


def record_rating(
    page,
    rung: int,
    text: str = "",
    user=None,
    request=None,
    perspective: str = LadderRating.Perspective.PARTICIPANT,
) -> LadderRating:
    """Store a ladder rating for ``page`` and return it.

    A signed-in person's second rating of the same page (and perspective) updates their first.
    Anonymous participant ratings count towards the per-address limit when ``request`` is given
    (check :func:`anonymous_rate_limit` first). Organisation ratings need the
    ``engagement.add_organisation_rating`` permission; anything else raises ``PermissionDenied``.
    A rung outside 1 to 7 raises ``ValidationError``.
    """
    if not ladder.is_rung(rung):
        raise ValidationError({"rung": f"Choose a rung from {ladder.MIN_RUNG} to {ladder.MAX_RUNG}."})
    perspective = LadderRating.Perspective(perspective)
    signed_in = user is not None and user.is_authenticated
    if perspective == LadderRating.Perspective.ORGANISATION and not (
        signed_in and user.has_perm("engagement.add_organisation_rating")
    ):
        raise PermissionDenied("Only staff can record the rung the organisation engaged at.")

    values = {"rung": rung, "text": text or "", **_snapshot(user if signed_in else None)}
    if not signed_in:
        rating = LadderRating.objects.create(page=page, perspective=perspective, **values)
        if request is not None:
            _count_anonymous_rating(request)
        return rating
    try:
        with transaction.atomic():
            rating, _ = LadderRating.objects.update_or_create(
                page=page, author=user, perspective=perspective, defaults=values
            )
    except IntegrityError:
        # Two submissions raced; the other one created the row, so update it.
        rating = LadderRating.objects.get(page=page, author=user, perspective=perspective)
        for field, value in values.items():
            setattr(rating, field, value)
        rating.save()
    return rating

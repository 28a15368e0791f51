"""Domain operations on ladder ratings: recording a rating and limiting anonymous ones."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from engagement import ladder
from engagement.models import LadderRating
from engagement.ratelimit import RateLimited, SlidingWindow, client_address
from people.services import respondent_snapshot

#: Anonymous ratings allowed from one network address in ``ANONYMOUS_WINDOW_SECONDS``.
ANONYMOUS_LIMIT = 10
ANONYMOUS_WINDOW_SECONDS = 60 * 60
ANONYMOUS_RATINGS = SlidingWindow("anonymous-ratings", ANONYMOUS_LIMIT, ANONYMOUS_WINDOW_SECONDS)

__all__ = [
    "ANONYMOUS_LIMIT",
    "RateLimited",
    "anonymous_rate_limit",
    "client_address",
    "give_back_rating_place",
    "record_rating",
]


def anonymous_rate_limit(request) -> RateLimited | None:
    """``RateLimited`` when this anonymous visitor's address has used up its ratings for the hour, else ``None``.

    Signed-in people are never limited here: each of them has one rating per page, which they update.
    """
    if request.user.is_authenticated:
        return None
    # The place is held in one atomic step; the rating stored for this request is its count.
    return ANONYMOUS_RATINGS.hold(request, client_address(request))


def give_back_rating_place(request) -> None:
    """Return the place :func:`anonymous_rate_limit` held for this request (no rating was stored)."""
    ANONYMOUS_RATINGS.release(request)


def _count_anonymous_rating(request) -> None:
    if not ANONYMOUS_RATINGS.keep(request):
        ANONYMOUS_RATINGS.hit(client_address(request))


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
        raise PermissionDenied("Only commissioners can record the rung the organisation engaged at.")

    values = {"rung": rung, "text": text or "", **respondent_snapshot(user if signed_in else None)}
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

"""Views for ladder ratings. Thin: the form validates, ``engagement.ratings`` records."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from engagement import ladder, ratings
from engagement.forms import LadderRatingForm


def rateable_page(request, page_id: int) -> Page:
    """The live, public page with this id that has a public address; 404 for anything else."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or page.get_url(request) is None:
        raise Http404("No page with that id can be rated.")
    return page


@require_http_methods(["GET", "POST"])
def rate(request, page_id: int):
    """Show the rating form on its own page (GET) or record a rating and go back to the page (POST)."""
    page = rateable_page(request, page_id)
    if not request.user.has_perm("engagement.add_participant_rating", page):
        return not_taking_ratings(request, page)
    if request.method == "GET":
        return render(request, "engagement/rate.html", {"rated_page": page, "form": None})

    limited = ratings.anonymous_rate_limit(request)
    if limited is not None:
        return rate_limited(request, page, limited)
    form = LadderRatingForm(request.POST)
    if not form.is_valid():
        ratings.give_back_rating_place(request)
        return render(request, "engagement/rate.html", {"rated_page": page, "form": form})
    rating = ratings.record_rating(
        page, form.cleaned_data["rung"], form.cleaned_data["text"], user=request.user, request=request
    )
    rung = ladder.rung(rating.rung)
    messages.success(
        request,
        f"Thank you. You told us you felt at rung {rung.number}, {rung.name} ({rung.band.name.lower()}).",
    )
    return redirect(page.get_url(request))


def not_taking_ratings(request, page):
    """HTTP 403: the page takes no ratings now (a consultation that is upcoming or closed)."""
    return render(request, "engagement/comments/not_open.html", {"page": page, "self": page}, status=403)


def rate_limited(request, page, limited: ratings.RateLimited):
    """HTTP 429: too many anonymous ratings from one address; say when to try again."""
    try_again_at = timezone.localtime(timezone.now() + timedelta(seconds=limited.retry_after))
    minutes = max(1, round(limited.retry_after / 60))
    response = render(
        request,
        "engagement/rate_limited.html",
        {"rated_page": page, "try_again_at": try_again_at, "minutes": minutes, "limit": ratings.ANONYMOUS_LIMIT},
        status=429,
    )
    response["Retry-After"] = str(limited.retry_after)
    return response

"""Template tags for the ladder of co-production.

``{% load ladder %}{% ladder_rating_form page %}`` puts the "How involved did you feel?" form on
any page template. For an anonymous visitor it renders without touching the database.
"""

from django import template
from django.urls import reverse

from engagement.forms import LadderRatingForm
from engagement.models import LadderPage, LadderRating

register = template.Library()


@register.inclusion_tag("components/ladder_rating.html", takes_context=True)
def ladder_rating_form(context, page, form=None, standalone=False, action=None, legend=None):
    """The ladder rating form for ``page``, posting to ``/ladder/rate/<page id>/`` (or ``action``).

    ``form`` is a bound form to show again with its errors; ``standalone`` makes the question the
    page's main heading (the form's own page); ``legend`` asks the question in other words (a
    consultation asks "How involved do you feel in this decision?"). A signed-in person sees the
    rung they chose before.
    Renders nothing for a page that is not saved and live (such as an editor's preview).
    """
    if page is None or not getattr(page, "pk", None) or not getattr(page, "live", False):
        return {"show": False}
    request = context.get("request")
    if form is None:
        form = LadderRatingForm(initial=_previous_rating(request, page))
    return {
        "show": True,
        "page": page,
        "form": form,
        "standalone": standalone,
        "action": action or reverse("engagement:rate", args=[page.pk]),
        "legend": legend or form["rung"].label,
        "previously_rated": bool(form.initial),
        "on_ladder_page": isinstance(page, LadderPage),
    }


def _previous_rating(request, page) -> dict:
    """The signed-in person's earlier rating of this page as form initial data (no query when anonymous)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    rating = (
        LadderRating.objects.filter(page_id=page.pk, author=user, perspective=LadderRating.Perspective.PARTICIPANT)
        .only("rung", "text")
        .first()
    )
    return {"rung": rating.rung, "text": rating.text} if rating else {}

"""What engagement holds about a person, for their personal data download."""

from engagement import ladder
from engagement.models import LadderRating


def ladder_ratings_for(user) -> list[dict]:
    """Every ladder rating the person gave, oldest first, as JSON-ready dictionaries."""
    ratings = LadderRating.objects.filter(author=user).select_related("page").order_by("created_at")
    return [
        {
            "page": rating.page.title,
            "page_url": rating.page.url,
            "question": rating.get_perspective_display(),
            "rung": rating.rung,
            "rung_name": ladder.rung(rating.rung).name,
            "band": rating.band.name,
            "text": rating.text,
            "respondent_type": rating.respondent_type,
            "neighbourhood": rating.neighbourhood,
            "locality": rating.locality,
            "created_at": rating.created_at.isoformat(),
            "updated_at": rating.updated_at.isoformat(),
        }
        for rating in ratings
    ]

"""What engagement holds about a person, for their personal data download."""

from engagement import ladder
from engagement.models import Comment, CommentFlag, LadderRating


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


def comments_for(user) -> list[dict]:
    """Every comment the person wrote, whatever its state, oldest first, with its moderation history."""
    comments = (
        Comment.objects.filter(author=user)
        .select_related("consultation")
        .prefetch_related("events")
        .order_by("created_at")
    )
    return [
        {
            "consultation": comment.consultation.title,
            "consultation_url": comment.consultation.url,
            "section_id": comment.section_id,
            "paragraph_id": comment.paragraph_id,
            "reply_to": comment.parent_id,
            "text": comment.text,
            "status": comment.get_status_display(),
            "rejection_reason": comment.rejection_reason,
            "show_name": comment.show_name,
            "respondent_type": comment.respondent_type,
            "neighbourhood": comment.neighbourhood,
            "locality": comment.locality,
            "created_at": comment.created_at.isoformat(),
            "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
            "history": [
                {"action": event.get_action_display(), "at": event.at.isoformat(), "reason": event.reason}
                for event in comment.events.all()
            ],
        }
        for comment in comments
    ]


def comment_flags_for(user) -> list[dict]:
    """Every report the person made about someone's comment (the reason, not the other person's data)."""
    return [
        {
            "comment": flag.comment_id,
            "reason": flag.get_reason_display(),
            "note": flag.note,
            "created_at": flag.created_at.isoformat(),
        }
        for flag in CommentFlag.objects.filter(flagged_by=user).order_by("created_at")
    ]

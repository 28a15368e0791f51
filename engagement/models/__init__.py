"""Engagement models: shared contribution bases, ladder ratings, consultations, comments, responses."""

from engagement.models.base import ANONYMOUS, DELETED_ACCOUNT, Contribution, TimeStamped
from engagement.models.comments import (
    COMMENT_MAX_LENGTH,
    FLAGS_TO_HIDE,
    Comment,
    CommentEvent,
    CommentFlag,
    RejectionReason,
)
from engagement.models.consultation_index import ConsultationIndexPage
from engagement.models.consultations import ConsultationPage, Topic
from engagement.models.ratings import RATING_TEXT_MAX_LENGTH, LadderPage, LadderRating
from engagement.models.responses import ConsultationResponse, ResponseTheme

__all__ = [
    "ANONYMOUS",
    "COMMENT_MAX_LENGTH",
    "DELETED_ACCOUNT",
    "FLAGS_TO_HIDE",
    "RATING_TEXT_MAX_LENGTH",
    "Comment",
    "CommentEvent",
    "CommentFlag",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationResponse",
    "Contribution",
    "LadderPage",
    "LadderRating",
    "RejectionReason",
    "ResponseTheme",
    "TimeStamped",
    "Topic",
]

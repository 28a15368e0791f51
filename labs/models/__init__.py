"""Innovation Labs: lab pages, registration, and the live sessions' record."""

from labs.models.live import (
    AgreedAction,
    Announcement,
    ClientMessage,
    Idea,
    IdeaVote,
    LabEvent,
    LabSession,
    Poll,
    PollAnswer,
    Presence,
    Question,
    QuestionUpvote,
    Stage,
)
from labs.models.pages import LabIndexPage, LabPage, LabTheme
from labs.models.registrations import Registration

__all__ = [
    "AgreedAction",
    "Announcement",
    "ClientMessage",
    "Idea",
    "IdeaVote",
    "LabEvent",
    "LabIndexPage",
    "LabPage",
    "LabSession",
    "LabTheme",
    "Poll",
    "PollAnswer",
    "Presence",
    "Question",
    "QuestionUpvote",
    "Registration",
    "Stage",
]

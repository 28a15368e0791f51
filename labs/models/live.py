"""Live Innovation Lab sessions: the session, its numbered event log, and what participants make.

Every change is written here first (in one transaction with a ``LabEvent`` carrying the
session's next ``seq``), then broadcast. The tables are the session's record.
"""

import secrets

from django.conf import settings
from django.db import models

#: Letters and digits that cannot be mistaken for each other on a big screen.
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(6))


class Stage(models.TextChoices):
    """The stages a facilitator moves a session through; what participants may do depends on it."""

    WELCOME = "welcome", "Welcome"
    IDEAS = "ideas", "Share ideas"
    VOTING = "voting", "Vote"
    DISCUSSION = "discussion", "Discussion"
    ACTIONS = "actions", "Agree actions"
    CLOSED = "closed", "Closed"


class LabSession(models.Model):
    """A live session of a lab (for example one per theme), with its current state."""

    lab = models.ForeignKey("labs.LabPage", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    theme = models.ForeignKey(
        "labs.LabTheme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        help_text="Leave empty when ideas may go to any of the lab's themes.",
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    vote_budget = models.PositiveSmallIntegerField(default=3, help_text="Dot votes each participant may cast.")
    join_code = models.CharField(max_length=8, unique=True, default=new_join_code, editable=False)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.WELCOME, editable=False)
    stage_ends_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    record_published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title


class LabEvent(models.Model):
    """One broadcast event, numbered per session: the log a reconnecting client replays from."""

    session = models.ForeignKey(LabSession, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveBigIntegerField()
    type = models.CharField(max_length=40)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "seq"]
        constraints = [models.UniqueConstraint(fields=["session", "seq"], name="one_event_per_seq")]

    def __str__(self):
        return f"{self.session_id}#{self.seq} {self.type}"

    def as_message(self) -> dict:
        """The event as sent to clients."""
        return {"type": self.type, "seq": self.seq, **self.payload}


class ClientMessage(models.Model):
    """A client message already applied, by its client-chosen ``id``: a retry gets the same reply."""

    session = models.ForeignKey(LabSession, on_delete=models.CASCADE, related_name="client_messages")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    client_id = models.CharField(max_length=64)
    reply = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person", "client_id"], name="one_application_per_client_id")
        ]

    def __str__(self):
        return f"{self.client_id} from {self.person_id}"


class Presence(models.Model):
    """Who is in the room now: one row per open connection (a process that dies leaves stale rows
    that ``labs.presence`` prunes by ``seen_at``)."""

    session = models.ForeignKey(LabSession, on_delete=models.CASCADE, related_name="presences")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    connection = models.CharField(max_length=64, unique=True, help_text="The connection's own id.")
    organisation = models.CharField(max_length=200, blank=True)
    seen_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.person_id} in {self.session_id}"


class Idea(models.Model):
    """An idea on a theme board."""

    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by a facilitator"
        WITHDRAWN = "withdrawn", "Withdrawn by its author"
        MERGED = "merged", "Merged into another idea"

    session = models.ForeignKey(LabSession, on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="lab_ideas"
    )
    author_name = models.CharField(max_length=120, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    theme = models.ForeignKey("labs.LabTheme", null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas")
    text = models.TextField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    pinned = models.BooleanField(default=False)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged")
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class IdeaVote(models.Model):
    """One dot vote on an idea (a person may put several dots on one idea, up to their budget)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lab_votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["voter", "idea"])]

    def __str__(self):
        return f"vote on {self.idea_id} by {self.voter_id}"


class Question(models.Model):
    """A question to the facilitators; others upvote it; a facilitator marks it answered."""

    session = models.ForeignKey(LabSession, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="lab_questions"
    )
    author_name = models.CharField(max_length=120, blank=True)
    text = models.TextField(max_length=500)
    hidden = models.BooleanField(default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class QuestionUpvote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="upvotes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "voter"], name="one_upvote_per_person")]

    def __str__(self):
        return f"upvote on {self.question_id} by {self.voter_id}"


class Poll(models.Model):
    """A live poll; ``kind`` ladder asks "How involved did you feel?" on the seven rungs."""

    class Kind(models.TextChoices):
        CHOICE = "choice", "Single choice"
        LADDER = "ladder", "Ladder of co-production"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    session = models.ForeignKey(LabSession, on_delete=models.CASCADE, related_name="polls")
    question = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CHOICE)
    options = models.JSONField(
        default=list, help_text="The answers offered, in order (rungs 1 to 7 for a ladder poll)."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "pk"]

    def __str__(self):
        return self.question


class PollAnswer(models.Model):
    """A participant's answer to a poll (answering again changes it): ``choice`` indexes ``options``."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="answers")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    choice = models.PositiveSmallIntegerField()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "voter"], name="one_answer_per_person")]

    def __str__(self):
        return f"{self.poll_id}: {self.choice}"


class Announcement(models.Model):
    session = models.ForeignKey(LabSession, on_delete=models.CASCADE, related_name="announcements")
    text = models.TextField(max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class AgreedAction(models.Model):
    """An action agreed in the session: what, who owns it, by when."""

    session = models.ForeignKey(LabSession, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(max_length=500)
    owner = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]

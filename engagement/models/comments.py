"""Comments on consultations, their moderation and the audit trail of every change.

A comment's lifecycle is one ``status`` field; each change is recorded as a ``CommentEvent``
with who made it, when, and why (a rejection reason, a flag).
"""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from engagement.models.base import Contribution

COMMENT_MAX_LENGTH = 5000
FLAGS_TO_HIDE = 3


class Comment(Contribution):
    """A comment on a whole consultation, one of its sections or one paragraph; or a reply to a comment."""

    wagtail_reference_index_ignore = True  # participation data: nothing for the CMS to track

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", "Waiting for email confirmation"
        PENDING = "pending", "Awaiting moderation"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        HIDDEN = "hidden", "Hidden after flags, awaiting review"
        WITHDRAWN = "withdrawn", "Withdrawn by its author"

    consultation = models.ForeignKey("engagement.ConsultationPage", on_delete=models.CASCADE, related_name="comments")
    section_id = models.CharField(
        max_length=64, blank=True, help_text="Proposal section block id; blank for the whole consultation."
    )
    paragraph_id = models.CharField(
        max_length=64, blank=True, help_text="Paragraph block id; blank for a whole section."
    )
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    text = models.TextField(max_length=COMMENT_MAX_LENGTH)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField(blank=True)
    show_name = models.BooleanField(
        default=True, help_text='Show the author\'s display name; otherwise "a resident in <locality>".'
    )
    respondent_type = models.CharField(max_length=40, blank=True)
    neighbourhood = models.CharField(max_length=100, blank=True)
    locality = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True, help_text="For a comment from someone without an account.")
    confirmation_token = models.CharField(max_length=64, blank=True, db_index=True)
    text_fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    flag_count = models.PositiveSmallIntegerField(
        default=0, help_text="Readers' flags no moderator has reviewed yet; at FLAGS_TO_HIDE the comment is hidden."
    )
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["consultation", "status", "section_id"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self):
        return f"Comment {self.pk} on {self.consultation_id} ({self.get_status_display()})"

    @property
    def is_public(self):
        """Shown to readers."""
        return self.status == self.Status.PUBLISHED


#: Statuses that count as having taken part (a consultation's participant count, the author's own history).
TAKING_PART = (Comment.Status.PENDING, Comment.Status.PUBLISHED, Comment.Status.HIDDEN, Comment.Status.WITHDRAWN)


class CommentEvent(models.Model):
    """One change to a comment: who did what, when, and why. The moderation audit trail."""

    wagtail_reference_index_ignore = True  # participation data: nothing for the CMS to track

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        CONFIRMED = "confirmed", "Email confirmed"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        FLAGGED = "flagged", "Flagged"
        HIDDEN = "hidden", "Hidden after flags"
        RESTORED = "restored", "Restored after review"
        EDITED = "edited", "Edited by its author"
        WITHDRAWN = "withdrawn", "Withdrawn by its author"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=Action.choices)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} comment {self.comment_id}"


class CommentFlag(models.Model):
    """A reader's report that a comment breaks the rules. One per person per comment.

    A moderator's decision on the comment (approve, restore, reject) marks its flags reviewed;
    reviewed flags stay in the record but no longer count towards hiding the comment.
    """

    wagtail_reference_index_ignore = True  # participation data: nothing for the CMS to track

    class Reason(models.TextChoices):
        OFFENSIVE = "offensive", "Offensive or abusive"
        PERSONAL = "personal", "Shares someone's personal information"
        SPAM = "spam", "Spam or advertising"
        OFF_TOPIC = "off_topic", "Not about this consultation"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True, help_text="When a moderator decided on the comment.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "flagged_by"], name="engagement_one_flag_per_person")]

    def __str__(self):
        return f"Flag on comment {self.comment_id}: {self.get_reason_display()}"

    @property
    def is_reviewed(self):
        """A moderator has decided on the comment since this flag was raised."""
        return self.reviewed_at is not None


@register_snippet
class RejectionReason(models.Model):
    """A reusable reason moderators give when they reject a comment (editable by moderators)."""

    title = models.CharField(max_length=100, unique=True)
    text = models.TextField(help_text="Sent to the comment's author.")

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

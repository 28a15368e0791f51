"""Every change to a comment's status goes through ``change_status``, which writes the audit trail.

Public actions (submitting, confirming by email, flagging, editing, withdrawing) and moderators'
actions (approving, rejecting, restoring) all call it, so the history of every comment is
complete: who changed it, when, from what to what, and why.
"""

from django.db import transaction
from django.utils import timezone

from engagement.models import Comment, CommentEvent


@transaction.atomic
def change_status(comment, to_status, *, action, actor=None, reason=""):
    """Move ``comment`` to ``to_status`` and record a ``CommentEvent``; returns the event.

    ``actor`` is the signed-in person who made the change (None for the system or an anonymous
    author confirming by email). The comment is saved with only the fields this touches.
    """
    from_status = comment.status
    comment.status = to_status
    comment.status_changed_at = timezone.now()
    comment.status_changed_by = actor if getattr(actor, "is_authenticated", False) else None
    fields = ["status", "status_changed_at", "status_changed_by"]
    if action == CommentEvent.Action.REJECTED:
        comment.rejection_reason = reason
        fields.append("rejection_reason")
    comment.save(update_fields=fields)
    return CommentEvent.objects.create(
        comment=comment,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=comment.status_changed_by,
        reason=reason,
    )


def record_event(comment, *, action, actor=None, reason=""):
    """Record an action that does not change the status (a flag below the threshold, an edit)."""
    return CommentEvent.objects.create(
        comment=comment,
        action=action,
        from_status=comment.status,
        to_status=comment.status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
    )


def initial_status(consultation, *, confirmed_email=True):
    """The status a new comment starts in: unconfirmed without a confirmed email, else by moderation mode."""
    if not confirmed_email:
        return Comment.Status.UNCONFIRMED
    return published_or_pending(consultation)


def published_or_pending(consultation):
    """Published at once on a post-moderated consultation, else awaiting moderation."""
    if consultation.moderation == consultation.Moderation.POST:
        return Comment.Status.PUBLISHED
    return Comment.Status.PENDING

"""Every change to a comment's status goes through ``change_status``, which writes the audit trail.

Public actions (submitting, confirming by email, flagging, editing, withdrawing) and moderators'
actions (approving, rejecting, restoring) all call it, so the history of every comment is
complete: who changed it, when, from what to what, and why.

Moderators' actions (``approve``, ``reject``, ``restore`` and their bulk forms) check the
``engagement.moderate_comment`` rule themselves, so every admin screen that calls them is safe.
The rule is asked about each comment: nobody, superusers included, moderates their own words.
Each decision marks the comment's flags reviewed (:func:`review_flags`).
"""

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from engagement.models import Comment, CommentEvent, CommentFlag


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


# Moderators' actions ---------------------------------------------------------------------------

#: Statuses a moderator may approve from, reject from, and restore from.
APPROVABLE = {Comment.Status.PENDING, Comment.Status.REJECTED}
REJECTABLE = {Comment.Status.PENDING, Comment.Status.PUBLISHED, Comment.Status.HIDDEN}
RESTORABLE = {Comment.Status.HIDDEN}


class ModerationError(ValueError):
    """A moderator's action does not apply to a comment in its current status."""


OWN_COMMENT = "Nobody moderates their own comment. Another moderator will decide on it."


def can_moderate(user) -> bool:
    """True when ``user`` may approve, reject and restore comments (``engagement.moderate_comment``)."""
    return user is not None and user.has_perm("engagement.moderate_comment")


def may_moderate(user, comment) -> bool:
    """True when ``user`` may moderate this comment: a moderator who is not its author.

    Asks the rule itself rather than ``user.has_perm``, which lets superusers past every rule.
    """
    return user is not None and rules.has_perm("engagement.moderate_comment", user, comment)


def actions_for(comment, user) -> list[str]:
    """The actions ``user`` may take on ``comment`` now, of ``approve``, ``reject`` and ``restore``.

    None on a comment the user may not moderate (their own, or with no moderator's role); otherwise
    each action whose starting statuses include the comment's. The queue's row menu and the review
    page both offer exactly these.
    """
    if not may_moderate(user, comment):
        return []
    fits = {"approve": APPROVABLE, "reject": REJECTABLE, "restore": RESTORABLE}
    return [action for action, statuses in fits.items() if comment.status in statuses]


def _check_moderator(user, comment=None):
    if not can_moderate(user):
        raise PermissionDenied("Only moderators and commissioners can moderate comments.")
    if comment is not None and not may_moderate(user, comment):
        raise PermissionDenied(OWN_COMMENT)


def review_flags(comment, by):
    """Mark the comment's flags reviewed by ``by``: they stay on record but no longer count towards hiding it.

    Every moderator's decision (approve, restore, reject) reviews the flags raised before it, so
    a restored comment needs ``FLAGS_TO_HIDE`` new flags to be hidden again, not one.
    """
    now = timezone.now()
    CommentFlag.objects.filter(comment=comment, reviewed_at__isnull=True).update(reviewed_at=now, reviewed_by=by)
    Comment.objects.filter(pk=comment.pk).update(flag_count=0)
    comment.flag_count = 0


def _publish(comment, by, action):
    review_flags(comment, by)
    event = change_status(comment, Comment.Status.PUBLISHED, action=action, actor=by)
    if comment.parent_id:
        from engagement.notifications import notify_reply

        transaction.on_commit(lambda: notify_reply(comment))
    return event


@transaction.atomic
def approve(comment, by):
    """Publish a comment awaiting moderation (or one rejected by mistake); a hidden one is restored.

    Raises ``PermissionDenied`` for someone who may not moderate and ``ModerationError`` for a
    comment that is already published, withdrawn or still unconfirmed. A published reply emails
    the author of the comment it answers.
    """
    _check_moderator(by, comment)
    if comment.status in RESTORABLE:
        return restore(comment, by)
    if comment.status not in APPROVABLE:
        raise ModerationError(f"A comment that is {comment.get_status_display().lower()} cannot be approved.")
    return _publish(comment, by, CommentEvent.Action.APPROVED)


@transaction.atomic
def reject(comment, by, reason):
    """Reject a comment with a reason the author is emailed; it leaves the public page.

    ``reason`` must not be blank. Raises ``PermissionDenied`` or ``ModerationError`` as
    :func:`approve` does.
    """
    _check_moderator(by, comment)
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError("Give the author a reason for rejecting their comment.")
    if comment.status not in REJECTABLE:
        raise ModerationError(f"A comment that is {comment.get_status_display().lower()} cannot be rejected.")
    review_flags(comment, by)
    event = change_status(
        comment, Comment.Status.REJECTED, action=CommentEvent.Action.REJECTED, actor=by, reason=reason
    )
    from engagement.notifications import notify_rejected

    transaction.on_commit(lambda: notify_rejected(comment))
    return event


@transaction.atomic
def restore(comment, by):
    """Publish again a comment that flags hid, after a moderator has reviewed it."""
    _check_moderator(by, comment)
    if comment.status not in RESTORABLE:
        raise ModerationError("Only a comment hidden after flags can be restored.")
    return _publish(comment, by, CommentEvent.Action.RESTORED)


def _many(action, comments, by, **kwargs):
    """Apply ``action`` to each comment it fits; returns (done, skipped) counts.

    A comment ``by`` wrote is skipped (and counted as skipped), never acted on.
    """
    _check_moderator(by)
    done = skipped = 0
    for comment in comments:
        if not may_moderate(by, comment):
            skipped += 1
            continue
        try:
            action(comment, by, **kwargs)
        except ModerationError:
            skipped += 1
        else:
            done += 1
    return done, skipped


def approve_many(comments, by):
    """Approve every comment that can be approved; returns (approved, skipped)."""
    return _many(approve, comments, by)


def reject_many(comments, by, reason):
    """Reject every comment that can be rejected, all with the same reason; returns (rejected, skipped)."""
    if not (reason or "").strip():
        raise ModerationError("Give the authors a reason for rejecting their comments.")
    return _many(reject, comments, by, reason=reason)


def restore_many(comments, by):
    """Restore every hidden comment among ``comments``; returns (restored, skipped)."""
    return _many(restore, comments, by)

"""Domain operations on comments: post, reply, confirm by email, edit, withdraw, flag, tidy up.

Views stay thin: they validate a form and call one function here. Each function checks the
rules that keep the record honest (the consultation is open, the target exists, the person may
act on this comment, nothing is stored twice) and raises ``CommentRefused`` with a plain message
when one fails. Every status change goes through :func:`engagement.moderation.change_status`.
Who may act is decided in ``engagement.rules``; what a page shows of comments is read by
:mod:`engagement.threads`.
"""

import hashlib
import math
import secrets
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from engagement import rules
from engagement.models import FLAGS_TO_HIDE, Comment, CommentEvent, CommentFlag
from engagement.moderation import change_status, initial_status, published_or_pending, record_event
from engagement.notifications import notify_reply
from engagement.ratelimit import RateLimited, SlidingWindow, client_address
from engagement.text import clean_user_text
from home.scheduled_jobs import scheduled_job
from people.services import EMPTY_SNAPSHOT, profile_snapshot

#: Comments one signed-in person may post in ten minutes (counted from their stored comments).
PERSON_LIMIT = 10
PERSON_WINDOW = timedelta(minutes=10)
#: Comments one network address may post in ten minutes from people without an account.
ADDRESS_LIMIT = SlidingWindow("comments-by-address", 20, 10 * 60)
#: The same text from the same person on the same consultation within this long is a double submission.
DUPLICATE_WINDOW = timedelta(minutes=1)
#: How long an emailed confirmation link works, and how long unconfirmed comments are kept.
CONFIRMATION_LIFETIME = timedelta(days=7)

EMPTY_TEXT = "Enter your comment"
DUPLICATE_TEXT = "You sent this comment a moment ago. We have it once; there is no need to send it again."
NOT_OPEN = "This consultation is not taking comments."
TARGET_MISSING = "The part of the proposal you chose is not in this consultation any more."
REPLY_TARGET_MISSING = (
    "The comment you are replying to is not available to reply to. It may have been withdrawn or hidden."
)


class CommentRefused(Exception):
    """A comment action broke a rule; ``message`` says which in plain English, ``field`` where."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def fingerprint(text: str, *, cleaned: bool = False) -> str:
    """A sha256 of the cleaned text with its whitespace normalised, for spotting double submissions.

    Pass ``cleaned=True`` when ``text`` has been through ``clean_user_text`` already.
    """
    normalised = " ".join((text if cleaned else clean_user_text(text)).split())
    return hashlib.sha256(normalised.encode()).hexdigest()


def hash_token(token: str) -> str:
    """What is stored for an emailed confirmation token (the token itself is only in the email)."""
    return hashlib.sha256(token.encode()).hexdigest()


def resolve_target(consultation, *, section_id="", paragraph_id="", parent_id=None):
    """Check what a new comment is about; return ``(section_id, paragraph_id, parent)``.

    A paragraph implies its section; a reply takes its parent's place (replies to a reply join
    the thread of the first comment). Raises ``CommentRefused`` for a section or paragraph not in
    the proposal, or a parent that is not a published comment on this consultation.
    """
    section_id = (section_id or "").strip()
    paragraph_id = (paragraph_id or "").strip()
    if parent_id:
        parent = (
            Comment.objects.filter(pk=parent_id, consultation_id=consultation.pk, status=Comment.Status.PUBLISHED)
            .select_related("parent")
            .first()
        )
        if parent is None:
            raise CommentRefused(REPLY_TARGET_MISSING, field="parent_id")
        root = parent.parent if parent.parent_id else parent
        if parent.parent_id and root.status != Comment.Status.PUBLISHED:
            raise CommentRefused(REPLY_TARGET_MISSING, field="parent_id")
        return root.section_id, root.paragraph_id, root
    if not section_id and not paragraph_id:
        return "", "", None
    anchors = consultation.anchor_ids()
    if paragraph_id:
        owner = anchors["paragraphs"].get(paragraph_id)
        if owner is None or (section_id and section_id != owner):
            raise CommentRefused(TARGET_MISSING, field="paragraph_id")
        return owner, paragraph_id, None
    if section_id not in anchors["sections"]:
        raise CommentRefused(TARGET_MISSING, field="section_id")
    return section_id, "", None


def person_rate_limit(user, now=None) -> RateLimited | None:
    """``RateLimited`` when this person has posted ``PERSON_LIMIT`` comments in the last ten minutes.

    The comments they have stored are the count (one indexed query, nothing else to keep), and the
    oldest of them says when they may post again.
    """
    now = now or timezone.now()
    latest = list(
        Comment.objects.filter(author_id=user.pk, created_at__gt=now - PERSON_WINDOW)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:PERSON_LIMIT]
    )
    if len(latest) < PERSON_LIMIT:
        return None
    wait = (latest[-1] + PERSON_WINDOW - now).total_seconds()
    return RateLimited(
        retry_after=max(1, math.ceil(wait)), limit=PERSON_LIMIT, seconds=int(PERSON_WINDOW.total_seconds())
    )


def rate_limit_for(request):
    """``RateLimited`` when this person (signed in) or address (without an account) must wait, else ``None``.

    Without an account, ``None`` also holds a place in the address's limit for this request, in one
    atomic step, so two requests cannot both have the last place: :func:`give_back_rate_limit`
    returns it when no comment is stored.
    """
    if request.user.is_authenticated:
        return person_rate_limit(request.user)
    return ADDRESS_LIMIT.hold(request, client_address(request))


def give_back_rate_limit(request) -> None:
    """Return the place :func:`rate_limit_for` held for this request (the comment was not stored)."""
    ADDRESS_LIMIT.release(request)


def count_towards_rate_limit(request) -> None:
    """Count one comment from someone without an account against their address's limit.

    A signed-in person's stored comments are their count already, and a place held by
    :func:`rate_limit_for` for this request is the count of its comment.
    """
    if request.user.is_authenticated or ADDRESS_LIMIT.keep(request):
        return
    ADDRESS_LIMIT.hit(client_address(request))


def _refuse_duplicate(consultation, print_, *, author=None, email="", serialised=False):
    """Raise ``CommentRefused`` if the same person sent the same text here within the last minute.

    Call it inside the transaction that stores the comment. Unless the caller holds a lock that
    puts this person's requests one after another (``serialised``), a short-lived cache entry
    also catches two submissions racing.
    """
    since = timezone.now() - DUPLICATE_WINDOW
    recent = Comment.objects.filter(consultation_id=consultation.pk, text_fingerprint=print_, created_at__gte=since)
    recent = (
        recent.filter(author=author) if author is not None else recent.filter(author__isnull=True, email__iexact=email)
    )
    if not serialised:
        who = f"user:{author.pk}" if author is not None else f"email:{email.lower()}"
        guard = f"ladder:comment-sent:{consultation.pk}:{who}:{print_}"
        if not cache.add(guard, 1, int(DUPLICATE_WINDOW.total_seconds())):
            raise CommentRefused(DUPLICATE_TEXT, field="text")
    if recent.exists():
        raise CommentRefused(DUPLICATE_TEXT, field="text")


def post_comment(
    consultation,
    text,
    *,
    author=None,
    email="",
    section_id="",
    paragraph_id="",
    parent_id=None,
    target=None,
    show_name=True,
):
    """Store a new comment (or reply) and return it with a one-off ``confirmation_link_token``.

    What it is about is ``target``, the ``(section_id, paragraph_id, parent)`` that
    :func:`resolve_target` returned (the comment form resolves it once, while it checks its
    fields), or else the ids given, resolved here.

    A signed-in person's comment is published at once on a post-moderated consultation, else it
    awaits moderation. Someone without an account gives ``email``; their comment waits, unconfirmed,
    until they follow the emailed link (the returned comment carries the plain token as
    ``confirmation_link_token`` for that email). Raises ``CommentRefused`` when the consultation is
    not open, the text is empty, the target is wrong or it is a double submission.
    """
    if not consultation.live or not consultation.is_open:
        raise CommentRefused(NOT_OPEN)
    cleaned = clean_user_text(text)
    if not cleaned:
        raise CommentRefused(EMPTY_TEXT, field="text")
    signed_in = author is not None and author.is_authenticated
    if not signed_in and not email:
        raise CommentRefused("Enter your email address, so we can check it is you", field="email")
    if target is None:
        target = resolve_target(consultation, section_id=section_id, paragraph_id=paragraph_id, parent_id=parent_id)
    section_id, paragraph_id, parent = target
    print_ = fingerprint(cleaned, cleaned=True)
    token = "" if signed_in else secrets.token_urlsafe(32)
    with transaction.atomic():
        snapshot = profile_snapshot(author, lock=True) if signed_in else None
        _refuse_duplicate(
            consultation, print_, author=author if signed_in else None, email=email, serialised=snapshot is not None
        )
        comment = Comment.objects.create(
            consultation=consultation,
            author=author if signed_in else None,
            email="" if signed_in else email,
            section_id=section_id,
            paragraph_id=paragraph_id,
            parent=parent,
            text=cleaned,
            text_fingerprint=print_,
            show_name=bool(show_name) and signed_in,
            status=initial_status(consultation, confirmed_email=signed_in),
            confirmation_token=hash_token(token) if token else "",
            **(snapshot or EMPTY_SNAPSHOT),
        )
        record_event(comment, action=CommentEvent.Action.SUBMITTED, actor=author)
    comment.confirmation_link_token = token
    if parent is not None and comment.status == Comment.Status.PUBLISHED:
        announce_reply(comment)
    return comment


def announce_reply(comment) -> None:
    """Tell the parent's author about a published reply (``engagement.notifications.notify_reply``).

    The moderation helper owns the email; a moderator approving a pending reply calls it from there.
    """
    transaction.on_commit(lambda: notify_reply(comment))


def find_unconfirmed(consultation, token):
    """The unconfirmed comment this emailed token belongs to, if the link still works; else ``None``."""
    if not token:
        return None
    return Comment.objects.filter(
        consultation_id=consultation.pk,
        status=Comment.Status.UNCONFIRMED,
        confirmation_token=hash_token(token),
        created_at__gte=timezone.now() - CONFIRMATION_LIFETIME,
    ).first()


def confirm_comment(consultation, token):
    """Confirm an emailed comment: it joins the moderation queue (or is published). Single use.

    Raises ``CommentRefused`` when the link is unknown, used already or over seven days old.
    """
    comment = find_unconfirmed(consultation, token)
    if comment is None:
        raise CommentRefused("This link has been used already or has expired.")
    with transaction.atomic():
        claimed = Comment.objects.filter(pk=comment.pk, status=Comment.Status.UNCONFIRMED).update(confirmation_token="")
        if not claimed:
            raise CommentRefused("This link has been used already or has expired.")
        comment.confirmation_token = ""
        change_status(comment, published_or_pending(consultation), action=CommentEvent.Action.CONFIRMED)
    if comment.parent_id and comment.status == Comment.Status.PUBLISHED:
        announce_reply(comment)
    return comment


def edit_comment(comment, text, *, user):
    """Replace the comment's text; on a pre-moderated consultation a published comment is moderated again."""
    if user is None or not user.has_perm("engagement.change_comment", comment):
        raise CommentRefused("You cannot change this comment.")
    cleaned = clean_user_text(text)
    if not cleaned:
        raise CommentRefused(EMPTY_TEXT, field="text")
    with transaction.atomic():
        comment.text = cleaned
        comment.text_fingerprint = fingerprint(cleaned, cleaned=True)
        comment.edited_at = timezone.now()
        comment.save(update_fields=["text", "text_fingerprint", "edited_at", "updated_at"])
        next_status = published_or_pending(comment.consultation)
        if comment.status == Comment.Status.PUBLISHED and next_status == Comment.Status.PENDING:
            change_status(comment, next_status, action=CommentEvent.Action.EDITED, actor=user)
        else:
            record_event(comment, action=CommentEvent.Action.EDITED, actor=user)
    return comment


def withdraw_comment(comment, *, user):
    """The author takes their comment back: it stays in the thread as a note, its text no longer shown."""
    if user is None or not user.has_perm("engagement.change_comment", comment):
        raise CommentRefused("You cannot withdraw this comment.")
    change_status(comment, Comment.Status.WITHDRAWN, action=CommentEvent.Action.WITHDRAWN, actor=user)
    return comment


def flag_refusal(comment, user):
    """Why ``user`` may not flag ``comment`` (a plain message), or ``None`` when they may.

    It asks the predicates of ``engagement.flag_comment`` one by one, to say which one failed.
    """
    if user is None or not user.is_authenticated:
        return "Sign in to report a comment."
    if rules.is_comment_author(user, comment):
        return "You cannot report your own comment. You can edit or withdraw it instead."
    if not rules.is_published(user, comment):
        return "This comment is not shown at the moment, so it cannot be reported."
    if rules.has_flagged(user, comment):
        return "You have already reported this comment. Our moderators will look at it."
    return None


def flag_comment(comment, *, user, reason, note=""):
    """Record a reader's flag; at ``FLAGS_TO_HIDE`` flags a published comment is hidden until reviewed."""
    refusal = flag_refusal(comment, user)
    if refusal:
        raise CommentRefused(refusal)
    try:
        with transaction.atomic():
            flag = CommentFlag.objects.create(
                comment=comment, flagged_by=user, reason=CommentFlag.Reason(reason), note=clean_user_text(note)[:500]
            )
            Comment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
            comment.refresh_from_db(fields=["flag_count", "status"])
            record_event(comment, action=CommentEvent.Action.FLAGGED, actor=user, reason=flag.get_reason_display())
            if comment.flag_count >= FLAGS_TO_HIDE and comment.status == Comment.Status.PUBLISHED:
                change_status(
                    comment,
                    Comment.Status.HIDDEN,
                    action=CommentEvent.Action.HIDDEN,
                    reason=f"{comment.flag_count} readers reported it",
                )
    except IntegrityError as error:  # a second flag racing the first
        raise CommentRefused("You have already reported this comment. Our moderators will look at it.") from error
    return flag


def delete_unconfirmed_comments(now=None) -> int:
    """Delete comments whose email was never confirmed within seven days; returns how many."""
    cutoff = (now or timezone.now()) - CONFIRMATION_LIFETIME
    deleted, _ = Comment.objects.filter(status=Comment.Status.UNCONFIRMED, created_at__lt=cutoff).delete()
    return deleted


@scheduled_job("delete comments whose email was not confirmed within 7 days")
def delete_unconfirmed_comments_job():
    """The scheduled job: run :func:`delete_unconfirmed_comments`."""
    delete_unconfirmed_comments()

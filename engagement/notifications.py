"""Emails about consultations: a comment's confirmation link, a comment rejected, a reply published,
"You said, we did" published.

Each email is two templates, ``engagement/email/<name>_subject.txt`` and ``<name>_body.txt``,
rendered as plain text. Addresses come from the author's account, or from ``Comment.email`` for
someone who commented without one.

Nothing is sent during the request: the messages are queued for the background worker, which
tries again when the mail server refuses them (:mod:`engagement.mail`).
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django_tasks import task

from engagement.mail import as_data, deliver, send_later
from engagement.models import Comment, ConsultationResponse, LadderRating

SECTION_ANCHOR = "you-said-we-did"


def comment_address(comment) -> str:
    """Where to write to a comment's author: their account's email, else the address they confirmed."""
    if comment.author_id is not None:
        return comment.author.email if comment.author.is_active else ""
    if comment.status == Comment.Status.UNCONFIRMED:
        return ""
    return comment.email


def comment_url(comment) -> str:
    """A lasting full address of a comment; it leads to wherever the comment is listed."""
    return f"{comment.consultation.full_url}comment/{comment.pk}/"


def _message(name, context, to) -> EmailMessage:
    subject = " ".join(render_to_string(f"engagement/email/{name}_subject.txt", context).split())
    body = render_to_string(f"engagement/email/{name}_body.txt", context)
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])


def send_confirmation_link(comment, link: str, *, valid_for: timedelta) -> bool:
    """Email ``link``, which confirms a comment from someone without an account for ``valid_for``.

    Returns whether an email was queued.
    """
    context = {"consultation": comment.consultation, "comment": comment, "link": link, "days": valid_for.days}
    return bool(send_later(_message("confirm_comment", context, comment.email)))


def notify_rejected(comment) -> bool:
    """Tell the author their comment was rejected, and why. Returns whether an email was sent."""
    address = comment_address(comment)
    if not address:
        return False
    context = {"comment": comment, "consultation": comment.consultation, "reason": comment.rejection_reason}
    context["consultation_url"] = comment.consultation.full_url
    return bool(send_later(_message("rejected", context, address)))


def notify_reply(reply) -> bool:
    """Tell the author of the comment ``reply`` answers that a reply is published.

    Nothing is sent when the reply is not published, has no parent, or comes from the same person
    (the same account, or the same email address for people without one).
    """
    parent = reply.parent
    if parent is None or reply.status != Comment.Status.PUBLISHED:
        return False
    address = comment_address(parent)
    if not address:
        return False
    if parent.author_id is not None and parent.author_id == reply.author_id:
        return False
    if address.lower() == (comment_address(reply) or "").lower():
        return False
    context = {
        "reply": reply,
        "parent": parent,
        "consultation": reply.consultation,
        "reply_url": comment_url(reply),
        "replier": reply.author_display_name if reply.show_name else "someone",
    }
    return bool(send_later(_message("reply", context, address)))


def participant_addresses(page) -> list[str]:
    """Everyone who took part in a consultation, each address once (ignoring case), in a stable order.

    Comment authors with active accounts, people without an account who confirmed their email,
    and signed-in people who rated the consultation on the ladder.
    """
    comments = Comment.objects.filter(consultation=page).exclude(status=Comment.Status.UNCONFIRMED)
    candidates = list(
        comments.filter(author__isnull=False, author__is_active=True).values_list("author__email", flat=True)
    )
    candidates += list(comments.filter(author__isnull=True).exclude(email="").values_list("email", flat=True))
    candidates += list(
        LadderRating.objects.filter(
            page=page,
            perspective=LadderRating.Perspective.PARTICIPANT,
            author__isnull=False,
            author__is_active=True,
        ).values_list("author__email", flat=True)
    )
    seen, addresses = set(), []
    for address in candidates:
        key = (address or "").strip().lower()
        if key and key not in seen:
            seen.add(key)
            addresses.append(address.strip())
    return addresses


def notify_response_published(response) -> None:
    """Queue the emails to everyone who took part that "You said, we did" is published."""
    send_response_published.enqueue(response.pk)


@task()
def send_response_published(response_id: int) -> int:
    """Email everyone who took part that "You said, we did" is published; returns how many were sent.

    Runs in the worker: each participant gets their own message, and the ones the mail server
    refuses are tried again later (:mod:`engagement.mail`).
    """
    response = ConsultationResponse.objects.select_related("consultation").get(pk=response_id)
    page = response.consultation
    context = {
        "response": response,
        "consultation": page,
        "response_url": f"{page.full_url}#{SECTION_ANCHOR}",
        "theme_count": response.themes.count(),
    }
    addresses = participant_addresses(page)
    if not addresses:
        return 0
    return deliver([as_data(_message("response_published", context, address)) for address in addresses])

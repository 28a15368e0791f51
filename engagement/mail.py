"""Sending email in the background, so no request waits on the mail server and a failure loses nothing.

Emails go out from django-tasks tasks (``manage.py db_worker`` runs them; tests run them at once).
:func:`send_later` queues ready-made messages; tasks that build many messages (everyone who took
part in a consultation) call :func:`deliver` themselves, in the worker.

Each message goes to one recipient and is sent on its own, so when the mail server refuses some,
only those are tried again: the task queues itself for them after ``RETRY_DELAYS`` (1, 5, 30
minutes, 2 hours). Nobody who already had the message gets it twice. After ``MAX_ATTEMPTS`` the
task fails with :class:`NotDelivered`, and staff see it among the failed task results in the
Django admin (``/django-admin/django_tasks_db/dbtaskresult/``), with every address not reached.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)

#: How many times a message is tried in all, and how long to wait after each failed attempt.
MAX_ATTEMPTS = 5
RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 60 * 60)


class NotDelivered(Exception):
    """The mail server refused these messages on every attempt."""


def as_data(message: EmailMessage) -> dict:
    """A message as JSON-ready data a task can carry (plain text, text attachments)."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "attachments": [[name, content, mimetype] for name, content, mimetype in message.attachments],
    }


def from_data(data: dict) -> EmailMessage:
    """The message :func:`as_data` described."""
    message = EmailMessage(
        subject=data["subject"],
        body=data["body"],
        from_email=data.get("from_email") or settings.DEFAULT_FROM_EMAIL,
        to=data["to"],
    )
    for name, content, mimetype in data.get("attachments", []):
        message.attach(name, content, mimetype)
    return message


def send_later(*messages: EmailMessage | None) -> int:
    """Queue ``messages`` (``None`` skipped) for the worker to send; returns how many were queued."""
    queued = [as_data(message) for message in messages if message is not None]
    if queued:
        send_messages.enqueue(queued)
    return len(queued)


def deliver(messages: list[dict], attempt: int = 1) -> int:
    """Send each message on its own; queue the refused ones to try again later. Returns how many went.

    Raises :class:`NotDelivered` when messages are still refused after the last attempt.
    """
    refused = []
    connection = get_connection()
    try:
        for data in messages:
            try:
                connection.send_messages([from_data(data)])
            except (smtplib.SMTPException, OSError) as error:
                log.warning("Email to %s not sent (attempt %s): %s", ", ".join(data["to"]), attempt, error)
                refused.append(data)
                connection.close()  # start a fresh session for the next message
    finally:
        connection.close()
    if refused:
        try_again(refused, attempt)
    return len(messages) - len(refused)


def try_again(messages: list[dict], attempt: int) -> None:
    """Queue ``messages`` for another attempt after a pause, or fail for good after the last one."""
    if attempt >= MAX_ATTEMPTS:
        addresses = ", ".join(address for data in messages for address in data["to"])
        raise NotDelivered(f"Refused after {attempt} attempts: {addresses}")
    later = send_messages
    if later.get_backend().supports_defer:
        delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]
        later = later.using(run_after=timezone.now() + timedelta(seconds=delay))
    later.enqueue(messages, attempt=attempt + 1)


@task()
def send_messages(messages: list[dict], attempt: int = 1) -> int:
    """The task behind :func:`send_later`: send ``messages``, retrying the refused ones."""
    return deliver(messages, attempt)

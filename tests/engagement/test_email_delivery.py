"""Emails go out from background tasks: a mail server that refuses some loses nobody and doubles nobody."""

import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from engagement import mail
from engagement.responses import publish_response
from people import groups
from tests.engagement.moderation_factories import ResponseThemeFactory, StaffCommentFactory, person_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class RefusesFirstMessage:
    """An SMTP server's handler that answers the first DATA with a temporary failure, then accepts."""

    def __init__(self, refusals=1):
        self.refusals = refusals
        self.delivered = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refusals:
                self.refusals -= 1
                return "451 4.3.0 Try again later"
            self.delivered.extend(envelope.rcpt_tos)
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    def start(refusals):
        handler = RefusesFirstMessage(refusals)
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        servers.append(controller)
        settings = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=5,
        )
        settings.enable()
        overrides.append(settings)
        return handler

    servers, overrides = [], []
    yield start
    for settings in overrides:
        settings.disable()
    for controller in servers:
        controller.stop()


@pytest.fixture
def database_tasks(monkeypatch):
    """Tasks queued in the database and run by ``db_worker``; retries due at once."""
    monkeypatch.setattr(mail, "RETRY_DELAYS", (0, 0, 0, 0))
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        yield


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.01", verbosity=0)


def published_response_with_participants(count):
    theme = ResponseThemeFactory()
    page = theme.response.consultation
    people = [StaffCommentFactory(consultation=page).author.email for _ in range(count)]
    return theme.response, people


def test_a_refused_first_attempt_still_reaches_every_participant_once(
    smtp_server, database_tasks, django_capture_on_commit_callbacks
):
    server = smtp_server(refusals=1)
    response, participants = published_response_with_participants(3)
    with django_capture_on_commit_callbacks(execute=True):
        publish_response(response, person_in(groups.COMMISSIONERS))
    assert server.delivered == []  # nothing is sent while the request runs

    run_worker()

    assert sorted(server.delivered) == sorted(participants)
    statuses = sorted(
        DBTaskResult.objects.filter(task_path__startswith="engagement.").values_list("task_path", "status")
    )
    assert statuses == [
        ("engagement.mail.send_messages", "SUCCESSFUL"),
        ("engagement.notifications.send_response_published", "SUCCESSFUL"),
    ]


def test_a_message_refused_on_every_attempt_fails_its_task_for_staff_to_see(smtp_server, database_tasks):
    server = smtp_server(refusals=mail.MAX_ATTEMPTS)
    mail.send_later(mail.from_data({"subject": "Hello", "body": "Hi", "to": ["someone@example.org"]}))

    run_worker()

    assert server.delivered == []
    sends = DBTaskResult.objects.filter(task_path="engagement.mail.send_messages").order_by("enqueued_at")
    results = list(sends.values_list("status", flat=True))
    assert results == ["SUCCESSFUL"] * (mail.MAX_ATTEMPTS - 1) + ["FAILED"]
    failed = sends.get(status="FAILED")
    assert failed.exception_class_path == "engagement.mail.NotDelivered"
    assert "someone@example.org" in failed.traceback

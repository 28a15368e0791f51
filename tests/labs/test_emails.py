"""Registration emails are written from what the caller hands them (``labs.emails``)."""

import pytest
from django.core import mail

from labs import emails
from labs.models import Registration

pytestmark = pytest.mark.django_db


def test_the_waiting_list_email_gives_the_position_it_is_handed(lab_page_factory, registration_factory):
    lab = lab_page_factory(capacity=1)
    waiting = registration_factory(lab=lab, status=Registration.Status.WAITING)

    assert emails.send_waiting(waiting, 4)

    (email,) = mail.outbox
    assert email.to == [waiting.person.email]
    assert "you are number 4" in email.body
    assert email.attachments == []


def test_the_waiting_list_email_leaves_out_a_position_it_is_not_given(lab_page_factory, registration_factory):
    waiting = registration_factory(lab=lab_page_factory(capacity=1), status=Registration.Status.WAITING)

    assert emails.send_waiting(waiting, None)

    (email,) = mail.outbox
    assert "waiting list" in email.body and "you are number" not in email.body

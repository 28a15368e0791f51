"""Authors hear about their comments: a rejection with its reason, a published reply; participants hear of the response."""

import pytest

from engagement import moderation
from engagement.models import Comment, LadderRating
from engagement.notifications import notify_reply, participant_addresses
from engagement.responses import publish_response
from people import groups
from tests.engagement.moderation_factories import (
    ResponseThemeFactory,
    StaffCommentFactory,
    StaffConsultationPageFactory,
    person_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return person_in(groups.MODERATORS)


def test_a_rejected_author_is_emailed_the_reason(moderator, mailoutbox, django_capture_on_commit_callbacks):
    comment = StaffCommentFactory(text="My neighbour at number 4 never helps.")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(comment, moderator, "Please leave out details that identify people.")
    [message] = mailoutbox
    assert message.to == [comment.author.email]
    assert comment.consultation.title in message.subject
    assert "Please leave out details that identify people." in message.body
    assert "My neighbour at number 4 never helps." in message.body


def test_a_rejected_author_without_an_account_is_emailed_at_the_address_they_gave(
    moderator, mailoutbox, django_capture_on_commit_callbacks
):
    comment = StaffCommentFactory(author=None, email="carer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(comment, moderator, "Off topic")
    assert [message.to for message in mailoutbox] == [["carer@example.org"]]


def test_no_email_is_sent_until_the_rejection_is_committed(moderator, mailoutbox, django_capture_on_commit_callbacks):
    comment = StaffCommentFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        moderation.reject(comment, moderator, "Off topic")
    assert mailoutbox == []
    assert len(callbacks) == 1


def test_approving_a_reply_emails_the_author_of_the_comment_it_answers(
    moderator, mailoutbox, django_capture_on_commit_callbacks
):
    parent = StaffCommentFactory(status=Comment.Status.PUBLISHED)
    reply = StaffCommentFactory(consultation=parent.consultation, parent=parent, text="I agree about evenings.")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(reply, moderator)
    [message] = mailoutbox
    assert message.to == [parent.author.email]
    assert "I agree about evenings." in message.body
    assert f"comment/{reply.pk}/" in message.body
    assert reply.author.profile.display_name in message.body


def test_a_reply_shown_without_a_name_does_not_reveal_it(moderator, mailoutbox, django_capture_on_commit_callbacks):
    parent = StaffCommentFactory(status=Comment.Status.PUBLISHED)
    reply = StaffCommentFactory(consultation=parent.consultation, parent=parent, show_name=False)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(reply, moderator)
    assert reply.author.profile.display_name not in mailoutbox[0].body


def test_restoring_a_hidden_reply_emails_the_parent_author(moderator, mailoutbox, django_capture_on_commit_callbacks):
    parent = StaffCommentFactory(status=Comment.Status.PUBLISHED)
    reply = StaffCommentFactory(consultation=parent.consultation, parent=parent, status=Comment.Status.HIDDEN)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore(reply, moderator)
    assert [message.to for message in mailoutbox] == [[parent.author.email]]


def test_nobody_is_emailed_about_replying_to_themselves(moderator, mailoutbox, django_capture_on_commit_callbacks):
    parent = StaffCommentFactory(status=Comment.Status.PUBLISHED)
    reply = StaffCommentFactory(consultation=parent.consultation, parent=parent, author=parent.author)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(reply, moderator)
    assert mailoutbox == []


def test_a_reply_that_is_not_published_sends_nothing(mailoutbox):
    parent = StaffCommentFactory(status=Comment.Status.PUBLISHED)
    reply = StaffCommentFactory(consultation=parent.consultation, parent=parent)
    assert notify_reply(reply) is False
    assert mailoutbox == []


def test_an_anonymous_parent_author_hears_of_replies_at_their_confirmed_address(mailoutbox):
    parent = StaffCommentFactory(status=Comment.Status.PUBLISHED, author=None, email="anon@example.org")
    reply = StaffCommentFactory(consultation=parent.consultation, parent=parent, status=Comment.Status.PUBLISHED)
    assert notify_reply(reply) is True
    assert mailoutbox[0].to == ["anon@example.org"]


def test_everyone_who_took_part_is_listed_once():
    page = StaffConsultationPageFactory()
    commenter = StaffCommentFactory(consultation=page).author
    StaffCommentFactory(consultation=page, author=commenter)  # a second comment from the same person
    StaffCommentFactory(consultation=page, author=None, email="Anon@Example.org", status=Comment.Status.PUBLISHED)
    StaffCommentFactory(consultation=page, author=None, email="anon@example.org", status=Comment.Status.PENDING)
    StaffCommentFactory(consultation=page, author=None, email="unconfirmed@example.org", status="unconfirmed")
    rater = person_in(groups.RESIDENTS)
    LadderRating.objects.create(page=page, author=rater, rung=3)
    LadderRating.objects.create(page=page, author=commenter, rung=5)
    LadderRating.objects.create(page=page, author=None, rung=2)  # anonymous rating: no address
    StaffCommentFactory()  # someone on another consultation
    assert participant_addresses(page) == [commenter.email, "Anon@Example.org", rater.email]


def test_publishing_the_response_emails_each_participant_once_and_never_twice(
    mailoutbox, django_capture_on_commit_callbacks
):
    theme = ResponseThemeFactory()
    page = theme.response.consultation
    first = StaffCommentFactory(consultation=page)
    StaffCommentFactory(consultation=page, author=first.author)
    second = StaffCommentFactory(consultation=page, author=None, email="anon@example.org", status="published")
    commissioner = person_in(groups.COMMISSIONERS)
    with django_capture_on_commit_callbacks(execute=True):
        publish_response(theme.response, commissioner)
    assert sorted(message.to[0] for message in mailoutbox) == sorted([first.author.email, second.email])
    message = mailoutbox[0]
    assert page.title in message.subject
    assert f"{page.full_url}#you-said-we-did" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        publish_response(theme.response, commissioner)
    assert len(mailoutbox) == 2

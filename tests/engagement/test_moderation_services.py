"""Moderators approve, reject and restore comments through services that check the role and log every change."""

import pytest
from django.core.exceptions import PermissionDenied

from engagement import moderation
from engagement.models import Comment, CommentEvent
from people import groups
from tests.engagement.moderation_factories import StaffCommentFactory, person_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return person_in(groups.MODERATORS)


def test_approving_publishes_the_comment_and_records_who_and_when(moderator):
    comment = StaffCommentFactory()
    event = moderation.approve(comment, moderator)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.status_changed_by == moderator
    assert event.action == CommentEvent.Action.APPROVED
    assert event.actor == moderator
    assert event.at is not None
    assert (event.from_status, event.to_status) == ("pending", "published")


def test_rejecting_keeps_the_reason_on_the_comment_and_in_the_history(moderator):
    comment = StaffCommentFactory()
    moderation.reject(comment, moderator, "  Please leave out names.  ")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert comment.rejection_reason == "Please leave out names."
    event = comment.events.get()
    assert (event.action, event.actor, event.reason) == ("rejected", moderator, "Please leave out names.")


def test_rejecting_without_a_reason_is_refused_and_changes_nothing(moderator):
    comment = StaffCommentFactory()
    with pytest.raises(moderation.ModerationError):
        moderation.reject(comment, moderator, "   ")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not comment.events.exists()


def test_restoring_publishes_a_hidden_comment_again(moderator):
    comment = StaffCommentFactory(status=Comment.Status.HIDDEN, flag_count=3)
    moderation.restore(comment, moderator)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.events.get().action == CommentEvent.Action.RESTORED


def test_approving_a_hidden_comment_restores_it(moderator):
    comment = StaffCommentFactory(status=Comment.Status.HIDDEN)
    assert moderation.approve(comment, moderator).action == CommentEvent.Action.RESTORED


@pytest.mark.parametrize("status", [Comment.Status.PUBLISHED, Comment.Status.WITHDRAWN, Comment.Status.UNCONFIRMED])
def test_a_comment_that_cannot_be_approved_is_left_alone(moderator, status):
    comment = StaffCommentFactory(status=status)
    with pytest.raises(moderation.ModerationError):
        moderation.approve(comment, moderator)
    assert not comment.events.exists()


@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.PUBLISHED, Comment.Status.REJECTED])
def test_only_a_hidden_comment_can_be_restored(moderator, status):
    with pytest.raises(moderation.ModerationError):
        moderation.restore(StaffCommentFactory(status=status), moderator)


def test_withdrawn_comments_cannot_be_rejected(moderator):
    with pytest.raises(moderation.ModerationError):
        moderation.reject(StaffCommentFactory(status=Comment.Status.WITHDRAWN), moderator, "Off topic")


def test_someone_who_is_not_a_moderator_is_refused_by_the_service_itself():
    comment = StaffCommentFactory()
    editor = person_in(groups.EDITORS)
    for action in (lambda: moderation.approve(comment, editor), lambda: moderation.reject(comment, editor, "No")):
        with pytest.raises(PermissionDenied):
            action()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_bulk_approval_publishes_what_it_can_and_counts_the_rest(moderator):
    pending = StaffCommentFactory.create_batch(3)
    withdrawn = StaffCommentFactory(status=Comment.Status.WITHDRAWN)
    assert moderation.approve_many([*pending, withdrawn], moderator) == (3, 1)
    assert Comment.objects.filter(status=Comment.Status.PUBLISHED).count() == 3
    assert CommentEvent.objects.filter(action="approved", actor=moderator).count() == 3


def test_bulk_rejection_gives_every_comment_the_same_reason(moderator):
    comments = StaffCommentFactory.create_batch(2)
    assert moderation.reject_many(comments, moderator, "Off topic") == (2, 0)
    assert set(Comment.objects.values_list("rejection_reason", flat=True)) == {"Off topic"}


def test_bulk_rejection_needs_a_reason(moderator):
    with pytest.raises(moderation.ModerationError):
        moderation.reject_many(StaffCommentFactory.create_batch(2), moderator, "")
    assert not Comment.objects.filter(status=Comment.Status.REJECTED).exists()


@pytest.mark.parametrize("status", Comment.Status.values)
def test_the_actions_offered_are_exactly_those_the_services_accept(moderator, status):
    offered = moderation.actions_for(StaffCommentFactory(status=status), moderator)
    services = {
        "approve": moderation.approve,
        "reject": lambda comment, by: moderation.reject(comment, by, "Off topic."),
        "restore": moderation.restore,
    }
    for action, service in services.items():
        comment = StaffCommentFactory(status=status)
        if action in offered:
            service(comment, moderator)
        elif action == "approve" and status == Comment.Status.HIDDEN:
            assert "restore" in offered  # approving a hidden comment restores it, offered as "restore"
        else:
            with pytest.raises(moderation.ModerationError):
                service(comment, moderator)


def test_no_action_is_offered_on_your_own_comment_or_to_someone_who_is_not_a_moderator(moderator):
    assert moderation.actions_for(StaffCommentFactory(), moderator) == ["approve", "reject"]
    assert moderation.actions_for(StaffCommentFactory(author=moderator), moderator) == []
    assert moderation.actions_for(StaffCommentFactory(), person_in(groups.EDITORS)) == []

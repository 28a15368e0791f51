"""Flags a moderator has reviewed no longer count: a restored comment needs three new flags to hide again."""

import pytest
from django.urls import reverse

from engagement import comments, moderation
from engagement.models import FLAGS_TO_HIDE, Comment, CommentFlag
from people import groups
from tests.engagement.moderation_factories import StaffCommentFactory, person_in

pytestmark = pytest.mark.django_db


def flag_by_new_readers(comment, how_many):
    for _ in range(how_many):
        comments.flag_comment(comment, user=person_in(groups.RESIDENTS), reason="spam")
    comment.refresh_from_db()


@pytest.fixture
def moderator():
    return person_in(groups.MODERATORS)


@pytest.fixture
def hidden_by_flags():
    comment = StaffCommentFactory(status=Comment.Status.PUBLISHED)
    flag_by_new_readers(comment, FLAGS_TO_HIDE)
    assert comment.status == Comment.Status.HIDDEN
    return comment


def test_one_more_flag_does_not_hide_a_restored_comment_again(hidden_by_flags, moderator):
    moderation.restore(hidden_by_flags, moderator)
    flag_by_new_readers(hidden_by_flags, 1)
    assert hidden_by_flags.status == Comment.Status.PUBLISHED
    assert hidden_by_flags.flag_count == 1


def test_a_restored_comment_is_hidden_again_by_as_many_new_flags(hidden_by_flags, moderator):
    moderation.restore(hidden_by_flags, moderator)
    flag_by_new_readers(hidden_by_flags, FLAGS_TO_HIDE)
    assert hidden_by_flags.status == Comment.Status.HIDDEN


@pytest.mark.parametrize("decision", ["restore", "approve", "reject"])
def test_a_moderators_decision_marks_the_flags_reviewed_and_keeps_them(hidden_by_flags, moderator, decision):
    kwargs = {"reason": "Off topic"} if decision == "reject" else {}
    getattr(moderation, decision)(hidden_by_flags, moderator, **kwargs)
    hidden_by_flags.refresh_from_db()
    assert hidden_by_flags.flag_count == 0
    flags = CommentFlag.objects.filter(comment=hidden_by_flags)
    assert flags.count() == FLAGS_TO_HIDE
    assert all(flag.is_reviewed and flag.reviewed_by == moderator for flag in flags)


def test_flags_raised_after_a_review_are_not_reviewed(hidden_by_flags, moderator):
    moderation.restore(hidden_by_flags, moderator)
    flag_by_new_readers(hidden_by_flags, 1)
    assert CommentFlag.objects.filter(comment=hidden_by_flags, reviewed_at__isnull=True).count() == 1


def test_the_review_page_says_which_flags_were_reviewed(client, hidden_by_flags, moderator):
    moderation.restore(hidden_by_flags, moderator)
    client.force_login(moderator)
    html = client.get(reverse("comment_moderation:edit", args=[hidden_by_flags.pk])).content.decode()
    assert html.count("no longer counts") == FLAGS_TO_HIDE

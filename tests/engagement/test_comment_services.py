"""Comment operations in ``engagement.comments`` and reads in ``engagement.threads``: statuses, targets, labels, limits."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from engagement import comments, threads
from engagement.models import Comment, CommentEvent
from engagement.ratelimit import SlidingWindow

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(consultation_page_factory):
    return consultation_page_factory()


def test_a_signed_in_comment_starts_pending_or_published_by_moderation_mode(consultation_page_factory, user):
    pre = comments.post_comment(consultation_page_factory(), "A view", author=user)
    post = comments.post_comment(consultation_page_factory(post_moderated=True), "A view", author=user)
    assert (pre.status, post.status) == (Comment.Status.PENDING, Comment.Status.PUBLISHED)
    assert pre.events.get().action == CommentEvent.Action.SUBMITTED


def test_a_comment_without_an_account_starts_unconfirmed_with_a_token(consultation):
    comment = comments.post_comment(consultation, "A view", author=AnonymousUser(), email="a@example.org")
    assert comment.status == Comment.Status.UNCONFIRMED
    assert comment.confirmation_token == comments.hash_token(comment.confirmation_link_token)
    assert comment.show_name is False


def test_the_text_is_stored_clean_with_its_fingerprint(consultation, user):
    comment = comments.post_comment(consultation, "<b>Bold</b>   idea", author=user)
    assert comment.text == "Bold   idea"
    assert comment.text_fingerprint == comments.fingerprint("Bold idea")


@pytest.mark.parametrize("text", ["", "  ", "<p></p>"])
def test_empty_text_is_refused_by_the_service_too(consultation, user, text):
    with pytest.raises(comments.CommentRefused) as refusal:
        comments.post_comment(consultation, text, author=user)
    assert refusal.value.field == "text"


def test_targets_resolve_a_paragraph_to_its_section(consultation):
    assert comments.resolve_target(consultation, paragraph_id="s2-p2") == ("section-2", "s2-p2", None)
    assert comments.resolve_target(consultation) == ("", "", None)


def test_the_section_threads_show_own_pending_comments_only_to_their_author(consultation, comment_factory, user):
    mine = comment_factory(consultation=consultation, author=user, status="pending", section_id="section-1")
    sections, _ = threads.section_threads(consultation, user)
    assert sections["section-1"]["comments"] == [mine]
    sections, _ = threads.section_threads(consultation, AnonymousUser())
    assert "section-1" not in sections or sections["section-1"]["comments"] == []


def test_author_labels(comment_factory, user_factory):
    assert threads.author_label(comment_factory.build(author=None, had_author=True)) == "a deleted account"
    assert threads.author_label(comment_factory.build(author=None, respondent_type="", locality="")) == (
        "someone without an account"
    )
    staff = comment_factory.build(author=user_factory(), show_name=False, respondent_type="staff", locality="")
    assert threads.author_label(staff) == "a member of staff"


def test_a_sliding_window_lifts_as_old_events_leave_it():
    window = SlidingWindow("test", 2, 60)
    window.hit("k", now=1000)
    window.hit("k", now=1030)
    assert window.check("k", now=1059).retry_after == 1
    assert window.check("k", now=1061) is None


def test_rate_limits_are_per_person_when_signed_in_and_per_address_otherwise(user, comment_factory):
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.5")
    request.user = user
    comment_factory.create_batch(10, author=user)
    limited = comments.rate_limit_for(request)
    assert limited is not None and 590 <= limited.retry_after <= 600
    request.user = AnonymousUser()
    assert comments.rate_limit_for(request) is None


def test_a_persons_comments_older_than_ten_minutes_do_not_count_towards_their_limit(user, comment_factory):
    old = comment_factory.create_batch(10, author=user)
    Comment.objects.filter(pk__in=[comment.pk for comment in old]).update(
        created_at=timezone.now() - comments.PERSON_WINDOW - timedelta(seconds=1)
    )
    assert comments.person_rate_limit(user) is None
    comment_factory(author=user)
    assert comments.person_rate_limit(user) is None


def test_an_address_without_an_account_is_limited_by_its_counted_comments():
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.9")
    request.user = AnonymousUser()
    for _ in range(comments.ADDRESS_LIMIT.limit):
        comments.count_towards_rate_limit(request)
    assert comments.rate_limit_for(request) is not None

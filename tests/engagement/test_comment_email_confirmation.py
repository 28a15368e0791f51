"""Comments from people without an account: the emailed link, confirming once, expiry and clean-up."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from engagement import comments, threads
from engagement.models import Comment, CommentEvent
from home import scheduled_jobs
from tests.engagement.consultation_helpers import main_text, route, soup

pytestmark = pytest.mark.django_db


def post_without_account(client, page, text="Please think about carers who work nights.", email="sam@example.org"):
    return client.post(route(page, "comment/"), {"text": text, "email": email})


def link_in(message):
    return re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)


def path_of(link):
    return re.sub(r"^https?://[^/]+", "", link)


@pytest.fixture
def consultation(consultation_page_factory):
    return consultation_page_factory()


def test_a_comment_without_an_account_waits_unconfirmed_and_an_email_with_a_link_is_sent(
    client, consultation, mailoutbox
):
    response = post_without_account(client, consultation)
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert (comment.status, comment.email, comment.author) == (Comment.Status.UNCONFIRMED, "sam@example.org", None)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["sam@example.org"]
    assert consultation.title in message.subject
    assert "7 days" in message.body
    assert "We have emailed a link to sam@example.org" in main_text(client.get(consultation.url))


def test_the_token_in_the_link_is_random_and_only_its_hash_is_stored(client, consultation, mailoutbox):
    post_without_account(client, consultation, text="First")
    post_without_account(client, consultation, text="Second", email="kim@example.org")
    first, second = (path_of(link_in(message)).rstrip("/").rsplit("/", 1)[1] for message in mailoutbox)
    assert first != second and len(first) >= 40
    stored = set(Comment.objects.values_list("confirmation_token", flat=True))
    assert first not in stored
    assert comments.hash_token(first) in stored


def test_following_the_link_shows_a_button_then_confirming_joins_the_moderation_queue(client, consultation, mailoutbox):
    post_without_account(client, consultation)
    link = path_of(link_in(mailoutbox[0]))
    page = client.get(link)
    assert page.status_code == 200
    assert soup(page).select_one("main form button").get_text(strip=True) == "Confirm my comment"
    assert Comment.objects.get().status == Comment.Status.UNCONFIRMED  # a GET (a mail scanner) changes nothing
    response = client.post(link)
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert comment.status == Comment.Status.PENDING
    assert comment.confirmation_token == ""
    assert list(comment.events.values_list("action", flat=True)) == [
        CommentEvent.Action.SUBMITTED,
        CommentEvent.Action.CONFIRMED,
    ]


def test_confirming_on_a_postmoderated_consultation_publishes(client, consultation_page_factory, mailoutbox):
    page = consultation_page_factory(post_moderated=True)
    post_without_account(client, page)
    response = client.post(path_of(link_in(mailoutbox[0])))
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PUBLISHED
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert threads.author_label(comment) == "someone without an account"


def test_a_link_works_only_once(client, consultation, mailoutbox):
    post_without_account(client, consultation)
    link = path_of(link_in(mailoutbox[0]))
    client.post(link)
    again = client.post(link)
    assert again.status_code == 410
    assert "This link has been used already or has expired." in main_text(again)
    assert client.get(link).status_code == 410
    assert Comment.objects.get().events.filter(action=CommentEvent.Action.CONFIRMED).count() == 1


def test_a_link_older_than_seven_days_has_expired(client, consultation, mailoutbox):
    post_without_account(client, consultation)
    Comment.objects.update(created_at=timezone.now() - timedelta(days=7, minutes=1))
    response = client.post(path_of(link_in(mailoutbox[0])))
    assert response.status_code == 410
    assert Comment.objects.get().status == Comment.Status.UNCONFIRMED


def test_a_made_up_token_is_refused(client, consultation):
    assert client.post(route(consultation, "confirm/not-a-real-token/")).status_code == 410


def test_a_token_for_one_consultation_does_not_confirm_on_another(client, consultation_page_factory, mailoutbox):
    first, second = consultation_page_factory(), consultation_page_factory()
    post_without_account(client, first)
    token = path_of(link_in(mailoutbox[0])).rstrip("/").rsplit("/", 1)[1]
    assert client.post(route(second, f"confirm/{token}/")).status_code == 410
    assert Comment.objects.get().status == Comment.Status.UNCONFIRMED


def test_an_unconfirmed_comment_is_not_shown_to_anyone(client, consultation_page_factory, mailoutbox):
    page = consultation_page_factory(post_moderated=True)
    post_without_account(client, page, text="Not yet confirmed words")
    assert "Not yet confirmed words" not in main_text(client.get(page.url))


def test_signing_up_is_offered_but_not_needed(client, consultation):
    form = soup(client.get(route(consultation, "comment/")))
    assert form.select_one("a[href^='/accounts/signup/']") is not None
    assert form.select_one("input[name=email]") is not None


def test_the_same_text_from_the_same_email_within_a_minute_is_stored_once(client, consultation, mailoutbox):
    post_without_account(client, consultation)
    response = post_without_account(client, consultation)
    assert response.status_code == 200
    assert Comment.objects.count() == 1
    assert len(mailoutbox) == 1


def test_the_cleanup_deletes_unconfirmed_comments_older_than_seven_days_only(comment_factory):
    old = comment_factory(status="unconfirmed", author=None, email="a@example.org")
    recent = comment_factory(status="unconfirmed", author=None, email="b@example.org")
    old_but_confirmed = comment_factory(status="pending", author=None, email="c@example.org")
    Comment.objects.filter(pk__in=[old.pk, old_but_confirmed.pk]).update(created_at=timezone.now() - timedelta(days=8))
    assert comments.delete_unconfirmed_comments() == 1
    assert set(Comment.objects.values_list("pk", flat=True)) == {recent.pk, old_but_confirmed.pk}


def test_the_cleanup_runs_as_a_scheduled_job(comment_factory):
    old = comment_factory(status="unconfirmed", author=None, email="a@example.org")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    job = scheduled_jobs.registered_jobs()["delete comments whose email was not confirmed within 7 days"]
    job()
    assert not Comment.objects.exists()

"""Authors editing and withdrawing their comments; readers flagging them (hidden at three flags)."""

import pytest
from django.test import Client

from engagement import comments
from engagement.models import FLAGS_TO_HIDE, Comment, CommentEvent, CommentFlag
from tests.engagement.consultation_helpers import error_summary, field_error, main_text, route, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(profile_factory):
    return profile_factory(display_name="Jo Author").user


@pytest.fixture
def consultation(consultation_page_factory):
    return consultation_page_factory()


@pytest.fixture
def published(comment_factory, consultation, author):
    return comment_factory(consultation=consultation, author=author, text="Original words")


def as_person(person):
    client = Client()
    client.force_login(person)
    return client


# --- Editing --------------------------------------------------------------------------------


def test_the_author_edits_their_comment_and_it_is_moderated_again_when_premoderated(published, author):
    client = as_person(author)
    response = client.post(route(published.consultation, f"comment/{published.pk}/edit/"), {"text": "Better words"})
    published.refresh_from_db()
    assert response.status_code == 303
    assert response["Location"].endswith(f"#comment-{published.pk}")
    assert (published.text, published.status) == ("Better words", Comment.Status.PENDING)
    assert published.edited_at is not None
    assert published.text_fingerprint == comments.fingerprint("Better words")
    event = published.events.get()
    assert (event.action, event.from_status, event.to_status) == ("edited", "published", "pending")


def test_an_edit_on_a_postmoderated_consultation_stays_published(comment_factory, consultation_page_factory, author):
    comment = comment_factory(consultation=consultation_page_factory(post_moderated=True), author=author)
    as_person(author).post(route(comment.consultation, f"comment/{comment.pk}/edit/"), {"text": "Changed"})
    comment.refresh_from_db()
    assert (comment.text, comment.status) == ("Changed", Comment.Status.PUBLISHED)
    assert comment.events.get().action == CommentEvent.Action.EDITED


def test_the_edit_form_starts_with_the_comments_text(published, author):
    response = as_person(author).get(route(published.consultation, f"comment/{published.pk}/edit/"))
    assert soup(response).select_one("textarea[name=text]").get_text().strip() == "Original words"


def test_an_edited_comment_is_marked_edited(comment_factory, consultation_page_factory, author, client):
    comment = comment_factory(consultation=consultation_page_factory(post_moderated=True), author=author)
    as_person(author).post(route(comment.consultation, f"comment/{comment.pk}/edit/"), {"text": "Changed"})
    byline = soup(client.get(comment.consultation.url)).select_one(f"#comment-{comment.pk}-byline").get_text()
    assert "(edited)" in byline


@pytest.mark.parametrize("text", ["", "   "])
def test_an_edit_to_empty_text_is_refused(published, author, text):
    response = as_person(author).post(route(published.consultation, f"comment/{published.pk}/edit/"), {"text": text})
    assert field_error(response, "id_text") == comments.EMPTY_TEXT
    published.refresh_from_db()
    assert published.text == "Original words"


def test_an_edit_over_five_thousand_characters_is_refused_and_kept(published, author):
    response = as_person(author).post(
        route(published.consultation, f"comment/{published.pk}/edit/"), {"text": "b" * 5001}
    )
    assert "Your comment must be 5,000 characters or fewer" in error_summary(response)
    assert soup(response).select_one("textarea[name=text]").get_text().strip() == "b" * 5001


def test_someone_else_cannot_edit_or_withdraw_a_comment(published, profile_factory, client):
    other = as_person(profile_factory().user)
    for action in ("edit", "withdraw"):
        url = route(published.consultation, f"comment/{published.pk}/{action}/")
        assert other.post(url, {"text": "Hijacked"}).status_code == 403
        assert client.post(url, {"text": "Hijacked"}).status_code == 403
    published.refresh_from_db()
    assert (published.text, published.status) == ("Original words", Comment.Status.PUBLISHED)


def test_a_comment_on_a_closed_consultation_cannot_be_edited(comment_factory, consultation_page_factory, author):
    comment = comment_factory(consultation=consultation_page_factory(closed=True), author=author)
    response = as_person(author).post(route(comment.consultation, f"comment/{comment.pk}/edit/"), {"text": "Late"})
    assert response.status_code == 403
    assert soup(response).select_one("textarea#unsent-comment").get_text().strip() == "Late"
    comment.refresh_from_db()
    assert comment.text != "Late"


def test_a_comment_from_another_consultation_is_not_found_here(published, author, consultation_page_factory):
    elsewhere = consultation_page_factory()
    assert as_person(author).get(route(elsewhere, f"comment/{published.pk}/edit/")).status_code == 404


# --- Withdrawing ----------------------------------------------------------------------------


def test_the_author_withdraws_their_comment_and_its_text_is_no_longer_shown(published, author, client):
    person = as_person(author)
    confirm_page = person.get(route(published.consultation, f"comment/{published.pk}/withdraw/"))
    assert "Withdraw your comment?" in main_text(confirm_page)
    response = person.post(route(published.consultation, f"comment/{published.pk}/withdraw/"))
    published.refresh_from_db()
    assert response.status_code == 303
    assert published.status == Comment.Status.WITHDRAWN
    assert published.events.get().action == CommentEvent.Action.WITHDRAWN
    text = main_text(client.get(published.consultation.url))
    assert "This comment was withdrawn by its author" in text
    assert "Original words" not in text


def test_a_withdrawn_comment_cannot_be_withdrawn_or_edited_again(published, author):
    comments.withdraw_comment(published, user=author)
    person = as_person(author)
    assert person.post(route(published.consultation, f"comment/{published.pk}/withdraw/")).status_code == 403
    assert person.post(route(published.consultation, f"comment/{published.pk}/edit/"), {"text": "x"}).status_code == 403


# --- Flags ----------------------------------------------------------------------------------


def flag(person, comment, reason="offensive"):
    return as_person(person).post(route(comment.consultation, f"comment/{comment.pk}/flag/"), {"reason": reason})


def test_a_reader_flags_a_comment_with_a_reason(published, profile_factory):
    reader = profile_factory().user
    response = flag(reader, published, "spam")
    assert response.status_code == 303
    stored = CommentFlag.objects.get()
    assert (stored.comment, stored.flagged_by, stored.reason) == (published, reader, "spam")
    published.refresh_from_db()
    assert (published.flag_count, published.status) == (1, Comment.Status.PUBLISHED)
    assert published.events.get().action == CommentEvent.Action.FLAGGED


def test_a_comment_is_hidden_at_three_flags_until_reviewed(published, profile_factory, client):
    readers = [profile_factory().user for _ in range(FLAGS_TO_HIDE)]
    for reader in readers[:-1]:
        flag(reader, published)
    published.refresh_from_db()
    assert published.status == Comment.Status.PUBLISHED
    flag(readers[-1], published)
    published.refresh_from_db()
    assert (published.flag_count, published.status) == (3, Comment.Status.HIDDEN)
    hidden = published.events.get(action=CommentEvent.Action.HIDDEN)
    assert (hidden.from_status, hidden.to_status) == ("published", "hidden")
    assert "Original words" not in main_text(client.get(published.consultation.url))


def test_the_author_cannot_flag_their_own_comment(published, author):
    response = flag(author, published)
    assert response.status_code == 403
    assert "You cannot report your own comment" in main_text(response)
    assert not CommentFlag.objects.exists()


def test_a_second_flag_from_the_same_person_is_refused(published, profile_factory):
    reader = profile_factory().user
    flag(reader, published)
    response = flag(reader, published, "spam")
    assert response.status_code == 403
    assert "You have already reported this comment" in main_text(response)
    assert CommentFlag.objects.count() == 1
    published.refresh_from_db()
    assert published.flag_count == 1


def test_a_flag_needs_a_reason(published, profile_factory):
    response = as_person(profile_factory().user).post(
        route(published.consultation, f"comment/{published.pk}/flag/"), {}
    )
    assert "Choose why you are reporting this comment" in error_summary(response)
    assert not CommentFlag.objects.exists()


def test_someone_not_signed_in_is_asked_to_sign_in_to_flag(published, client):
    response = client.get(route(published.consultation, f"comment/{published.pk}/flag/"))
    assert "Sign in to report a comment" in main_text(response)
    assert (
        client.post(route(published.consultation, f"comment/{published.pk}/flag/"), {"reason": "spam"}).status_code
        == 403
    )
    assert not CommentFlag.objects.exists()


def test_the_service_refuses_a_flag_from_the_author(published, author):
    with pytest.raises(comments.CommentRefused):
        comments.flag_comment(published, user=author, reason="spam")

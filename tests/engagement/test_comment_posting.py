"""Posting comments and replies at ``<consultation>/comment/``, and every kind of bad input."""

import pytest
from django.test import Client
from django.utils import timezone

from engagement import comments, threads
from engagement.forms import COMMENT_TOO_LONG, HONEYPOT_MESSAGE, TARGET_UNCLEAR, target_refused
from engagement.models import Comment, CommentEvent
from tests.engagement.consultation_helpers import error_summary, field_error, main_text, route, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(profile_factory):
    """A signed-in resident with a profile in the first seeded neighbourhood."""
    return profile_factory(display_name="Ama Mensah").user


@pytest.fixture
def signed_in(client, resident):
    client.force_login(resident)
    return client


@pytest.fixture
def consultation(consultation_page_factory):
    return consultation_page_factory()


def post(client, page, **data):
    values = {"text": "Evening opening would help working carers.", "show_name": "on", **data}
    return client.post(route(page, "comment/"), values)


# --- Signed in: comment, reply, where it lands --------------------------------------------------


def test_a_signed_in_comment_on_a_premoderated_consultation_awaits_moderation(signed_in, resident, consultation):
    response = post(signed_in, consultation)
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{consultation.url}#comment-{comment.pk}"
    assert (comment.author, comment.status, comment.show_name) == (resident, Comment.Status.PENDING, True)
    assert comment.events.get().action == CommentEvent.Action.SUBMITTED
    page = signed_in.get(response["Location"].split("#")[0])
    assert "Thank you. Your comment is awaiting moderation." in main_text(page)


def test_a_comment_on_a_postmoderated_consultation_is_published_at_once(signed_in, consultation_page_factory):
    page = consultation_page_factory(post_moderated=True)
    response = post(signed_in, page)
    assert Comment.objects.get().status == Comment.Status.PUBLISHED
    assert "Your comment is published." in main_text(signed_in.get(page.url))
    assert response.status_code == 303


def test_a_comment_on_a_paragraph_records_the_paragraph_and_its_section(signed_in, consultation):
    post(signed_in, consultation, paragraph_id="s2-p1")
    comment = Comment.objects.get()
    assert (comment.section_id, comment.paragraph_id) == ("section-2", "s2-p1")


def test_a_comment_on_a_section_records_the_section(signed_in, consultation):
    post(signed_in, consultation, section_id="section-1")
    assert Comment.objects.get().section_id == "section-1"


def test_the_form_page_for_a_paragraph_says_what_the_comment_is_about(signed_in, consultation):
    response = signed_in.get(route(consultation, "comment/?paragraph=s1-p2"))
    assert response.status_code == 200
    assert 'Paragraph 2 of "Part 1 of the proposal"' in main_text(response)
    assert soup(response).select_one("input[name=paragraph_id]")["value"] == "s1-p2"


def test_a_person_may_choose_not_to_show_their_name(signed_in, consultation):
    post(signed_in, consultation, show_name="")
    comment = Comment.objects.get()
    assert comment.show_name is False
    assert (comment.respondent_type, comment.locality) == ("resident", "North")
    assert threads.author_label(comment) == "a resident in North"


def test_a_reply_joins_its_parents_thread_and_section(signed_in, consultation, comment_factory):
    parent = comment_factory(consultation=consultation, section_id="section-1", paragraph_id="s1-p1")
    post(signed_in, consultation, parent_id=parent.pk)
    reply = Comment.objects.exclude(pk=parent.pk).get()
    assert (reply.parent, reply.section_id, reply.paragraph_id) == (parent, "section-1", "s1-p1")


def test_a_posted_reply_finds_its_target_once(signed_in, consultation, comment_factory, monkeypatch):
    parent = comment_factory(consultation=consultation, section_id="section-1", paragraph_id="s1-p1")
    calls = []

    def counted(*args, **kwargs):
        calls.append(kwargs)
        return resolve_target(*args, **kwargs)

    resolve_target = comments.resolve_target
    monkeypatch.setattr(comments, "resolve_target", counted)
    assert post(signed_in, consultation, parent_id=parent.pk).status_code == 303
    assert Comment.objects.exclude(pk=parent.pk).get().parent == parent
    assert len(calls) == 1


def test_a_reply_to_a_reply_joins_the_first_comments_thread(signed_in, consultation, comment_factory):
    parent = comment_factory(consultation=consultation)
    reply = comment_factory(consultation=consultation, parent=parent)
    post(signed_in, consultation, parent_id=reply.pk)
    assert Comment.objects.order_by("-pk").first().parent == parent


def test_the_reply_form_shows_the_comment_being_answered(signed_in, consultation, comment_factory):
    parent = comment_factory(consultation=consultation, text="Please open on Saturdays.")
    text = main_text(signed_in.get(route(consultation, f"comment/?parent={parent.pk}")))
    assert "Reply to a comment" in text
    assert "Please open on Saturdays." in text


# --- Bad input: each is refused with a clear message, the text kept, nothing stored -------------


def assert_refused_on_the_form(response, message, field_id=None, kept=None):
    assert response.status_code == 200
    assert message in error_summary(response)
    if field_id:
        assert field_error(response, field_id) == message
    if kept is not None:
        assert soup(response).select_one("textarea[name=text]").get_text().removeprefix("\n") == kept
    assert not Comment.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_an_empty_or_blank_comment_is_refused(signed_in, consultation, text):
    response = post(signed_in, consultation, text=text)
    assert_refused_on_the_form(response, comments.EMPTY_TEXT, "id_text")


def test_a_comment_of_only_markup_counts_as_empty_and_keeps_the_text(signed_in, consultation):
    response = post(signed_in, consultation, text="<p> </p><script>x</script>")
    assert_refused_on_the_form(response, comments.EMPTY_TEXT, "id_text", kept="<p> </p><script>x</script>")


def test_a_comment_over_five_thousand_characters_is_refused_and_kept(signed_in, consultation):
    long_text = "a" * 5001
    response = post(signed_in, consultation, text=long_text)
    assert_refused_on_the_form(response, COMMENT_TOO_LONG, "id_text", kept=long_text)


def test_a_comment_of_exactly_five_thousand_characters_is_accepted(signed_in, consultation):
    post(signed_in, consultation, text="a" * 5000)
    assert len(Comment.objects.get().text) == 5000


def test_html_and_script_are_stored_as_plain_text_and_shown_harmless(client, consultation_page_factory, resident):
    page = consultation_page_factory(post_moderated=True)
    client.force_login(resident)
    post(
        client,
        page,
        text='<script>alert("x")</script><b>Bold</b> claim <img src=x onerror=alert(1)> see https://example.org/plan',
    )
    comment = Comment.objects.get()
    assert "<" not in comment.text and "script" not in comment.text
    assert comment.text == "Bold claim  see https://example.org/plan"
    shown = soup(client.get(page.url)).select_one(f"#comment-{comment.pk} .ladder-comment__text")
    assert shown.select("script, img, b") == []
    link = shown.select_one("a")
    assert (link["href"], link["rel"]) == ("https://example.org/plan", ["nofollow", "ugc"])


def test_markup_typed_as_entities_shows_as_text(client, consultation_page_factory, resident):
    page = consultation_page_factory(post_moderated=True)
    client.force_login(resident)
    post(client, page, text="Use 5 < 6 & keep <going>")
    html = client.get(page.url).content.decode()
    assert "<going>" not in html
    assert "Use 5 &lt; 6 &amp; keep" in html


@pytest.mark.parametrize("when", ["closed", "upcoming"])
def test_a_closed_or_upcoming_consultation_refuses_comments(signed_in, consultation_page_factory, when):
    page = consultation_page_factory(**{when: True})
    response = post(signed_in, page)
    assert response.status_code == 403
    heading = "This consultation has closed" if when == "closed" else "This consultation is not open yet"
    assert heading in main_text(response)
    assert signed_in.get(route(page, "comment/")).status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize("signed_in_or_not", ["signed in", "no account"])
def test_a_comment_sent_just_after_closing_is_shown_back_to_copy(client, resident, consultation, signed_in_or_not):
    if signed_in_or_not == "signed in":
        client.force_login(resident)
    consultation.closed_early_at = timezone.now()
    consultation.save(update_fields=["closed_early_at"])
    text = "My last word, typed <slowly> & with care"
    response = post(client, consultation, text=text, email="carer@example.com")
    assert response.status_code == 403
    assert "This consultation has closed" in main_text(response)
    assert soup(response).select_one("textarea#unsent-comment").get_text().removeprefix("\n") == text
    assert "<slowly>" not in response.content.decode()
    assert not Comment.objects.exists()


def test_an_unpublished_consultation_refuses_comments(signed_in, resident, consultation):
    consultation.unpublish()
    assert post(signed_in, consultation).status_code == 404
    assert not Comment.objects.exists()
    with pytest.raises(comments.CommentRefused):
        comments.post_comment(consultation, "Still trying", author=resident)


@pytest.mark.parametrize(
    "target",
    [
        {"paragraph_id": "no-such-paragraph"},
        {"section_id": "no-such-section"},
        {"section_id": "section-1", "paragraph_id": "s2-p1"},
        {"section_id": "x" * 5000},
    ],
)
def test_a_section_or_paragraph_that_does_not_exist_is_refused_and_the_text_kept(signed_in, consultation, target):
    response = post(signed_in, consultation, text="About a missing part", **target)
    assert_refused_on_the_form(response, target_refused(comments.TARGET_MISSING), kept="About a missing part")
    assert soup(response).select_one("#form-non-field-error") is not None


TAMPERED_TARGETS = [
    {"parent_id": "abc"},
    {"parent_id": "-1"},
    {"parent_id": "1.5"},
    {"parent_id": "９"},
    {"parent_id": "9" * 40},
    {"section_id": "section-1\x00"},
    {"paragraph_id": "\x00"},
    {"section_id": "section-1", "parent_id": "<script>"},
]


@pytest.mark.parametrize("tampered", TAMPERED_TARGETS)
def test_a_tampered_hidden_field_gets_a_clear_message_and_is_not_sent_back(signed_in, consultation, tampered):
    response = post(signed_in, consultation, text="My words", **tampered)
    assert response.status_code == 200
    assert error_summary(response) == [target_refused(TARGET_UNCLEAR)]
    page = soup(response)
    assert page.select_one("textarea[name=text]").get_text().removeprefix("\n") == "My words"
    for name in ("section_id", "paragraph_id", "parent_id"):
        assert page.select_one(f"input[name={name}]").get("value", "") == ""
    assert " ".join(page.select_one("p.nhsuk-body-l").get_text().split()) == "About: The whole consultation"
    assert not Comment.objects.exists()


def test_after_a_tampered_hidden_field_sending_the_form_again_works(signed_in, consultation):
    first = post(signed_in, consultation, text="Sent twice", parent_id="abc")
    again = {field["name"]: field.get("value", "") for field in soup(first).select("form.ladder-comment-form input")}
    again.update(text="Sent twice", show_name="on")
    response = signed_in.post(route(consultation, "comment/"), again)
    assert response.status_code == 303
    assert Comment.objects.get().parent is None


def test_a_refused_reply_target_is_not_sent_back(signed_in, consultation, comment_factory):
    parent = comment_factory(consultation=consultation, status="withdrawn")
    response = post(signed_in, consultation, parent_id=parent.pk, text="My reply")
    assert soup(response).select_one("input[name=parent_id]").get("value", "") == ""


def test_the_form_page_for_a_missing_paragraph_is_not_found(signed_in, consultation):
    assert signed_in.get(route(consultation, "comment/?paragraph=gone")).status_code == 404


@pytest.mark.parametrize("status", ["hidden", "pending", "rejected", "unconfirmed", "withdrawn"])
def test_a_reply_to_a_comment_that_is_not_published_is_refused(signed_in, consultation, comment_factory, status):
    parent = comment_factory(consultation=consultation, status=status)
    response = post(signed_in, consultation, parent_id=parent.pk, text="My reply")
    assert response.status_code == 200
    assert target_refused(comments.REPLY_TARGET_MISSING) in error_summary(response)
    assert Comment.objects.count() == 1


def test_a_reply_to_another_consultations_comment_is_refused(signed_in, consultation, comment_factory):
    elsewhere = comment_factory()
    response = post(signed_in, consultation, parent_id=elsewhere.pk, text="My reply")
    assert target_refused(comments.REPLY_TARGET_MISSING) in error_summary(response)
    assert Comment.objects.count() == 1


def test_the_same_text_twice_within_a_minute_is_stored_once(signed_in, consultation):
    first = post(signed_in, consultation, text="Open on Saturdays, please.")
    second = post(signed_in, consultation, text="  Open   on Saturdays,\nplease.  ")
    assert first.status_code == 303
    assert second.status_code == 200
    assert field_error(second, "id_text") == comments.DUPLICATE_TEXT
    assert comments.DUPLICATE_TEXT in error_summary(second)
    assert Comment.objects.count() == 1


def test_the_same_text_is_refused_by_the_database_check_even_without_the_cache(signed_in, consultation):
    from django.core.cache import cache

    post(signed_in, consultation, text="Open on Saturdays, please.")
    cache.clear()
    response = post(signed_in, consultation, text="Open on Saturdays, please.")
    assert field_error(response, "id_text") == comments.DUPLICATE_TEXT
    assert Comment.objects.count() == 1


def test_the_same_text_from_two_people_is_two_comments(client, consultation, profile_factory):
    for _ in range(2):
        client.force_login(profile_factory().user)
        post(client, consultation, text="Open on Saturdays, please.")
    assert Comment.objects.count() == 2


def test_a_post_without_a_csrf_token_is_forbidden(resident, consultation):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(resident)
    response = post(strict, consultation)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_post_with_the_csrf_token_from_the_form_is_accepted(resident, consultation):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(resident)
    token = soup(strict.get(route(consultation, "comment/"))).select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert post(strict, consultation, csrfmiddlewaretoken=token).status_code == 303


def test_an_eleventh_comment_in_ten_minutes_from_one_person_gets_a_429_that_says_when(signed_in, consultation):
    for number in range(10):
        assert post(signed_in, consultation, text=f"Point number {number}").status_code == 303
    response = post(signed_in, consultation, text="One too many")
    assert response.status_code == 429
    assert 550 < int(response["Retry-After"]) <= 600
    text = main_text(response)
    assert "You can try again after" in text
    assert "One too many" in soup(response).select_one("#unsent-comment").get_text()
    assert Comment.objects.count() == 10


def test_the_address_limit_does_not_apply_to_signed_in_people(client, consultation, profile_factory):
    for number in range(21):
        client.force_login(profile_factory().user)
        assert post(client, consultation, text=f"From the venue, point {number}").status_code == 303
    assert Comment.objects.count() == 21


def test_a_twenty_first_comment_from_one_address_without_an_account_gets_a_429(client, consultation, mailoutbox):
    for number in range(20):
        response = post(client, consultation, text=f"Point {number}", email=f"p{number}@example.org")
        assert response.status_code == 303
    response = post(client, consultation, text="One too many", email="late@example.org")
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "from your connection" in main_text(response)
    assert Comment.objects.count() == 20


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(client, consultation, mailoutbox):
    response = post(client, consultation, email="bot@example.org", website="http://spam.example")
    assert response.status_code == 200
    assert HONEYPOT_MESSAGE in error_summary(response)
    assert not Comment.objects.exists()
    assert mailoutbox == []


def test_the_honeypot_is_hidden_from_people_and_out_of_the_tab_order(client, consultation):
    field = soup(client.get(route(consultation, "comment/"))).select_one("input[name=website]")
    assert field["tabindex"] == "-1"
    assert field.find_parent(attrs={"aria-hidden": "true"}) is not None


def test_without_an_account_an_email_address_is_needed(client, consultation):
    response = post(client, consultation, email="")
    assert field_error(response, "id_email") == "Enter your email address, so we can check it is you"
    assert not Comment.objects.exists()


def test_a_badly_formed_email_address_is_refused_and_kept(client, consultation):
    response = post(client, consultation, email="not-an-address", text="My view")
    assert field_error(response, "id_email") == "Enter an email address in the correct format, like name@example.com"
    assert soup(response).select_one("input[name=email]")["value"] == "not-an-address"
    assert soup(response).select_one("textarea[name=text]").get_text().removeprefix("\n") == "My view"


def test_a_published_reply_emails_the_parents_author(
    client, consultation_page_factory, comment_factory, profile_factory, mailoutbox, django_capture_on_commit_callbacks
):
    page = consultation_page_factory(post_moderated=True)
    parent = comment_factory(consultation=page, author=profile_factory().user)
    client.force_login(profile_factory().user)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, page, parent_id=parent.pk, text="Good point")
    assert [message.to for message in mailoutbox] == [[parent.author.email]]

"""Property tests of the comment form: whatever arrives in any of its fields, no 500 and no stored markup."""

import pytest
from django.core.cache import cache
from hypothesis import given, settings
from hypothesis import strategies as st

from engagement.models import Comment
from engagement.text import clean_user_text
from tests.engagement.consultation_helpers import route, soup
from tests.engagement.markup_checks import unsafe_markup
from tests.hostile_text import typed_text

pytestmark = pytest.mark.django_db

hidden_values = st.one_of(st.just(""), typed_text(max_pieces=3, long=False), st.integers().map(str))


@pytest.fixture
def consultation(consultation_page_factory):
    return consultation_page_factory(post_moderated=True)


@settings(deadline=None)
@given(text=typed_text(), section_id=hidden_values, paragraph_id=hidden_values, parent_id=hidden_values)
def test_any_comment_is_stored_clean_or_refused_on_the_form(
    client, user, consultation, text, section_id, paragraph_id, parent_id
):
    cache.clear()
    Comment.objects.all().delete()
    client.force_login(user)
    data = {"text": text, "show_name": "on", "section_id": section_id, "paragraph_id": paragraph_id}
    data["parent_id"] = parent_id
    response = client.post(route(consultation, "comment/"), data)
    assert response.status_code in {200, 303}
    if response.status_code == 200:
        assert soup(response).select(".nhsuk-error-summary__list li"), "a refused comment says why"
    for comment in Comment.objects.filter(consultation=consultation):
        assert comment.text == clean_user_text(comment.text)
        shown = soup(client.get(consultation.url)).select_one(f"#comment-{comment.pk}")
        assert shown is not None
        body = "".join(str(part) for div in shown.select(".ladder-comment__text") for part in div.contents)
        assert unsafe_markup(body) == []


@settings(deadline=None)
@given(text=typed_text(), email=st.one_of(st.emails(), typed_text(max_pieces=3, long=False)))
def test_any_comment_without_an_account_gets_an_answer_not_an_error(client, consultation, text, email, mailoutbox):
    cache.clear()
    Comment.objects.all().delete()
    response = client.post(route(consultation, "comment/"), {"text": text, "email": email, "website": ""})
    assert response.status_code in {200, 303}
    for comment in Comment.objects.all():
        assert comment.text == clean_user_text(comment.text)
        assert comment.status == Comment.Status.UNCONFIRMED

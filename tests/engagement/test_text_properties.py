"""Property tests of the sanitiser (``engagement.text``): whatever people type, nothing comes out as markup."""

from hypothesis import example, given

from engagement.text import clean_user_text, render_user_text
from tests.engagement.markup_checks import unsafe_markup
from tests.hostile_text import typed_text


@given(typed_text())
def test_shown_text_is_never_markup(text):
    assert unsafe_markup(render_user_text(clean_user_text(text))) == []


@given(typed_text())
def test_even_uncleaned_text_is_shown_without_markup(text):
    assert unsafe_markup(render_user_text(text)) == []


@given(typed_text())
@example(" \ufeffwords")  # a parser drops a byte-order mark only at the very start of a text
@example("a&#xFEFF;b")
def test_cleaning_twice_changes_nothing_more(text):
    once = clean_user_text(text)
    assert clean_user_text(once) == once


@given(typed_text())
def test_cleaned_text_has_no_tags_for_a_browser_to_read(text):
    cleaned = clean_user_text(text)
    assert unsafe_markup(cleaned) == []
    assert "<script" not in cleaned.lower()

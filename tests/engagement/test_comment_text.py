"""Showing what people typed: ``render_user_text`` and the template filters for comments."""

import pytest
from bs4 import BeautifulSoup

from engagement.templatetags.comment_tags import friendly_time
from engagement.text import render_user_text


def test_markup_is_shown_as_text():
    assert render_user_text("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_web_addresses_become_nofollow_ugc_links_without_trailing_punctuation():
    html = render_user_text("See https://example.org/plan?a=1&b=2, then http://example.net.")
    links = BeautifulSoup(html, "html.parser").select("a")
    assert [(a["href"], a["rel"]) for a in links] == [
        ("https://example.org/plan?a=1&b=2", ["nofollow", "ugc"]),
        ("http://example.net", ["nofollow", "ugc"]),
    ]
    assert html.endswith(".</p>")


@pytest.mark.parametrize("text", ["javascript:alert(1)", 'https://x.org/"onmouseover="alert(1)', "data:text/html,<b>"])
def test_nothing_else_becomes_a_link_or_an_attribute(text):
    parsed = BeautifulSoup(render_user_text(text), "html.parser")
    for link in parsed.select("a"):
        assert link["href"].startswith(("http://", "https://"))
        assert set(link.attrs) == {"href", "rel"}
    assert not parsed.select("[onmouseover], b")


def test_blank_lines_make_paragraphs_and_single_breaks_stay():
    assert render_user_text("One\ntwo\n\nThree") == "<p>One<br>two</p><p>Three</p>"


def test_empty_text_renders_nothing():
    assert render_user_text("") == ""


def test_times_read_the_nhs_way():
    from datetime import datetime

    assert friendly_time(datetime(2027, 1, 12, 9, 0)) == "9am"
    assert friendly_time(datetime(2027, 1, 12, 17, 30)) == "5:30pm"
    assert friendly_time(datetime(2027, 1, 12, 12, 0)) == "midday"
    assert friendly_time(datetime(2027, 1, 12, 0, 0)) == "midnight"


def test_www_addresses_become_links_and_email_addresses_stay_text():
    parsed = BeautifulSoup(render_user_text("Read www.example.org (or write to me@example.org)."), "html.parser")
    assert [(a["href"], a.text) for a in parsed.select("a")] == [("http://www.example.org", "www.example.org")]
    assert "me@example.org" in parsed.text

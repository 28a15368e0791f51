"""Property tests of site search: whatever is typed, results or "no results", never an error."""

import re

import pytest
from hypothesis import given, settings

from home.search import MAX_TERMS, displayable_query, search_terms
from tests.hostile_text import typed_text

pytestmark = pytest.mark.django_db


@given(typed_text())
def test_search_terms_are_only_words(text):
    terms = search_terms(text)
    assert len(terms) <= MAX_TERMS
    assert all(re.fullmatch(r"\w+", term) for term in terms)


@settings(deadline=None)
@given(typed_text())
def test_any_query_gives_results_or_no_results(client, plan, text):
    response = client.get("/search/", {"q": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "\x00" not in html
    if displayable_query(text):
        assert "ladder-search-results" in html or "No pages matched" in html

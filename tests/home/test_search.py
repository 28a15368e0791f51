"""Site search finds plan text and shows a short description of each result."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site():
    call_command("seed_demo", verbosity=0)


def result_links(html):
    start = html.index('class="nhsuk-list ladder-search-results"')
    return html[start:]


def test_search_for_prevention_finds_the_priorities_section(client, demo_site):
    html = client.get("/search/", {"q": "prevention"}).content.decode()
    results = result_links(html)
    assert 'href="/plan/priorities/"' in results
    assert "Eight things we will focus on this year" in results


def test_search_for_social_value_puts_the_social_value_section_first(client, demo_site):
    html = client.get("/search/", {"q": "social value"}).content.decode()
    results = result_links(html)
    assert results.index('href="/plan/social-value/"') < results.index("</li>")
    assert "Paying the right price" in results


def test_search_finds_words_inside_plan_blocks(client, demo_site):
    html = client.get("/search/", {"q": "well-led"}).content.decode()
    assert 'href="/plan/quality/"' in result_links(html)


def test_search_with_no_match_says_so(client, demo_site):
    html = client.get("/search/", {"q": "zebracrossing"}).content.decode()
    assert "0 results" in html
    assert "No pages matched" in html


def test_search_leaves_out_unpublished_pages(client, demo_site):
    from home.models import PlanSectionPage

    PlanSectionPage.objects.get(slug="priorities").unpublish()
    html = client.get("/search/", {"q": "prevention"}).content.decode()
    assert 'href="/plan/priorities/"' not in html


#: What people type that a search engine's own syntax would choke on.
AWKWARD_QUERIES = [
    '"',
    '"unbalanced',
    "(prevention",
    "prevention)",
    "[care]",
    "*",
    "prev*",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "prevention AND",
    "OR care",
    "NEAR(prevention care)",
    "title:prevention",
    "^care",
    "-care",
    "don't",
    "100%",
    "%s",
    "back\\slash",
    "x" * 1000,
    "word " * 200,
    "pre\x00vention",
    "\x00 🙂",
    "🙂",
    "care 🙂 home",
]


@pytest.mark.parametrize("query", AWKWARD_QUERIES)
def test_any_query_gives_results_or_no_results(client, plan, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ladder-search-results" in html or "No pages matched" in html
    assert "\x00" not in html


def test_a_quoted_word_is_searched_for_as_the_word(client, plan):
    html = client.get("/search/", {"q": '"prevention"'}).content.decode()
    assert 'href="/plan/priorities/"' in result_links(html)


def test_search_operators_are_words_not_syntax(client, plan):
    html = client.get("/search/", {"q": "prevention OR NEAR"}).content.decode()
    assert 'href="/plan/priorities/"' in result_links(html)


def test_a_query_with_no_words_finds_nothing(client, plan):
    html = client.get("/search/", {"q": "*** 🙂 ((("}).content.decode()
    assert "0 results" in html
    assert "No pages matched" in html

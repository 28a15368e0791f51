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

"""A newcomer reads the commissioning plan and finds it again through search."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible


def test_newcomer_reads_the_plan_section_by_section_and_finds_it_by_search(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Shape adult social care in the city")
    assert_accessible(page)

    page.get_by_role("link", name="Read the commissioning plan").click()
    expect(page).to_have_url(re.compile(r"/plan/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Better Outcomes, Better Lives")
    assert_accessible(page)

    page.get_by_role("link", name="Start reading the plan").click()
    expect(page).to_have_url(re.compile(r"/plan/vision/$"))
    expect(page.get_by_text("I live my best life, safely and independently")).to_be_visible()
    assert_accessible(page)

    contents = page.get_by_role("navigation", name="Sections of this plan")
    contents.get_by_role("link", name="Quality of care").click()
    expect(page).to_have_url(re.compile(r"/plan/quality/$"))
    current = page.get_by_role("navigation", name="Sections of this plan").locator('[aria-current="page"]')
    expect(current).to_have_text("Quality of care")

    page.get_by_role("link", name=re.compile(r"Next.*Social value")).click()
    expect(page).to_have_url(re.compile(r"/plan/social-value/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Social value")
    expect(page.get_by_role("link", name=re.compile("Print this plan"))).to_be_visible()

    page.get_by_label("Search this site").fill("prevention")
    page.get_by_label("Search this site").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=prevention"))
    expect(page.get_by_role("heading", level=2, name=re.compile(r"results? for"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Our priorities for the next 12 months").click()
    expect(page).to_have_url(re.compile(r"/plan/priorities/$"))
    expect(page.get_by_text("Putting prevention into practice", exact=True)).to_be_visible()


def test_print_view_shows_the_whole_plan(page):
    page.goto("/plan/vision/")
    page.get_by_role("link", name=re.compile("Print this plan")).click()
    expect(page).to_have_url(re.compile(r"/plan/print/$"))
    for title in ("Our vision", "Design principles", "Measures of success"):
        expect(page.get_by_role("heading", level=2, name=re.compile(title))).to_be_visible()
    assert_accessible(page)


def test_unknown_page_is_an_accessible_404(page):
    response = page.goto("/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)

"""Journeys on the ladder of co-production: reading the ladder page and rating by keyboard alone."""

import re
import uuid

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible

LADDER = "/ladder-of-co-production/"


def tab_to_the_rating(page, limit=120):
    """Press Tab until a rung's radio button has focus; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == "rung":
            return
    raise AssertionError("Tab never reached the ladder rating")


def focused(page, attribute):
    return page.evaluate(f"document.activeElement.{attribute}")


def test_the_ladder_page_shows_seven_rungs_credits_tlap_and_is_accessible(page):
    page.goto(LADDER)
    expect(page.locator(".ladder-diagram li")).to_have_count(7)
    expect(page.get_by_text("Think Local Act Personal's National Co-production Advisory Group (2016)")).to_be_visible()
    top, bottom = page.locator(".ladder-diagram li[value='7']"), page.locator(".ladder-diagram li[value='1']")
    assert top.bounding_box()["y"] < bottom.bounding_box()["y"], "rung 7 is drawn above rung 1, as on a ladder"
    assert_accessible(page)


def test_a_visitor_rates_the_ladder_page_with_the_keyboard_only(page, db_access):
    from engagement.models import LadderRating

    note = f"Felt like a real partner {uuid.uuid4().hex[:8]}"
    page.goto(LADDER)
    tab_to_the_rating(page)
    assert focused(page, "value") == "1", "Tab lands on the first rung when none is chosen"

    for _ in range(5):
        page.keyboard.press("ArrowDown")
    assert focused(page, "value") == "6"
    expect(page.locator("input[name=rung]:checked")).to_have_value("6")

    page.keyboard.press("Tab")
    assert focused(page, "name") == "text", "Tab leaves the radio group for the free text"
    page.keyboard.type(note)
    page.keyboard.press("Tab")
    assert focused(page, "tagName") == "BUTTON"
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(LADDER) + "$"))
    expect(page.locator(".ladder-messages")).to_contain_text(
        "Thank you. You told us you felt at rung 6, Co-design (doing with)."
    )
    rating = LadderRating.objects.get(text=note)
    assert (rating.rung, rating.perspective, rating.author) == (6, "participant", None)


def test_a_rating_without_a_rung_shows_the_error_summary_and_keeps_the_text(page, db_access):
    from engagement.models import LadderRating

    note = f"I was not sure which rung {uuid.uuid4().hex[:8]}"
    page.goto(LADDER)
    tab_to_the_rating(page)
    page.keyboard.press("Tab")
    page.keyboard.type(note)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")

    expect(page).to_have_url(re.compile(r"/ladder/rate/\d+/$"))
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Choose how involved you felt, from 1 to 7")).to_be_visible()
    expect(page.locator("#ladder-rung-error")).to_contain_text("Choose how involved you felt, from 1 to 7")
    expect(page.locator("textarea[name=text]")).to_have_value(note)
    assert not LadderRating.objects.filter(text=note).exists()
    assert_accessible(page)

    summary.get_by_role("link").press("Enter")
    expect(page.locator("#ladder-rung_0")).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.locator("button[type=submit]").last.press("Enter")
    expect(page.locator(".ladder-messages")).to_contain_text("rung 3, Informing (doing for)")
    assert LadderRating.objects.get(text=note).rung == 3


def test_the_rating_form_on_its_own_page_is_accessible(page, db_access):
    from wagtail.models import Page

    ladder_page = Page.objects.get(url_path__endswith=LADDER, depth=3)
    page.goto(f"/ladder/rate/{ladder_page.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How involved did you feel?")
    assert_accessible(page)

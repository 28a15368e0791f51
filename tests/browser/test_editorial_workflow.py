"""An editor drafts a change to a plan section and submits it; a moderator approves and publishes it."""

import re
import uuid

from playwright.sync_api import expect

from tests.browser.helpers import sign_in

DEMO_PASSWORD = "ladder-demo-2021"
SECTION_SLUG = "population-health"


def _section():
    from home.models import PlanSectionPage

    return PlanSectionPage.objects.get(slug=SECTION_SLUG)


def _press_footer_action(page, selector):
    """Footer actions may sit in Wagtail's "More actions" dropdown: press the button wherever it is."""
    button = page.locator(selector).first
    expect(button).to_be_attached()
    button.evaluate("button => button.click()")


def _sign_out(page):
    page.context.clear_cookies()


def test_an_editor_submits_a_plan_section_and_a_moderator_publishes_it(page, db_access):
    section = _section()
    public_url = section.url
    new_introduction = f"How we will improve health across every neighbourhood ({uuid.uuid4().hex[:8]})."

    sign_in(page, "editor@example.org", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/{section.pk}/edit/")
    page.locator("#id_introduction").fill(new_introduction)
    assert page.locator('button[name="action-publish"]').count() == 0, "editors cannot publish"
    _press_footer_action(page, 'button[name="action-submit"]')
    expect(page.get_by_text(re.compile("submitted", re.I)).first).to_be_visible()
    assert _section().workflow_in_progress

    page.goto(public_url)
    expect(page.get_by_text(new_introduction)).to_have_count(0)

    _sign_out(page)
    sign_in(page, "moderator@example.org", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/{section.pk}/edit/")
    expect(page.locator("#id_introduction")).to_have_value(new_introduction)
    _press_footer_action(page, 'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])')
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    section.refresh_from_db()
    assert section.live and not section.has_unpublished_changes

    _sign_out(page)
    page.goto(public_url)
    expect(page.get_by_text(new_introduction)).to_be_visible()

"""Ladder works under its Content-Security-Policy: no page a person or an editor opens breaks a rule
of it (no script, style, font or image the policy refuses)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in

DEMO_PASSWORD = "ladder-demo-2021"

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber} SAMPLE ${event.sample}`);
});
"""


@pytest.fixture
def watched_page(page):
    """A page that records every policy violation, whether reported as an event or on the console."""
    console = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )

    def violations():
        return page.evaluate("window.__cspViolations || []") + console

    page.csp_violations = violations
    return page


def _open(page, url):
    response = page.goto(url)
    assert response.ok, url
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert page.csp_violations() == [], f"{url}: {page.csp_violations()}"


def test_an_editor_opens_the_page_editor_with_no_policy_violation(watched_page, db_access):
    from engagement.models import ConsultationPage
    from home.models import PlanSectionPage

    page = watched_page
    sign_in(page, "editor@example.org", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert page.csp_violations() == []

    consultation = ConsultationPage.objects.live().first()
    section = PlanSectionPage.objects.live().first()
    for url in (
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{consultation.pk}/edit/",
        "/admin/documents/",
        "/admin/images/",
    ):
        _open(page, url)
    _open(page, f"/admin/pages/{section.pk}/edit/")
    expect(page.locator("#id_introduction")).to_be_visible()  # the editor's fields drew
    expect(page.locator(".Draftail-Editor").first).to_be_visible()  # and its rich text editor


def test_date_choosers_and_inline_panels_start_without_inline_scripts(watched_page, db_access):
    from engagement.models import ConsultationPage
    from labs.models import LabPage

    page = watched_page
    sign_in(page, "editor@example.org", DEMO_PASSWORD)
    consultation = ConsultationPage.objects.live().first()
    _open(page, f"/admin/pages/{consultation.pk}/edit/")
    page.locator("#id_opens_at").click()
    expect(page.locator(".xdsoft_datetimepicker:visible").first).to_be_visible()

    lab = LabPage.objects.live().first()
    _open(page, f"/admin/pages/{lab.pk}/edit/")
    total_forms = page.locator("#id_themes-TOTAL_FORMS")
    before = int(total_forms.input_value())
    page.get_by_role("button", name=re.compile("Add Themes", re.I)).click()
    expect(total_forms).to_have_value(str(before + 1))  # the inline panel was started by the static script
    expect(page.locator(f"#inline_child_themes-{before}")).to_be_visible()
    assert page.csp_violations() == []


def test_a_resident_uses_the_public_site_with_no_policy_violation(watched_page, db_access):
    from engagement.models import ConsultationPage

    page = watched_page
    for url in ("/", "/accounts/login/", "/accounts/signup/", "/search/?q=care"):
        _open(page, url)
    sign_in(page, "resident@example.org", DEMO_PASSWORD)
    for url in (
        "/accounts/profile/",
        "/accounts/2fa/",
        "/accounts/email/",
        ConsultationPage.objects.live().first().url,
    ):
        _open(page, url)
    # The header's menu is driven by the NHS.UK frontend's script, started from a static module.
    assert page.evaluate("document.body.classList.contains('nhsuk-frontend-supported')")


def test_a_page_chooser_opens_its_dialog_with_no_policy_violation(watched_page, db_access):
    page = watched_page
    sign_in(page, "commissioner@example.org", DEMO_PASSWORD)
    _open(page, "/admin/you-said-we-did/new/")
    page.get_by_role("button", name="Choose a page (Consultation)").click()  # started by the static script
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("textbox", name=re.compile("Search", re.I))).to_be_visible()
    assert page.csp_violations() == []

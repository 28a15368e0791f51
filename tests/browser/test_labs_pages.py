"""Journeys on Innovation Lab pages: the labs index and a lab page pass axe-core; a provider
registers by keyboard alone, is told what is missing (the form passes axe-core with its errors),
gets a confirmed place and the confirmation email, and sees it on the lab page."""

import re
import uuid
from datetime import timedelta

from playwright.sync_api import expect

from tests.browser.consultation_fixtures import DEMO_PASSWORD, PASSWORD, make_person, unique
from tests.browser.helpers import assert_accessible, focused, sign_in, tab_to, tab_until

DEMO_LAB = "/labs/care-closer-to-home-lab/"


def _make_lab(label):
    """A published lab of the journey's own, registration open, with two themes."""
    from django.utils import timezone

    from tests.labs.factories import LabPageFactory

    slug = unique(label)
    return LabPageFactory(
        title=f"Browser lab {slug}",
        slug=slug,
        starts_at=timezone.now() + timedelta(days=10),
        themes=["Social value", "Technology-enabled care"],
    )


def _make_provider_without_organisation(label):
    person = make_person(label, display_name=f"Provider {uuid.uuid4().hex[:4]}")
    person.profile.respondent_type = "provider"
    person.profile.organisation = None
    person.profile.save()
    return person


def test_the_labs_index_and_the_demo_lab_pass_axe_for_visitors_and_for_a_provider_with_a_place(page):
    page.goto("/labs/")
    expect(page.get_by_role("heading", level=2, name="Coming up")).to_be_visible()
    expect(page.get_by_role("link", name="Innovation Lab: care closer to home")).to_be_visible()
    assert_accessible(page)

    page.goto(DEMO_LAB)
    expect(page.get_by_role("heading", level=1)).to_have_text("Innovation Lab: care closer to home")
    expect(page.get_by_role("link", name="Sign in to register")).to_be_visible()
    assert_accessible(page)

    sign_in(page, "provider@example.org", DEMO_PASSWORD)
    page.goto(DEMO_LAB)
    expect(page.get_by_text("You have a place at this lab.")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel my place")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Join the live session"))).to_have_count(2)
    assert_accessible(page)


def test_a_provider_registers_by_keyboard_alone_after_fixing_a_missing_organisation(page, db_access, mailbox):
    from labs.models import Registration

    lab = _make_lab("keyboard-lab")
    provider = _make_provider_without_organisation("keyboard-provider")
    sign_in(page, provider.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))

    page.goto(lab.url)
    tab_to(page, "Register for this lab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register for this lab")

    tab_until(page, "name", "access_needs")
    page.keyboard.type("A hearing loop, please")
    tab_to(page, "Register")
    assert focused(page, "tagName") == "BUTTON"
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    expect(page.locator("#id_organisation_name-error")).to_contain_text(
        "Enter the name of the organisation you work for"
    )
    expect(page.locator("textarea[name=access_needs]")).to_have_value("A hearing loop, please")
    assert_accessible(page)
    assert not Registration.objects.filter(person=provider).exists()

    page.keyboard.press("Tab")
    assert "Enter the name of the organisation" in focused(page, "textContent")
    page.keyboard.press("Enter")
    expect(page.locator("#id_organisation_name")).to_be_focused()
    page.keyboard.type("Hillside Home Care")
    tab_until(page, "name", "theme")
    assert focused(page, "id") == "id_theme_2", "Tab lands on the chosen option, No preference"
    page.keyboard.press("ArrowUp")
    expect(page.get_by_label("Technology-enabled care")).to_be_checked()
    tab_to(page, "Register")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(lab.url) + "$"))
    expect(page.locator(".ladder-messages")).to_contain_text("Your place is confirmed")
    expect(page.get_by_text("You have a place at this lab.")).to_be_visible()
    assert_accessible(page)

    registration = Registration.objects.select_related("organisation", "theme_preference").get(person=provider)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.organisation.name == "Hillside Home Care"
    assert registration.theme_preference.name == "Technology-enabled care"
    assert registration.access_needs == "A hearing loop, please"
    (email,) = mailbox.to(provider.email)
    assert lab.title in email
    assert "A hearing loop, please" in email

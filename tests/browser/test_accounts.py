"""Journeys with an account: sign up, confirm, profile, sign out and in, reset a password,
download your data, delete your account; every account page passes axe-core."""

import json
import re
import uuid

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

PASSWORD = "lantern-orchard-piano-77"


def _new_email(label):
    return f"{label}-{uuid.uuid4().hex[:10]}@example.org"


def _make_person(email, password=PASSWORD, display_name="Browser Person"):
    """A verified person with a resident's profile, written straight to the shared database."""
    from tests.people.factories import ProfileFactory, UserFactory

    user = UserFactory(username=email, email=email, password=password)
    ProfileFactory(user=user, display_name=display_name)
    return user


def _fill_signup(page, email, password=PASSWORD):
    page.goto("/accounts/signup/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Confirm password").fill(password)
    page.get_by_label("Display name").fill("Jo from North 3")
    page.get_by_label("Resident", exact=True).check()
    page.get_by_label("Your neighbourhood").select_option(label="North 3 (North locality)")


def test_a_newcomer_signs_up_confirms_their_email_and_signs_in_again(page, mailbox):
    email = _new_email("newcomer")
    _fill_signup(page, email)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")

    page.goto(mailbox.link_to(email, "confirm-email"))
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
    expect(page.get_by_text(email, exact=True)).to_be_visible()
    expect(page.get_by_label("Display name")).to_have_value("Jo from North 3")
    expect(page.get_by_label("Your neighbourhood")).to_have_value(re.compile(r"\d+"))

    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    sign_in(page, email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
    expect(page.get_by_label("Display name")).to_have_value("Jo from North 3")


def test_a_rejected_signup_shows_the_error_summary_and_keeps_the_email(page):
    email = _new_email("weak")
    _fill_signup(page, email, password="password")
    page.get_by_label("Your neighbourhood").select_option(value="")
    page.get_by_role("button", name="Create account").click()

    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Choose your neighbourhood")).to_be_visible()
    expect(page.get_by_label("Email", exact=True)).to_have_value(email)
    expect(page.get_by_label("Display name")).to_have_value("Jo from North 3")
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary.get_by_role("link", name="Choose your neighbourhood").click()
    expect(page.get_by_label("Your neighbourhood")).to_be_focused()
    assert_accessible(page)


def test_a_person_resets_a_forgotten_password_through_the_emailed_link(page, mailbox, db_access):
    email = _new_email("forgetful")
    _make_person(email)
    page.goto("/accounts/password/reset/")
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name=re.compile("reset", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto(mailbox.link_to(email, "password/reset/key"))
    new_password = "violet-harbour-candle-19"
    page.get_by_label("New Password", exact=True).fill(new_password)
    page.get_by_label("New Password (again)").fill(new_password)
    page.get_by_role("button", name="Change Password").click()
    expect(page.get_by_text("Your password is now changed.")).to_be_visible()

    sign_in(page, email, new_password)
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))


def test_a_person_downloads_their_data_as_json(page, db_access):
    email = _new_email("download")
    _make_person(email, display_name="Downloader")
    sign_in(page, email, PASSWORD)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your data").click()
    data = json.loads(open(download_info.value.path()).read())
    assert data["account"]["email"] == email
    assert data["profile"]["display_name"] == "Downloader"


def test_a_person_deletes_their_account_after_giving_their_password(page, db_access):
    from django.contrib.auth import get_user_model

    email = _new_email("leaver")
    _make_person(email)
    sign_in(page, email, PASSWORD)
    page.get_by_role("link", name="Delete your account").click()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account has been deleted")).to_be_visible()
    assert not get_user_model().objects.filter(email=email).exists()


def test_sign_in_signup_and_profile_pages_have_no_accessibility_violations(page, db_access):
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)

    email = _new_email("axe")
    _make_person(email)
    sign_in(page, email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
    assert_accessible(page)

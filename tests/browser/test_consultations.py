"""Journeys on consultations: finding them, commenting by keyboard, being moderated and replied to,
commenting without an account, and bad input; every public screen passes axe-core."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.consultation_fixtures import (
    DEMO_PASSWORD,
    MODERATOR,
    PASSWORD,
    make_comment,
    make_consultation,
    make_person,
    unique,
)
from tests.browser.helpers import assert_accessible, focused, sign_in, tab_to, tab_until

DEMO_OPEN = "/consultations/refreshing-the-commissioning-plan/"


def _local(url):
    """The path and anchor of an emailed link (the Site's host is not the test server's)."""
    parts = urlsplit(url)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


@pytest.fixture
def other_browser(browser, base_url):
    """Open another browser window (its own cookies) signed in as someone else; staff land in /admin/."""
    contexts = []

    def open_as(email, password=DEMO_PASSWORD, staff=True):
        context = browser.new_context(base_url=base_url)
        contexts.append(context)
        other_page = context.new_page()
        sign_in(other_page, email, password)
        expect(other_page).to_have_url(re.compile(r"/admin/$" if staff else r"/accounts/profile/$"))
        return other_page

    yield open_as
    for context in contexts:
        context.close()


def _approve_in_queue(moderator, consultation, text):
    """The moderator finds the comment in the queue for this consultation and approves it from its review page."""
    moderator.goto(f"/admin/moderation/?consultation={consultation.pk}")
    moderator.get_by_role("link", name=text).click()
    expect(moderator.get_by_role("heading", name="Moderate")).to_be_visible()
    moderator.get_by_role("button", name="Approve and publish").click()
    expect(moderator).to_have_url(re.compile(r"/admin/moderation/"))
    expect(moderator.get_by_text(re.compile(r"Comment \d+ approved and published"))).to_be_visible()


def test_a_resident_comments_on_a_paragraph_by_keyboard_is_moderated_and_hears_of_a_reply(
    page, other_browser, db_access, mailbox
):
    from engagement.models import Comment

    consultation = make_consultation("keyboard")
    resident = make_person("keyboard-resident", display_name="Keyboard Kim")
    neighbour = make_person("neighbour", display_name="Neighbour Noor")
    comment_text = f"Thursday evenings suit me; please keep the hub lit. {unique('k')}"
    reply_text = f"Agreed, and a ramp at the door would help too. {unique('r')}"
    first_paragraph = consultation.sections()[0][2][0][0]

    page.goto(consultation.url)
    tab_to(page, "Comment on this paragraph")
    assert focused(page, "getAttribute('href')").endswith(f"comment/?paragraph={first_paragraph}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your comment")
    expect(page.get_by_text('Paragraph 1 of "Where the new service will be"')).to_be_visible()

    tab_to(page, "sign in")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    tab_until(page, "name", "login")
    page.keyboard.type(resident.email)
    tab_until(page, "name", "password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(f"{consultation.url}comment/?paragraph={first_paragraph}") + "$"))
    expect(page.get_by_text('Paragraph 1 of "Where the new service will be"')).to_be_visible()
    tab_until(page, "name", "text")
    page.keyboard.type(comment_text)
    page.keyboard.press("Tab")
    assert focused(page, "name") == "show_name", "Tab goes from the comment to the display-name choice"
    page.keyboard.press("Tab")
    assert focused(page, "tagName") == "BUTTON", "the hidden anti-spam box is skipped"
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(consultation.url) + r"#comment-\d+$"))
    comment = Comment.objects.get(text=comment_text)
    assert (comment.status, comment.paragraph_id, comment.author_id) == ("pending", first_paragraph, resident.pk)
    assert page.url.endswith(f"#comment-{comment.pk}")
    expect(page.locator(".ladder-messages")).to_contain_text("Thank you. Your comment is awaiting moderation.")
    own = page.locator(f"#comment-{comment.pk}")
    expect(own).to_contain_text(comment_text)
    expect(own.get_by_text("Awaiting moderation")).to_be_visible()

    replier = other_browser(neighbour.email, PASSWORD, staff=False)
    replier.goto(consultation.url)
    expect(replier.get_by_text(comment_text)).to_have_count(0)

    moderator = other_browser(MODERATOR)
    _approve_in_queue(moderator, consultation, comment_text)

    page.reload()
    expect(own).to_contain_text(comment_text)
    expect(own.get_by_text("Awaiting moderation")).to_have_count(0)
    expect(own).to_contain_text("Keyboard Kim")

    replier.reload()
    expect(replier.locator(f"#comment-{comment.pk}")).to_contain_text(comment_text)
    replier.get_by_role("link", name=f"Reply to comment {comment.pk}").click()
    expect(replier.get_by_role("heading", level=1)).to_have_text("Reply to a comment")
    replier.get_by_label("Your comment").fill(reply_text)
    replier.get_by_role("button", name="Send your comment").click()
    expect(replier.locator(".ladder-messages")).to_contain_text("Thank you. Your comment is awaiting moderation.")
    reply = Comment.objects.get(text=reply_text)
    assert reply.parent_id == comment.pk
    assert not mailbox.to(resident.email, wait=0.5), "no email while the reply awaits moderation"

    _approve_in_queue(moderator, consultation, reply_text)
    emails = mailbox.to(resident.email)
    assert len(emails) == 1, emails
    assert "Neighbour Noor replied to your comment" in emails[0]
    assert reply_text in emails[0]
    link = mailbox.link_to(resident.email, f"/comment/{reply.pk}/$")

    page.goto("/consultations/")  # the resident was elsewhere when the email came
    page.goto(_local(link))
    expect(page).to_have_url(re.compile(f"#comment-{reply.pk}$"))
    expect(page.locator(f"#comment-{comment.pk} #comment-{reply.pk}")).to_contain_text(reply_text)


def test_a_person_without_an_account_confirms_their_comment_by_email_and_it_joins_the_queue(
    page, other_browser, db_access, mailbox
):
    from engagement.models import Comment

    consultation = make_consultation("by-email")
    email = f"{unique('no-account')}@example.org"
    text = f"I do not have an account but I want the hub open on Saturdays. {unique('e')}"

    page.goto(consultation.url)
    form = page.locator("#comment-form")
    expect(form.get_by_role("link", name="create an account")).to_be_visible()
    form.get_by_label("Your comment").fill(text)
    form.get_by_label("Email address").fill(email)
    form.get_by_role("button", name="Send your comment").click()
    expect(page.locator(".ladder-messages")).to_contain_text(f"We have emailed a link to {email}")
    comment = Comment.objects.get(text=text)
    assert comment.status == "unconfirmed"
    expect(page.get_by_text(text)).to_have_count(0)

    page.goto(mailbox.link_to(email, r"/confirm/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your comment")
    expect(page.get_by_text(text)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my comment").click()
    expect(page.locator(".ladder-messages")).to_contain_text(
        "Thank you for confirming. Your comment is awaiting moderation."
    )
    comment.refresh_from_db()
    assert comment.status == "pending"

    moderator = other_browser(MODERATOR)
    moderator.goto(f"/admin/moderation/?consultation={consultation.pk}")
    row = moderator.locator("tr", has=moderator.get_by_role("link", name=text))
    expect(row).to_contain_text("Awaiting moderation")
    expect(row).to_contain_text("(no account, email given)")
    expect(row).not_to_contain_text(email)

    page.goto(mailbox.link_to(email, r"/confirm/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")


def _open_comment_form(page, consultation):
    paragraph = consultation.sections()[1][2][0][0]
    page.goto(f"{consultation.url}comment/?paragraph={paragraph}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your comment")


def _expect_comment_error(page, message, kept_text):
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(page.locator("#id_text-error")).to_contain_text(message)
    textarea = page.get_by_label("Your comment")
    expect(textarea).to_have_attribute("aria-describedby", re.compile(r"id_text-error"))
    expect(textarea).to_have_value(kept_text)
    box = page.locator("#id_text-error").bounding_box()
    field = textarea.bounding_box()
    assert summary.bounding_box()["y"] < box["y"] < field["y"], "summary at the top, message just above the box"


def test_an_empty_or_too_long_comment_shows_the_error_summary_and_keeps_the_text(page, db_access):
    from engagement.models import Comment

    consultation = make_consultation("bad-input")
    person = make_person("bad-input")
    sign_in(page, person.email, PASSWORD)

    _open_comment_form(page, consultation)
    page.get_by_role("button", name="Send your comment").click()
    _expect_comment_error(page, "Enter your comment", "")
    assert_accessible(page)

    markup_only = "<p>   </p>"
    page.get_by_label("Your comment").fill(markup_only)
    page.get_by_role("button", name="Send your comment").click()
    _expect_comment_error(page, "Enter your comment", markup_only)

    page.locator(".nhsuk-error-summary").get_by_role("link", name="Enter your comment").click()
    expect(page.get_by_label("Your comment")).to_be_focused()

    too_long = ("We need the hub open later. " * 200)[:5001]
    textarea = page.get_by_label("Your comment")
    expect(textarea).to_have_attribute("maxlength", "5000")
    # The browser stops typing at 5,000 characters; the server must still refuse more (an old browser, a script).
    textarea.evaluate("box => box.removeAttribute('maxlength')")
    textarea.fill(too_long)
    page.get_by_role("button", name="Send your comment").click()
    _expect_comment_error(page, "Your comment must be 5,000 characters or fewer", too_long)
    assert_accessible(page)

    assert not Comment.objects.filter(consultation=consultation).exists(), "nothing stored"


def test_the_consultation_index_lists_by_status_filters_and_is_accessible(page):
    page.goto("/consultations/")
    for heading in ("Open consultations", "Upcoming consultations", "Closed consultations"):
        expect(page.get_by_role("heading", name=heading, level=2)).to_be_visible()
    expect(page.get_by_role("link", name="Refreshing the commissioning plan for next year")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Status").select_option(label="Closed")
    page.get_by_label("Topic").select_option(label="Integrated neighbourhood teams")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"status=closed"))
    expect(page.get_by_role("status")).to_contain_text("match")
    expect(page.get_by_role("heading", name="Open consultations")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("Draft commissioning prospectus", re.I))).to_be_visible()
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    assert_accessible(page)


def test_a_consultation_page_with_comments_and_replies_is_accessible(page, db_access):
    consultation = make_consultation("with-comments")
    author, replier = make_person("author"), make_person("replier")
    first = make_comment(consultation, author, "The hubs are easy to reach by bus.", paragraph=0)
    reply = make_comment(consultation, replier, "Not from the east side, sadly.", paragraph=0)
    reply.parent = first
    reply.save()
    make_comment(consultation, author, "Please publish the partnership's budget.", section=1)

    sign_in(page, author.email, PASSWORD)
    page.goto(consultation.url)
    expect(page.locator(f"#comment-{first.pk}")).to_contain_text("The hubs are easy to reach by bus.")
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text("Not from the east side, sadly.")
    expect(page.get_by_role("link", name="2 comments on this section")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(DEMO_OPEN)
    expect(page.locator(".ladder-comment").first).to_be_visible()
    assert_accessible(page)

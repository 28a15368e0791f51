"""Staff journeys: readers' flags hide a comment for review, a moderator works the queue, and a
commissioner publishes "You said, we did" and everyone who took part is emailed once."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.consultation_fixtures import (
    COMMISSIONER,
    DEMO_PASSWORD,
    MODERATOR,
    PASSWORD,
    make_comment,
    make_consultation,
    make_person,
    unique,
)
from tests.browser.helpers import assert_accessible, sign_in


def _flag(page, consultation, comment, reason="Offensive or abusive"):
    page.goto(consultation.url)
    page.get_by_role("link", name=f"Report comment {comment.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a comment")
    page.get_by_label(reason).check()
    page.get_by_role("button", name="Report this comment").click()
    expect(page.locator(".ladder-messages")).to_contain_text("Thank you for telling us.")


def test_three_readers_flagging_a_comment_hide_it_until_a_moderator_restores_it(page, db_access):
    from engagement.models import Comment

    consultation = make_consultation("flags")
    author = make_person("flagged-author")
    text = f"Everyone who disagrees with me is an idiot. {unique('f')}"
    comment = make_comment(consultation, author, text, paragraph=1)
    readers = [make_person(f"flagger-{n}") for n in range(3)]

    for number, reader in enumerate(readers, start=1):
        page.context.clear_cookies()
        sign_in(page, reader.email, PASSWORD)
        _flag(page, consultation, comment)
        comment.refresh_from_db()
        assert comment.flag_count == number
        if number < 3:
            assert comment.status == Comment.Status.PUBLISHED
            expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(text)
    assert comment.status == Comment.Status.HIDDEN

    expect(page.get_by_text(text)).to_have_count(0)
    page.context.clear_cookies()
    page.goto(consultation.url)
    expect(page.get_by_text(text)).to_have_count(0)
    expect(page.locator(f"#comment-{comment.pk}")).to_have_count(0)

    sign_in(page, MODERATOR, DEMO_PASSWORD)
    page.goto("/admin/moderation/")
    row = page.locator("tr", has=page.get_by_role("link", name=text))
    expect(row).to_contain_text("Hidden after flags, awaiting review")
    expect(row.locator("td").nth(6)).to_have_text("3")
    row.get_by_role("link", name=text).click()
    expect(page.get_by_role("heading", name="Flags from readers")).to_be_visible()
    expect(page.locator("main li", has_text="Offensive or abusive")).to_have_count(3)
    expect(page.get_by_role("table").get_by_text("Hidden after flags")).to_be_visible()
    page.get_by_role("button", name="Restore and publish").click()
    expect(page.get_by_text(f"Comment {comment.pk} restored and published.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(consultation.url)
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(text)


def test_the_moderation_queue_is_accessible(page, db_access):
    consultation = make_consultation("queue-axe")
    author = make_person("queue-author")
    make_comment(consultation, author, "Awaiting a moderator's eye.", status="pending", paragraph=0)
    make_comment(consultation, author, "Hidden after three reports.", status="hidden", section=1)
    make_comment(consultation, author, "Published long ago.", status="published", section=1)

    sign_in(page, MODERATOR, DEMO_PASSWORD)
    page.goto(f"/admin/moderation/?consultation={consultation.pk}")
    listing = page.locator("#listing-results")
    expect(listing.get_by_role("link", name="Awaiting a moderator's eye.")).to_be_visible()
    expect(listing.get_by_role("link", name="Hidden after three reports.")).to_be_visible()
    expect(listing.get_by_role("link", name="Published long ago.")).to_have_count(0)
    # The whole admin screen, Wagtail's own markup included, has no violations: no need to scope axe.
    assert_accessible(page)

    page.goto(f"/admin/moderation/?consultation={consultation.pk}&state=all")
    expect(listing.get_by_role("link", name="Published long ago.")).to_be_visible()
    assert_accessible(page)

    listing.get_by_role("link", name="Awaiting a moderator's eye.").click()
    expect(page.get_by_role("heading", name="Moderate")).to_be_visible()
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    assert_accessible(page)


def test_a_moderator_approves_several_comments_at_once_and_each_is_logged(page, db_access):
    from engagement.models import Comment

    consultation = make_consultation("bulk")
    author = make_person("bulk-author")
    texts = [f"First of several waiting. {unique('b')}", f"Second of several waiting. {unique('b')}"]
    waiting = [make_comment(consultation, author, text, status="pending", section=n) for n, text in enumerate(texts)]

    sign_in(page, MODERATOR, DEMO_PASSWORD)
    page.goto(f"/admin/moderation/?consultation={consultation.pk}")
    for text in texts:
        page.locator("tr", has=page.get_by_role("link", name=text)).get_by_role("checkbox", name="Select").check()
    page.get_by_role("link", name="Approve the selected comments").click()
    for text in texts:
        expect(page.get_by_text(text)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, approve").click()
    expect(page.get_by_text("2 comments approved.")).to_be_visible()

    for comment in waiting:
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PUBLISHED
        event = comment.events.get(action="approved")
        assert event.actor.email == MODERATOR
    page.context.clear_cookies()
    page.goto(consultation.url)
    for text in texts:
        expect(page.get_by_text(text)).to_be_visible()


@pytest.fixture
def participants(db_access):
    """A closed consultation with comments from two people with accounts and one confirmed by email."""
    consultation = make_consultation("answered", opens_in_days=-30, closes_in_days=-1)
    first, second = make_person("participant"), make_person("participant")
    raised = make_comment(consultation, first, f"Late opening on Thursdays would let me come. {unique('t')}")
    make_comment(consultation, first, "And please keep the car park free.", section=1)
    make_comment(consultation, second, "Voluntary groups need money for the long term.", section=1)
    by_email = make_comment(consultation, None, "I cannot get to the hubs without a bus.", section=0)
    by_email.email = f"{unique('emailed')}@example.org"
    by_email.save()
    return consultation, raised, [first.email, second.email, by_email.email]


def _choose_consultation(page, title):
    page.get_by_role("button", name="Choose a page (Consultation)").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name=re.compile("Search", re.I)).fill(title)
    dialog.get_by_role("link", name=title).click()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_a_commissioner_publishes_you_said_we_did_and_each_participant_is_emailed_once(page, participants, mailbox):
    consultation, raised, addresses = participants
    theme = f"Opening hours {unique('h')}"

    sign_in(page, COMMISSIONER, DEMO_PASSWORD)
    page.goto("/admin/you-said-we-did/")
    page.get_by_role("link", name=re.compile(r"^Add")).first.click()
    _choose_consultation(page, consultation.title)
    page.get_by_role("textbox", name="Introduction").fill("Thank you for telling us what would help you use the hubs.")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_text(re.compile("created", re.I)).first).to_be_visible()

    page.goto("/admin/you-said-we-did/")
    page.get_by_role("link", name=f"You said, we did: {consultation.title}").click()
    page.get_by_role("radio", name=re.compile(r"5\. Engagement: ")).check()
    page.get_by_role("button", name="Add Theme").click()
    page.locator("#id_themes-0-theme").fill(theme)
    page.locator("#id_themes-0-you_said").fill("The hubs close before people finish work.")
    page.locator("#id_themes-0-we_did").fill("Every hub will open until 8pm on Thursdays from next month.")
    page.locator("#id_themes-0-comments").select_option(value=str(raised.pk))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(re.compile("updated", re.I)).first).to_be_visible()
    assert not mailbox.to(addresses[0], wait=0.2), "saving a draft emails nobody"

    page.get_by_role("link", name=f"You said, we did: {consultation.title}").click()
    expect(page.get_by_text("Response: Draft.")).to_be_visible()
    page.get_by_role("link", name="Publish", exact=True).click()
    expect(page.get_by_text("emails the 3 people who took part, once each")).to_be_visible()
    page.get_by_role("button", name="Publish and email participants").click()
    expect(page.get_by_text("Published. Everyone who took part is being emailed.")).to_be_visible()

    for address in addresses:
        emails = mailbox.to(address)
        assert len(emails) == 1, (address, emails)
        assert f'Thank you for taking part in "{consultation.title}"' in emails[0]
        link = mailbox.link_to(address, r"#you-said-we-did$")
        assert urlsplit(link).path == consultation.url

    page.context.clear_cookies()
    page.goto(consultation.url)
    section = page.locator("#you-said-we-did")
    expect(section.get_by_role("heading", name="You said, we did")).to_be_visible()
    table = section.get_by_role("table", name="Key themes and how we will respond")
    row = table.get_by_role("row", name=re.compile(re.escape(theme)))
    expect(row).to_contain_text("Every hub will open until 8pm on Thursdays")
    row.get_by_role("link", name=f"comment 1 on {theme}").click()
    expect(page).to_have_url(re.compile(f"#comment-{raised.pk}$"))
    expect(page.locator(f"#comment-{raised.pk}")).to_contain_text("Late opening on Thursdays")
    expect(section).to_contain_text("Rung 5, Engagement")
    assert_accessible(page)

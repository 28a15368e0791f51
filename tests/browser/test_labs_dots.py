"""A participant's dots follow a facilitator's moderation live: hiding an idea gives its dots back
at once, showing it again takes back those that still fit, without a reload."""

import re
import uuid

from playwright.sync_api import expect

from tests.browser.test_labs_live import idea_items, room, set_stage  # noqa: F401 - room is a fixture


def test_hiding_and_showing_an_idea_updates_the_votes_a_participant_has_left(room):  # noqa: F811
    session, pages, _contexts = room
    alex, facilitator = pages["alex"], pages["facilitator"]
    set_stage(facilitator, "Share ideas")
    text = f"Community minibus {uuid.uuid4().hex[:6]}"
    alex.get_by_label("Your idea").fill(text)
    alex.get_by_role("button", name="Post your idea").click()
    expect(idea_items(facilitator, text)).to_have_count(1)
    set_stage(facilitator, "Vote")

    vote = idea_items(alex, text).get_by_role("button", name=re.compile("^Vote for"))
    vote.click()
    expect(alex.locator("#lab-votes-left")).to_have_text("You have 2 votes left.")
    vote.click()
    expect(alex.locator("#lab-votes-left")).to_have_text("You have 1 vote left.")

    idea_items(facilitator, text).get_by_role("button", name=re.compile("^Hide")).click()
    expect(idea_items(alex, text)).to_have_count(0)
    expect(alex.locator("#lab-votes-left")).to_have_text("You have 3 votes left.")

    facilitator.locator("#lab-hidden-ideas").get_by_role("button", name=re.compile("^Show again")).click()
    expect(idea_items(alex, text)).to_contain_text("2 votes")
    expect(alex.locator("#lab-votes-left")).to_have_text("You have 1 vote left.")

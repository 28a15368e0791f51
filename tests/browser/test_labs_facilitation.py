"""A facilitator steering a live session, and what participants see of it: editing and
withdrawing ideas, pinning, hiding and showing again (after a reload too), merging duplicates,
the ladder poll, agreed actions and closing the session."""

import re
import uuid

from playwright.sync_api import expect

from tests.browser.test_labs_live import (
    facilitator_person,
    idea_items,
    make_lab_session,
    open_room,
    participant_of,
    post_idea,
    set_stage,
)


def test_a_facilitator_steers_the_room_from_ideas_to_a_closed_session(browser, base_url, db_access):
    session = make_lab_session()
    tag = uuid.uuid4().hex[:6]
    rooms = {
        name: open_room(browser, base_url, person, session)
        for name, person in (
            ("alex", participant_of(session, "alex")),
            ("bea", participant_of(session, "bea")),
            ("host", facilitator_person()),
        )
    }
    alex, bea, host = (rooms[name][1] for name in ("alex", "bea", "host"))
    set_stage(host, "Share ideas")

    # Alex edits one idea and withdraws another; Bea sees both changes.
    first, second, third = f"Befriending calls {tag}", f"Shared minibus {tag}", f"Carers' cafe {tag}"
    post_idea(alex, first)
    post_idea(alex, second)
    post_idea(bea, third)
    expect(idea_items(bea, second)).to_have_count(1)
    idea_items(alex, first).get_by_role("button", name=re.compile("^Edit")).click()
    first = f"Befriending calls and visits {tag}"
    alex.get_by_label("Change your idea").fill(first)
    alex.get_by_role("button", name="Save").click()
    expect(idea_items(bea, first)).to_have_count(1)
    idea_items(alex, second).get_by_role("button", name=re.compile("^Withdraw")).click()
    expect(idea_items(bea, second)).to_have_count(0)
    expect(idea_items(host, second)).to_have_count(0)

    # Pinning puts an idea first, marked, for everyone.
    idea_items(host, third).get_by_role("button", name=re.compile("^Pin")).click()
    expect(idea_items(alex, third)).to_contain_text("Pinned")
    expect(alex.locator("#lab-boards .lab-idea").first).to_contain_text(third)

    # A hidden idea can be shown again, even by a facilitator who reloaded the page since.
    idea_items(host, first).get_by_role("button", name=re.compile("^Hide")).click()
    expect(idea_items(alex, first)).to_have_count(0)
    host.reload()
    hidden_list = host.locator("#lab-hidden-ideas")
    expect(hidden_list).to_contain_text(first)
    hidden_list.get_by_role("button", name=re.compile("^Show again")).click()
    expect(idea_items(alex, first)).to_have_count(1)

    # Merging a duplicate moves its votes to the idea kept.
    set_stage(host, "Vote")
    idea_items(bea, first).get_by_role("button", name=re.compile("^Vote for")).click()
    expect(idea_items(host, first)).to_contain_text("1 vote")
    for label, text in (("Idea to merge away", first), ("Idea to keep (its votes are added to this one)", third)):
        select = host.get_by_label(label)
        select.select_option(value=select.locator("option", has_text=text).get_attribute("value"))
    host.get_by_role("button", name="Merge the ideas").click()
    expect(idea_items(alex, first)).to_have_count(0)
    expect(idea_items(alex, third)).to_contain_text("1 vote")

    # The ladder poll: participants answer on the rungs, results update for the facilitator.
    host.get_by_role("button", name=re.compile("^Open the ladder poll")).click()
    poll = alex.locator(".lab-poll", has_text="How involved did you feel?")
    poll.get_by_role("button", name=re.compile("^Co-design")).click()
    expect(host.locator(".lab-poll", has_text="How involved did you feel?")).to_contain_text("1 (100%)")

    # An agreed action with its owner and date reaches everyone.
    set_stage(host, "Agree actions")
    host.get_by_label("Action", exact=True).fill(f"Pilot the carers' cafe in North {tag}")
    host.get_by_label("Owner").fill("Commissioning team")
    host.get_by_label("Due date (optional)").fill("2027-03-31")
    host.get_by_role("button", name="Record the action").click()
    expect(bea.locator("#lab-actions")).to_contain_text(f"Pilot the carers' cafe in North {tag}")
    expect(bea.locator("#lab-actions")).to_contain_text("Owner: Commissioning team · Due 2027-03-31")

    # Closing makes the room read-only for everyone.
    host.get_by_label("Yes, close the session now").check()
    host.get_by_role("button", name="Close the session").click()
    expect(alex.locator("#lab-stage-name")).to_have_text("Closed")
    expect(alex.get_by_label("Your idea")).to_be_hidden()
    expect(alex.get_by_role("button", name=re.compile("^Vote for"))).to_have_count(0)
    for context, _page in rooms.values():
        context.close()

"""Journeys in a live Innovation Lab session: two participants and a facilitator, each in their
own browser context, against the real daphne server and its websocket."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.consultation_fixtures import PASSWORD, make_person
from tests.browser.helpers import assert_accessible, sign_in


def make_lab_session():
    """A lab of this journey's own (under the demo's /labs/) with one live session; returns the session."""
    from tests.labs.factories import LabPageFactory, LabSessionFactory

    lab = LabPageFactory(title=f"Browser lab {uuid.uuid4().hex[:8]}", slug=f"browser-lab-{uuid.uuid4().hex[:10]}")
    return LabSessionFactory(lab=lab, title="Care closer to home")


def participant_of(session, label):
    from labs.models import Registration

    person = make_person(label)
    Registration.objects.create(lab=session.lab, person=person, status=Registration.Status.CONFIRMED)
    return person


def facilitator_person():
    from django.contrib.auth.models import Group

    from people import groups

    person = make_person("facilitator")
    person.groups.add(Group.objects.get(name=groups.FACILITATORS))
    return person


def room_path(session):
    return session.lab.url + session.lab.reverse_subpage("live", args=(session.pk,))


def open_room(browser, base_url, person, session):
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    sign_in(page, person.email, PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto(room_path(session))
    expect(page.locator("#lab-nojs")).to_have_count(0)
    return context, page


def set_stage(page, stage_label, minutes=None):
    page.get_by_label("Stage", exact=True).select_option(label=stage_label)
    if minutes:
        page.get_by_label("Timer in minutes (optional)").fill(str(minutes))
    page.get_by_role("button", name="Set the stage").click()
    expect(page.locator("#lab-stage-name")).to_have_text(stage_label)


def post_idea(page, text):
    page.get_by_label("Your idea").fill(text)
    page.get_by_role("button", name="Post your idea").click()


def idea_items(page, text):
    return page.locator("#lab-boards .lab-idea", has_text=text)


@pytest.fixture
def room(browser, base_url, db_access):
    """A session with two participants and a facilitator in the room (three browser contexts)."""
    session = make_lab_session()
    people = {"alex": participant_of(session, "alex"), "bea": participant_of(session, "bea")}
    people["facilitator"] = facilitator_person()
    contexts, pages = [], {}
    for name, person in people.items():
        context, page = open_room(browser, base_url, person, session)
        contexts.append(context)
        pages[name] = page
    yield session, pages, {name: context for name, context in zip(people, contexts, strict=True)}
    for context in contexts:
        context.close()


def test_ideas_votes_hiding_and_catching_up_after_going_offline(room):
    session, pages, contexts = room
    alex, bea, facilitator = pages["alex"], pages["bea"], pages["facilitator"]
    expect(facilitator.get_by_role("heading", name="Facilitator controls")).to_be_visible()
    expect(alex.get_by_role("heading", name="Facilitator controls")).to_have_count(0)

    set_stage(facilitator, "Share ideas", minutes=10)
    expect(alex.locator("#lab-stage-name")).to_have_text("Share ideas")
    expect(alex.locator("#lab-timer")).to_have_text(re.compile(r"^(9|10):\d\d$"))

    # An idea posted by one participant appears for the other.
    first = f"Shared transport to day centres {uuid.uuid4().hex[:6]}"
    post_idea(alex, first)
    expect(idea_items(bea, first)).to_have_count(1)
    expect(idea_items(alex, first)).to_contain_text("your idea")
    expect(bea.locator("#lab-announcer")).to_contain_text(first)

    # Bea goes offline; what is posted meanwhile reaches her once each when she is back.
    contexts["bea"].set_offline(True)
    expect(bea.locator("#lab-offline")).to_be_visible()
    expect(bea.locator("#lab-offline")).to_have_attribute("role", "status")
    missed = [f"Neighbourhood huddles {uuid.uuid4().hex[:6]}", f"Digital check-ins {uuid.uuid4().hex[:6]}"]
    for text in missed:
        post_idea(alex, text)
        expect(idea_items(facilitator, text)).to_have_count(1)
    contexts["bea"].set_offline(False)
    expect(bea.locator("#lab-offline")).to_be_hidden()
    for text in missed:
        expect(idea_items(bea, text)).to_have_count(1)
    expect(bea.locator("#lab-boards .lab-idea")).to_have_count(3)
    bea.wait_for_timeout(500)
    expect(bea.locator("#lab-boards .lab-idea")).to_have_count(3)

    # Votes update for everyone, and the voter sees the votes they have left.
    set_stage(facilitator, "Vote")
    idea = idea_items(alex, missed[0])
    idea.get_by_role("button", name=re.compile("^Vote for")).click()
    expect(alex.locator("#lab-votes-left")).to_have_text("You have 2 votes left.")
    expect(idea_items(bea, missed[0])).to_contain_text("1 vote")
    expect(idea_items(facilitator, missed[0])).to_contain_text("1 vote")
    idea.get_by_role("button", name=re.compile("^Vote for")).click()
    expect(idea_items(bea, missed[0])).to_contain_text("2 votes")
    idea.get_by_role("button", name=re.compile("^Take back a vote")).click()
    expect(idea_items(bea, missed[0])).to_contain_text("1 vote")
    expect(alex.locator("#lab-votes-left")).to_have_text("You have 2 votes left.")

    # A hidden idea disappears for participants (and the facilitator can show it again).
    idea_items(facilitator, missed[1]).get_by_role("button", name=re.compile("^Hide")).click()
    expect(idea_items(alex, missed[1])).to_have_count(0)
    expect(idea_items(bea, missed[1])).to_have_count(0)
    expect(facilitator.locator("#lab-hidden-ideas")).to_contain_text(missed[1])

    # The room with content is accessible, for participants and for the facilitator's controls.
    facilitator.get_by_label("Announcement", exact=True).fill("Tea and coffee are in the hall")
    facilitator.get_by_role("button", name="Announce").click()
    expect(alex.locator("#lab-announcements")).to_contain_text("Tea and coffee are in the hall")
    facilitator.get_by_label("Question", exact=True).fill("Which day suits you?")
    facilitator.get_by_label("Answers, one on each line (2 to 8)").fill("Monday\nFriday")
    facilitator.get_by_role("button", name="Open the poll").click()
    alex.get_by_role("button", name="Friday").click()
    expect(bea.locator(".lab-poll", has_text="Which day suits you?")).to_contain_text("1 (100%)")
    assert_accessible(alex)
    assert_accessible(facilitator)


def test_a_participant_posts_an_idea_with_the_keyboard_only(browser, base_url, db_access):

    session = make_lab_session()
    person = participant_of(session, "keys")
    staff = facilitator_person()
    staff_context, staff_page = open_room(browser, base_url, staff, session)
    set_stage(staff_page, "Share ideas")
    context, page = open_room(browser, base_url, person, session)
    expect(page.get_by_label("Your idea")).to_be_visible()

    text = f"Evening drop-in at the library {uuid.uuid4().hex[:6]}"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "lab-idea-text":
            break
    else:
        raise AssertionError("Tab never reached the idea box")
    page.keyboard.type(text)
    expect(page.locator("#lab-idea-count")).to_have_text(f"You have {500 - len(text)} characters left")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Post your idea"
    page.keyboard.press("Enter")
    expect(idea_items(page, text)).to_have_count(1)
    expect(idea_items(staff_page, text)).to_have_count(1)
    expect(page.get_by_label("Your idea")).to_be_focused()
    expect(page.get_by_label("Your idea")).to_have_value("")
    context.close()
    staff_context.close()


def test_the_presenter_view_is_live_and_accessible(browser, base_url, db_access):
    session = make_lab_session()
    staff = facilitator_person()
    person = participant_of(session, "presenter-room")
    staff_context, staff_page = open_room(browser, base_url, staff, session)
    set_stage(staff_page, "Share ideas", minutes=5)
    screen = staff_context.new_page()
    screen.goto(session.lab.url + session.lab.reverse_subpage("present", args=(session.pk,)))
    expect(screen.locator(".lab-presenter__code")).to_have_text(session.join_code)
    expect(screen.get_by_role("img", name=re.compile(r"QR code that opens http\S+code="))).to_be_visible()
    expect(screen.locator("#lab-timer")).to_have_text(re.compile(r"^[45]:\d\d$"))

    context, page = open_room(browser, base_url, person, session)
    text = f"Community transport hub {uuid.uuid4().hex[:6]}"
    post_idea(page, text)
    expect(screen.locator("#lab-top-ideas")).to_contain_text(text)
    assert_accessible(screen)
    context.close()
    staff_context.close()


def test_the_join_page_takes_a_code_in_any_case_and_is_accessible(browser, base_url, db_access):
    session = make_lab_session()
    person = participant_of(session, "joiner")
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    sign_in(page, person.email, PASSWORD)
    page.goto("/labs/join/")
    assert_accessible(page)
    page.get_by_label("Session code").fill("zzzz22")
    page.get_by_role("button", name="Join the session").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("There is no session with that code")
    expect(page.get_by_label("Session code")).to_have_value("zzzz22")
    assert_accessible(page)
    page.get_by_label("Session code").fill(session.join_code.lower())
    page.get_by_role("button", name="Join the session").click()
    expect(page).to_have_url(re.compile(re.escape(room_path(session)) + "$"))
    context.close()


def test_the_session_record_is_accessible(page, db_access):
    from django.utils import timezone

    from labs.models import AgreedAction, Idea, Poll, Stage

    session = make_lab_session()
    Idea.objects.create(session=session, text="Shared minibus", organisation="Invented Care")
    Poll.objects.create(
        session=session,
        question="How involved did you feel?",
        kind=Poll.Kind.LADDER,
        options=[str(n) for n in range(1, 8)],
    )
    AgreedAction.objects.create(session=session, text="Write up the minibus idea", owner="Council")
    session.stage = Stage.CLOSED
    session.closed_at = session.record_published_at = timezone.now()
    session.save()
    page.goto(session.lab.url + session.lab.reverse_subpage("record", args=(session.pk,)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record of Care closer to home")
    expect(page.get_by_role("heading", name=re.compile("^Doing with"))).to_be_visible()
    assert_accessible(page)

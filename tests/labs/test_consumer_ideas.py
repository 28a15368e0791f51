"""Ideas and dot votes in the live room: posting, editing, withdrawing, voting, and moderation."""

import pytest

from labs.models import Idea, IdeaVote, Stage
from tests.labs.live_room import facilitator, participant, play

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def at_stage(session, stage):
    session.stage = stage
    session.save()
    return session


def idea_by(session, user, text="Community transport", **fields):
    return Idea.objects.create(session=session, author=user, author_name="Someone", text=text, **fields)


def test_an_idea_goes_to_the_chosen_theme_and_a_theme_of_another_lab_is_refused(lab_session, lab_page_factory):
    at_stage(lab_session, Stage.IDEAS)
    person = participant(lab_session)
    theme = lab_session.lab.themes.order_by("sort_order").last()
    foreign_theme = lab_page_factory().themes.first()

    async def scenario(room):
        alice, _ = await room.joined(person)
        result = await alice.ack("idea.post", text="Tablets for carers", theme_id=theme.pk)
        posted = await alice.event("idea.posted")
        assert posted["idea"]["theme_id"] == theme.pk and posted["idea"]["id"] == result["idea_id"]
        refused = await alice.error("idea.post", text="Elsewhere", theme_id=foreign_theme.pk)
        assert refused["code"] == "invalid"

    play(lab_session, scenario)


def test_an_idea_must_have_text_of_at_most_500_characters(lab_session):
    at_stage(lab_session, Stage.IDEAS)
    person = participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(person)
        assert (await alice.error("idea.post", text="<b></b>  "))["code"] == "invalid"
        assert (await alice.error("idea.post", text="x" * 501))["code"] == "invalid"
        assert (await alice.error("idea.post"))["code"] == "invalid"
        await alice.ack("idea.post", text="<script>alert(1)</script>Safe idea")
        assert (await alice.event("idea.posted"))["idea"]["text"] == "Safe idea"

    play(lab_session, scenario)
    assert list(Idea.objects.values_list("text", flat=True)) == ["Safe idea"]


def test_ideas_can_only_be_posted_in_the_ideas_stage(lab_session):
    person = participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(person)
        refused = await alice.error("idea.post", text="Too early")
        assert refused["code"] == "not_now"

    play(lab_session, scenario)
    assert not Idea.objects.exists()


def test_the_author_edits_and_withdraws_an_idea_and_others_may_not(lab_session):
    at_stage(lab_session, Stage.IDEAS)
    author, other = participant(lab_session), participant(lab_session)

    async def scenario(room):
        alice, _ = await room.joined(author)
        bob, _ = await room.joined(other)
        idea_id = (await alice.ack("idea.post", text="Draft"))["idea_id"]
        assert (await bob.error("idea.edit", idea_id=idea_id, text="Mine now"))["code"] == "forbidden"
        assert (await bob.error("idea.withdraw", idea_id=idea_id))["code"] == "forbidden"
        await alice.ack("idea.edit", idea_id=idea_id, text="Final wording")
        edited = await bob.event("idea.edited")
        assert edited["idea"]["text"] == "Final wording"
        await alice.ack("idea.withdraw", idea_id=idea_id)
        assert (await bob.event("idea.withdrawn"))["idea_id"] == idea_id
        assert (await alice.error("idea.edit", idea_id=idea_id, text="Back"))["code"] == "not_found"
        state = await bob.join()
        assert state["ideas"] == []

    play(lab_session, scenario)


def test_dots_stay_within_the_budget_and_can_be_taken_back(lab_session):
    at_stage(lab_session, Stage.VOTING)
    voter = participant(lab_session)
    idea = idea_by(lab_session, None)

    async def scenario(room):
        alice, _ = await room.joined(voter)
        left = [(await alice.ack("vote.cast", idea_id=idea.pk))["votes_left"] for _ in range(3)]
        assert left == [2, 1, 0]
        assert (await alice.error("vote.cast", idea_id=idea.pk))["code"] == "not_now"
        taken_back = await alice.ack("vote.retract", idea_id=idea.pk)
        assert taken_back["votes_left"] == 1
        tally = await alice.event("votes.tally", votes={str(idea.pk): 2})
        assert tally["last_vote_id"] > 0
        state = await alice.join()
        assert state["you"]["my_votes"] == {str(idea.pk): 2} and state["you"]["votes_left"] == 1

    play(lab_session, scenario)
    assert IdeaVote.objects.filter(idea=idea).count() == 2


def test_dots_on_a_hidden_idea_are_given_back_to_the_voter(lab_session):
    at_stage(lab_session, Stage.VOTING)
    voter, chair = participant(lab_session), facilitator()
    hidden, other = idea_by(lab_session, None, "Buses"), idea_by(lab_session, None, "Lunch clubs")

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(voter)
        for _ in range(3):
            await alice.ack("vote.cast", idea_id=hidden.pk)
        await host.ack("idea.hide", idea_id=hidden.pk)
        state = await alice.join()
        assert state["you"]["votes_left"] == 3 and state["you"]["my_votes"] == {}
        assert (await alice.ack("vote.cast", idea_id=other.pk))["votes_left"] == 2

    play(lab_session, scenario)


def test_a_retried_vote_gets_its_first_reply_even_when_the_budget_is_spent(lab_session):
    at_stage(lab_session, Stage.VOTING)
    voter = participant(lab_session)
    idea = idea_by(lab_session, None)

    async def scenario(room):
        alice, _ = await room.joined(voter)

        async def dot_one():
            return await alice.reply_to(await alice.send("vote.cast", client_id="dot-1", idea_id=idea.pk))

        first = await dot_one()
        assert first["type"] == "ack" and await dot_one() == first
        await alice.ack("vote.cast", idea_id=idea.pk)
        await alice.ack("vote.cast", idea_id=idea.pk)
        assert (await alice.error("vote.cast", idea_id=idea.pk))["code"] == "not_now"
        assert await dot_one() == first

    play(lab_session, scenario)
    assert IdeaVote.objects.filter(idea=idea).count() == 3


def test_a_vote_needs_the_voting_stage_and_a_retract_needs_a_dot(lab_session):
    at_stage(lab_session, Stage.IDEAS)
    voter = participant(lab_session)
    idea = idea_by(lab_session, None)

    async def scenario(room):
        alice, _ = await room.joined(voter)
        assert (await alice.error("vote.cast", idea_id=idea.pk))["code"] == "not_now"
        await room_set_stage(lab_session, Stage.VOTING)
        assert (await alice.error("vote.retract", idea_id=idea.pk))["code"] == "not_found"
        assert (await alice.error("vote.cast", idea_id=idea.pk + 1000))["code"] == "not_found"

    play(lab_session, scenario)


async def room_set_stage(session, stage):
    from channels.db import database_sync_to_async

    await database_sync_to_async(at_stage)(session, stage)


def test_a_facilitator_hides_shows_and_pins_an_idea(lab_session):
    person, chair = participant(lab_session), facilitator()
    idea = idea_by(lab_session, None)

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(person)
        await host.ack("idea.hide", idea_id=idea.pk)
        assert (await alice.event("idea.hidden"))["idea_id"] == idea.pk
        assert (await alice.join())["ideas"] == []
        await host.ack("idea.show", idea_id=idea.pk)
        assert (await alice.event("idea.shown"))["idea"]["id"] == idea.pk
        await host.ack("idea.pin", idea_id=idea.pk, pinned=True)
        assert (await alice.event("idea.pinned")) | {"seq": 0} == {
            "type": "idea.pinned",
            "seq": 0,
            "idea_id": idea.pk,
            "pinned": True,
        }
        assert (await host.error("idea.pin", idea_id=idea.pk, pinned="yes"))["code"] == "invalid"
        state = await alice.join()
        assert state["ideas"][0]["pinned"] is True

    play(lab_session, scenario)


def test_merging_moves_the_votes_to_the_kept_idea(lab_session, user_factory):
    at_stage(lab_session, Stage.VOTING)
    person, chair = participant(lab_session), facilitator()
    duplicate, kept = idea_by(lab_session, None, "Buses"), idea_by(lab_session, None, "More buses")
    IdeaVote.objects.create(idea=duplicate, voter=user_factory())
    IdeaVote.objects.create(idea=kept, voter=user_factory())

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(person)
        assert (await host.error("idea.merge", idea_id=kept.pk, into_id=kept.pk))["code"] == "invalid"
        result = await host.ack("idea.merge", idea_id=duplicate.pk, into_id=kept.pk)
        assert result["votes"] == 2
        merged = await alice.event("idea.merged")
        assert (merged["idea_id"], merged["into_id"], merged["votes"]) == (duplicate.pk, kept.pk, 2)
        state = await alice.join()
        assert [(idea["id"], idea["votes"]) for idea in state["ideas"]] == [(kept.pk, 2)]
        assert (await alice.error("vote.cast", idea_id=duplicate.pk))["code"] == "not_found"

    play(lab_session, scenario)
    duplicate.refresh_from_db()
    assert duplicate.status == Idea.Status.MERGED and duplicate.merged_into == kept
    assert IdeaVote.objects.filter(idea=kept).count() == 2

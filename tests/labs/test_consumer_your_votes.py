"""``you.votes``: a voter hears at once when someone else's action changes the dots they hold."""

import pytest

from labs.models import Idea, Stage
from tests.labs.live_room import facilitator, participant, play

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def ideas(session, *texts, author=None):
    return [Idea.objects.create(session=session, author=author, author_name="Someone", text=text) for text in texts]


@pytest.fixture
def voting(lab_session):
    lab_session.stage = Stage.VOTING
    lab_session.save()
    return lab_session


async def types_until_quiet(person, quiet: float = 0.4) -> list[str]:
    """The types of every message ``person`` gets until nothing comes for ``quiet`` seconds."""
    kinds = []
    while not await person.nothing_more(quiet):
        kinds.append((await person.receive())["type"])
    return kinds


def test_hiding_an_idea_tells_its_voters_their_dots_came_back_and_nobody_else(voting):
    voter, bystander, chair = participant(voting), participant(voting), facilitator()
    a, b = ideas(voting, "A", "B")

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(voter)
        bob, _ = await room.joined(bystander)
        await alice.ack("vote.cast", idea_id=a.pk)
        await alice.ack("vote.cast", idea_id=a.pk)
        await alice.ack("vote.cast", idea_id=b.pk)
        await bob.ack("vote.cast", idea_id=b.pk)
        await host.ack("idea.hide", idea_id=a.pk)
        told = await alice.event("you.votes")
        assert told == {"type": "you.votes", "votes_left": 2, "my_votes": {str(b.pk): 1}}
        await bob.event("idea.hidden")
        assert "you.votes" not in await types_until_quiet(bob)

    play(voting, scenario)


def test_showing_an_idea_again_tells_its_voters_which_dots_are_theirs_again(voting):
    voter, chair = participant(voting), facilitator()
    a, b = ideas(voting, "A", "B")

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(voter)
        await alice.ack("vote.cast", idea_id=a.pk)
        await alice.ack("vote.cast", idea_id=a.pk)
        await host.ack("idea.hide", idea_id=a.pk)
        await alice.event("you.votes")
        await alice.ack("vote.cast", idea_id=b.pk)
        await alice.ack("vote.cast", idea_id=b.pk)
        await host.ack("idea.show", idea_id=a.pk)
        told = await alice.event("you.votes")
        assert told == {"type": "you.votes", "votes_left": 0, "my_votes": {str(a.pk): 1, str(b.pk): 2}}
        state = await alice.join()
        assert state["you"]["votes_left"] == 0 and state["you"]["my_votes"] == told["my_votes"]

    play(voting, scenario)


def test_merging_tells_each_voter_of_the_merged_idea_where_their_dots_are(voting):
    voter, chair = participant(voting), facilitator()
    a, b = ideas(voting, "A", "B")

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(voter)
        await alice.ack("vote.cast", idea_id=a.pk)
        await alice.ack("vote.cast", idea_id=b.pk)
        await host.ack("idea.merge", idea_id=a.pk, into_id=b.pk)
        told = await alice.event("you.votes")
        assert told == {"type": "you.votes", "votes_left": 1, "my_votes": {str(b.pk): 2}}

    play(voting, scenario)


def test_withdrawing_an_idea_tells_its_voters_their_dots_came_back(lab_session):
    lab_session.stage = Stage.VOTING
    lab_session.save()
    author, voter, chair = participant(lab_session), participant(lab_session), facilitator()
    (mine,) = ideas(lab_session, "Mine", author=author)

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, _ = await room.joined(voter)
        writer, _ = await room.joined(author)
        await alice.ack("vote.cast", idea_id=mine.pk)
        await host.ack("stage.set", stage="ideas")
        await writer.ack("idea.withdraw", idea_id=mine.pk)
        told = await alice.event("you.votes")
        assert told == {"type": "you.votes", "votes_left": 3, "my_votes": {}}

    play(lab_session, scenario)


def test_every_connection_of_the_voter_is_told(voting):
    voter, chair = participant(voting), facilitator()
    (a,) = ideas(voting, "A")

    async def scenario(room):
        host, _ = await room.joined(chair)
        phone, _ = await room.joined(voter)
        laptop, _ = await room.joined(voter)
        await phone.ack("vote.cast", idea_id=a.pk)
        await host.ack("idea.hide", idea_id=a.pk)
        for connection in (phone, laptop):
            assert (await connection.event("you.votes"))["votes_left"] == 3

    play(voting, scenario)


def test_a_replay_that_moved_my_dots_ends_with_my_votes_before_caught_up(voting):
    voter, chair = participant(voting), facilitator()
    a, b = ideas(voting, "A", "B")

    async def scenario(room):
        host, _ = await room.joined(chair)
        alice, state = await room.joined(voter)
        await alice.ack("vote.cast", idea_id=a.pk)
        await alice.ack("vote.cast", idea_id=b.pk)
        await host.ack("idea.hide", idea_id=a.pk)
        # Alice was away when A was hidden: she reconnects from the last seq she had.
        again = await room.enter(voter)
        replayed = await again.replay(after=state["seq"])
        kinds = [message["type"] for message in replayed]
        assert "idea.hidden" in kinds and kinds[-2:] == ["you.votes", "caught_up"]
        assert replayed[-2] == {"type": "you.votes", "votes_left": 2, "my_votes": {str(b.pk): 1}}

    play(voting, scenario)


def test_a_replay_that_moved_no_dots_has_no_you_votes(voting):
    voter, chair = participant(voting), facilitator()

    async def scenario(room):
        host, state = await room.joined(chair)
        await host.ack("announce", text="Tea at eleven")
        alice = await room.enter(voter)
        replayed = await alice.replay(after=state["seq"])
        assert "you.votes" not in [message["type"] for message in replayed]

    play(voting, scenario)

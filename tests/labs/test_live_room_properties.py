"""Property-based test of the live room: random interleavings of what people and a facilitator do.

A Hypothesis state machine drives real websocket connections (``tests/labs/live_room.py``) of two
participants and a facilitator: ideas, edits, withdrawals, dot votes and take-backs, hides,
shows, merges, questions and upvotes, polls and answers, stage changes, retries with the same
``id``, and people who drop out and come back with ``join`` and ``after``. Each session starts
mid-vote, with a budget of two dots and an idea hidden after its voters had dotted it (one of
them has spent the dots given back elsewhere), so the moves that once broke the budget are near.
Each connection keeps its own copy of the room, built only from what the server sent it, as a
client would. After every step, when the room is quiet, it checks that:

- each connection saw every ``seq`` once, in order, with no gap;
- each connection's copy equals a fresh ``state`` snapshot for its person;
- nobody holds more dots than the budget;
- a refused message changed nothing, and a retry changed nothing;
- the tallies each connection holds equal the stored rows.

The connections live in one event loop on a thread of its own for the whole test (a room and
its connections belong to one loop); each step runs its coroutine there and waits for it. The
number of examples comes from the Hypothesis profile (``tests/hypothesis_profiles.py``): small
for ``make test``, larger (at most 40) under ``HYPOTHESIS_PROFILE=backends``.
"""

import asyncio
import threading
from itertools import count

import pytest
from channels.db import database_sync_to_async
from django.db import connections
from django.db.models import Count
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from labs.live import events, presence, protocol, rooms, tallies
from labs.live.state import session_state
from labs.models import (
    Announcement,
    ClientMessage,
    Idea,
    IdeaVote,
    LabSession,
    Poll,
    PollAnswer,
    Question,
    QuestionUpvote,
    Stage,
)
from tests.labs.live_room import Room, facilitator, participant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BUDGET = 2
PARTICIPANTS = 2
#: Seconds a connection waits for the room to go quiet after a step.
QUIET = 0.02

people = st.integers(min_value=0, max_value=PARTICIPANTS - 1)
picks = st.integers(min_value=0, max_value=7)
texts = st.sampled_from(["Buses", "Lunch clubs", "  <b>Benches</b> ", "Tea", "x" * 501, ""])


class Loop:
    """An event loop on a thread of its own: ``run(coroutine)`` runs it there and returns its result."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine, timeout: float = 30):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


class Client:
    """One person's connection and their copy of the room, built from what the server sent."""

    def __init__(self, user, connection, state):
        self.user = user
        self.facilitator = state["you"]["facilitator"]
        self.connection = connection
        self.copy = None
        self.last_acked = None  # (message, reply) of the newest message acknowledged
        self.take_state(state)

    def take_state(self, state):
        self.last = state["seq"]
        you = state["you"]
        self.copy = {
            "stage": state["session"]["stage"],
            "ideas": {idea["id"]: strip(idea) for idea in state["ideas"]},
            "hidden": {idea["id"] for idea in state.get("hidden_ideas", [])},
            "questions": {question["id"]: dict(question) for question in state["questions"]},
            "polls": {poll["id"]: dict(poll) for poll in state["polls"]},
            "announcements": [a["id"] for a in state["announcements"]],
            "votes_left": you["votes_left"],
            "my_votes": dict(you["my_votes"]),
            "my_answers": dict(you["my_answers"]),
            "upvoted": set(you["upvoted"]),
        }

    def take(self, message):
        """Apply one message from the server, as the browser client does."""
        kind = message["type"]
        if "seq" in message and kind not in ("state", "caught_up"):
            assert message["seq"] == self.last + 1, f"{self.user}: seq {message['seq']} after {self.last}"
            self.last = message["seq"]
            self.apply_event(message)
        elif kind == "caught_up":
            assert message["seq"] == self.last, f"caught up at {message['seq']}, last event {self.last}"
        elif kind == "you.votes":
            self.copy["votes_left"] = message["votes_left"]
            self.copy["my_votes"] = dict(message["my_votes"])

    def apply_event(self, event):
        copy = self.copy
        kind = event["type"]
        if kind == "stage.changed":
            copy["stage"] = event["stage"]
        elif kind in ("idea.posted", "idea.edited", "idea.shown"):
            copy["ideas"][event["idea"]["id"]] = strip(event["idea"])
            copy["hidden"].discard(event["idea"]["id"])
        elif kind in ("idea.withdrawn", "idea.hidden"):
            copy["ideas"].pop(event["idea_id"], None)
            if kind == "idea.hidden" and self.facilitator:
                copy["hidden"].add(event["idea_id"])
        elif kind == "idea.pinned":
            copy["ideas"][event["idea_id"]]["pinned"] = event["pinned"]
        elif kind == "idea.merged":
            copy["ideas"].pop(event["idea_id"], None)
            copy["ideas"][event["into_id"]]["votes"] = event["votes"]
        elif kind == "votes.tally":
            for idea_id, votes in event["votes"].items():
                if int(idea_id) in copy["ideas"]:
                    copy["ideas"][int(idea_id)]["votes"] = votes
        elif kind == "question.asked":
            copy["questions"][event["question"]["id"]] = dict(event["question"])
        elif kind == "questions.tally":
            for question_id, upvotes in event["upvotes"].items():
                if int(question_id) in copy["questions"]:
                    copy["questions"][int(question_id)]["upvotes"] = upvotes
        elif kind == "question.answered":
            copy["questions"][event["question_id"]]["answered"] = True
        elif kind == "question.hidden":
            copy["questions"].pop(event["question_id"], None)
        elif kind == "poll.opened":
            copy["polls"][event["poll"]["id"]] = dict(event["poll"])
        elif kind in ("poll.tally", "poll.closed"):
            poll = copy["polls"][event["poll_id"]]
            poll["counts"], poll["total"] = event["counts"], event["total"]
            if kind == "poll.closed":
                poll["open"] = False
        elif kind == "announcement":
            copy["announcements"].append(event["announcement"]["id"])

    def acked(self, message, result):
        """What the sender learns from its own ack (others learn it from events)."""
        copy = self.copy
        kind = message["type"]
        if kind in ("vote.cast", "vote.retract"):
            key = str(message["idea_id"])
            dots = copy["my_votes"].get(key, 0) + (1 if kind == "vote.cast" else -1)
            if dots:
                copy["my_votes"][key] = dots
            else:
                copy["my_votes"].pop(key, None)
            copy["votes_left"] = result["votes_left"]
        elif kind == "poll.answer":
            copy["my_answers"][str(message["poll_id"])] = message["choice"]
        elif kind == "question.upvote":
            copy["upvoted"].add(message["question_id"])


def strip(idea: dict) -> dict:
    """An idea as events carry it (``mine`` is only in the snapshot)."""
    return {name: value for name, value in idea.items() if name != "mine"}


def as_snapshot_shows(state: dict) -> dict:
    you = state["you"]
    return {
        "stage": state["session"]["stage"],
        "ideas": {idea["id"]: strip(idea) for idea in state["ideas"]},
        "hidden": {idea["id"] for idea in state.get("hidden_ideas", [])},
        "questions": {question["id"]: question for question in state["questions"]},
        "polls": {poll["id"]: poll for poll in state["polls"]},
        "announcements": [a["id"] for a in state["announcements"]],
        "votes_left": you["votes_left"],
        "my_votes": you["my_votes"],
        "my_answers": you["my_answers"],
        "upvoted": set(you["upvoted"]),
    }


def stored(session_id: int) -> tuple:
    """Everything a message can change, as stored."""

    def rows(model, *fields, **where):
        return list(model.objects.filter(**where).order_by("pk").values_list("pk", *fields))

    return (
        LabSession.objects.filter(pk=session_id).values_list("last_seq", "stage").get(),
        rows(Idea, "status", "text", "pinned", "merged_into", "theme", session_id=session_id),
        rows(IdeaVote, "idea", "voter", idea__session_id=session_id),
        rows(Question, "hidden", "answered_at", session_id=session_id),
        rows(QuestionUpvote, "question", "voter", question__session_id=session_id),
        rows(Poll, "status", session_id=session_id),
        rows(PollAnswer, "poll", "voter", "choice", poll__session_id=session_id),
        rows(Announcement, session_id=session_id),
        ClientMessage.objects.filter(session_id=session_id).count(),
    )


class LiveRoom(RuleBasedStateMachine):
    """Set by the test: the event loop, the lab's people (places confirmed) and the facilitator."""

    loop: Loop
    lab = None
    participants: list = []
    chair = None

    def __init__(self):
        super().__init__()
        self.session = LabSession.objects.create(
            lab=self.lab,
            title="Property session",
            starts_at=self.lab.starts_at,
            ends_at=self.lab.ends_at,
            vote_budget=BUDGET,
            stage=Stage.VOTING,
        )
        first, second, third = (
            Idea.objects.create(session=self.session, author=self.participants[0], author_name="P0", text=text)
            for text in ("First", "Second", "Third")
        )
        # Voting is under way, and a facilitator has hidden the first idea: its dots went back to
        # its voters, and the second participant has spent them again.
        for idea, voter in ((first, 0), (second, 0), (first, 1), (first, 1), (second, 1), (third, 1)):
            IdeaVote.objects.create(idea=idea, voter=self.participants[voter])
        Idea.objects.filter(pk=first.pk).update(status=Idea.Status.HIDDEN)
        self.room = Room(self.session)
        self.clients: dict[int, Client | None] = {}
        self.away: dict[int, Client] = {}  # people who dropped out, by number
        self.ids = count(1)

    # --- Running steps in the loop ------------------------------------------------------------
    def run(self, coroutine):
        return self.loop.run(coroutine)

    async def _connect(self, user, after=None):
        connection = await self.room.enter(user)
        if after is None:
            return connection, await connection.join()
        return connection, await connection.replay(after)

    @initialize()
    def everyone_joins(self):
        for number, user in enumerate([*self.participants, self.chair]):
            connection, state = self.run(self._connect(user))
            self.clients[number] = Client(user, connection, state)

    def person(self, number: int) -> Client | None:
        return self.clients.get(number)

    def send(self, client: Client, message: dict, client_id: str | None = None) -> dict:
        """Send ``message`` from ``client``; its reply (ack or error), checking a refusal changed nothing."""
        before = stored(self.session.pk)
        client_id = client_id or f"m{next(self.ids)}"

        async def exchange():
            await client.connection.send(message["type"], client_id=client_id, **fields_of(message))
            reply, skipped = await client.connection.receive_until(
                lambda m: m["type"] in {"ack", "error"} and m.get("id") == client_id
            )
            for each in skipped:
                client.take(each)
            # A ping behind it: once its pong is here, the server has finished with the message.
            pong_id = await client.connection.send("ping")
            _, skipped = await client.connection.receive_until(lambda m: m["type"] == "pong" and m["id"] == pong_id)
            for each in skipped:
                client.take(each)
            return reply

        reply = self.run(exchange())
        if reply["type"] == "error":
            self.settle()
            assert stored(self.session.pk) == before, f"refused {message} changed what is stored"
        return reply

    def act(self, number: int, message: dict) -> None:
        client = self.person(number)
        if client is None:
            return
        reply = self.send(client, message)
        if reply["type"] == "ack":
            client.acked(message, reply["result"])
            client.last_acked = (message, reply)

    def settle(self):
        """Wait until pending tallies are out and every connection has read every event stored, and
        then nothing more comes for a moment (a ``you.votes``, a presence)."""

        async def flush():
            await tallies.TALLIES.settle()
            await presence.PRESENCE.settle()

        self.run(flush())
        newest = LabSession.objects.filter(pk=self.session.pk).values_list("last_seq", flat=True).get()

        async def drain(client):
            while client.last < newest or not await client.connection.nothing_more(QUIET):
                client.take(await client.connection.receive())

        async def everyone():
            await asyncio.gather(*(drain(client) for client in self.clients.values() if client))

        self.run(everyone())

    def idea_id(self, pick: int, status: str | None = None) -> int:
        """One of the session's ideas: any, or one with ``status`` when there is one (the most
        dotted first: they are the ones whose dots can go astray)."""
        ideas = Idea.objects.filter(session=self.session).annotate(dots=Count("votes")).order_by("-dots", "pk")
        chosen = list(ideas.filter(status=status).values_list("pk", flat=True)) if status else []
        chosen = chosen or list(ideas.values_list("pk", flat=True))
        return chosen[pick % len(chosen)]

    # --- Participants -----------------------------------------------------------------------------
    @rule(who=people, text=texts)
    def post_idea(self, who, text):
        self.act(who, {"type": "idea.post", "text": text})

    @rule(who=people, pick=picks, text=texts)
    def edit_idea(self, who, pick, text):
        self.act(who, {"type": "idea.edit", "idea_id": self.idea_id(pick), "text": text})

    @rule(who=people, pick=picks)
    def withdraw_idea(self, who, pick):
        self.act(who, {"type": "idea.withdraw", "idea_id": self.idea_id(pick)})

    @rule(who=people, pick=picks)
    def cast_a_vote_on_any_idea(self, who, pick):
        self.act(who, {"type": "vote.cast", "idea_id": self.idea_id(pick)})

    @rule(who=people, dots=st.lists(picks, min_size=1, max_size=BUDGET + 1))
    def spend_dots(self, who, dots):
        for pick in dots:
            self.act(who, {"type": "vote.cast", "idea_id": self.idea_id(pick, Idea.Status.VISIBLE)})

    @rule(who=people, pick=picks)
    def take_a_vote_back(self, who, pick):
        self.act(who, {"type": "vote.retract", "idea_id": self.idea_id(pick)})

    @rule(who=people, text=texts)
    def ask(self, who, text):
        self.act(who, {"type": "question.ask", "text": text})

    @rule(who=people, pick=picks)
    def upvote(self, who, pick):
        questions = list(Question.objects.filter(session=self.session).order_by("pk").values_list("pk", flat=True))
        if questions:
            self.act(who, {"type": "question.upvote", "question_id": questions[pick % len(questions)]})

    @rule(who=people, pick=picks, choice=st.integers(min_value=-1, max_value=2))
    def answer_poll(self, who, pick, choice):
        polls = list(Poll.objects.filter(session=self.session).order_by("pk").values_list("pk", flat=True))
        if polls:
            self.act(who, {"type": "poll.answer", "poll_id": polls[pick % len(polls)], "choice": choice})

    @rule(who=people)
    def retry_the_last_acknowledged(self, who):
        client = self.person(who)
        if client is None or client.last_acked is None:
            return
        message, first = client.last_acked
        before = stored(self.session.pk)
        again = self.send(client, message, client_id=first["id"])
        assert again == first, "a retry got another reply"
        self.settle()
        assert stored(self.session.pk) == before, "a retry changed what is stored"

    @rule(who=people)
    def drop_out(self, who):
        client = self.person(who)
        if client is not None:
            self.settle()
            self.run(client.connection.communicator.disconnect())
            self.clients[who] = None
            self.away[who] = client

    @precondition(lambda self: self.away)
    @rule(pick=picks)
    def come_back_with_after(self, pick):
        who = sorted(self.away)[pick % len(self.away)]
        client = self.away.pop(who)
        connection, replayed = self.run(self._connect(client.user, after=client.last))
        client.connection = connection
        for message in replayed:
            client.take(message)
        self.clients[who] = client

    # --- The facilitator --------------------------------------------------------------------------
    @rule(stage=st.sampled_from([Stage.IDEAS, Stage.VOTING, Stage.DISCUSSION]))
    def set_stage(self, stage):
        self.act(PARTICIPANTS, {"type": "stage.set", "stage": stage})

    @rule(pick=picks)
    def hide(self, pick):
        self.act(PARTICIPANTS, {"type": "idea.hide", "idea_id": self.idea_id(pick, Idea.Status.VISIBLE)})

    @rule(pick=picks)
    def show(self, pick):
        self.act(PARTICIPANTS, {"type": "idea.show", "idea_id": self.idea_id(pick, Idea.Status.HIDDEN)})

    @rule(pick=picks, into=picks)
    def merge(self, pick, into):
        visible = Idea.Status.VISIBLE
        self.act(
            PARTICIPANTS,
            {"type": "idea.merge", "idea_id": self.idea_id(pick, visible), "into_id": self.idea_id(into, visible)},
        )

    @rule(pick=picks)
    def hide_question(self, pick):
        questions = list(Question.objects.filter(session=self.session).order_by("pk").values_list("pk", flat=True))
        if questions:
            self.act(PARTICIPANTS, {"type": "question.hide", "question_id": questions[pick % len(questions)]})

    @rule()
    def open_poll(self):
        self.act(PARTICIPANTS, {"type": "poll.open", "question": "Which first?", "options": ["Buses", "Benches"]})

    @rule(pick=picks)
    def close_poll(self, pick):
        polls = list(Poll.objects.filter(session=self.session).order_by("pk").values_list("pk", flat=True))
        if polls:
            self.act(PARTICIPANTS, {"type": "poll.close", "poll_id": polls[pick % len(polls)]})

    # --- After every step ---------------------------------------------------------------------------
    @invariant()
    def nobody_holds_more_dots_than_the_budget(self):
        held = IdeaVote.objects.filter(idea__session=self.session, idea__status=Idea.Status.VISIBLE)
        for user in [*self.participants, self.chair]:
            dots = held.filter(voter=user).count()
            assert dots <= BUDGET, f"{user} holds {dots} dots of {BUDGET}"

    @invariant()
    def every_copy_equals_a_fresh_snapshot_and_the_stored_tallies(self):
        if not self.clients:
            return
        self.settle()
        last_seq = LabSession.objects.filter(pk=self.session.pk).values_list("last_seq", flat=True).get()
        for client in self.clients.values():
            if client is None:
                continue
            assert client.last == last_seq, f"{client.user} is at seq {client.last} of {last_seq}"
            assert client.copy == as_snapshot_shows(session_state(self.session.pk, client.user))
            for idea_id, idea in client.copy["ideas"].items():
                assert idea["votes"] == IdeaVote.objects.filter(idea_id=idea_id).count()
            for question_id, question in client.copy["questions"].items():
                assert question["upvotes"] == QuestionUpvote.objects.filter(question_id=question_id).count()
            for poll_id, poll in client.copy["polls"].items():
                assert poll["total"] == PollAnswer.objects.filter(poll_id=poll_id).count()

    def teardown(self):
        async def leave():
            for communicator in self.room.communicators:
                try:
                    await communicator.disconnect(timeout=3)
                except Exception:  # noqa: BLE001 - already closed
                    pass
            await tallies.TALLIES.settle()
            await presence.PRESENCE.settle()

        self.run(leave())


def fields_of(message: dict) -> dict:
    return {name: value for name, value in message.items() if name != "type"}


def test_the_live_room_keeps_its_promises_whatever_people_do(lab_page_factory, monkeypatch):
    lab = lab_page_factory()
    LiveRoom.lab = lab
    session_for_places = LabSession(lab=lab)
    LiveRoom.participants = [participant(session_for_places) for _ in range(PARTICIPANTS)]
    LiveRoom.chair = facilitator()
    # The machine sends faster than a person: the per-connection rate limit is not under test here.
    monkeypatch.setattr(protocol, "MESSAGES_PER_SECOND", 10_000)
    monkeypatch.setattr(protocol, "REFUSALS_BEFORE_CLOSING", 10_000)
    presence.PRESENCE.interval = 0.01
    tallies.TALLIES.interval = 0.0
    LiveRoom.loop = Loop()
    try:
        run_state_machine_as_test(
            LiveRoom,
            settings=settings(
                settings.default,
                # Real sockets make each example take a second or two: at most 40, even under the larger profile.
                max_examples=min(settings.default.max_examples, 40),
                deadline=None,
                stateful_step_count=15,
            ),
        )
    finally:
        # The loop's database calls ran on asgiref's one shared thread: close its connections there.
        LiveRoom.loop.run(database_sync_to_async(connections.close_all)())
        LiveRoom.loop.stop()
        events.forget_recent()
        rooms.forget_rooms()
        presence.reset()
        tallies.TALLIES.reset()
        presence.PRESENCE.interval = presence.PRESENCE_INTERVAL
        tallies.TALLIES.interval = tallies.TALLY_INTERVAL

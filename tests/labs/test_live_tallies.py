"""Tallies and their coalescing: absolute counts, what is left out, at most one flush per interval."""

import asyncio
import time

import pytest
from asgiref.sync import async_to_sync

from labs.live import tallies
from labs.live.coalesce import Coalescer
from labs.models import Idea, IdeaVote, LabEvent, Poll, PollAnswer, Question, QuestionUpvote


def test_notes_arriving_together_are_flushed_once_and_later_ones_wait_for_the_interval():
    flushes = []

    async def record(session_id, notes):
        flushes.append((time.monotonic(), session_id, set(notes)))

    coalescer = Coalescer("test", 0.2, record)

    async def scenario():
        coalescer.note(1, ["a"])
        coalescer.note(1, ["b"])
        await asyncio.sleep(0.02)
        coalescer.note(1, ["c"])
        coalescer.note(1, ["d"])
        coalescer.note(2, ["x"])
        await coalescer.settle()

    async_to_sync(scenario)()
    by_session = {1: [], 2: []}
    for moment, session_id, notes in flushes:
        by_session[session_id].append((moment, notes))
    assert [notes for _, notes in by_session[1]] == [{"a", "b"}, {"c", "d"}]
    assert by_session[1][1][0] - by_session[1][0][0] >= 0.19
    assert [notes for _, notes in by_session[2]] == [{"x"}]


@pytest.mark.django_db
def test_a_tally_carries_absolute_counts_and_leaves_out_hidden_ideas(lab_session, user_factory):
    shown = Idea.objects.create(session=lab_session, text="Shown")
    hidden = Idea.objects.create(session=lab_session, text="Hidden", status=Idea.Status.HIDDEN)
    voters = user_factory.create_batch(3)
    for voter in voters:
        IdeaVote.objects.create(idea=shown, voter=voter)
    last = IdeaVote.objects.create(idea=hidden, voter=voters[0])
    sent = tallies.write_tallies(lab_session.pk, {(tallies.IDEA, shown.pk), (tallies.IDEA, hidden.pk)})
    event = LabEvent.objects.get(session=lab_session, seq=sent[0].seq)
    assert event.type == "votes.tally"
    assert event.payload == {"votes": {str(shown.pk): 3}, "last_vote_id": last.pk}


@pytest.mark.django_db
def test_poll_and_question_tallies_count_every_answer_and_upvote(lab_session, user_factory):
    poll = Poll.objects.create(session=lab_session, question="Which first?", options=["A", "B", "C"])
    question = Question.objects.create(session=lab_session, text="When?")
    people = user_factory.create_batch(3)
    answers = [
        PollAnswer.objects.create(poll=poll, voter=person, choice=choice)
        for person, choice in zip(people, [0, 2, 2], strict=True)
    ]
    upvote = QuestionUpvote.objects.create(question=question, voter=people[0])
    sent = tallies.write_tallies(lab_session.pk, {(tallies.POLL, poll.pk), (tallies.QUESTION, question.pk)})
    payloads = {event.type: event.payload for event in LabEvent.objects.filter(seq__in=[s.seq for s in sent])}
    assert payloads["poll.tally"] == {
        "poll_id": poll.pk,
        "counts": [1, 0, 2],
        "total": 3,
        "last_answer_id": answers[-1].pk,
    }
    assert payloads["questions.tally"] == {"upvotes": {str(question.pk): 1}, "last_upvote_id": upvote.pk}
    lab_session.refresh_from_db()
    assert lab_session.last_seq == max(s.seq for s in sent) == 2


@pytest.mark.django_db
def test_nothing_to_tally_stores_no_event(lab_session):
    hidden = Idea.objects.create(session=lab_session, text="Hidden", status=Idea.Status.HIDDEN)
    assert tallies.write_tallies(lab_session.pk, {(tallies.IDEA, hidden.pk)}) == []
    assert not LabEvent.objects.exists()

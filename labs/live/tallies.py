"""Tallies: votes, question upvotes and poll answers, sent as coalesced events.

Each vote, upvote or answer is stored at once and acknowledged to its sender; everyone else
learns of it from a tally event, sent at most every ``TALLY_INTERVAL`` seconds per session by
each process. Tallies carry absolute counts (so a later one replaces an earlier one) and the
highest vote or answer id counted, so a client can tell whether its own vote is in.
"""

from django.db import transaction
from django.db.models import Max

from labs.live import events, locks, rooms, storing
from labs.live.coalesce import Coalescer
from labs.live.state import poll_counts, upvote_counts, vote_counts
from labs.models import IdeaVote, Poll, PollAnswer, QuestionUpvote

#: Seconds between two tally flushes of one session in one process.
TALLY_INTERVAL = 0.1

IDEA = "idea"
QUESTION = "question"
POLL = "poll"


def tally_events(session_id: int, notes: set) -> list[tuple[str, dict]]:
    """The tally events for what changed (``notes``: pairs like ``("idea", 7)``), with absolute counts."""
    idea_ids = {number for kind, number in notes if kind == IDEA}
    question_ids = {number for kind, number in notes if kind == QUESTION}
    poll_ids = {number for kind, number in notes if kind == POLL}
    found = []
    if idea_ids:
        counts = vote_counts(session_id, idea_ids)
        if counts:
            last_vote_id = IdeaVote.objects.filter(idea__session_id=session_id).aggregate(m=Max("pk"))["m"] or 0
            votes = {str(idea_id): count for idea_id, count in sorted(counts.items())}
            found.append(("votes.tally", {"votes": votes, "last_vote_id": last_vote_id}))
    if question_ids:
        counts = upvote_counts(session_id, question_ids)
        if counts:
            upvotes = {str(question_id): count for question_id, count in sorted(counts.items())}
            last_upvote_id = (
                QuestionUpvote.objects.filter(question__session_id=session_id).aggregate(m=Max("pk"))["m"] or 0
            )
            found.append(("questions.tally", {"upvotes": upvotes, "last_upvote_id": last_upvote_id}))
    for poll in Poll.objects.filter(session_id=session_id, pk__in=poll_ids).order_by("pk"):
        counts, total = poll_counts(poll)
        last_answer_id = PollAnswer.objects.filter(poll=poll).aggregate(m=Max("pk"))["m"] or 0
        found.append(
            ("poll.tally", {"poll_id": poll.pk, "counts": counts, "total": total, "last_answer_id": last_answer_id})
        )
    return found


def write_tallies(session_id: int, notes: set) -> list[events.Sent]:
    """Store the tally events for ``notes`` with their numbers; returns them to broadcast."""
    with transaction.atomic():
        session = locks.lock_session(session_id)
        return events.write_events(session, tally_events(session_id, notes))


async def _flush(session_id: int, notes: set) -> None:
    sent = await storing.store(write_tallies, session_id, notes)
    await rooms.broadcast(sent)


TALLIES = Coalescer("tallies", TALLY_INTERVAL, _flush)

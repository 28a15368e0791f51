"""When a stage's timer runs out, the room is told once (``stage.time_up``), in the log like any event."""

from datetime import timedelta

import pytest
from django.utils import timezone

from labs.live import timers
from labs.live.state import iso
from labs.models import LabEvent, Stage
from tests.labs.live_room import facilitator, participant, play

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def timed(lab_session, seconds):
    lab_session.stage = Stage.IDEAS
    lab_session.stage_ends_at = timezone.now() + timedelta(seconds=seconds)
    lab_session.save()
    return iso(lab_session.stage_ends_at)


def test_time_up_is_stored_once_however_often_it_is_asked(lab_session):
    ends_at = timed(lab_session, -1)
    first = timers.time_up(lab_session.pk, ends_at)
    assert timers.time_up(lab_session.pk, ends_at) == []  # another process, later
    assert [event.seq for event in first] == [1]
    stored = LabEvent.objects.get(session=lab_session, type="stage.time_up")
    assert stored.payload == {"stage": "ideas", "stage_ends_at": ends_at}


def test_no_time_up_before_the_end_for_a_timer_replaced_since_or_in_a_closed_session(lab_session):
    assert timers.time_up(lab_session.pk, timed(lab_session, 60)) == []
    old = timed(lab_session, -5)
    timed(lab_session, -1)
    assert timers.time_up(lab_session.pk, old) == []
    closed = timed(lab_session, -1)
    lab_session.stage = Stage.CLOSED
    lab_session.save()
    assert timers.time_up(lab_session.pk, closed) == []
    assert not LabEvent.objects.filter(type="stage.time_up").exists()


def test_the_room_hears_once_that_time_is_up_and_a_late_joiner_replays_it(lab_session):
    ends_at = timed(lab_session, 0.4)
    people = [participant(lab_session) for _ in range(2)]

    async def scenario(room):
        alice, _ = await room.joined(people[0])
        bob, _ = await room.joined(people[1])  # a second connection watches the same timer
        told = await alice.event("stage.time_up")
        assert (told["stage"], told["stage_ends_at"]) == ("ideas", ends_at)
        assert (await bob.event("stage.time_up"))["seq"] == told["seq"]
        assert await alice.nothing_more(0.5)
        carol, _ = await room.joined(people[0])
        replayed = await carol.replay(after=told["seq"] - 1)
        assert [event["type"] for event in replayed] == ["stage.time_up", "caught_up"]

    play(lab_session, scenario)
    assert LabEvent.objects.filter(type="stage.time_up").count() == 1


def test_a_timer_set_in_the_room_is_watched_by_the_process_that_set_it(lab_session):
    host = facilitator()

    async def scenario(room):
        fran, _ = await room.joined(host)
        result = await fran.ack("stage.set", stage="voting", minutes=1)
        assert timers._watched[lab_session.pk][0] == result["stage_ends_at"]
        await fran.ack("stage.set", stage="discussion")
        assert lab_session.pk not in timers._watched  # no timer now: nothing to watch

    play(lab_session, scenario)

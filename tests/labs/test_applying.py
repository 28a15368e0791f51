"""Socket messages waiting for the database thread together share one trip, each applied on its own."""

import asyncio

import pytest
from asgiref.sync import async_to_sync

from labs.live import actions, applying
from labs.models import Idea, Stage
from tests.labs.live_room import participant

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_messages_waiting_together_go_in_one_trip_and_a_refusal_touches_no_other(lab_session, monkeypatch):
    lab_session.stage = Stage.IDEAS
    lab_session.save()
    people = [participant(lab_session) for _ in range(3)]
    trips = []
    real_apply_each = applying.apply_each
    monkeypatch.setattr(applying, "apply_each", lambda batch: trips.append(len(batch)) or real_apply_each(batch))
    messages = [
        {"type": "idea.post", "id": "a", "text": "Walking football for over-60s"},
        {"type": "idea.post", "id": "b", "text": ""},  # refused: no text
        {"type": "idea.post", "id": "c", "text": "A repair cafe at the library"},
    ]

    async def together():
        return await asyncio.gather(
            *(applying.apply(lab_session.pk, person, message) for person, message in zip(people, messages, strict=True))
        )

    first, refused, third = async_to_sync(together)()
    assert trips == [3]
    assert first.result["idea_id"] and third.result["idea_id"]
    assert refused.error and refused.error[0] == "invalid"
    assert sorted(Idea.objects.values_list("text", flat=True)) == [
        "A repair cafe at the library",
        "Walking football for over-60s",
    ]


def test_an_exception_in_one_message_is_handed_to_its_sender_only(lab_session):
    lab_session.stage = Stage.IDEAS
    lab_session.save()
    person = participant(lab_session)
    broken, fine = applying.apply_each(
        [
            (lab_session.pk, person, {"type": "not-a-type", "id": "x"}),
            (lab_session.pk, person, {"type": "idea.post", "id": "y", "text": "Lunch clubs"}),
        ]
    )
    assert isinstance(broken, KeyError)
    assert isinstance(fine, actions.Outcome) and fine.result["idea_id"]

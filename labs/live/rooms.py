"""The rooms of this process, and sending to the rooms of every process.

A session's connections in this process share one ``Room`` (``labs.live.fanout``): ``enter``
opens it for the first connection and ``leave`` closes it after the last. Everything a session's
connections are sent goes through the rooms: ``broadcast`` hands stored events to the room here
and, through the session's channel-layer group, to the rooms of other processes; ``tell_people``
sends a message for one person (``you.votes``) to wherever they are connected; presence is passed
on by ``labs.live.presence`` the same way.
"""

import asyncio
import logging

from channels.layers import get_channel_layer

from labs.live import events
from labs.live.fanout import Room, group_name

logger = logging.getLogger(__name__)

_rooms: dict[int, Room] = {}


def _current(session_id: int) -> Room | None:
    room = _rooms.get(session_id)
    if room is None or room.closed or room.loop is not asyncio.get_running_loop():
        return None
    return room


async def enter(session_id: int, connection) -> Room:
    """The session's room in this process (opened on first use), held by ``connection``."""
    room = _current(session_id)
    if room is None:
        room = _rooms[session_id] = Room(session_id)
    room.holders.add(connection)
    await asyncio.shield(room.opened)
    return room


async def leave(room: Room, connection) -> None:
    """``connection`` is gone; the room closes when nobody holds it."""
    room.withdraw(connection)
    room.holders.discard(connection)
    if not room.holders and not room.closed:
        if _rooms.get(room.session_id) is room:
            del _rooms[room.session_id]
        await room.close()


def pass_on_here(session_id: int, text: str) -> None:
    """Hand a message outside the log (``presence``) made by this process to the room here, if any."""
    room = _current(session_id)
    if room is not None:
        room.pass_on(text)


def not_listening() -> dict[int, float]:
    """The sessions whose room in this process cannot hear the channel layer, with how many
    seconds it has not (read from any thread: ``/healthz``)."""
    return {room.session_id: round(room.not_listening_for(), 1) for room in list(_rooms.values()) if not room.listening}


def offer_here(session_id: int, seq: int, text: str) -> None:
    """Hand an event stored by this process straight to the session's room here, if any."""
    room = _current(session_id)
    if room is not None:
        room.offer(seq, text)


def forget_rooms() -> None:
    """Drop every room (tests start afresh; their event loops are gone)."""
    _rooms.clear()


async def send_to_group(session_id: int, message: dict) -> None:
    """Send ``message`` to the session's rooms in every process, through the channel layer.

    Tried twice: after Redis restarts, the first command on each pooled connection fails (the
    connection was to the old server) and the second, on a new connection, goes through."""
    layer = get_channel_layer()
    try:
        await layer.group_send(group_name(session_id), message)
    except Exception:  # noqa: BLE001 - once more; a second failure is the caller's to report
        await layer.group_send(group_name(session_id), message)


async def broadcast(sent: list[events.Sent]) -> None:
    """Send stored events to the session's room in this process, and through the channel layer to
    the rooms of other processes (call after the commit).

    The events are stored already, so a channel layer that fails (Redis down) is logged and
    nothing more: the other processes' rooms read them from the log (``labs.live.rooms``), and
    the sender's connection stays up."""
    if not sent:
        return
    events.remember_sent(sent)
    for event in sent:
        offer_here(event.session_id, event.seq, event.text)
    for event in sent:
        try:
            await send_to_group(event.session_id, {"type": "lab.event", "seq": event.seq, "text": event.text})
        except Exception:
            logger.exception(
                "Lab session %s: event %s is stored but could not be broadcast; other processes will "
                "read it from the log",
                event.session_id,
                event.seq,
            )
            return


async def tell_people(session_id: int, told: list[tuple[int, str]]) -> None:
    """Send each ``(person id, text)`` to that person's connections in every process: through the
    session's channel-layer group, to the room of each process. When the layer is down the message
    is lost, and logged: the change is stored, and the person's next ``state`` or replay shows it."""
    if not told:
        return
    layer = get_channel_layer()
    try:
        for person, text in told:
            await layer.group_send(group_name(session_id), {"type": "lab.personal", "person": person, "text": text})
    except Exception:
        logger.exception("Lab session %s: could not tell voters where their dots are", session_id)

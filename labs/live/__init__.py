"""The live room of an Innovation Lab session: what the websocket consumer (``labs.consumers``) uses.

- ``protocol``: the message types, the one table of handlers (who may send what), and the checks
  every message passes first (size, JSON, rate, type, id).
- ``actions``: applying a message in one transaction (permission, stage, the handler, its events).
- ``handling``: what handlers share (refusals, their context, reading fields); the handlers
  themselves are in ``participation`` (ideas, votes, questions, poll answers) and
  ``facilitation`` (stages, moderation, polls, announcements, actions, closing).
- ``locks``: the row locks that make changes apply one at a time where they must.
- ``events``: numbering events per session, storing them as ``LabEvent`` rows, reading them back.
- ``storing``: which thread stores a message (the shared sync thread, or threads of their own).
- ``state``: the whole room as one ``state`` message, and the objects events carry.
- ``dots``: the dot budget: the dots each person holds, and what moderating an idea does with them.
- ``tallies`` and ``presence``: votes, answers, upvotes and who is here, sent as coalesced
  events (``coalesce``: at most once per interval).
- ``rooms``: the rooms of this process, and broadcasting to the rooms of every process.
- ``fanout``: one session's room in a process, sending events to its connections in order.
- ``wire``: frames made once and written straight to daphne's sockets.
- ``timers``: telling the room once that a stage's timer has run out.
- ``limits``: the sizes the protocol promises (also read by ``config.server``).

The protocol itself is described in ``docs/labs-protocol.md``.
"""

"""The live room of an Innovation Lab session: what the websocket consumer (``labs.consumers``) uses.

- ``events``: numbering events per session, storing them as ``LabEvent`` rows, broadcasting them.
- ``state``: the whole room as one ``state`` message, and the objects events carry.
- ``actions``: applying each client message (checks, then the change and its events).
- ``dots``: the dot budget: the dots each person holds, and what moderating an idea does with them.
- ``tallies`` and ``presence``: votes, answers, upvotes and who is here, sent as coalesced events.
- ``rooms``: one room per session in each process, sending events to its connections in order.
- ``wire``: frames made once and written straight to daphne's sockets.
- ``timers``: telling the room once that a stage's timer has run out.
- ``limits``: the sizes the protocol promises (also read by ``config.server``).

The protocol itself is described in ``docs/labs-protocol.md``.
"""

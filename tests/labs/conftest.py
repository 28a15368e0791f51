"""Live-room tests run each in an event loop of its own: nothing of one loop may reach the next."""

import pytest
from channels.layers import channel_layers

from labs.live import rooms, storing


@pytest.fixture(autouse=True)
def fresh_rooms_and_channel_layer():
    """Each test starts with no rooms and a new channel layer. A Redis layer keeps locks and
    connections of the loop it last ran in (a message's clean-up task can outlive its loop), so
    it is made anew rather than reused from another test's loop. The tally threads (PostgreSQL)
    close their connections, so the test database can be flushed and dropped."""
    yield
    rooms.forget_rooms()
    storing.close()
    channel_layers.backends.clear()

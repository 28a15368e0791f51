"""The sizes the live protocol promises (``docs/labs-protocol.md``), in one place.

Nothing here imports Django, so ``config.server`` can read it before Django is set up.
"""

#: A client message is at most this many bytes of UTF-8 (answered ``too_large`` above it).
MAX_MESSAGE_BYTES = 4096
#: The most a frame may hold at all: daphne closes a connection that sends more with 1009
#: (``config.server``), and so does the consumer, whatever server runs it. Up to this size a
#: message that is too large is still read for its ``id``, so its error can name it.
MAX_FRAME_BYTES = 64 * 1024

"""Settings for the daphne processes the two-process tests start: the test settings, with the
channel-layer and cache prefixes shared by every process of one test run (``LADDER_SHARED_PREFIX``),
so the processes hear each other on Redis and no other run hears them."""

import os

from config.test_settings import *  # noqa: F403

_prefix = os.environ["LADDER_SHARED_PREFIX"]
CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = _prefix  # noqa: F405
CACHES["default"]["KEY_PREFIX"] = _prefix  # noqa: F405

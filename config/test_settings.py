"""Settings for the test suite: Ladder's settings with a fast password hasher and test flags.

Everything else (database, channel layer) still comes from the environment, so the same tests
run on SQLite and the in-memory layer, or on PostgreSQL and Redis (``make test-backends``).
"""

import os

os.environ.setdefault("LADDER_TESTING", "1")
os.environ.setdefault("STAFF_REQUIRE_MFA", "0")

from config.settings import *  # noqa: E402,F403

# Runs share the Redis server: give this run its own keys, so counters and cached pages from
# an earlier run (or a run alongside) never leak in.
if REDIS_URL:  # noqa: F405
    import uuid

    _run = uuid.uuid4().hex[:12]
    CACHES["default"]["KEY_PREFIX"] = f"ladder-test-{_run}"  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"ladder-test-{_run}"  # noqa: F405

# Background tasks run at once, inside the call that queues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Every browser test signs in from 127.0.0.1, more than allauth's 30 sign-ins a minute from one
# address when the suite runs fast. Failed sign-ins keep their production limits.
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": "600/m/ip"}  # noqa: F405

"""Hypothesis profiles for Ladder's property-based tests, chosen by ``HYPOTHESIS_PROFILE``.

- ``default``: few examples, so ``make test`` stays quick;
- ``backends``: more examples, for ``make test-backends`` (``tests/backends/with-backends.sh`` sets it).

Tests that touch the database pass ``deadline=None`` themselves: a query's time is not the
property under test. The example database is kept out of the tree (``.hypothesis/`` is ignored).
"""

import os

from hypothesis import HealthCheck, settings

#: Every profile: a database-backed example may use function-scoped fixtures (the database, a client).
_COMMON = {"suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}

settings.register_profile("default", max_examples=25, **_COMMON)
settings.register_profile("backends", max_examples=100, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

"""Fixtures for the serving layer: the home app's published plan and an empty cache."""

from tests.home.conftest import empty_cache, home_page, plan, sections  # noqa: F401 - fixtures

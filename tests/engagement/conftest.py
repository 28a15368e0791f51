"""Fixtures for engagement tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Start each test with no anonymous ratings counted (the rate limit lives in the cache)."""
    cache.clear()
    yield
    cache.clear()

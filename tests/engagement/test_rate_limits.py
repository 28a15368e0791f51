"""One rate-limit mechanism: counting is atomic, so concurrent requests cannot overshoot a limit."""

import threading
import uuid

import pytest
from allauth.core.internal import ratelimit as allauth_ratelimit
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from config.cache import LadderFileCache
from engagement import comments, ratelimit, ratings
from engagement.ratelimit import SlidingWindow

THREADS = 8
TRIES_EACH = 10


def hammer(window, key):
    """Every thread asks for places on the same key at the same moment; returns how many were given."""
    start = threading.Barrier(THREADS)
    given = []

    def ask():
        start.wait()
        for _ in range(TRIES_EACH):
            if window.take(key) is None:
                given.append(1)

    workers = [threading.Thread(target=ask) for _ in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return len(given)


def test_concurrent_takes_on_the_tests_cache_never_pass_the_limit():
    window = SlidingWindow(f"race-{uuid.uuid4().hex}", 5, 60)
    assert hammer(window, "192.0.2.1") == 5
    assert window.check("192.0.2.1") is not None


def test_concurrent_takes_on_the_file_cache_never_pass_the_limit(tmp_path, monkeypatch):
    file_cache = LadderFileCache(str(tmp_path), {})
    monkeypatch.setattr(ratelimit, "cache", file_cache)
    monkeypatch.setattr(allauth_ratelimit, "cache", file_cache)
    window = SlidingWindow(f"race-{uuid.uuid4().hex}", 5, 60)
    assert hammer(window, "192.0.2.2") == 5


def test_the_file_caches_add_succeeds_once_for_a_key(tmp_path):
    cache = LadderFileCache(str(tmp_path), {})
    assert cache.add("lock", True, 10)
    assert not cache.add("lock", True, 10)
    cache.delete("lock")
    assert cache.add("lock", True, 10)


def test_a_refused_take_counts_nothing_and_says_when_to_come_back():
    window = SlidingWindow(f"count-{uuid.uuid4().hex}", 2, 60)
    assert window.take("k", now=1000) is None
    assert window.take("k", now=1030) is None
    refused = window.take("k", now=1040)
    assert refused is not None and refused.retry_after == 20
    assert window.take("k", now=1061) is None


def test_a_place_given_back_is_free_again():
    window = SlidingWindow(f"back-{uuid.uuid4().hex}", 1, 60)
    assert window.take("k", now=1000) is None
    window.give_back("k", 1000)
    assert window.take("k", now=1001) is None


def anonymous_post(address):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request.user = AnonymousUser()
    return request


def test_an_unstored_comment_gives_its_place_back_and_a_stored_one_keeps_it():
    address = f"198.51.100.{uuid.uuid4().int % 250}"
    comments.ADDRESS_LIMIT.reset(address)
    for _ in range(comments.ADDRESS_LIMIT.limit):
        request = anonymous_post(address)
        assert comments.rate_limit_for(request) is None
        comments.give_back_rate_limit(request)
    for _ in range(comments.ADDRESS_LIMIT.limit):
        request = anonymous_post(address)
        assert comments.rate_limit_for(request) is None
        comments.count_towards_rate_limit(request)
    assert comments.rate_limit_for(anonymous_post(address)) is not None


@pytest.mark.parametrize("limit", [1, 3])
def test_concurrent_anonymous_comments_from_one_address_get_no_more_places_than_the_limit(monkeypatch, limit):
    monkeypatch.setattr(comments, "ADDRESS_LIMIT", SlidingWindow(f"comments-{uuid.uuid4().hex}", limit, 600))
    window = comments.ADDRESS_LIMIT

    class Adapter:
        def take(self, key):
            return comments.rate_limit_for(anonymous_post(key))

    assert hammer(Adapter(), "203.0.113.7") == limit
    assert window.check("203.0.113.7") is not None


@pytest.mark.django_db
def test_rating_forms_sent_back_with_errors_use_up_no_places(client, ladder_page):
    rate_url = reverse("engagement:rate", args=[ladder_page.pk])
    for _ in range(ratings.ANONYMOUS_LIMIT + 1):
        assert client.post(rate_url, {"rung": ""}).status_code == 200
    for _ in range(ratings.ANONYMOUS_LIMIT):
        assert client.post(rate_url, {"rung": "4"}).status_code == 302
    assert client.post(rate_url, {"rung": "4"}).status_code == 429

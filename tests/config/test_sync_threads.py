"""The ASGI handler (config/sync_threads.py): Django's sync chain on a few long-lived threads."""

import asyncio
import threading

import pytest
from asgiref.testing import ApplicationCommunicator
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from config.sync_threads import PooledThreadsASGIHandler

seen_threads = []


def which_thread(request):
    seen_threads.append(threading.current_thread().name)
    return HttpResponse(threading.current_thread().name)


urlpatterns = [path("thread/", which_thread)]


async def get(application, url):
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": url,
        "raw_path": url.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 80),
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(5)
    body = await communicator.receive_output(5)
    await communicator.wait(5)
    return start["status"], body["body"].decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["localhost"])
def test_requests_run_on_the_pool_s_long_lived_threads_only():
    seen_threads.clear()
    application = PooledThreadsASGIHandler(threads=2)

    async def many():
        return await asyncio.gather(*(get(application, "/thread/") for _ in range(12)))

    results = asyncio.run(many())
    application.threads.close()  # teardown can then drop the database
    assert all(status == 200 for status, _ in results)
    assert len(seen_threads) == 12
    assert set(seen_threads) <= {"ladder-sync-0_0", "ladder-sync-1_0"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["localhost"])
def test_a_404_still_comes_back_through_the_sync_chain():
    application = PooledThreadsASGIHandler(threads=1)
    status, _ = asyncio.run(get(application, "/nowhere/"))
    application.threads.close()  # teardown can then drop the database
    assert status == 404

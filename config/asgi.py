"""ASGI entry point: HTTP through Django, websockets through Channels (served by daphne)."""

import os
import sys

import django

# Daphne's event loop and the thread that does the live rooms' database work share one
# interpreter lock. A thread that gives it up (every query does; on PostgreSQL for a whole round
# trip) waits for the loop to hand it back: by default up to 5 ms. While a big room is busy, a
# vote's few statements could take tens of ms of waiting that way, with rows locked.
# 1 ms keeps the database work flowing (docs/benchmarks.md).
sys.setswitchinterval(float(os.environ.get("LADDER_SWITCH_INTERVAL", "0.001")))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup(set_prefix=False)

from config.sync_threads import PooledThreadsASGIHandler  # noqa: E402

django_asgi_app = PooledThreadsASGIHandler()

# Imported after Django is set up, so consumers can use the ORM.
from channels.routing import ProtocolTypeRouter  # noqa: E402

from labs.routing import websocket_urlpatterns  # noqa: E402
from people.sockets import socket_application  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # Same-origin check, sign-in from the session cookie, the routes (people/sockets.py).
        "websocket": socket_application(websocket_urlpatterns),
    }
)

"""What every websocket passes through before its consumer: ``socket_application(routes)``.

1. **Origin.** A socket is let in only from the site's own pages, by the rule Django's CSRF
   check applies to a form (``origin_allowed``): its ``Origin`` is the socket's own origin (the
   scheme it came in on, ``https`` behind the proxy as ``SECURE_PROXY_SSL_HEADER`` says, and the
   host and port it was addressed to, a host in ``ALLOWED_HOSTS``), or one of
   ``CSRF_TRUSTED_ORIGINS``. Scheme, host and port all count: a page on another port or scheme
   of the same host is refused. Channels' ``AllowedHostsOriginValidator`` compared host names
   only. A refused socket gets 403 at the handshake.
2. **Sign-in** from the session cookie (``SocketAuthMiddlewareStack``). Channels'
   ``AuthMiddlewareStack`` does the same, but its session middleware wraps the connection's
   ``send`` so that it can save a changed session on HTTP responses. On a socket it never saves
   anything, yet it looks at the session on every frame sent: in a live room of a thousand
   people that was about 8% of the process's time. Here the session is read once, when the
   socket connects, and ``send`` is left alone.
3. **Routes**; a path that matches none is refused at the handshake (403), not answered with
   an error page (500).
"""

from importlib import import_module
from urllib.parse import urlsplit

from channels.auth import AuthMiddleware
from channels.routing import URLRouter
from channels.security.websocket import WebsocketDenier
from channels.sessions import CookieMiddleware
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.urls import re_path
from django.utils.http import is_same_domain


class SocketRequest(HttpRequest):
    """A websocket's opening handshake as a Django request, to ask what Django asks of a form:
    its host (``get_host``, checked against ``ALLOWED_HOSTS``) and whether it is secure."""

    def __init__(self, scope):
        super().__init__()
        for name, value in scope.get("headers", []):
            key = "HTTP_" + name.decode("latin1").upper().replace("-", "_")
            if key not in self.META:  # the first of a repeated header, as the origin check reads it
                self.META[key] = value.decode("latin1")
        server = scope.get("server") or ("", "")
        self.META["SERVER_NAME"], self.META["SERVER_PORT"] = str(server[0] or ""), str(server[1] or "")
        self.socket_scheme = scope.get("scheme", "ws")

    def _get_scheme(self):
        return "https" if self.socket_scheme in ("wss", "https") else "http"


def origin_allowed(scope) -> bool:
    """Whether the socket's ``Origin`` is the site's own, by the rule of Django's CSRF check."""
    request = SocketRequest(scope)
    origin = request.META.get("HTTP_ORIGIN")
    if not origin:
        return False
    try:
        own_origin = f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"
    except DisallowedHost:
        own_origin = None
    if origin == own_origin or origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    try:
        parsed = urlsplit(origin)
    except ValueError:
        return False
    return any(
        is_same_domain(parsed.netloc, trusted.netloc.lstrip("*"))
        for trusted in map(urlsplit, settings.CSRF_TRUSTED_ORIGINS)
        if "*" in trusted.netloc and trusted.scheme == parsed.scheme
    )


_refuse = WebsocketDenier.as_asgi()


class SameOriginValidator:
    """Lets a socket through to ``inner`` only when ``origin_allowed``; refuses it (403) otherwise."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        if origin_allowed(scope):
            return await self.inner(scope, receive, send)
        return await _refuse(scope, receive, send)


class SocketSessionMiddleware:
    """Puts the session named by the session cookie in the scope (read-only: sockets never save it)."""

    def __init__(self, inner):
        self.inner = inner
        self.session_store = import_module(settings.SESSION_ENGINE).SessionStore

    async def __call__(self, scope, receive, send):
        session_key = scope["cookies"].get(settings.SESSION_COOKIE_NAME)
        return await self.inner(dict(scope, session=self.session_store(session_key)), receive, send)


def SocketAuthMiddlewareStack(inner):  # noqa: N802 - named like Channels' own stacks
    """Cookies, then the session, then ``scope["user"]`` (Channels' ``AuthMiddleware``)."""
    return CookieMiddleware(SocketSessionMiddleware(AuthMiddleware(inner)))


def socket_application(routes):
    """The websocket side of ``config.asgi``: origin, sign-in, then ``routes`` (every other path refused)."""
    return SameOriginValidator(SocketAuthMiddlewareStack(URLRouter([*routes, re_path(r"", _refuse)])))

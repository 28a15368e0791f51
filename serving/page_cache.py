"""Whole-page cache for anonymous visitors to published content pages.

A plan section served from scratch costs Wagtail's routing, view-restriction checks and a template
render (about 10 ms). Most visitors are anonymous and see exactly the same HTML, so pages whose
class sets ``cache_whole_page = True`` are stored whole for visitors with no session, and served
from the cache before routing. Only the CSRF token differs between visitors: it is stored as a
placeholder and a fresh token is put back for each visitor.

Every cached page is keyed on a site-wide content version, renewed whenever any page, site or
document is saved, published, unpublished, moved or deleted (``serving.signals``), so an editor's
published change shows at once. With several server processes, use a shared cache (``REDIS_URL``)
so that every process sees the new version; the timeout bounds staleness otherwise.
"""

import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token

VERSION_KEY = "ladder:pages:version"
TIMEOUT = 300
CSRF_PLACEHOLDER = "__ladder_csrf_token__"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
#: Paths never looked up in the cache, not even to find out whether they are there.
NEVER_CACHED_PATHS = frozenset({"/healthz"})


def bump_content_version(**kwargs):
    """Start a new content version, so every cached page is rendered afresh on its next visit.

    Called inside a transaction, the version is renewed again when it commits: a request that
    read the new version before the commit may have cached what it saw then, the old content.
    """
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))
    return version


def content_version():
    """The current content version (a new one if the cache lost it)."""
    return cache.get(VERSION_KEY) or bump_content_version()


def is_anonymous_visit(request):
    """True for a plain GET with no session, no pending messages and no query string."""
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_key(request):
    """The cache key of this visit's page under the current content version."""
    return f"ladder:page:{content_version()}:{request.get_host()}:{request.path}"


def mark_cacheable(page, request):
    """Note that the page being served may be cached whole (called before Wagtail serves it)."""
    if getattr(page, "cache_whole_page", False) and not getattr(request, "is_preview", False):
        request.ladder_cache_whole_page = True


def freeze(request, response):
    """The response as a cacheable (content type, text) pair, or None if it must not be cached."""
    if not getattr(request, "ladder_cache_whole_page", False) or response.status_code != 200:
        return None
    if response.cookies or response.has_header("Vary") or response.streaming:
        return None
    if getattr(request, "_csp_nonce", None):  # an inline script or style carries this response's nonce
        return None
    text = CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode(response.charset))
    return response["Content-Type"], text


def thaw(request, frozen):
    """A response for this visitor from a cached page, with a CSRF token of their own."""
    content_type, text = frozen
    if CSRF_PLACEHOLDER in text:
        text = text.replace(CSRF_PLACEHOLDER, get_token(request))
    response = HttpResponse(text, content_type=content_type)
    response["X-Ladder-Page-Cache"] = "hit"
    return response

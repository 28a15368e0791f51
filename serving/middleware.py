"""Serve published content pages to anonymous visitors from the whole-page cache (see serving.page_cache)."""

from django.core.cache import cache

from serving import page_cache


class AnonymousPageCacheMiddleware:
    """Answer an anonymous GET from the cache when the page is there; store cacheable pages.

    Place it after the CSRF, session and message middleware, so the CSRF cookie is still set on
    cached responses. ``/healthz`` never touches the cache: it must answer for itself when the
    cache (Redis) is down.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache.is_anonymous_visit(request) or request.path in page_cache.NEVER_CACHED_PATHS:
            return self.get_response(request)
        key = page_cache.cache_key(request)
        frozen = cache.get(key)
        if frozen is not None:
            return page_cache.thaw(request, frozen)
        response = self.get_response(request)
        frozen = page_cache.freeze(request, response)
        if frozen is not None:
            cache.set(key, frozen, page_cache.TIMEOUT)
        return response

"""Wagtail's page routing, remembered for each content version.

Wagtail finds the page for a URL by looking up the Site, then walking the page tree one slug
at a time, loading each page's specific object on the way: about eight queries before a view
runs. The tree only changes when content changes, and every such change renews the site-wide
content version (``serving.signals``). So this module remembers, per content version and URL,
which page answered and how many path components it consumed; the next request for that URL
loads just that page (one query) and lets it route the rest itself, which still checks that it
is live and resolves its own sub-routes. Misses, 404s and view restrictions behave exactly as
in Wagtail, whose ``serve`` view still does the serving.

The page itself is kept too, per content version, and each request gets its own shallow copy.
The memory is per process and bounded; a new content version simply makes old entries unused.
"""

import copy
import threading
from collections import OrderedDict

from django.apps import apps
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from serving.page_cache import content_version

MAX_ROUTES = 2000
MAX_PAGES = 200

_lock = threading.Lock()
_routes: OrderedDict = OrderedDict()
_sites: OrderedDict = OrderedDict()
_pages: OrderedDict = OrderedDict()


def _remember(key, value, store, limit):
    """Keep ``value``, dropping the least recently used entries beyond ``limit``."""
    with _lock:
        store[key] = value
        store.move_to_end(key)
        while len(store) > limit:
            store.popitem(last=False)


def _recall(key, store):
    with _lock:
        value = store.get(key)
        if value is not None:
            store.move_to_end(key)
        return value


def site_for_request(request, version):
    """The Site for this request, looked up once per host, port and content version."""
    host, port = request._get_raw_host(), request.get_port()
    key = (version, host, port)
    site = _recall(key, _sites)
    if site is None:
        site = Site.find_for_request(request)
        if site is None:
            return None
        _remember(key, site, _sites, 64)
    # Each request gets its own copy, so nothing set on it leaks into another request.
    return copy.copy(site)


def site_is_unrestricted(version) -> bool:
    """True when no page has a view restriction (asked once per content version)."""
    key = (version, "unrestricted")
    unrestricted = _recall(key, _sites)
    if unrestricted is None:
        unrestricted = not PageViewRestriction.objects.exists()
        _remember(key, unrestricted, _sites, 64)
    return unrestricted


def route_for_request(request, path):
    """Wagtail's route result for ``path``, from memory when this version has seen the URL."""
    version = content_version()
    site = site_for_request(request, version)
    if site is None:
        return None
    request._wagtail_site = site
    result = _route(request, path, version, site)
    if result is not None and site_is_unrestricted(version):
        # Read by serving.models.RoutedPageMixin.get_view_restrictions.
        result[0]._site_unrestricted = True
    return result


def page_for(version, model_label, page_id):
    """A fresh copy of the page as stored under this content version, or ``None`` if it is gone.

    The stored page is loaded once per version and never served itself; each request gets a
    shallow copy, so attributes set while serving stay with that request. (Loading a page is
    mostly Django compiling a wide multi-table query, the largest single cost of a request.)
    """
    key = (version, model_label, page_id)
    stored = _recall(key, _pages)
    if stored is None:
        stored = apps.get_model(model_label).objects.filter(pk=page_id).first()
        if stored is None:
            return None
        _remember(key, stored, _pages, MAX_PAGES)
    return copy.copy(stored)


def _route(request, path, version, site):
    components = [component for component in path.split("/") if component]
    key = (version, site.pk, path)
    remembered = _recall(key, _routes)
    if remembered is not None:
        model_label, page_id, consumed = remembered
        page = page_for(version, model_label, page_id)
        if page is not None:
            try:
                return page.route(request, components[consumed:])
            except Http404:
                return None
    result = Page.route_for_request(request, path)
    if result is not None:
        page, root = result[0], site.root_page
        consumed = page.depth - root.depth
        # Remember only a plain walk down the tree: the page's own path is the start of the URL.
        if page.url_path.startswith(root.url_path) and (
            [part for part in page.url_path[len(root.url_path) :].split("/") if part] == components[:consumed]
        ):
            _remember(key, (page._meta.label, page.pk, consumed), _routes, MAX_ROUTES)
    return result


def serve(request, path):
    """Wagtail's ``serve`` view, with the route found through :func:`route_for_request`."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    return wagtail_views.serve(request, path)


def forget_routes():
    """Drop every remembered route and site (tests use this)."""
    with _lock:
        _routes.clear()
        _sites.clear()
        _pages.clear()

"""Site-wide views: health check, search and the styled error pages."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from home.health import check_channel_layer, check_database
from home.search import displayable_query, search_pages


@never_cache
def healthz(request):
    """Report whether the database and the channel layer answer: 200 when both do, else 503."""
    checks = {"database": check_database(connection), "channel_layer": check_channel_layer()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )


def search(request):
    """Search published pages, plan text included, with Wagtail search."""
    query = displayable_query(request.GET.get("q", ""))
    page_number = request.GET.get("page", 1)
    results = search_pages(query, page_number)
    return render(request, "home/search.html", {"search_query": query, "results": results})


def page_not_found(request, exception=None):
    """A styled 404 page."""
    return render(request, "404.html", status=404)


def server_error(request):
    """A styled 500 page that needs no database."""
    return render(request, "500.html", status=500)

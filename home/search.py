"""Site search on Wagtail's search backend."""

from django.core.paginator import Paginator
from wagtail.models import Page


def search_pages(query, page_number=1, per_page=10):
    """Return a page of live, public pages matching the query (None when the query is empty)."""
    if not query:
        return None
    results = Page.objects.live().public().specific().search(query)
    return Paginator(results, per_page).get_page(page_number)

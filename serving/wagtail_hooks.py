"""Wagtail hooks of the serving layer."""

from wagtail import hooks

from serving.page_cache import mark_cacheable


@hooks.register("before_serve_page")
def allow_whole_page_cache(page, request, serve_args, serve_kwargs):
    """Let the page cache store this page if its type opts in (runs after view restrictions pass)."""
    mark_cacheable(page, request)

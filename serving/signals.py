"""Renew the page-cache content version whenever published content may have changed."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from serving.page_cache import bump_content_version


def _content_saved_or_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page | Site | PageViewRestriction | get_document_model()):
        bump_content_version()


def connect():
    """Connect the handlers (called once from ServingConfig.ready)."""
    post_save.connect(_content_saved_or_deleted, dispatch_uid="ladder-page-cache-save")
    post_delete.connect(_content_saved_or_deleted, dispatch_uid="ladder-page-cache-delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"ladder-page-cache-{id(signal)}")

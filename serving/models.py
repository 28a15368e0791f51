"""What every Ladder page type shares for serving."""

from wagtail.models import PageViewRestriction


class RoutedPageMixin:
    """Skips the view-restriction queries when Ladder's routing knows the site has none.

    ``serving.routing`` sets ``_site_unrestricted`` on the page it routes to when no page on the site
    has a view restriction under the current content version (adding one renews that version).
    Otherwise Wagtail checks the page and its ancestors as usual.
    """

    def get_view_restrictions(self):
        if getattr(self, "_site_unrestricted", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

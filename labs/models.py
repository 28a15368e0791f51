"""Innovation Lab pages. For now, the index that lists them."""

from home.models import ListingPage


class LabIndexPage(ListingPage):
    """The list of Innovation Labs at /labs/; says so plainly when none are planned yet."""

    subpage_types = []
    empty_message = "There are no Innovation Labs planned yet."

    class Meta:
        verbose_name = "Innovation Lab index page"

"""Survey pages. For now, the index that lists them."""

from home.models import ListingPage


class SurveyIndexPage(ListingPage):
    """The list of surveys at /surveys/; says so plainly when there are none yet."""

    subpage_types = []
    empty_message = "There are no surveys yet."

    class Meta:
        verbose_name = "survey index page"

"""Innovation Lab pages. For now, the index that lists them."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class LabIndexPage(Page):
    """The list of Innovation Labs at /labs/; says so plainly when none are planned yet."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    cache_whole_page = True  # served whole to anonymous visitors (home.page_cache)

    class Meta:
        verbose_name = "Innovation Lab index page"

    def get_context(self, request, *args, **kwargs):
        """Add the published labs below this page."""
        context = super().get_context(request, *args, **kwargs)
        context["labs"] = self.get_children().live().public().specific()
        return context

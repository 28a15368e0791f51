"""The home page and plain content pages (privacy notice, accessibility statement)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from serving.models import RoutedPageMixin


class HomePage(RoutedPageMixin, Page):
    """The front page: what the platform is for, and links to the plan and every activity."""

    intro = models.TextField(
        blank=True, help_text="One or two sentences under the page title saying what this site is for."
    )
    body = StreamField(BodyBlock(), blank=True, help_text="Featured links and any further explanation.")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.PlanPage",
        "home.StandardPage",
        "engagement.ConsultationIndexPage",
        "engagement.LadderPage",
        "surveys.SurveyIndexPage",
        "labs.LabIndexPage",
    ]
    max_count = 1
    cache_whole_page = True  # served whole to anonymous visitors (serving.page_cache)

    class Meta:
        verbose_name = "home page"

    @property
    def search_summary(self):
        """A short description for search results."""
        return self.intro


class StandardPage(RoutedPageMixin, Page):
    """A page of plain content, such as the privacy notice or the accessibility statement."""

    introduction = models.TextField(blank=True, help_text="A short summary shown under the title and in search.")
    body = StreamField(BodyBlock())

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    cache_whole_page = True  # served whole to anonymous visitors (serving.page_cache)

    class Meta:
        verbose_name = "standard page"

    @property
    def search_summary(self):
        """A short description for search results."""
        return self.introduction


class ListingPage(RoutedPageMixin, Page):
    """A section's index page (consultations, surveys, labs): an introduction and its published children.

    Subclasses name what they list in ``empty_message``, shown when there is nothing yet.
    """

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    max_count = 1
    cache_whole_page = True  # served whole to anonymous visitors (serving.page_cache)
    empty_message = "There is nothing here yet."

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        """Every listing page shares one template (Wagtail would look for one per class)."""
        return "home/listing_page.html"

    def get_listing(self):
        """The published, public pages listed here, newest first."""
        return self.get_children().live().public().specific().order_by("-first_published_at")

    def get_context(self, request, *args, **kwargs):
        """Add the listed pages as ``listing``."""
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self.get_listing()
        return context

"""The commissioning plan: a yearly ``PlanPage`` read as a series of ``PlanSectionPage`` pages."""

import hashlib
from dataclasses import dataclass, field

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import PlanBodyBlock
from serving.models import RoutedPageMixin


class PlanStatus(models.TextChoices):
    """Where a year's plan is in its life: being written, in force, or replaced by a newer one."""

    DRAFT = "draft", "Draft"
    CURRENT = "current", "Current"
    SUPERSEDED = "superseded", "Superseded"


@dataclass
class PlanLink:
    """One entry of the plan's contents list."""

    label: str
    href: str
    is_current: bool = False


@dataclass
class PlanNavigation:
    """The plan's contents, the neighbours of the current section and a fingerprint for caching.

    The fingerprint changes whenever the plan or any of its live sections is published, renamed,
    moved, unpublished or deleted, so cached fragments keyed on it never go stale.
    """

    plan: Page
    plan_url: str = ""
    links: list[PlanLink] = field(default_factory=list)
    previous: PlanLink | None = None
    next: PlanLink | None = None
    fingerprint: str = ""


def build_plan_navigation(plan_path, request=None, current_id=None):
    """Read the plan page and its live sections in one query and build the contents list."""
    depth = len(plan_path) // Page.steplen
    pages = list(Page.objects.live().filter(path__startswith=plan_path, depth__in=(depth, depth + 1)).order_by("path"))
    plan = next(page for page in pages if page.depth == depth)
    sections = [page for page in pages if page.depth == depth + 1]
    links = [PlanLink(page.title, page.get_url(request), page.pk == current_id) for page in sections]
    navigation = PlanNavigation(plan=plan, plan_url=plan.get_url(request), links=links)
    for index_, link in enumerate(links):
        if link.is_current:
            navigation.previous = links[index_ - 1] if index_ > 0 else None
            navigation.next = links[index_ + 1] if index_ + 1 < len(links) else None
    signature = repr([(p.pk, p.live_revision_id, p.last_published_at, p.title, p.url_path) for p in pages])
    navigation.fingerprint = hashlib.md5(signature.encode(), usedforsecurity=False).hexdigest()
    return navigation


class PlanPage(RoutedPageMixin, RoutablePageMixin, Page):
    """One year's commissioning plan; its sections are child pages, and ``print/`` shows them all."""

    year = models.PositiveIntegerField(help_text="The year the plan starts, for example 2021.")
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    summary = models.TextField(help_text="A few sentences on what this plan is and who it is for.")
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="PDF version",
        help_text="Optional: the whole plan as a PDF.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("year"), FieldPanel("status")], heading="Plan year and status"),
        FieldPanel("summary"),
        FieldPanel("pdf"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("year"),
        index.FilterField("status"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.PlanSectionPage"]
    cache_whole_page = True  # served whole to anonymous visitors (serving.page_cache)

    class Meta:
        verbose_name = "commissioning plan"

    @property
    def search_summary(self):
        """A short description for search results."""
        return self.summary

    def get_context(self, request, *args, **kwargs):
        """Add the contents list of the plan's sections."""
        context = super().get_context(request, *args, **kwargs)
        context["navigation"] = build_plan_navigation(self.path, request)
        return context

    def live_sections(self):
        """The plan's published sections, in order, with their bodies."""
        return PlanSectionPage.objects.live().child_of(self).order_by("path")

    @path("print/", name="print")
    def print_view(self, request):
        """Every section of the plan on one page, for printing or saving as PDF."""
        return self.render(
            request,
            template="home/plan_print.html",
            context_overrides={"sections": self.live_sections()},
        )


class PlanSectionPage(RoutedPageMixin, Page):
    """A section of the plan: vision, design principles, priorities, measures of success and so on."""

    introduction = models.TextField(
        blank=True, help_text="One or two sentences summing up the section; shown in search results."
    )
    body = StreamField(PlanBodyBlock())

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.PlanPage"]
    subpage_types = []
    cache_whole_page = True  # served whole to anonymous visitors (serving.page_cache)

    class Meta:
        verbose_name = "plan section"

    @property
    def search_summary(self):
        """A short description for search results."""
        return self.introduction

    def get_context(self, request, *args, **kwargs):
        """Add the plan's contents list and the previous and next sections."""
        context = super().get_context(request, *args, **kwargs)
        context["navigation"] = build_plan_navigation(self.path[: -self.steplen], request, current_id=self.pk)
        return context

"""Ladder ratings, and the page that explains the ladder of co-production.

The rungs and bands themselves are not stored; they live in :mod:`engagement.ladder`.
"""

from django.contrib import admin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from engagement import ladder
from engagement.models.base import Contribution
from engagement.text import clean_user_text
from serving.models import RoutedPageMixin

RATING_TEXT_MAX_LENGTH = 2000


class LadderRating(Contribution):
    """How involved someone felt in an activity (a page), on the seven-rung ladder of co-production.

    Participants answer "How involved did you feel?"; staff record "At what rung did we engage?"
    for the same page, so the gap between the two can be measured. A signed-in person has at most
    one rating per page and perspective; rating again updates it. Snapshots of the person's
    respondent type, neighbourhood and locality are kept as text, as they were when they rated.
    """

    wagtail_reference_index_ignore = True  # participation data: nothing for the CMS to track

    class Perspective(models.TextChoices):
        PARTICIPANT = "participant", "How involved did you feel?"
        ORGANISATION = "organisation", "At what rung did we engage?"

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="ladder_ratings")
    rung = models.PositiveSmallIntegerField(
        choices=ladder.RUNG_CHOICES,
        validators=[MinValueValidator(ladder.MIN_RUNG), MaxValueValidator(ladder.MAX_RUNG)],
    )
    perspective = models.CharField(max_length=12, choices=Perspective.choices, default=Perspective.PARTICIPANT)
    text = models.TextField("tell us more", max_length=RATING_TEXT_MAX_LENGTH, blank=True)
    respondent_type = models.CharField(max_length=40, blank=True)
    neighbourhood = models.CharField(max_length=100, blank=True)
    locality = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "author", "perspective"],
                condition=models.Q(author__isnull=False),
                name="engagement_one_rating_per_person_page_perspective",
            ),
            models.CheckConstraint(
                condition=models.Q(rung__gte=ladder.MIN_RUNG, rung__lte=ladder.MAX_RUNG),
                name="engagement_rating_rung_on_the_ladder",
            ),
        ]
        indexes = [models.Index(fields=["page", "perspective", "rung"])]

    def __str__(self) -> str:
        return f"{self.get_rung_display()} on {self.page_id} ({self.get_perspective_display()})"

    def save(self, *args, **kwargs):
        """Store the free text as clean plain text."""
        self.text = clean_user_text(self.text)
        super().save(*args, **kwargs)

    @property
    def band(self) -> ladder.Band:
        """The ladder's band (doing to, for or with) this rating falls in."""
        return ladder.band_for(self.rung)

    @admin.display(description="rung", ordering="rung")
    def rung_name(self) -> str:
        """The rung's number and name, such as "6. Co-design"."""
        return str(ladder.rung(self.rung))

    @admin.display(description="band", ordering="rung")
    def band_name(self) -> str:
        """The band's name, such as "Doing with"."""
        return self.band.name


class LadderPage(RoutedPageMixin, Page):
    """The page that explains the ladder of co-production, and why Ladder asks both sides."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    cache_whole_page = True  # served whole to anonymous visitors (serving.page_cache)

    class Meta:
        verbose_name = "ladder of co-production page"

    def get_context(self, request, *args, **kwargs):
        """Add the bands, top band first, each with its rungs top rung first, and the source credit."""
        context = super().get_context(request, *args, **kwargs)
        context["bands"] = ladder.BANDS
        context["rungs"] = ladder.RUNGS
        context["source_credit"] = ladder.SOURCE_CREDIT
        return context

"""Consultations: the pages residents, carers and providers comment on, section by section.

A consultation's proposal is a list of sections, each with paragraphs. Every section and
paragraph is a StreamField block with a stable id, which gives it a permanent link
(``#section-<id>``, ``#paragraph-<id>``) and lets comments point at it.
"""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.models import ListingPage


@register_snippet
class Topic(models.Model):
    """A subject consultations are filed under, such as "Carers' support" or "Supported housing"."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProposalSectionBlock(blocks.StructBlock):
    """One section of a proposal: a heading and paragraphs people can comment on one by one."""

    heading = blocks.CharBlock(max_length=150)
    paragraphs = blocks.ListBlock(
        blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"]),
        help_text="Each paragraph gets its own link and its own comments.",
    )

    class Meta:
        icon = "doc-full"
        label = "Proposal section"


class ConsultationIndexPage(ListingPage):
    """Lists consultations; says so plainly when none are open yet."""

    subpage_types = ["engagement.ConsultationPage"]
    empty_message = "There are no consultations open yet."

    class Meta:
        verbose_name = "consultations index page"


class ConsultationPage(RoutablePageMixin, Page):
    """A consultation: what is proposed, who it is for, how to take part, and the comments on it."""

    class Moderation(models.TextChoices):
        PRE = "pre", "Pre-moderated: comments appear once a moderator approves them"
        POST = "post", "Post-moderated: comments appear at once and moderators review them after"

    class Status(models.TextChoices):
        UPCOMING = "upcoming", "Upcoming"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    summary = models.TextField(help_text="Two or three sentences: what is proposed and why.")
    easy_read_summary = RichTextField(blank=True, features=["bold", "ol", "ul", "link"])
    who_it_is_for = RichTextField("who it is for", blank=True, features=["bold", "ol", "ul", "link"])
    how_to_take_part_offline = RichTextField(
        blank=True,
        features=["bold", "ol", "ul", "link"],
        help_text="Phone, post and in-person ways to take part.",
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    closed_early_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderation = models.CharField(max_length=4, choices=Moderation.choices, default=Moderation.PRE)
    topics = ParentalManyToManyField(Topic, blank=True, related_name="consultations")
    neighbourhoods = ParentalManyToManyField(
        "people.Neighbourhood",
        blank=True,
        related_name="consultations",
        help_text="Leave empty for a consultation about the whole city.",
    )
    documents = StreamField([("document", DocumentChooserBlock())], blank=True)
    proposal = StreamField([("section", ProposalSectionBlock())])

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("easy_read_summary"),
        FieldPanel("who_it_is_for"),
        MultiFieldPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("moderation")], heading="Dates and moderation"
        ),
        FieldPanel("topics"),
        FieldPanel("neighbourhoods"),
        FieldPanel("proposal"),
        FieldPanel("documents"),
        FieldPanel("how_to_take_part_offline"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("easy_read_summary"),
        index.SearchField("proposal"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]

    parent_page_types = ["engagement.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "consultation"

    def status_at(self, moment=None):
        """Upcoming before it opens, open until it closes (or is closed early), closed after."""
        moment = moment or timezone.now()
        if moment < self.opens_at:
            return self.Status.UPCOMING
        if moment >= self.closes_at or (self.closed_early_at and moment >= self.closed_early_at):
            return self.Status.CLOSED
        return self.Status.OPEN

    @property
    def status(self):
        """The consultation's status now."""
        return self.status_at()

    @property
    def is_open(self):
        """True while people may comment."""
        return self.status == self.Status.OPEN

    def sections(self):
        """The proposal's sections as (block id, heading, [(paragraph id, rich text), ...])."""
        result = []
        for block in self.proposal:
            paragraphs = [(item.id, item.value) for item in block.value["paragraphs"].bound_blocks]
            result.append((block.id, block.value["heading"], paragraphs))
        return result

    def anchor_ids(self):
        """Every section id and paragraph id in the proposal (for validating a comment's target)."""
        ids = {"sections": set(), "paragraphs": {}}
        for section_id, _heading, paragraphs in self.sections():
            ids["sections"].add(section_id)
            for paragraph_id, _text in paragraphs:
                ids["paragraphs"][paragraph_id] = section_id
        return ids

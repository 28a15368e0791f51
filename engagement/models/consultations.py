"""Consultations: the pages residents, carers and providers comment on, section by section.

A consultation's proposal is a list of sections, each with paragraphs. Every section and
paragraph is a StreamField block with a stable id (``engagement.blocks``), which gives it a
permanent link (``#section-<id>``, ``#paragraph-<id>``) and lets comments point at it.

Routes and views: Wagtail finds a routable page's sub-pages through ``@path`` methods on the page
class, so the routes stay here, but each one only calls the view that ``route_views`` names by
dotted path (``django.utils.module_loading.import_string``, as Django names middleware and error
handlers). As in ``wagtail.contrib.forms``, where a form page names its submissions view, the
page says which view serves it and the views import the models, never the reverse: this module
loads without ``engagement.views``, and import-linter's contract "models import no views"
(pyproject.toml) keeps it so. ``tests/engagement/test_route_views.py``
checks that every name resolves.
"""

import hashlib

from django.core.cache import cache
from django.db import models
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from engagement.blocks import ProposalSectionBlock
from serving.models import RoutedPageMixin

#: Threads shown under each section on the consultation page; the rest are a link away.
COMMENTS_PER_SECTION = 5
PROPOSAL_TEMPLATE = "engagement/includes/proposal_and_comments.html"
PROPOSAL_CACHE_SECONDS = 60


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


class ConsultationPageQuerySet(PageQuerySet):
    """Consultation queries the index, its filters and the reports share: by status, with participant counts."""

    def with_status(self, status, moment=None):
        """The consultations upcoming, open or closed at ``moment`` (now by default)."""
        moment = moment or timezone.now()
        closed = Q(closes_at__lte=moment) | Q(closed_early_at__lte=moment)
        if status == ConsultationPage.Status.UPCOMING:
            return self.filter(opens_at__gt=moment)
        if status == ConsultationPage.Status.CLOSED:
            return self.filter(closed & Q(opens_at__lte=moment))
        return self.filter(Q(opens_at__lte=moment) & ~closed)

    def with_participant_counts(self):
        """Annotate ``participant_count``: distinct people who commented or gave ladder feedback.

        Signed-in people count once however many times they took part; people without an account
        count once per confirmed email address; anonymous feedback counts once per answer. One
        query, with correlated subqueries, whatever the number of consultations.
        """
        from engagement.models.comments import TAKING_PART, Comment
        from engagement.models.ratings import LadderRating

        def count_of(queryset, expression):
            counted = queryset.order_by().values(group=Value(1)).annotate(n=expression).values("n")
            return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

        commented = Comment.objects.filter(consultation_id=OuterRef("pk"), status__in=TAKING_PART)
        rated = LadderRating.objects.filter(page_id=OuterRef("pk"), perspective=LadderRating.Perspective.PARTICIPANT)
        rated_too = LadderRating.objects.filter(
            page_id=OuterRef("consultation_id"),
            author_id=OuterRef("author_id"),
            perspective=LadderRating.Perspective.PARTICIPANT,
        )
        return self.annotate(
            commenting_people=count_of(commented.filter(author__isnull=False), Count("author_id", distinct=True)),
            rating_people=count_of(rated.filter(author__isnull=False), Count("author_id", distinct=True)),
            people_who_did_both=count_of(
                commented.filter(author__isnull=False).filter(Exists(rated_too)), Count("author_id", distinct=True)
            ),
            emails=count_of(commented.filter(author__isnull=True).exclude(email=""), Count("email", distinct=True)),
            anonymous_ratings=count_of(rated.filter(author__isnull=True), Count("pk")),
        ).annotate(
            participant_count=F("commenting_people")
            + F("rating_people")
            - F("people_who_did_both")
            + F("emails")
            + F("anonymous_ratings")
        )


ConsultationPageManager = PageManager.from_queryset(ConsultationPageQuerySet)


class ConsultationPage(RoutedPageMixin, RoutablePageMixin, Page):
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

    objects = ConsultationPageManager()

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

    #: The view behind each route below, by dotted path, called with the request, this page and
    #: the route's arguments. Views import this model; it never imports them (see the module's
    #: docstring). A subclass may name other views.
    route_views = {
        "comment": "engagement.views.comments.comment",
        "comment_permalink": "engagement.views.permalinks.comment_permalink",
        "edit_comment": "engagement.views.comments.edit",
        "withdraw_comment": "engagement.views.comments.withdraw",
        "flag_comment": "engagement.views.comments.flag",
        "confirm_comment": "engagement.views.comments.confirm",
        "feedback": "engagement.views.comments.feedback",
        "section_comments": "engagement.views.comments.section_comments",
    }

    class Meta:
        verbose_name = "consultation"

    def with_content_json(self, content):
        """Keep the early closing date when an older revision is published (closing is not an edit)."""
        page = super().with_content_json(content)
        page.closed_early_at = self.closed_early_at
        return page

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

    @property
    def closed_at(self):
        """When the consultation closed (or will close): early closing wins over the planned time."""
        if self.closed_early_at and self.closed_early_at < self.closes_at:
            return self.closed_early_at
        return self.closes_at

    def sections(self):
        """The proposal's sections as (block id, heading, [(paragraph id, rich text), ...])."""
        result = []
        for block in self.proposal:
            paragraphs = [(item.id, item.value) for item in block.value["paragraphs"].bound_blocks]
            result.append((block.id, block.value["heading"], paragraphs))
        return result

    def anchor_ids(self):
        """Every section id and paragraph id in the proposal (for validating a comment's target).

        Read from the stored JSON, without building the blocks: every comment posted asks.
        """
        ids = {"sections": set(), "paragraphs": {}}
        for section in self.proposal.raw_data:
            ids["sections"].add(section["id"])
            for paragraph in (section.get("value") or {}).get("paragraphs") or []:
                if isinstance(paragraph, dict) and paragraph.get("id"):
                    ids["paragraphs"][paragraph["id"]] = section["id"]
        return ids

    # --- The page itself ---

    def get_context(self, request, *args, **kwargs):
        """Add the proposal with each section's comments, counts and anchors, and the documents.

        Runs a fixed number of queries however many comments there are: counts in one, the first
        threads of every section in one, their replies in one (plus one for a signed-in person's
        own comments awaiting moderation). Anonymous readers all see the same proposal and
        comments, so that part is rendered once and cached (``proposal_cache_key``) until a
        comment or the page changes.
        """
        from engagement.forms import CommentForm

        context = super().get_context(request, *args, **kwargs)
        user = getattr(request, "user", None)
        context.update(
            {
                "status": self.status,
                "documents_list": [block.value for block in self.documents],
                "comment_form": CommentForm(consultation=self, user=user) if self.is_open else None,
                "per_section": COMMENTS_PER_SECTION,
            }
        )
        signed_in = user is not None and user.is_authenticated
        key = None if signed_in else self.proposal_cache_key()
        cached = cache.get(key) if key else None
        if cached is not None:
            context.update(proposal_html=mark_safe(cached["html"]), comment_count=cached["comment_count"])
            return context
        context.update(self.proposal_context(user))
        if key:
            fragment_context = {**context, "page_path": self.get_url(request), "is_open": self.is_open}
            html = render_to_string(PROPOSAL_TEMPLATE, fragment_context, request)
            cache.set(key, {"html": html, "comment_count": context["comment_count"]}, PROPOSAL_CACHE_SECONDS)
            context["proposal_html"] = mark_safe(html)  # rendered from Ladder's own template
        return context

    def proposal_context(self, user):
        """The proposal's sections with their first comment threads and counts, for the template."""
        from engagement.threads import section_threads

        threads, paragraph_counts = section_threads(self, user, per_section=COMMENTS_PER_SECTION)
        empty = {"comments": [], "count": 0, "threads": 0, "more": False}
        sections = []
        for number, (section_id, heading, paragraphs) in enumerate(self.sections(), start=1):
            sections.append(
                {
                    "id": section_id,
                    "number": number,
                    "heading": heading,
                    "paragraphs": [
                        {"id": pid, "number": n, "text": text, "comment_count": paragraph_counts.get(pid, 0)}
                        for n, (pid, text) in enumerate(paragraphs, start=1)
                    ],
                    "thread": threads.get(section_id, empty),
                }
            )
        return {
            "proposal_sections": sections,
            "general_thread": threads.get("", empty),
            "comment_count": sum(thread["count"] for thread in threads.values()),
        }

    def proposal_cache_key(self):
        """A cache key that changes when a comment is added, removed, moderated or edited, or the page changes.

        One aggregate query. Changes that touch no comment (a renamed profile, a deleted account)
        show within ``PROPOSAL_CACHE_SECONDS``.
        """
        from engagement.models.comments import Comment

        state = Comment.objects.filter(consultation_id=self.pk).aggregate(
            count=models.Count("pk"),
            created=models.Max("created_at"),
            changed=models.Max("status_changed_at"),
            edited=models.Max("edited_at"),
        )
        fingerprint = "|".join(str(state[name]) for name in ("count", "created", "changed", "edited"))
        raw = f"{self.pk}:{self.latest_revision_id}:{self.last_published_at}:{self.is_open}:{COMMENTS_PER_SECTION}:{fingerprint}"
        return "engagement:proposal:" + hashlib.sha256(raw.encode()).hexdigest()

    # --- Routes: each calls the view ``route_views`` names (engagement/views/) ---

    @path("comment/", name="comment")
    def comment_route(self, request):
        """``comment/``: the comment form on its own page (GET), or a new comment or reply (POST)."""
        return import_string(self.route_views["comment"])(request, self)

    @path("comment/<int:comment_id>/", name="comment_permalink")
    def comment_permalink_route(self, request, comment_id):
        """``comment/<id>/``: a lasting link to a published comment, wherever it is listed now."""
        return import_string(self.route_views["comment_permalink"])(request, self, comment_id)

    @path("comment/<int:comment_id>/edit/", name="edit_comment")
    def edit_comment_route(self, request, comment_id):
        """``comment/<id>/edit/``: the author changes their comment."""
        return import_string(self.route_views["edit_comment"])(request, self, comment_id)

    @path("comment/<int:comment_id>/withdraw/", name="withdraw_comment")
    def withdraw_comment_route(self, request, comment_id):
        """``comment/<id>/withdraw/``: the author withdraws their comment."""
        return import_string(self.route_views["withdraw_comment"])(request, self, comment_id)

    @path("comment/<int:comment_id>/flag/", name="flag_comment")
    def flag_comment_route(self, request, comment_id):
        """``comment/<id>/flag/``: a signed-in reader reports a comment."""
        return import_string(self.route_views["flag_comment"])(request, self, comment_id)

    @path("confirm/<str:token>/", name="confirm_comment")
    def confirm_comment_route(self, request, token):
        """``confirm/<token>/``: the emailed link that confirms a comment from someone without an account."""
        return import_string(self.route_views["confirm_comment"])(request, self, token)

    @path("feedback/", name="feedback")
    def feedback_route(self, request):
        """``feedback/``: quick ladder feedback, "How involved do you feel in this decision?"."""
        return import_string(self.route_views["feedback"])(request, self)

    @path("comments/", name="section_comments")
    def section_comments_route(self, request):
        """``comments/?section=<id>&page=<n>``: all the comments on one section (or the whole consultation)."""
        return import_string(self.route_views["section_comments"])(request, self)

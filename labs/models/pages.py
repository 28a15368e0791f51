"""Innovation Lab pages: the index at /labs/ and one page per quarterly lab, with its themes.

Routes and views: Wagtail finds a routable page's sub-pages through ``@path`` methods on the page
class, so the routes stay here, but each one only calls the view that the page's ``route_views``
names by dotted path (``django.utils.module_loading.import_string``, as Django names middleware
and error handlers). As in ``wagtail.contrib.forms``, where a form page names its submissions
view, the page says which view serves it and the views (``labs/views/``) import the models, never
the reverse; import-linter's contract "models import no views" (pyproject.toml) keeps it so, and
``tests/labs/test_route_views.py`` checks that every name resolves.
"""

from django.db import models
from django.utils import timezone
from django.utils.module_loading import import_string
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import ListingPage
from serving.models import RoutedPageMixin


class LabIndexPage(RoutablePageMixin, ListingPage):
    """The list of Innovation Labs at /labs/; people in the room join a session by its short code."""

    subpage_types = ["labs.LabPage"]
    empty_message = "There are no Innovation Labs planned yet."

    class Meta:
        verbose_name = "Innovation Lab index page"

    #: The view behind each route below but the index, by dotted path (see the module's docstring).
    route_views = {"join": "labs.views.join.join_by_code"}

    def get_template(self, request, *args, **kwargs):
        """Labs are listed with their quarter, date and format (``labs/lab_index_page.html``)."""
        return "labs/lab_index_page.html"

    @path("", name="index")
    def index_route(self, request):
        return self.serve(request)

    @path("join/", name="join")
    def join_route(self, request):
        """``join/?code=ABC123``: the short code shown on the big screen leads to the live room."""
        return import_string(self.route_views["join"])(request, self)


class LabPage(RoutedPageMixin, RoutablePageMixin, Page):
    """One Innovation Lab: when and where, its themes and agenda, registration, and its live sessions."""

    class Format(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"
        HYBRID = "hybrid", "Hybrid (in person and online)"

    quarter = models.CharField(max_length=20, help_text="For example: Q3 2026.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.HYBRID)
    place = models.CharField(max_length=200, blank=True, help_text="Venue and address, for in-person and hybrid labs.")
    online_details = models.CharField(
        max_length=200, blank=True, help_text="How people join online (sent with the confirmation)."
    )
    summary = models.TextField(help_text="Two or three sentences: what this lab is about and who it is for.")
    agenda = RichTextField(blank=True, features=["bold", "ol", "ul", "link", "h3"])
    capacity = models.PositiveIntegerField(default=60, help_text="Places; people join a waiting list after that.")
    registration_opens_at = models.DateTimeField()
    registration_closes_at = models.DateTimeField()
    documents = StreamField([("document", DocumentChooserBlock())], blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("quarter"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("starts_at"),
                FieldPanel("ends_at"),
                FieldPanel("format"),
                FieldPanel("place"),
                FieldPanel("online_details"),
            ],
            heading="When and where",
        ),
        InlinePanel("themes", label="Themes", min_num=1),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")],
            heading="Registration",
        ),
        FieldPanel("documents"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("agenda")]

    parent_page_types = ["labs.LabIndexPage"]
    subpage_types = []

    #: The view behind each route below but the page itself, by dotted path, called with the
    #: request, this page and the route's arguments (see the module's docstring).
    route_views = {
        "register": "labs.views.registration.register",
        "cancel_registration": "labs.views.registration.cancel",
        "calendar": "labs.views.registration.calendar",
        "live": "labs.views.live.room",
        "present": "labs.views.live.presenter",
        "record": "labs.views.record.record",
        "record_export": "labs.views.record.record_csv",
        "publish_record": "labs.views.record.publish",
    }

    class Meta:
        verbose_name = "Innovation Lab"

    # --- Registration --------------------------------------------------------------------
    def registration_is_open(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return self.registration_opens_at <= moment < self.registration_closes_at

    @property
    def location(self) -> str:
        """Where the lab happens, as a person would read it on the page or in their calendar."""
        if self.format == self.Format.ONLINE:
            return f"Online: {self.online_details}" if self.online_details else "Online"
        if self.format == self.Format.HYBRID:
            return f"{self.place} (or online)" if self.place else "Hybrid: in person and online"
        return self.place

    def places_taken(self) -> int:
        from labs.models.registrations import Registration

        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    # --- Routes: each but the page itself calls the view ``route_views`` names (labs/views/) ---
    @path("", name="lab")
    def lab_route(self, request):
        return self.serve(request)

    @path("register/", name="register")
    def register_route(self, request):
        """``register/``: register, or join the waiting list when the lab is full."""
        return import_string(self.route_views["register"])(request, self)

    @path("register/cancel/", name="cancel_registration")
    def cancel_registration_route(self, request):
        """``register/cancel/``: give up a place (the next person waiting is offered it)."""
        return import_string(self.route_views["cancel_registration"])(request, self)

    @path("calendar/", name="calendar")
    def calendar_route(self, request):
        """``calendar/``: the lab as a calendar event (an .ics file). Wagtail's page URLs cannot hold
        a dot, so the route has none; the download is still named ``<slug>.ics``."""
        return import_string(self.route_views["calendar"])(request, self)

    @path("sessions/<int:session_id>/live/", name="live")
    def live_route(self, request, session_id):
        """``sessions/<id>/live/``: the live room (websocket ``/ws/labs/<id>/``)."""
        return import_string(self.route_views["live"])(request, self, session_id)

    @path("sessions/<int:session_id>/present/", name="present")
    def present_route(self, request, session_id):
        """``sessions/<id>/present/``: the big-screen view for the room."""
        return import_string(self.route_views["present"])(request, self, session_id)

    @path("sessions/<int:session_id>/record/", name="record")
    def record_route(self, request, session_id):
        """``sessions/<id>/record/``: the session's published record."""
        return import_string(self.route_views["record"])(request, self, session_id)

    @path("sessions/<int:session_id>/record/csv/", name="record_export")
    def record_export_route(self, request, session_id):
        """``sessions/<id>/record/csv/``: the published record as CSV."""
        return import_string(self.route_views["record_export"])(request, self, session_id)

    @path("sessions/<int:session_id>/record/publish/", name="publish_record")
    def publish_record_route(self, request, session_id):
        """``sessions/<id>/record/publish/`` (POST): publish the record (``labs.publish_record``)."""
        return import_string(self.route_views["publish_record"])(request, self, session_id)


class LabTheme(Orderable):
    """A theme of a lab (for example: social value); ideas are posted to a theme's board."""

    lab = ParentalKey(LabPage, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    def __str__(self):
        return self.name

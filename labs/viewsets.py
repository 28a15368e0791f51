"""Wagtail admin screens for Innovation Labs (``/admin/labs/…``), under one "Innovation Labs" menu.

- ``LabSessionViewSet`` (``/admin/labs/sessions/``): Facilitators, Editors and superusers create
  and edit a lab's live sessions (title, lab, theme, times, dot-vote budget); the join code is
  made by the system and shown read-only. A session is deleted here only while its room is
  unused (``labs.delete_session``); after that only a superuser may delete it.
- ``RegistrationViewSet`` (``/admin/labs/registrations/``): Facilitators, Commissioners and
  superusers (``labs.view_registrations``) list registrations, filter them by lab and status, and
  export them as CSV or XLSX. Nobody edits registrations here: people register and cancel themselves.

Both permission policies are ``people.permissions.RulesPolicy`` subclasses asking the rules in
``labs.rules``, so the admin and the table in ``docs/permissions.md`` cannot drift apart.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from labs.models import LabPage, LabSession, LabTheme, Registration
from people.permissions import RulesPolicy
from people.services import display_name


class LabSessionPolicy(RulesPolicy):
    """Facilitators, Editors and superusers manage sessions; deleting a used one is for superusers."""

    perms = {action: "labs.change_session" for action in ("add", "change", "delete", "view")}
    instance_perms = {"delete": "labs.delete_session"}


class RegistrationPolicy(RulesPolicy):
    """Facilitators, Commissioners and superusers list and export registrations; nobody changes them here."""

    perms = {"view": "labs.view_registrations"}


# --- Sessions -------------------------------------------------------------------------------------


class LabSessionForm(WagtailAdminModelForm):
    """A session's form: the theme must be one of the chosen lab's, it must end after it starts, and
    its dot budget is fixed once the room has been used (``labs.live.dots`` holds everyone to it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lab_id = self.data.get("lab") if self.is_bound else self.instance.lab_id if self.instance.pk else None
        if "theme" in self.fields:
            themes = LabTheme.objects.select_related("lab").order_by("lab__title", "sort_order")
            self.fields["theme"].queryset = themes.filter(lab_id=lab_id) if lab_id and not self.is_bound else themes
            self.fields["theme"].label_from_instance = lambda theme: f"{theme.lab.title}: {theme.name}"
        if "lab" in self.fields:
            self.fields["lab"].queryset = LabPage.objects.order_by("-starts_at")

    def clean(self):
        cleaned = super().clean()
        lab, theme = cleaned.get("lab"), cleaned.get("theme")
        if lab is not None and theme is not None and theme.lab_id != lab.pk:
            self.add_error("theme", "Choose one of this lab's themes, or leave it empty for any theme")
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", "The session must end after it starts")
        budget = cleaned.get("vote_budget")
        if budget is not None and self.budget_is_spent() and budget != self.initial.get("vote_budget"):
            self.add_error(
                "vote_budget",
                "The dot budget cannot change once the session's room has been used: people have spent dots "
                "against it. Start a new session for a different budget.",
            )
        return cleaned

    def budget_is_spent(self) -> bool:
        """Whether anything has happened in the room, so the budget people voted under must stay."""
        return bool(self.instance.pk and self.instance.last_seq)


def join_code_panel():
    return FieldPanel(
        "join_code", read_only=True, heading="Join code", help_text="People in the room type this code to join."
    )


class LabSessionIndexView(generic.IndexView):
    """The sessions list; "Delete" is offered only on sessions the person may delete."""

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)
        return None


class LabSessionInspectView(generic.InspectView):
    """A session's details; "Delete" is offered only when the person may delete this session."""

    def get_delete_url(self):
        if self.user_has_permission_for_instance("delete", self.object):
            return super().get_delete_url()
        return None


class LabSessionDeleteView(generic.DeleteView):
    """Deleting asks ``labs.delete_session`` with the session itself, not only the model permission."""

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance("delete", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LabSessionViewSet(ModelViewSet):
    """Create and edit a lab's live sessions."""

    model = LabSession
    index_view_class = LabSessionIndexView
    inspect_view_class = LabSessionInspectView
    delete_view_class = LabSessionDeleteView
    url_prefix = "labs/sessions"
    icon = "calendar-alt"
    menu_label = "Live sessions"
    menu_order = 100
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["title", "lab", "theme", "starts_at", "ends_at", "vote_budget", "join_code", "stage"]
    list_display = [
        "title",
        Column("lab", label="Lab", accessor=lambda session: session.lab.title),
        Column("theme", label="Theme", accessor=lambda session: session.theme.name if session.theme else "Any theme"),
        DateColumn("starts_at", label="Starts", sort_key="starts_at"),
        Column("join_code", label="Join code"),
        Column("stage", label="Stage", accessor="get_stage_display"),
    ]
    list_filter = ["lab"]
    ordering = ["-starts_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("lab"),
            FieldPanel("theme"),
            FieldPanel("starts_at"),
            FieldPanel("ends_at"),
            FieldPanel("vote_budget"),
            join_code_panel(),
        ],
        base_form_class=LabSessionForm,
    )


# --- Registrations --------------------------------------------------------------------------------


def organisation_name(registration) -> str:
    return registration.organisation.name if registration.organisation_id else ""


def registrant_name(registration) -> str:
    return display_name(registration.person)


def respondent_type(registration) -> str:
    profile = getattr(registration.person, "profile", None)
    return profile.get_respondent_type_display() if profile is not None else ""


def theme_name(registration) -> str:
    return registration.theme_preference.name if registration.theme_preference_id else ""


EXPORT_COLUMNS = {
    "lab": ("Lab", lambda r: r.lab.title),
    "quarter": ("Quarter", lambda r: r.lab.quarter),
    "name": ("Name", registrant_name),
    "email": ("Email", lambda r: r.person.email),
    "respondent_type": ("Speaks as", respondent_type),
    "organisation": ("Organisation", organisation_name),
    "status": ("Status", lambda r: r.get_status_display()),
    "theme_preference": ("Theme preference", theme_name),
    "access_needs": ("Access needs", lambda r: r.access_needs),
    "registered_at": ("Registered at", lambda r: r.created_at),
    "updated_at": ("Last changed", lambda r: r.updated_at),
}


class RegistrationIndexView(generic.IndexView):
    """The registrations list; each exported row is built from ``EXPORT_COLUMNS``."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("lab", "person__profile", "organisation", "theme_preference")

    def to_row_dict(self, item):
        return {name: value(item) for name, (_heading, value) in EXPORT_COLUMNS.items()}


class RegistrationFilterSet(WagtailFilterSet):
    lab = django_filters.ModelChoiceFilter(label="Lab", queryset=LabPage.objects.order_by("-starts_at"))
    status = django_filters.ChoiceFilter(label="Status", choices=Registration.Status.choices)

    class Meta:
        model = Registration
        fields = ["lab", "status"]


class RegistrationViewSet(ModelViewSet):
    """Registrations for staff: filter by lab and status, export as CSV or XLSX."""

    model = Registration
    url_prefix = "labs/registrations"
    icon = "group"
    menu_label = "Registrations"
    menu_order = 200
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "lab",
        "person",
        "organisation",
        "status",
        "theme_preference",
        "access_needs",
        "created_at",
        "updated_at",
    ]
    index_view_class = RegistrationIndexView
    filterset_class = RegistrationFilterSet
    ordering = ["lab", "status", "created_at"]
    list_per_page = 100
    list_display = [
        Column("person", label="Person", accessor=registrant_name),
        Column("email", label="Email", accessor="person.email"),
        Column("organisation", label="Organisation", accessor=organisation_name),
        Column("lab", label="Lab", accessor="lab.title"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        Column("theme", label="Theme preference", accessor=theme_name),
        DateColumn("created_at", label="Registered", sort_key="created_at"),
    ]
    list_export = list(EXPORT_COLUMNS)
    export_headings = {name: heading for name, (heading, _value) in EXPORT_COLUMNS.items()}
    export_filename = "lab-registrations"
    form_fields = ["status"]  # never shown: nobody may add or edit registrations here


class LabsAdminGroup(ViewSetGroup):
    """The "Innovation Labs" menu in /admin/: live sessions and registrations."""

    menu_label = "Innovation Labs"
    menu_icon = "group"
    menu_order = 310
    items = (LabSessionViewSet, RegistrationViewSet)

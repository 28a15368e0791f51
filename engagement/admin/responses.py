"""The "You said, we did" screens (``/admin/you-said-we-did/``) and closing a consultation early.

Commissioners draft, edit and publish responses; the edit screen shows participants' ladder
ratings beside the organisation's. Each view asks the same rules as the services it calls
(``engagement.publish_response``, ``engagement.close_consultation``), which check them again.
"""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton

from engagement.admin.forms import ConsultationResponseForm
from engagement.models import ConsultationPage, ConsultationResponse
from engagement.responses import (
    can_close_consultation,
    can_publish_response,
    close_consultation,
    ladder_comparison,
    publish_response,
)


class PublishResponseView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then publish "You said, we did" (emails everyone who took part, the first time only)."""

    template_name = "engagement/admin/publish_response.html"
    page_title = "Publish"
    header_icon = "tick"

    def dispatch(self, request, *args, pk=None, **kwargs):
        if not can_publish_response(request.user):
            raise PermissionDenied
        self.response = get_object_or_404(ConsultationResponse.objects.select_related("consultation"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.response)

    def edit_url(self):
        return reverse("consultation_responses:edit", args=[quote(self.response.pk)])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("consultation_responses:index"), "label": "You said, we did"},
            {"url": self.edit_url(), "label": str(self.response)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        from engagement.notifications import participant_addresses

        context = super().get_context_data(**kwargs)
        context.update(
            response=self.response,
            already_published=self.response.published_at is not None,
            participant_count=len(participant_addresses(self.response.consultation)),
            comparison=ladder_comparison(self.response.consultation, self.response.organisation_rung),
            edit_url=self.edit_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            first_time = publish_response(self.response, request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.edit_url())
        if first_time:
            messages.success(request, "Published. Everyone who took part is being emailed.")
        else:
            messages.success(request, "Published again with your changes. Nobody was emailed twice.")
        return redirect(self.edit_url())


class CloseConsultationView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then close a consultation to new comments before its closing time."""

    template_name = "engagement/admin/close_consultation.html"
    page_title = "Close consultation"
    header_icon = "lock"

    def dispatch(self, request, *args, page_id=None, **kwargs):
        if not can_close_consultation(request.user):
            raise PermissionDenied
        self.page = get_object_or_404(ConsultationPage, pk=page_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse("consultation_responses:index")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("consultation_responses:index"), "label": "You said, we did"},
            {"url": "", "label": self.get_page_title(), "sublabel": self.page.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            consultation=self.page, is_closed=self.page.status == self.page.Status.CLOSED, next=self.next_url()
        )
        return context

    def post(self, request, *args, **kwargs):
        if close_consultation(self.page, request.user):
            messages.success(request, f"“{self.page.title}” is closed to new comments. It stays public.")
        else:
            messages.warning(request, f"“{self.page.title}” was already closed.")
        return redirect(self.next_url())


class OpenConsultationsView(generic.IndexView):
    """The consultations open (or upcoming) now, soonest to close first, each linked to closing it early."""

    model = ConsultationPage
    template_name = "engagement/admin/open_consultations.html"
    results_template_name = "engagement/admin/open_consultations_results.html"
    index_url_name = "consultation_responses:close_list"
    page_title = "Close a consultation"
    header_icon = "lock"
    default_ordering = "closes_at"
    paginate_by = 50
    no_results_message = "No consultation is open or upcoming."
    # Who may see the list is the close_consultation rule (dispatch), not the pages' own permissions.
    any_permission_required = None
    is_searchable = False
    columns = [
        TitleColumn("title", label="Consultation", url_name="consultation_responses:close"),
        Column("status", label="Status", accessor=lambda page: page.status.label),
        DateColumn("closes_at", label="Closes", sort_key="closes_at"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_close_consultation(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        """Consultations that still close in the future and were not closed early."""
        return ConsultationPage.objects.filter(closes_at__gt=timezone.now(), closed_early_at__isnull=True)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("consultation_responses:index"), "label": "You said, we did"},
            {"url": "", "label": self.get_page_title()},
        ]


class ResponseEditView(generic.EditView):
    """Edit a response, with the ladder comparison and the publish and close buttons."""

    template_name = "engagement/admin/response_edit.html"

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        consultation = self.object.consultation
        if can_close_consultation(self.request.user) and consultation.status != consultation.Status.CLOSED:
            url = reverse("consultation_responses:close", args=[consultation.pk]) + f"?next={self.request.path}"
            buttons.append(Button("Close consultation now", url=url, icon_name="lock", priority=30))
        return buttons

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_publish_response(self.request.user):
            label = "Publish again" if self.object.published_at else "Publish"
            url = reverse("consultation_responses:publish", args=[quote(self.object.pk)])
            buttons.append(HeaderButton(label, url=url, icon_name="tick"))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = self.object.consultation
        context.update(
            comparison=ladder_comparison(consultation, self.object.organisation_rung),
            consultation=consultation,
            response_status=self.object.get_status_display(),
        )
        return context


class ResponseIndexView(generic.IndexView):
    """Every response with its consultation's status and whether it is published."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can_close_consultation(self.request.user):
            url = reverse("consultation_responses:close_list")
            buttons.append(Button("Close a consultation early", url=url, icon_name="lock", priority=40))
        return buttons

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("consultation", "published_by")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if can_publish_response(self.request.user):
            url = reverse("consultation_responses:publish", args=[quote(instance.pk)])
            buttons.append(MenuItem("Publish", url=url, icon_name="tick", priority=15))
        return buttons


class ConsultationResponseViewSet(ModelViewSet):
    """Commissioners write "You said, we did" for a consultation, publish it, and close consultations."""

    model = ConsultationResponse
    url_prefix = "you-said-we-did"
    icon = "tasks"
    menu_label = "You said, we did"
    menu_order = 306
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = ResponseIndexView
    edit_view_class = ResponseEditView
    list_display = [
        "__str__",
        Column("consultation_status", label="Consultation", accessor=lambda r: r.consultation.status.label),
        Column("status", label="Response", accessor="get_status_display", sort_key="status"),
        DateColumn("published_at", label="Published", sort_key="published_at"),
    ]
    list_filter = ["status"]
    edit_handler = ObjectList(
        [
            FieldPanel("consultation"),
            FieldPanel("introduction"),
            FieldPanel("organisation_rung", heading="At which rung did we engage?"),
            InlinePanel("themes", heading="Key themes", label="Theme"),
        ],
        base_form_class=ConsultationResponseForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("publish/<int:pk>/", PublishResponseView.as_view(), name="publish"),
            path("close/", OpenConsultationsView.as_view(), name="close_list"),
            path("close/<int:page_id>/", CloseConsultationView.as_view(), name="close"),
        ]

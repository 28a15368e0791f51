"""Wagtail viewsets for the staff side of consultations: the moderation queue and "You said, we did".

- ``CommentModerationViewSet`` (``/admin/moderation/``): the queue of comments, filtered by
  consultation, status and flags; each comment has a review page with its history and actions,
  and the listing has bulk actions (``engagement.admin_views``).
- ``ConsultationResponseViewSet`` (``/admin/you-said-we-did/``): commissioners draft, edit and
  publish responses; the edit screen sets participants' ladder ratings beside the organisation's.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton

from engagement import admin_views, ladder, moderation
from engagement.models import Comment, ConsultationPage, ConsultationResponse
from engagement.responses import can_close_consultation, can_publish_response, ladder_comparison
from people.permissions import RulesPolicy

#: Rungs as staff read them: "6. Co-design: people help to design a service, ...".
STAFF_RUNG_CHOICES = [(rung.number, f"{rung}: {rung.description}") for rung in ladder.RUNGS]
NEEDS_REVIEW = "review"
ALL = "all"


class CommentModerationPolicy(RulesPolicy):
    """Moderators, commissioners and superusers may view and moderate comments; nobody adds or deletes them here."""

    perms = {"view": "engagement.moderate_comment", "change": "engagement.moderate_comment"}


class CommentModerationFilterSet(WagtailFilterSet):
    """Filter the queue by status (needs review by default), consultation and flags."""

    state = django_filters.ChoiceFilter(
        label="Status",
        choices=[
            (NEEDS_REVIEW, "Needs review: awaiting moderation or hidden after flags"),
            *Comment.Status.choices,
            (ALL, "Any status"),
        ],
        method="filter_state",
        empty_label=None,
    )
    consultation = django_filters.ModelChoiceFilter(
        label="Consultation", queryset=ConsultationPage.objects.order_by("title")
    )
    flagged = django_filters.BooleanFilter(
        label="Flagged",
        method="filter_flagged",
        widget=forms.Select(choices=[("", "Flagged or not"), ("true", "Flagged"), ("false", "Not flagged")]),
    )

    class Meta:
        model = Comment
        fields = ["state", "consultation", "flagged"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("state"):
            data = data.copy()
            data["state"] = NEEDS_REVIEW
        super().__init__(data, *args, **kwargs)

    def filter_state(self, queryset, name, value):
        """Needs review: pending or hidden; a single status; or everything."""
        if value == NEEDS_REVIEW:
            return queryset.filter(status__in=[Comment.Status.PENDING, Comment.Status.HIDDEN])
        if value == ALL:
            return queryset
        return queryset.filter(status=value)

    def filter_flagged(self, queryset, name, value):
        """Comments with at least one flag, or none."""
        return queryset.filter(flag_count__gt=0) if value else queryset.filter(flag_count=0)


class CommentQueueView(generic.IndexView):
    """The moderation queue: comments oldest first, with checkboxes for bulk actions."""

    template_name = "engagement/admin/comment_queue.html"
    page_title = "Moderation queue"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("consultation", "author__profile")

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
            title_column_class(
                "text",
                label="Comment",
                accessor=admin_views.comment_excerpt,
                get_url=self.get_edit_url,
                get_title_id=lambda comment: f"comment_{comment.pk}_title",
            ),
            Column("consultation", label="Consultation", accessor=lambda comment: comment.consultation.title),
            Column("place", label="Section or paragraph", accessor=admin_views.comment_place),
            Column("author", label="Author", accessor=admin_views.author_label),
            Column("status", label="Status", accessor="get_status_display", sort_key="status"),
            Column("flag_count", label="Flags to review", sort_key="flag_count"),
            DateColumn("created_at", label="Received", sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        pk = quote(instance.pk)
        buttons = [MenuItem("Review", url=self.get_edit_url(instance), icon_name="view", priority=5)]
        if not moderation.may_moderate(self.request.user, instance):
            return buttons  # nobody moderates their own comment
        if instance.status in moderation.APPROVABLE:
            url = reverse("comment_moderation:approve", args=[pk])
            buttons.append(MenuItem("Approve", url=url, icon_name="tick", priority=10))
        if instance.status in moderation.RESTORABLE:
            url = reverse("comment_moderation:restore", args=[pk])
            buttons.append(MenuItem("Restore", url=url, icon_name="undo", priority=10))
        if instance.status in moderation.REJECTABLE:
            url = reverse("comment_moderation:reject", args=[pk])
            buttons.append(MenuItem("Reject", url=url, icon_name="cross", priority=20))
        return buttons


class CommentModerationViewSet(ModelViewSet):
    """The moderation queue and each comment's review page, history and actions."""

    model = Comment
    url_prefix = "moderation"
    icon = "comment"
    menu_label = "Moderation queue"
    menu_order = 305
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = CommentQueueView
    filterset_class = CommentModerationFilterSet
    ordering = ["created_at"]
    list_per_page = 50
    # The edit view is replaced by the review page; the form is never shown.
    form_fields = ["text"]

    @property
    def edit_view(self):
        """A comment's review page, in place of an edit form: moderators act, they do not rewrite."""
        return admin_views.CommentReviewView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", admin_views.ApproveCommentView.as_view(), name="approve"),
            path("reject/<int:pk>/", admin_views.RejectCommentView.as_view(), name="reject"),
            path("restore/<int:pk>/", admin_views.RestoreCommentView.as_view(), name="restore"),
        ]


class ConsultationResponseForm(WagtailAdminModelForm):
    """The response form; each theme's linked comments are limited to the chosen consultation's."""

    organisation_rung = forms.TypedChoiceField(
        label="At which rung did we engage?",
        help_text="Be honest: people who took part rate the same ladder, and the two are shown side by side.",
        choices=[("", "Not decided yet"), *STAFF_RUNG_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consultation_id = self.instance.consultation_id
        if self.is_bound:
            consultation_id = self.data.get("consultation") or consultation_id
        comments = Comment.objects.none()
        if consultation_id:
            comments = (
                Comment.objects.filter(consultation_id=consultation_id)
                .exclude(status__in=[Comment.Status.UNCONFIRMED, Comment.Status.WITHDRAWN])
                .order_by("created_at")
            )
        themes = self.formsets.get("themes")
        if themes is not None:
            themes.form = _theme_form_limited_to(themes.form, comments)


def _comment_choice_label(comment) -> str:
    return f"#{comment.pk} ({comment.get_status_display().lower()}): {admin_views.comment_excerpt(comment, 70)}"


def _theme_form_limited_to(form_class, comments):
    """A subclass of the theme form whose ``comments`` field offers only ``comments``."""

    class ThemeForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields.get("comments")
            if field is not None:
                field.queryset = comments
                field.label_from_instance = _comment_choice_label
                field.help_text = (
                    "The comments that raised this theme. Hold Ctrl (Cmd on a Mac) to choose several."
                    if comments.exists() or self.is_bound
                    else "Choose the consultation and save a draft first; its comments then appear here."
                )

    ThemeForm.__name__ = form_class.__name__
    return ThemeForm


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
            path("publish/<int:pk>/", admin_views.PublishResponseView.as_view(), name="publish"),
            path("close/", admin_views.OpenConsultationsView.as_view(), name="close_list"),
            path("close/<int:page_id>/", admin_views.CloseConsultationView.as_view(), name="close"),
        ]

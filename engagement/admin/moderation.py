"""The moderation queue (``/admin/moderation/``), each comment's review page, and the actions on it.

The queue lists comments filtered by consultation, status and flags; each comment has a review
page with its flags, its history and the actions that fit it (``engagement.moderation.actions_for``,
which the queue's row menu offers too). Every screen asks the ``engagement.moderate_comment`` rule,
and ``engagement.moderation`` asks it again, so nothing changes a comment without the right role.
Several comments at once: ``engagement.admin.bulk_actions``.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from engagement import moderation
from engagement.admin.display import author_for_moderators, comment_excerpt, comment_place, comment_public_url
from engagement.admin.forms import RejectionForm
from engagement.models import Comment, ConsultationPage
from people.permissions import RulesPolicy

QUEUE_URL_NAME = "comment_moderation:index"
NEEDS_REVIEW = "review"
ALL = "all"

#: How the queue's row menu offers each action, in the order it lists them.
ROW_ACTIONS = {
    "approve": ("Approve", "tick", 10),
    "restore": ("Restore", "undo", 10),
    "reject": ("Reject", "cross", 20),
}


def action_urls(comment, user) -> dict[str, str]:
    """The URL of each action ``user`` may take on ``comment`` (``engagement.moderation.actions_for``)."""
    pk = quote(comment.pk)
    return {
        action: reverse(f"comment_moderation:{action}", args=[pk]) for action in moderation.actions_for(comment, user)
    }


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
                accessor=comment_excerpt,
                get_url=self.get_edit_url,
                get_title_id=lambda comment: f"comment_{comment.pk}_title",
            ),
            Column("consultation", label="Consultation", accessor=lambda comment: comment.consultation.title),
            Column("place", label="Section or paragraph", accessor=comment_place),
            Column("author", label="Author", accessor=author_for_moderators),
            Column("status", label="Status", accessor="get_status_display", sort_key="status"),
            Column("flag_count", label="Flags to review", sort_key="flag_count"),
            DateColumn("created_at", label="Received", sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        buttons = [MenuItem("Review", url=self.get_edit_url(instance), icon_name="view", priority=5)]
        urls = action_urls(instance, self.request.user)  # none on the moderator's own comment
        for action, (label, icon, priority) in ROW_ACTIONS.items():
            if action in urls:
                buttons.append(MenuItem(label, url=urls[action], icon_name=icon, priority=priority))
        return buttons


class ModeratorRequiredMixin:
    """Refuse anyone the ``engagement.moderate_comment`` rule does not allow."""

    def dispatch(self, request, *args, **kwargs):
        if not moderation.can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CommentViewMixin(ModeratorRequiredMixin, WagtailAdminTemplateMixin):
    """Shared by the comment screens: the comment, breadcrumbs back to the queue, where to go next."""

    header_icon = "comment"

    def setup(self, request, *args, pk=None, **kwargs):
        super().setup(request, *args, **kwargs)
        self.pk = pk

    @cached_property
    def comment(self):
        queryset = Comment.objects.select_related("consultation", "author__profile", "parent")
        return get_object_or_404(queryset, pk=self.pk)

    def get_page_subtitle(self):
        return f"comment {self.comment.pk} on {self.comment.consultation.title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(QUEUE_URL_NAME), "label": "Moderation queue"},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(QUEUE_URL_NAME)

    @cached_property
    def own_comment(self):
        """The moderator wrote this comment, so they may not act on it."""
        return not moderation.may_moderate(self.request.user, self.comment)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            comment=self.comment,
            excerpt=comment_excerpt(self.comment, 200),
            place=comment_place(self.comment),
            public_url=comment_public_url(self.comment),
            author=author_for_moderators(self.comment),
            action_urls=action_urls(self.comment, self.request.user),
            own_comment=self.own_comment,
            own_comment_message=moderation.OWN_COMMENT,
            next=self.next_url(),
        )
        return context


class CommentReviewView(CommentViewMixin, TemplateView):
    """A comment in full, its flags, its history of moderation, and the actions that fit it."""

    template_name = "engagement/admin/comment_review.html"
    page_title = "Review"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            events=self.comment.events.select_related("actor__profile"),
            flags=self.comment.flags.all(),
            rejection_form=RejectionForm(),
        )
        return context


class CommentActionView(CommentViewMixin, FormView):
    """Confirm an action on GET; do it on POST and go back to the queue (or ``next``)."""

    template_name = "engagement/admin/comment_action.html"
    form_class = forms.Form
    action = ""
    verb = ""

    def dispatch(self, request, *args, **kwargs):
        if moderation.can_moderate(request.user) and self.own_comment:
            raise PermissionDenied(moderation.OWN_COMMENT)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.verb.capitalize()

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form)
        except moderation.ModerationError as error:
            messages.error(self.request, str(error))
            return redirect(reverse("comment_moderation:edit", args=[quote(self.comment.pk)]))
        messages.success(self.request, f"Comment {self.comment.pk} {self.done}.")
        return redirect(self.next_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action=self.action, verb=self.verb, submit_url=self.request.get_full_path())
        return context


class ApproveCommentView(CommentActionView):
    """Publish a comment awaiting moderation."""

    action = "approve"
    verb = "approve"
    done = "approved and published"

    def perform(self, form):
        moderation.approve(self.comment, self.request.user)


class RejectCommentView(CommentActionView):
    """Reject a comment with a reason; the author is emailed."""

    action = "reject"
    verb = "reject"
    done = "rejected; the author has been told why"
    form_class = RejectionForm

    def perform(self, form):
        moderation.reject(self.comment, self.request.user, form.cleaned_data["reason"])


class RestoreCommentView(CommentActionView):
    """Publish again a comment that flags hid."""

    action = "restore"
    verb = "restore"
    done = "restored and published"

    def perform(self, form):
        moderation.restore(self.comment, self.request.user)


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
        return CommentReviewView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", ApproveCommentView.as_view(), name="approve"),
            path("reject/<int:pk>/", RejectCommentView.as_view(), name="reject"),
            path("restore/<int:pk>/", RestoreCommentView.as_view(), name="restore"),
        ]

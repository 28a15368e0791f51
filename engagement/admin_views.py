"""Admin views for moderating comments and answering consultations.

Each view asks the same rules as the services it calls (``engagement.moderate_comment``,
``engagement.publish_response``, ``engagement.close_consultation``), and the services check them
again, so nothing reaches a comment or a response without the right role.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from engagement import moderation
from engagement.models import Comment, ConsultationPage, ConsultationResponse, RejectionReason
from engagement.responses import (
    can_close_consultation,
    can_publish_response,
    close_consultation,
    ladder_comparison,
    publish_response,
)

QUEUE_URL_NAME = "comment_moderation:index"


def comment_excerpt(comment, length=90) -> str:
    """The start of a comment's text, for a listing."""
    return Truncator(comment.text).chars(length)


def comment_place(comment) -> str:
    """Where on the consultation the comment sits: whole consultation, a section, or a paragraph."""
    prefix = "Reply, " if comment.parent_id else ""
    if comment.paragraph_id:
        return f"{prefix}paragraph {comment.paragraph_id[:8]}"
    if comment.section_id:
        return f"{prefix}section {comment.section_id[:8]}"
    return f"{prefix}whole consultation"


def comment_public_url(comment) -> str:
    """The comment's anchor (or, unpublished, its paragraph's or section's) on the public page."""
    base = comment.consultation.url or ""
    if comment.is_public:
        return f"{base}#comment-{comment.pk}"
    if comment.paragraph_id:
        return f"{base}#paragraph-{comment.paragraph_id}"
    if comment.section_id:
        return f"{base}#section-{comment.section_id}"
    return base


def author_label(comment) -> str:
    """Who wrote the comment, as moderators see it (no email addresses)."""
    name = comment.author_display_name
    if comment.author_id is None and comment.email:
        return f"{name} (no account, email given)"
    return name


class RejectionForm(forms.Form):
    """A reason for rejecting: start from an editable template, then change the words as needed."""

    template = forms.ModelChoiceField(
        label="Start from a reason template",
        queryset=RejectionReason.objects.all(),
        required=False,
        empty_label="Write my own reason",
        help_text="Choosing a template fills in the reason below, which you can still change.",
    )
    reason = forms.CharField(
        label="Reason sent to the author",
        widget=forms.Textarea(attrs={"rows": 5, "data-rejection-reason-text": ""}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reasons = {str(reason.pk): reason.text for reason in self.fields["template"].queryset}
        self.fields["template"].widget = ReasonTemplateSelect(reasons=reasons, choices=self.fields["template"].choices)

    def clean(self):
        """Use the template's words when no reason was typed; a reason is required either way."""
        cleaned = super().clean()
        reason = (cleaned.get("reason") or "").strip()
        if not reason and cleaned.get("template"):
            reason = cleaned["template"].text
        if not reason:
            raise ValidationError("Choose a reason template or write a reason for the author.")
        cleaned["reason"] = reason
        return cleaned


class ReasonTemplateSelect(forms.Select):
    """A select whose options carry the template's text, so a small script can prefill the reason."""

    def __init__(self, *args, reasons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reasons = reasons or {}
        self.attrs["data-rejection-reason-template"] = ""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        text = self.reasons.get(str(getattr(value, "value", value)))
        if text:
            option["attrs"]["data-reason-text"] = text
        return option


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

    def action_urls(self):
        """The URLs of the actions that fit this comment's status (none on the moderator's own comment)."""
        pk = quote(self.comment.pk)
        status = self.comment.status
        urls = {}
        if self.own_comment:
            return urls
        if status in moderation.APPROVABLE:
            urls["approve"] = reverse("comment_moderation:approve", args=[pk])
        if status in moderation.REJECTABLE:
            urls["reject"] = reverse("comment_moderation:reject", args=[pk])
        if status in moderation.RESTORABLE:
            urls["restore"] = reverse("comment_moderation:restore", args=[pk])
        return urls

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            comment=self.comment,
            excerpt=comment_excerpt(self.comment, 200),
            place=comment_place(self.comment),
            public_url=comment_public_url(self.comment),
            author=author_label(self.comment),
            action_urls=self.action_urls(),
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


# Bulk actions on the queue ---------------------------------------------------------------------


class CommentBulkAction(BulkAction):
    """A moderator's action on several comments chosen in the queue."""

    models = [Comment]
    template_name = "engagement/admin/bulk_action.html"
    action_button_text = ""

    def dispatch(self, request, *args, **kwargs):
        if not moderation.can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(Comment.objects.filter(pk__in=object_ids).select_related("consultation", "author__profile"))

    def get_all_objects_in_listing_query(self, parent_id):
        return Comment.objects.filter(status__in=[Comment.Status.PENDING, Comment.Status.HIDDEN]).values_list(
            "pk", flat=True
        )

    def check_perm(self, obj):
        """A moderator may act on any chosen comment but their own."""
        return moderation.may_moderate(self.request.user, obj)

    def prepare_action(self, objects, objects_without_access):
        self.own_comments_left = len(objects_without_access)

    def object_context(self, obj):
        return {
            "item": obj,
            "excerpt": comment_excerpt(obj),
            "url": reverse("comment_moderation:edit", args=[quote(obj.pk)]),
        }

    def get_execution_context(self):
        return {"by": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(heading=self.display_name, action_button_text=self.action_button_text, form=context.get("form"))
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = f"{num_parent_objects} comment{'s' if num_parent_objects != 1 else ''} {self.done}."
        if num_child_objects:
            message += f" {num_child_objects} left as they were: the action does not fit their status."
        own = getattr(self, "own_comments_left", 0)
        if own:
            message += f" {own} of your own left for another moderator: nobody moderates their own comment."
        return message


class ApproveCommentsBulkAction(CommentBulkAction):
    """Approve the chosen comments (hidden ones are restored)."""

    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve the selected comments"
    action_priority = 10
    action_button_text = "Yes, approve"
    done = "approved"

    @classmethod
    def execute_action(cls, objects, by=None, **kwargs):
        return moderation.approve_many(objects, by)


class RejectCommentsBulkAction(CommentBulkAction):
    """Reject the chosen comments, all with the same reason."""

    display_name = "Reject"
    action_type = "reject"
    aria_label = "Reject the selected comments with a reason"
    action_priority = 20
    classes = {"serious"}
    action_button_text = "Yes, reject"
    form_class = RejectionForm
    done = "rejected"

    def get_execution_context(self):
        return {**super().get_execution_context(), "reason": self.cleaned_form.cleaned_data["reason"]}

    @classmethod
    def execute_action(cls, objects, by=None, reason="", **kwargs):
        return moderation.reject_many(objects, by, reason)


class RestoreCommentsBulkAction(CommentBulkAction):
    """Restore the chosen comments that flags hid."""

    display_name = "Restore"
    action_type = "restore"
    aria_label = "Restore the selected hidden comments"
    action_priority = 30
    action_button_text = "Yes, restore"
    done = "restored"

    @classmethod
    def execute_action(cls, objects, by=None, **kwargs):
        return moderation.restore_many(objects, by)


# Answering a consultation ----------------------------------------------------------------------


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


class OpenConsultationsView(WagtailAdminTemplateMixin, TemplateView):
    """The consultations open (or upcoming) now, each with a button to close it early."""

    template_name = "engagement/admin/open_consultations.html"
    page_title = "Close a consultation"
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not can_close_consultation(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("consultation_responses:index"), "label": "You said, we did"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = ConsultationPage.objects.filter(closes_at__gt=timezone.now(), closed_early_at__isnull=True)
        context["consultations"] = [
            (page, reverse("consultation_responses:close", args=[page.pk])) for page in pages.order_by("closes_at")
        ]
        return context

"""Bulk actions on the moderation queue: approve, reject or restore several chosen comments.

Each asks ``engagement.moderate_comment`` before it starts and about every comment it is given;
a moderator's own comments are left for another moderator and counted in the message.
"""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.admin.views.bulk_action import BulkAction

from engagement import moderation
from engagement.admin.display import comment_excerpt
from engagement.admin.forms import RejectionForm
from engagement.models import Comment


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

"""Admin screens for engagement.

- Ladder ratings, read-only, for commissioners to browse and filter.
- The comment moderation queue with per-comment and bulk actions (``engagement.admin.moderation``).
- "You said, we did" responses, and closing a consultation early (also from the page's header menu).
"""

import django_filters
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from engagement import ladder
from engagement.admin import bulk_actions
from engagement.admin.moderation import CommentModerationPolicy, CommentModerationViewSet
from engagement.admin.responses import ConsultationResponseViewSet
from engagement.models import Comment, ConsultationPage, LadderRating
from engagement.responses import can_close_consultation
from people.permissions import RulesPolicy


class ReadOnlyPermissionPolicy(RulesPolicy):
    """Ratings are what people said: staff with the view permission may look, nobody may edit in the admin.

    The view permission is Django's own model permission, which migration 0002 gives Commissioners.
    """

    perms = {"view": "engagement.view_ladderrating"}


register_permission_policy(LadderRating, ReadOnlyPermissionPolicy(LadderRating), exact_class=True)


class LadderRatingFilterSet(WagtailFilterSet):
    """Filter ratings by rung, band, perspective and page."""

    band = django_filters.ChoiceFilter(label="Band", choices=ladder.BAND_CHOICES, method="filter_band")

    class Meta:
        model = LadderRating
        fields = ["rung", "band", "perspective", "page"]

    def filter_band(self, queryset, name, value):
        """Keep the ratings whose rung lies in the chosen band."""
        chosen = ladder.band(value)
        return queryset.filter(rung__gte=chosen.lowest, rung__lte=chosen.highest)


class LadderRatingViewSet(ModelViewSet):
    """Every ladder rating, newest first, with its page, rung, band and perspective; read-only."""

    model = LadderRating
    icon = "list-ol"
    menu_label = "Ladder ratings"
    menu_order = 310
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["rung_name", "band_name", "perspective", "page", "respondent_type", "locality", "created_at"]
    list_per_page = 50
    # Never shown (the permission policy forbids adding and editing) but required by ModelViewSet.
    form_fields = ["page", "rung", "perspective", "text"]
    filterset_class = LadderRatingFilterSet
    inspect_view_fields = [
        "page",
        "rung",
        "perspective",
        "text",
        "respondent_type",
        "neighbourhood",
        "locality",
        "created_at",
        "updated_at",
    ]
    ordering = ["-created_at"]

    def get_index_view_kwargs(self, **kwargs):
        """Join the page so the listing does not query once per row."""
        return super().get_index_view_kwargs(queryset=LadderRating.objects.select_related("page"), **kwargs)


@hooks.register("register_admin_viewset")
def register_ladder_rating_viewset():
    """Add "Ladder ratings" to the admin menu."""
    return LadderRatingViewSet("ladder_ratings")


register_permission_policy(Comment, CommentModerationPolicy(Comment), exact_class=True)


@hooks.register("register_admin_viewset")
def register_moderation_queue():
    """Add "Moderation queue" to the admin menu, for moderators and commissioners."""
    return CommentModerationViewSet("comment_moderation")


@hooks.register("register_admin_viewset")
def register_consultation_responses():
    """Add "You said, we did" to the admin menu, for commissioners."""
    return ConsultationResponseViewSet("consultation_responses")


for _bulk_action in (
    bulk_actions.ApproveCommentsBulkAction,
    bulk_actions.RejectCommentsBulkAction,
    bulk_actions.RestoreCommentsBulkAction,
):
    hooks.register("register_bulk_action", _bulk_action)


@hooks.register("register_page_header_buttons")
def close_consultation_button(page, user, view_name, next_url=None):
    """Offer "Close consultation now" in an open consultation's header menu, to commissioners."""
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, ConsultationPage) or not can_close_consultation(user):
        return
    if page.specific.status == ConsultationPage.Status.CLOSED:
        return
    url = reverse("consultation_responses:close", args=[page.pk])
    if next_url:
        url += f"?next={next_url}"
    yield Button("Close consultation now", url=url, icon_name="lock", priority=80)

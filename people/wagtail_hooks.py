"""Admin screens for people: staff verify organisations, confirm their members, and look up
profiles and neighbourhoods."""

import django_filters
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from people import services
from people.models import Locality, MembershipStatus, Neighbourhood, Organisation, OrganisationStatus, Profile


class ListingPermissionMixin(PermissionCheckedMixin):
    """Open a chooser only to people who may open the listing (any of add, change, delete, view)."""

    any_permission_required = ["add", "change", "delete", "view"]


class ChooseView(ListingPermissionMixin, chooser.ChooseView):
    """The chooser modal, for people who may see the records."""


class ChooseResultsView(ListingPermissionMixin, chooser.ChooseResultsView):
    """The chooser's search results, for people who may see the records."""


class ChosenView(ListingPermissionMixin, chooser.SnippetChosenView):
    """One chosen record's title and link, for people who may see the records."""


class ChosenMultipleView(ListingPermissionMixin, chooser.SnippetChosenMultipleView):
    """Several chosen records, for people who may see the records."""


class PermissionCheckedChooserViewSet(chooser.SnippetChooserViewSet):
    """A snippet chooser that asks the same permission as the snippet's listing.

    Wagtail's snippet choosers list every record to anyone who can reach the admin; people's
    profiles and organisations are visible only to those who may view them (docs/permissions.md).
    """

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


class OrganisationEditView(EditView):
    """Edit an organisation; a change of status records who verified it and when."""

    def save_instance(self):
        """Stamp the verification decision before saving."""
        if "status" in self.form.changed_data:
            self.form.instance.set_status(self.form.instance.status, self.request.user)
        return super().save_instance()


class OrganisationFilterSet(WagtailFilterSet):
    """Filter organisations by verification status and type."""

    class Meta:
        model = Organisation
        fields = ["status", "type"]


class OrganisationViewSet(SnippetViewSet):
    """Organisations that providers and VCSE groups named; staff verify or reject them."""

    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    edit_view_class = OrganisationEditView
    chooser_viewset_class = PermissionCheckedChooserViewSet
    list_display = ["name", "type", "status", "verified_by", "verified_at", "created_at"]
    list_export = ["name", "type", "status", "verified_at", "created_at"]
    filterset_class = OrganisationFilterSet
    search_fields = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["name", "type", "status"]


class ProfileFilterSet(WagtailFilterSet):
    """Filter profiles by respondent type, neighbourhood, locality and membership of an organisation."""

    locality = django_filters.ModelChoiceFilter(field_name="neighbourhood__locality", queryset=Locality.objects.all())
    organisation_status = django_filters.ChoiceFilter(
        field_name="organisation__status", label="Organisation", choices=OrganisationStatus.choices
    )

    class Meta:
        model = Profile
        fields = ["respondent_type", "neighbourhood", "membership_status"]


class ProfileViewSet(SnippetViewSet):
    """People's profiles, for staff to look up (people edit their own on the site)."""

    model = Profile
    icon = "user"
    menu_label = "Profiles"
    chooser_viewset_class = PermissionCheckedChooserViewSet
    list_display = [
        "display_name",
        "respondent_type",
        "neighbourhood",
        "organisation",
        "membership_status",
        "created_at",
    ]
    filterset_class = ProfileFilterSet
    search_fields = ["display_name"]
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["display_name", "respondent_type", "neighbourhood", "organisation"]

    def get_queryset(self, request):
        return Profile.objects.select_related("neighbourhood", "organisation")


class NeighbourhoodViewSet(SnippetViewSet):
    """The twelve neighbourhoods and their localities."""

    model = Neighbourhood
    icon = "site"
    menu_label = "Neighbourhoods"
    list_display = ["name", "locality"]
    list_filter = ["locality"]
    copy_view_enabled = False
    form_fields = ["name", "slug", "locality", "sort_order"]


class PeopleViewSetGroup(SnippetViewSetGroup):
    """One "People" menu for organisations, profiles and neighbourhoods."""

    items = (OrganisationViewSet, ProfileViewSet, NeighbourhoodViewSet)
    menu_icon = "group"
    menu_label = "People"
    menu_name = "people"
    add_to_admin_menu = True


register_snippet(PeopleViewSetGroup)


class MembershipBulkAction(SnippetBulkAction):
    """Record a decision on the selected people's membership of the organisation each named.

    Shown on the profile listing; only people with ``people.confirm_membership`` may act, and
    only on profiles that name an organisation.
    """

    models = [Profile]
    template_name = "people/admin/confirm_membership.html"
    new_status = None

    def check_perm(self, profile):
        """Only a profile that names an organisation, and only for people who may decide."""
        return profile.organisation_id is not None and self.request.user.has_perm("people.confirm_membership", profile)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(model.objects.select_related("organisation").filter(pk__in=object_ids))

    @classmethod
    def execute_action(cls, objects, **kwargs):
        view = kwargs["self"]
        changed = services.decide_memberships(objects, view.new_status, by=view.request.user)
        return changed, 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}

    def get_success_message(self, num_parent_objects, num_child_objects):
        people = "1 person" if num_parent_objects == 1 else f"{num_parent_objects} people"
        return f"Membership {MembershipStatus(self.new_status).label.lower()} for {people}."


@hooks.register("register_bulk_action")
class ConfirmMembershipBulkAction(MembershipBulkAction):
    """Confirm that the selected people work for the organisation they named."""

    display_name = "Confirm membership"
    action_type = "confirm_membership"
    aria_label = "Confirm the selected people as members of their organisations"
    new_status = MembershipStatus.CONFIRMED
    action_priority = 20


@hooks.register("register_bulk_action")
class RejectMembershipBulkAction(MembershipBulkAction):
    """Record that the selected people do not speak for the organisation they named."""

    display_name = "Do not confirm membership"
    action_type = "reject_membership"
    aria_label = "Record that the selected people are not members of the organisation they named"
    new_status = MembershipStatus.REJECTED
    action_priority = 25

"""Admin screens for people: staff verify organisations and look up profiles and neighbourhoods."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from people.models import Locality, Neighbourhood, Organisation, Profile


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
    list_display = ["name", "type", "status", "verified_by", "verified_at", "created_at"]
    list_export = ["name", "type", "status", "verified_at", "created_at"]
    filterset_class = OrganisationFilterSet
    search_fields = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["name", "type", "status"]


class ProfileFilterSet(WagtailFilterSet):
    """Filter profiles by respondent type, neighbourhood and locality."""

    locality = django_filters.ModelChoiceFilter(field_name="neighbourhood__locality", queryset=Locality.objects.all())

    class Meta:
        model = Profile
        fields = ["respondent_type", "neighbourhood"]


class ProfileViewSet(SnippetViewSet):
    """People's profiles, for staff to look up (people edit their own on the site)."""

    model = Profile
    icon = "user"
    menu_label = "Profiles"
    list_display = ["display_name", "respondent_type", "neighbourhood", "organisation", "created_at"]
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

"""Models and services for people: organisations, profiles, group placement."""

import pytest
from django.db import IntegrityError

from people import groups
from people.models import Organisation, OrganisationStatus, RespondentType
from people.services import find_or_create_organisation, group_for_respondent_type, save_profile

pytestmark = pytest.mark.django_db


def test_organisation_names_are_unique_ignoring_case(organisation_factory):
    organisation_factory(name="Brookside Care")
    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="BROOKSIDE CARE")


def test_find_or_create_organisation_reuses_by_name_and_tidies_spaces():
    first = find_or_create_organisation("  Brookside   Care ", "care_provider")
    assert first.name == "Brookside Care"
    assert find_or_create_organisation("brookside care") == first


def test_verifying_an_organisation_records_who_and_when(organisation, user):
    organisation.set_status(OrganisationStatus.VERIFIED, by=user)
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.status == "verified"
    assert organisation.verified_by == user
    assert organisation.verified_at is not None


@pytest.mark.parametrize(
    "respondent_type, group_name",
    [
        ("resident", groups.RESIDENTS),
        ("carer", groups.RESIDENTS),
        ("provider", groups.PROVIDERS),
        ("vcse", groups.PROVIDERS),
        ("staff", None),
    ],
)
def test_each_respondent_type_maps_to_one_public_group(respondent_type, group_name):
    assert group_for_respondent_type(respondent_type) == group_name


def test_a_profile_knows_its_locality_and_whether_it_is_complete(profile_factory):
    profile = profile_factory()
    assert profile.locality == profile.neighbourhood.locality
    assert profile.is_complete
    profile.neighbourhood = None
    assert not profile.is_complete
    profile.respondent_type = RespondentType.STAFF
    assert profile.is_complete


def test_saving_a_staff_profile_keeps_the_person_out_of_public_groups(user):
    save_profile(user, display_name="Staff", respondent_type="resident", neighbourhood=None)
    save_profile(user, display_name="Staff", respondent_type="staff")
    assert not user.groups.filter(name__in=groups.PUBLIC_GROUPS).exists()


def test_organisation_admin_lists_and_filters_by_status(client, user_factory, organisation_factory):
    admin = user_factory(is_superuser=True)
    organisation_factory(name="Waiting Org", status="unverified")
    organisation_factory(name="Checked Org", status="verified")
    client.force_login(admin)
    response = client.get("/admin/snippets/people/organisation/?status=unverified")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Waiting Org" in html and "Checked Org" not in html


def test_verifying_in_the_admin_records_the_commissioner(client, user_factory, organisation_factory):
    from django.contrib.auth.models import Group

    commissioner = user_factory()
    commissioner.groups.add(Group.objects.get(name=groups.COMMISSIONERS))
    organisation = organisation_factory(name="Waiting Org")
    client.force_login(commissioner)
    response = client.post(
        f"/admin/snippets/people/organisation/edit/{organisation.pk}/",
        {"name": "Waiting Org", "type": "vcse", "status": "verified"},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == "verified"
    assert organisation.verified_by == commissioner


def test_commissioners_see_profiles_and_neighbourhoods_in_the_admin(client, user_factory, profile_factory):
    from django.contrib.auth.models import Group

    commissioner = user_factory()
    commissioner.groups.add(Group.objects.get(name=groups.COMMISSIONERS))
    profile_factory(display_name="Findable Person")
    client.force_login(commissioner)
    assert "Findable Person" in client.get("/admin/snippets/people/profile/").content.decode()
    assert "North 1" in client.get("/admin/snippets/people/neighbourhood/").content.decode()

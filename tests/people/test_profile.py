"""The profile page: view and edit; groups follow the respondent type; bad input keeps what was typed."""

import pytest
from django.urls import reverse

from people import groups
from people.models import Neighbourhood, RespondentType

pytestmark = pytest.mark.django_db

PROFILE_URL = "/accounts/profile/"


@pytest.fixture
def resident(profile_factory):
    profile = profile_factory(display_name="Rosa")
    from people.services import assign_respondent_group

    assign_respondent_group(profile.user, profile.respondent_type)
    return profile


def _edit(client, profile, **overrides):
    client.force_login(profile.user)
    data = {
        "display_name": profile.display_name,
        "respondent_type": profile.respondent_type,
        "neighbourhood": str(profile.neighbourhood_id or ""),
        "organisation_name": "",
        "organisation_type": "",
    }
    data.update(overrides)
    return client.post(PROFILE_URL, data)


def test_the_profile_url_is_stable():
    assert reverse("people:profile") == PROFILE_URL


def test_the_profile_page_needs_a_signed_in_person(client):
    response = client.get(PROFILE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_profile_page_shows_the_email_and_links_to_every_account_task(client, resident):
    client.force_login(resident.user)
    html = client.get(PROFILE_URL).content.decode()
    assert resident.user.email in html
    for url in (
        reverse("account_change_password"),
        reverse("account_email"),
        reverse("mfa_index"),
        reverse("people:download_personal_data"),
        reverse("people:delete_account"),
    ):
        assert f'href="{url}"' in html
    assert 'value="Rosa"' in html


def test_a_person_without_a_profile_can_fill_one_in(client, user):
    client.force_login(user)
    assert client.get(PROFILE_URL).status_code == 200
    neighbourhood = Neighbourhood.objects.get(slug="south-4")
    response = client.post(
        PROFILE_URL, {"display_name": "Sam", "respondent_type": "carer", "neighbourhood": neighbourhood.pk}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.profile.neighbourhood == neighbourhood
    assert user.groups.filter(name=groups.RESIDENTS).exists()


def test_becoming_a_provider_moves_the_person_from_residents_to_providers(client, resident):
    response = _edit(
        client,
        resident,
        respondent_type="provider",
        organisation_name="Brookside Care",
        organisation_type="care_provider",
    )
    assert response.status_code == 302
    names = set(resident.user.groups.values_list("name", flat=True))
    assert names == {groups.PROVIDERS}
    resident.refresh_from_db()
    assert resident.organisation.name == "Brookside Care"


def test_leaving_the_provider_type_drops_the_organisation_and_the_providers_group(client, profile_factory):
    provider = profile_factory(provider=True)
    _edit(client, provider, respondent_type="resident")
    provider.refresh_from_db()
    assert provider.organisation is None
    assert set(provider.user.groups.values_list("name", flat=True)) == {groups.RESIDENTS}


def test_no_neighbourhood_is_refused_with_a_message_by_the_field(client, resident):
    response = _edit(client, resident, neighbourhood="", display_name="Rosa Typed")
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in html
    assert 'href="#id_neighbourhood"' in html
    assert 'id="id_neighbourhood-error"' in html
    assert 'value="Rosa Typed"' in html
    resident.refresh_from_db()
    assert resident.display_name == "Rosa"


def test_a_provider_with_no_organisation_name_is_refused(client, resident):
    response = _edit(client, resident, respondent_type="provider", organisation_type="care_provider")
    html = response.content.decode()
    assert "Enter the name of your organisation" in html
    assert 'href="#id_organisation_name"' in html
    resident.refresh_from_db()
    assert resident.respondent_type == RespondentType.RESIDENT


def test_a_person_cannot_make_themselves_staff(client, resident):
    html = _edit(client, resident, respondent_type="staff").content.decode()
    assert "Select one of the options listed" in html
    resident.refresh_from_db()
    assert resident.respondent_type == RespondentType.RESIDENT


def test_a_tampered_neighbourhood_is_refused(client, resident):
    html = _edit(client, resident, neighbourhood="not-a-number").content.decode()
    assert "Choose a neighbourhood from the list" in html


def test_staff_keep_their_type_and_need_no_neighbourhood(client, profile_factory):
    staff = profile_factory(staff=True, display_name="Eddie")
    response = _edit(client, staff, display_name="Eddie E", respondent_type="resident", neighbourhood="")
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.display_name == "Eddie E"
    assert staff.respondent_type == RespondentType.STAFF


def test_the_profile_form_needs_the_csrf_token(resident):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(resident.user)
    response = client.post(PROFILE_URL, {"display_name": "X", "respondent_type": "resident"})
    assert response.status_code == 403

"""The personal data download and account deletion."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from people import personal_data
from people.models import Organisation, Profile

pytestmark = pytest.mark.django_db

DOWNLOAD_URL = "/accounts/profile/download/"
DELETE_URL = "/accounts/delete/"


def test_the_urls_are_stable():
    assert reverse("people:download_personal_data") == DOWNLOAD_URL
    assert reverse("people:delete_account") == DELETE_URL


@pytest.mark.parametrize("url", [DOWNLOAD_URL, DELETE_URL])
def test_both_pages_need_a_signed_in_person(client, url):
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_the_download_holds_the_account_emails_profile_and_organisation(client, profile_factory):
    profile = profile_factory(provider=True, display_name="Priya", organisation__name="Brookside Care")
    EmailAddress.objects.create(user=profile.user, email="second@example.org", verified=False)
    client.force_login(profile.user)
    response = client.get(DOWNLOAD_URL)
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == profile.user.email
    assert {address["email"] for address in data["email_addresses"]} == {profile.user.email, "second@example.org"}
    assert data["profile"]["display_name"] == "Priya"
    assert data["profile"]["respondent_type"] == "Care provider"
    assert data["profile"]["neighbourhood"] == profile.neighbourhood.name
    assert data["profile"]["locality"] == profile.neighbourhood.locality.name
    assert data["profile"]["organisation"]["name"] == "Brookside Care"
    assert data["profile"]["organisation"]["your_membership"] == "Waiting for staff to confirm"
    assert "password" not in json.dumps(data)


def test_the_download_never_holds_someone_elses_data(client, profile_factory):
    mine = profile_factory(display_name="Mine")
    profile_factory(display_name="Someone Else")
    client.force_login(mine.user)
    assert "Someone Else" not in client.get(DOWNLOAD_URL).content.decode()


def test_other_apps_add_sections_through_the_registry(client, user):
    personal_data.register("test_contributions", lambda person: [{"said": f"hello from {person.email}"}])
    try:
        client.force_login(user)
        data = json.loads(client.get(DOWNLOAD_URL).content)
        assert data["test_contributions"] == [{"said": f"hello from {user.email}"}]
    finally:
        personal_data.unregister("test_contributions")


def test_engagement_registers_ladder_ratings():
    assert "ladder_ratings" in personal_data.section_names()


def test_deletion_with_the_right_password_removes_the_account_and_signs_out(client, profile_factory):
    profile = profile_factory(provider=True)
    user_pk, organisation_pk = profile.user.pk, profile.organisation_id
    client.force_login(profile.user)
    response = client.post(DELETE_URL, {"password": "correct-horse-battery"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert not Profile.objects.filter(user_id=user_pk).exists()
    assert not EmailAddress.objects.filter(user_id=user_pk).exists()
    assert Organisation.objects.filter(pk=organisation_pk).exists(), "an organisation outlives one member"
    assert "_auth_user_id" not in client.session


def test_deletion_with_a_wrong_password_keeps_the_account(client, user):
    client.force_login(user)
    response = client.post(DELETE_URL, {"password": "not-my-password"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in html and 'href="#id_password"' in html
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_public_contributions_show_as_from_a_deleted_account(client, user, ladder_rating_factory):
    rating = ladder_rating_factory(author=user)
    client.force_login(user)
    client.post(DELETE_URL, {"password": "correct-horse-battery"})
    rating.refresh_from_db()
    assert rating.author is None
    assert rating.author_display_name == "a deleted account"


def test_deletion_needs_the_csrf_token(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(DELETE_URL, {"password": "correct-horse-battery"}).status_code == 403
    assert get_user_model().objects.filter(pk=user.pk).exists()

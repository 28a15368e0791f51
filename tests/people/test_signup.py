"""Signup: an account, a profile and the right group in one step; bad input keeps what was typed."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from people import groups
from people.models import Neighbourhood, Organisation

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "amber-kettle-meadow-42"


def _signup_data(**overrides):
    data = {
        "email": "new.person@example.org",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        "display_name": "New Person",
        "respondent_type": "resident",
        "neighbourhood": str(Neighbourhood.objects.get(slug="central-2").pk),
        "organisation_name": "",
        "organisation_type": "",
    }
    data.update(overrides)
    return data


def _sign_up(client, **overrides):
    return client.post(reverse("account_signup"), _signup_data(**overrides))


def test_signup_page_asks_for_the_profile_on_the_same_page(client):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()
    for field in ("email", "password1", "password2", "display_name", "respondent_type", "neighbourhood"):
        assert f'name="{field}"' in html
    assert 'value="staff"' not in html


def test_a_resident_who_signs_up_is_put_in_residents_with_a_profile(client, mailoutbox):
    response = _sign_up(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new.person@example.org")
    assert list(user.groups.values_list("name", flat=True)) == [groups.RESIDENTS]
    assert user.profile.display_name == "New Person"
    assert user.profile.neighbourhood.slug == "central-2"
    assert not EmailAddress.objects.get(user=user).verified
    assert "confirm-email" in mailoutbox[0].body


def test_a_carer_is_put_in_residents(client):
    _sign_up(client, respondent_type="carer")
    user = get_user_model().objects.get(email="new.person@example.org")
    assert user.groups.filter(name=groups.RESIDENTS).exists()


@pytest.mark.parametrize("respondent_type", ["provider", "vcse"])
def test_providers_and_vcse_groups_are_put_in_providers_with_their_organisation(client, respondent_type):
    _sign_up(
        client,
        respondent_type=respondent_type,
        organisation_name="  Hillside   Support Trust ",
        organisation_type="vcse",
    )
    user = get_user_model().objects.get(email="new.person@example.org")
    assert list(user.groups.values_list("name", flat=True)) == [groups.PROVIDERS]
    organisation = user.profile.organisation
    assert organisation.name == "Hillside Support Trust"
    assert organisation.status == "unverified"


def test_a_provider_naming_a_known_organisation_reuses_it_ignoring_case(client, organisation_factory):
    known = organisation_factory(name="Hillside Support Trust")
    _sign_up(client, respondent_type="provider", organisation_name="hillside support trust", organisation_type="vcse")
    user = get_user_model().objects.get(email="new.person@example.org")
    assert user.profile.organisation == known
    assert Organisation.objects.count() == 1


def _error_page(response):
    assert response.status_code == 200, "the form should come back, not redirect"
    html = response.content.decode()
    assert "nhsuk-error-summary" in html
    assert get_user_model().objects.filter(email="new.person@example.org").count() <= 1
    return html


def test_a_taken_email_is_refused_with_a_clear_message(client, user_factory):
    user_factory(email="new.person@example.org", username="existing")
    html = _error_page(_sign_up(client, display_name="Typed Name"))
    assert "An account already uses this email address" in html
    assert 'href="#id_email"' in html
    assert 'value="Typed Name"' in html
    assert get_user_model().objects.filter(email="new.person@example.org").count() == 1


def test_a_weak_password_is_refused_and_the_email_is_kept(client):
    html = _error_page(_sign_up(client, password1="password", password2="password"))
    assert 'href="#id_password1"' in html
    assert "too common" in html or "too short" in html
    assert 'value="new.person@example.org"' in html
    assert 'value="password"' not in html, "passwords are never sent back"
    assert not get_user_model().objects.filter(email="new.person@example.org").exists()


def test_a_bad_email_is_refused_and_kept_for_correction(client):
    html = _error_page(_sign_up(client, email="not-an-email"))
    assert "Enter an email address like name@example.org" in html
    assert 'value="not-an-email"' in html
    assert 'id="id_email-error"' in html


def test_a_resident_without_a_neighbourhood_is_asked_for_one(client):
    html = _error_page(_sign_up(client, neighbourhood=""))
    assert "Choose your neighbourhood" in html
    assert 'href="#id_neighbourhood"' in html
    assert not get_user_model().objects.filter(email="new.person@example.org").exists()


def test_a_provider_without_an_organisation_name_is_asked_for_one(client):
    html = _error_page(_sign_up(client, respondent_type="provider", organisation_type="care_provider"))
    assert "Enter the name of your organisation" in html
    assert 'href="#id_organisation_name"' in html
    assert 'value="New Person"' in html


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("respondent_type", "staff", "Select one of the options listed"),
        ("respondent_type", "emperor", "Select one of the options listed"),
        ("neighbourhood", "99999", "Choose a neighbourhood from the list"),
        ("organisation_type", "pirate_ship", "Choose an organisation type from the list"),
    ],
)
def test_tampered_choices_are_refused(client, field, value, message):
    html = _error_page(_sign_up(client, **{field: value}))
    assert message in html
    assert not get_user_model().objects.filter(email="new.person@example.org").exists()

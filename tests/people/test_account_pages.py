"""allauth's pages in Ladder's NHS.UK layout: error summaries, kept input, the Sign in button."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _sign_in(client, person):
    return client.post(reverse("account_login"), {"login": person.email, "password": "correct-horse-battery"})


def test_the_sign_in_page_has_email_and_password_labels_and_a_sign_in_button(client):
    html = client.get(reverse("account_login")).content.decode()
    assert '<label class="nhsuk-label" for="id_login">Email' in html
    assert '<label class="nhsuk-label" for="id_password">Password' in html
    assert ">Sign in</button>" in html
    assert "placeholder=" not in html.split('id="maincontent"')[1]
    assert 'href="/accounts/signup/"' in html


def test_a_wrong_password_is_summarised_at_the_top_and_the_email_is_kept(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password-1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in html
    assert 'href="#form-non-field-error"' in html and 'id="form-non-field-error"' in html
    assert f'value="{user.email}"' in html
    assert "<title>Error: " in html


def test_password_reset_with_a_bad_email_shows_the_summary_and_keeps_the_text(client):
    response = client.post(reverse("account_reset_password"), {"email": "not an email"})
    html = response.content.decode()
    assert "nhsuk-error-summary" in html
    assert 'href="#id_email"' in html
    assert 'value="not an email"' in html
    assert 'class="nhsuk-input nhsuk-input--error"' in html


def test_password_reset_pages_use_the_nhs_layout(client):
    html = client.get(reverse("account_reset_password")).content.decode()
    assert 'class="nhsuk-heading-l"' in html
    assert 'class="nhsuk-button' in html
    assert 'class="nhsuk-header' in html
    html = client.get(reverse("account_reset_password_done")).content.decode()
    assert 'class="nhsuk-heading-l"' in html


def test_change_password_errors_are_summarised(client, user):
    _sign_in(client, user)
    html = client.post(reverse("account_change_password"), {"oldpassword": "nope"}).content.decode()
    assert "nhsuk-error-summary" in html
    assert 'href="#id_oldpassword"' in html


def _sign_in_and_confirm_access(client, person):
    """allauth asks for the password again before two-factor settings change."""
    _sign_in(client, person)
    client.post(reverse("account_reauthenticate"), {"password": "correct-horse-battery"})


def test_the_authenticator_app_page_shows_a_qr_code_and_the_secret(client, user):
    _sign_in_and_confirm_access(client, user)
    response = client.get(reverse("mfa_activate_totp"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<img src="data:image/svg+xml;base64,' in html
    assert 'id="authenticator_secret"' in html
    assert '<label class="nhsuk-label" for="id_code">' in html


def test_a_wrong_authenticator_code_is_summarised(client, user):
    _sign_in_and_confirm_access(client, user)
    html = client.post(reverse("mfa_activate_totp"), {"code": "000000"}).content.decode()
    assert "nhsuk-error-summary" in html
    assert 'href="#id_code"' in html


def test_the_email_management_page_renders_nhs_radios_and_tags(client, user):
    _sign_in(client, user)
    html = client.get(reverse("account_email")).content.decode()
    assert 'class="nhsuk-radios__input"' in html
    assert "nhsuk-tag" in html

"""Every way to sign in goes through allauth; Wagtail's page-password form still works."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_wagtails_front_end_login_signs_nobody_in(client, user):
    response = client.post(
        "/_util/login/", {"username": user.username, "password": "correct-horse-battery"}, follow=False
    )
    assert response.status_code in {302, 404, 405}
    assert "_auth_user_id" not in client.session
    assert not client.get(reverse("people:profile")).wsgi_request.user.is_authenticated


def test_wagtails_front_end_login_sends_people_to_the_allauth_sign_in_with_their_next_page(client):
    response = client.get("/_util/login/?next=/plan/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/plan/"


def test_a_password_protected_page_opens_with_its_password(client, site_root):
    restriction = PageViewRestriction.objects.create(
        page=site_root, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame"
    )
    site_root.save_revision().publish()
    form_page = client.get(site_root.url)
    assert 'name="password"' in form_page.content.decode()

    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, site_root.pk])
    response = client.post(url, {"password": "open-sesame", "return_url": site_root.url})
    assert response.status_code == 302
    assert restriction.pk in client.session[PageViewRestriction.passed_view_restrictions_session_key]
    opened = client.get(site_root.url)
    assert opened.status_code == 200
    assert 'name="password"' not in opened.content.decode()


def test_a_wrong_page_password_does_not_open_the_page(client, site_root):
    restriction = PageViewRestriction.objects.create(
        page=site_root, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, site_root.pk])
    client.post(url, {"password": "wrong", "return_url": site_root.url})
    assert 'name="password"' in client.get(site_root.url).content.decode()

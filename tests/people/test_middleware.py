"""Staff must set up two-factor authentication before using /admin/ (when STAFF_REQUIRE_MFA is on)."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.urls import reverse

from people import groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def require_mfa(settings):
    settings.STAFF_REQUIRE_MFA = True


@pytest.fixture
def staff_member(user_factory):
    def make(group_name):
        person = user_factory()
        person.groups.add(Group.objects.get(name=group_name))
        return person

    return make


def _give_totp(person):
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})


@pytest.mark.parametrize("group_name", groups.STAFF_GROUPS)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, require_mfa, staff_member, group_name):
    client.force_login(staff_member(group_name))
    response = client.get("/admin/", follow=False)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    page = client.get(response["Location"], follow=True)
    assert "Staff must use two-factor authentication" in page.content.decode()


def test_superusers_without_an_authenticator_are_sent_to_set_one_up(client, require_mfa, user_factory):
    client.force_login(user_factory(is_superuser=True))
    assert client.get("/admin/pages/")["Location"] == reverse("mfa_activate_totp")


def test_staff_with_an_authenticator_reach_the_admin(client, require_mfa, staff_member):
    editor = staff_member(groups.EDITORS)
    _give_totp(editor)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_staff_reach_the_admin_when_the_rule_is_off(client, settings, staff_member):
    settings.STAFF_REQUIRE_MFA = False
    client.force_login(staff_member(groups.EDITORS))
    assert client.get("/admin/").status_code == 200


def test_residents_are_not_sent_to_set_up_two_factor(client, require_mfa, user_factory):
    resident = user_factory()
    resident.groups.add(Group.objects.get(name=groups.RESIDENTS))
    client.force_login(resident)
    response = client.get("/admin/")
    assert response["Location"] != reverse("mfa_activate_totp")


def test_pages_outside_the_admin_are_not_guarded_and_cost_no_query(
    client, require_mfa, staff_member, django_assert_num_queries
):
    from people.middleware import StaffMFAMiddleware

    editor = staff_member(groups.EDITORS)
    client.force_login(editor)
    assert client.get("/accounts/profile/").status_code == 200

    class Request:
        path = "/plan/"
        user = editor

    middleware = StaffMFAMiddleware(lambda request: "passed")
    with django_assert_num_queries(0):
        assert middleware(Request()) == "passed"


def test_the_wagtail_login_page_sends_people_to_the_allauth_sign_in(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"


def test_with_an_authenticator_sign_in_asks_for_the_code(client, user_factory):
    person = user_factory()
    _give_totp(person)
    response = client.post(reverse("account_login"), {"login": person.email, "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(reverse("mfa_authenticate"))
    assert 'name="code"' in page.content.decode()

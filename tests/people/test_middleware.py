"""Staff must use two-factor authentication in the session that reaches /admin/ (when STAFF_REQUIRE_MFA is on)."""

from urllib.parse import urlencode

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from people import groups

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def forget_used_codes():
    """allauth remembers used codes in the cache; ids of rolled-back authenticators come round again."""
    cache.clear()
    yield
    cache.clear()


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


SECRET = "JBSWY3DPEHPK3PXP"


def _give_totp(person):
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": SECRET})


def _current_code(secret=SECRET):
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]
    return format_hotp_value(hotp_value(secret, counter))


def _sign_in_with_password(client, person):
    return client.post(reverse("account_login"), {"login": person.email, "password": "correct-horse-battery"})


def _ask_for_a_code(next_page):
    return f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_page})}"


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


def test_staff_who_gave_a_code_at_sign_in_reach_the_admin(client, require_mfa, staff_member):
    editor = staff_member(groups.EDITORS)
    _give_totp(editor)
    assert _sign_in_with_password(client, editor)["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": _current_code()})
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("group_name", groups.STAFF_GROUPS)
def test_staff_whose_session_did_not_use_their_authenticator_are_asked_for_a_code(
    client, require_mfa, staff_member, group_name
):
    person = staff_member(group_name)
    _give_totp(person)
    client.force_login(person)  # a session signed in without the second step
    response = client.get("/admin/pages/?p=2")
    assert response.status_code == 302
    assert response["Location"] == _ask_for_a_code("/admin/pages/?p=2")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()
    assert "Enter the code from your authenticator app" in page.content.decode()


def test_a_code_given_when_asked_again_opens_the_admin(client, require_mfa, staff_member):
    editor = staff_member(groups.EDITORS)
    _give_totp(editor)
    client.force_login(editor)
    response = client.post(_ask_for_a_code("/admin/pages/"), {"code": _current_code()})
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_giving_the_password_again_does_not_count_as_the_second_factor(client, require_mfa, staff_member):
    editor = staff_member(groups.EDITORS)
    _give_totp(editor)
    client.force_login(editor)
    client.post(reverse("account_reauthenticate"), {"password": "correct-horse-battery"})
    assert client.get("/admin/")["Location"] == _ask_for_a_code("/admin/")


def test_a_code_given_by_someone_else_in_an_earlier_session_does_not_count(client, require_mfa, staff_member):
    first, second = staff_member(groups.EDITORS), staff_member(groups.EDITORS)
    _give_totp(first)
    _give_totp(second)
    client.force_login(first)
    client.post(_ask_for_a_code("/admin/"), {"code": _current_code()})
    client.force_login(second)
    assert client.get("/admin/")["Location"] == _ask_for_a_code("/admin/")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_setting_up_an_authenticator_in_this_session_opens_the_admin(client, require_mfa, staff_member):
    editor = staff_member(groups.EDITORS)
    _sign_in_with_password(client, editor)
    client.post(reverse("account_reauthenticate"), {"password": "correct-horse-battery"})
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
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

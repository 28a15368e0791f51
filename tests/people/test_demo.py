"""Demo accounts: one per role, verified, and the same after a second run."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from people import groups
from people.demo import create_demo_people
from people.models import Organisation, Profile

pytestmark = pytest.mark.django_db

EXPECTED_GROUPS = {
    "resident@example.org": {groups.RESIDENTS},
    "carer@example.org": {groups.RESIDENTS},
    "provider@example.org": {groups.PROVIDERS},
    "editor@example.org": {groups.EDITORS},
    "moderator@example.org": {groups.MODERATORS},
    "commissioner@example.org": {groups.COMMISSIONERS},
    "facilitator@example.org": {groups.FACILITATORS},
}


def test_demo_people_have_verified_emails_profiles_and_their_groups():
    listed = create_demo_people("demo-password-1")
    assert {email for email, _ in listed} == set(EXPECTED_GROUPS)
    for email, expected in EXPECTED_GROUPS.items():
        person = get_user_model().objects.get(email=email)
        assert set(person.groups.values_list("name", flat=True)) == expected
        assert person.check_password("demo-password-1")
        assert EmailAddress.objects.get(user=person, email=email).verified
        assert person.profile.is_complete
    carer = Profile.objects.get(user__email="carer@example.org")
    assert carer.respondent_type == "carer"
    provider = Profile.objects.get(user__email="provider@example.org")
    assert provider.organisation.status == "verified"
    assert provider.is_verified_member  # the demo provider is a confirmed member, shown as verified


def test_demo_people_are_created_once_however_often_it_runs():
    create_demo_people("first-password")
    counts = (
        get_user_model().objects.count(),
        Profile.objects.count(),
        EmailAddress.objects.count(),
        Organisation.objects.count(),
    )
    create_demo_people("second-password")
    assert counts == (
        get_user_model().objects.count(),
        Profile.objects.count(),
        EmailAddress.objects.count(),
        Organisation.objects.count(),
    )
    assert get_user_model().objects.get(email="editor@example.org").check_password("second-password")


def test_demo_staff_can_sign_in_to_the_admin(client):
    create_demo_people("demo-password-1")
    client.post("/accounts/login/", {"login": "editor@example.org", "password": "demo-password-1"})
    assert client.get("/admin/").status_code == 200

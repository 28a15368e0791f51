"""The people app's permission rules, role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from people import groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_in(user_factory):
    def make(group_name=None, **kwargs):
        person = user_factory(**kwargs)
        if group_name:
            person.groups.add(Group.objects.get(name=group_name))
        return person

    return make


@pytest.mark.parametrize(
    "group_name, expected",
    [
        (None, False),
        (groups.RESIDENTS, False),
        (groups.PROVIDERS, False),
        (groups.EDITORS, True),
        (groups.MODERATORS, True),
        (groups.COMMISSIONERS, True),
        (groups.FACILITATORS, True),
    ],
)
def test_is_staff_member_by_group(person_in, group_name, expected):
    import rules

    assert rules.test_rule("people.is_staff_member", person_in(group_name)) is expected


def test_superusers_are_staff_members_and_anonymous_people_are_not(user_factory):
    import rules

    assert rules.test_rule("people.is_staff_member", user_factory(is_superuser=True))
    assert not rules.test_rule("people.is_staff_member", AnonymousUser())


@pytest.mark.parametrize(
    "group_name, may_view_others",
    [
        (groups.RESIDENTS, False),
        (groups.PROVIDERS, False),
        (groups.EDITORS, False),
        (groups.MODERATORS, False),
        (groups.COMMISSIONERS, True),
        (groups.FACILITATORS, False),
    ],
)
def test_view_profile_own_always_others_only_for_commissioners(person_in, profile_factory, group_name, may_view_others):
    viewer = person_in(group_name)
    own = profile_factory(user=viewer)
    other = profile_factory()
    assert viewer.has_perm("people.view_profile", own)
    assert viewer.has_perm("people.view_profile", other) is may_view_others


def test_only_the_owner_may_change_a_profile(person_in, profile_factory):
    commissioner = person_in(groups.COMMISSIONERS)
    profile = profile_factory()
    assert profile.user.has_perm("people.change_profile", profile)
    assert not commissioner.has_perm("people.change_profile", profile)
    assert not AnonymousUser().has_perm("people.change_profile", profile)


@pytest.mark.parametrize(
    "group_name, expected", [(groups.COMMISSIONERS, True), (groups.EDITORS, False), (groups.PROVIDERS, False)]
)
def test_verify_organisation(person_in, organisation, group_name, expected):
    assert person_in(group_name).has_perm("people.verify_organisation", organisation) is expected


def test_signed_in_people_may_download_their_data_and_delete_their_account(user_factory):
    person = user_factory()
    assert person.has_perm("people.download_personal_data")
    assert person.has_perm("people.delete_account")
    assert not AnonymousUser().has_perm("people.delete_account")
    assert not AnonymousUser().has_perm("people.download_personal_data")

"""Membership of an organisation is per person: pending until staff confirm it, and only
confirmed members of a verified organisation show as verified."""

import importlib

import pytest
import rules
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from people import groups
from people.models import MembershipStatus, Neighbourhood, Profile

pytestmark = pytest.mark.django_db

VERIFIED_TAG = '<strong class="nhsuk-tag nhsuk-tag--green">Verified</strong>'


@pytest.fixture
def verified_organisation(organisation_factory):
    return organisation_factory(name="Brookside Care", status="verified")


@pytest.fixture
def confirmed_member(profile_factory, verified_organisation):
    profile = profile_factory(provider=True, organisation=verified_organisation)
    profile.set_membership_status(MembershipStatus.CONFIRMED, by=None)
    profile.save()
    return profile


def _name_organisation(client, user, name):
    client.force_login(user)
    return client.post(
        reverse("people:profile"),
        {
            "display_name": "New Provider",
            "respondent_type": "provider",
            "neighbourhood": str(Neighbourhood.objects.order_by("pk").first().pk),
            "organisation_name": name,
            "organisation_type": "care_provider",
        },
    )


@pytest.mark.parametrize("typed", ["Brookside Care", "brookside care", "  BROOKSIDE   care "])
def test_typing_a_verified_organisations_name_does_not_make_anyone_verified(client, user, verified_organisation, typed):
    _name_organisation(client, user, typed)
    profile = Profile.objects.get(user=user)
    assert profile.organisation == verified_organisation
    assert profile.membership_status == MembershipStatus.PENDING
    assert not profile.is_verified_member
    assert not rules.test_rule("people.is_verified_member", user)
    html = client.get(reverse("people:profile")).content.decode()
    assert "Brookside Care" in html
    assert VERIFIED_TAG not in html
    assert "Waiting for staff to check" in html


def test_a_confirmed_member_of_a_verified_organisation_shows_as_verified(client, confirmed_member):
    assert confirmed_member.is_verified_member
    assert rules.test_rule("people.is_verified_member", confirmed_member.user)
    client.force_login(confirmed_member.user)
    assert VERIFIED_TAG in client.get(reverse("people:profile")).content.decode()


def test_a_confirmed_member_of_an_unverified_organisation_is_not_verified(confirmed_member):
    confirmed_member.organisation.status = "unverified"
    confirmed_member.organisation.save()
    assert not Profile.objects.get(pk=confirmed_member.pk).is_verified_member


def test_naming_another_organisation_makes_the_membership_pending_again(client, confirmed_member, organisation_factory):
    organisation_factory(name="Hillside Trust", status="verified")
    _name_organisation(client, confirmed_member.user, "Hillside Trust")
    profile = Profile.objects.get(pk=confirmed_member.pk)
    assert profile.organisation.name == "Hillside Trust"
    assert profile.membership_status == MembershipStatus.PENDING
    assert profile.membership_checked_at is None


def test_saving_the_same_organisation_keeps_the_confirmation(client, confirmed_member):
    _name_organisation(client, confirmed_member.user, "brookside care")
    assert Profile.objects.get(pk=confirmed_member.pk).is_verified_member


def _staff(user_factory, group_name):
    person = user_factory()
    person.groups.add(Group.objects.get(name=group_name))
    return person


def _bulk_url(action, *profiles):
    ids = "&".join(f"id={profile.pk}" for profile in profiles)
    return f"/admin/bulk/people/profile/{action}/?{ids}"


def test_a_commissioner_confirms_a_pending_member_in_the_admin(client, user, user_factory, verified_organisation):
    _name_organisation(client, user, "Brookside Care")
    commissioner = _staff(user_factory, groups.COMMISSIONERS)
    client.force_login(commissioner)
    profile = Profile.objects.get(user=user)

    listing = client.get("/admin/snippets/people/profile/?membership_status=pending").content.decode()
    assert "New Provider" in listing
    assert "Confirm membership" in listing
    page = client.get(_bulk_url("confirm_membership", profile))
    assert page.status_code == 200
    assert "Brookside Care" in page.content.decode()
    response = client.post(_bulk_url("confirm_membership", profile), {})
    assert response.status_code == 302

    profile.refresh_from_db()
    assert profile.membership_status == MembershipStatus.CONFIRMED
    assert profile.membership_checked_by == commissioner
    assert profile.membership_checked_at is not None
    assert profile.is_verified_member


def test_a_commissioner_may_record_that_someone_is_not_a_member(
    client, user_factory, profile_factory, verified_organisation
):
    profile = profile_factory(provider=True, organisation=verified_organisation)
    client.force_login(_staff(user_factory, groups.COMMISSIONERS))
    client.post(_bulk_url("reject_membership", profile), {})
    profile.refresh_from_db()
    assert profile.membership_status == MembershipStatus.REJECTED
    assert not profile.is_verified_member


@pytest.mark.parametrize("group_name", [groups.EDITORS, groups.MODERATORS, groups.FACILITATORS])
def test_other_staff_cannot_confirm_members(client, user_factory, profile_factory, verified_organisation, group_name):
    profile = profile_factory(provider=True, organisation=verified_organisation)
    client.force_login(_staff(user_factory, group_name))
    client.post(_bulk_url("confirm_membership", profile), {})
    profile.refresh_from_db()
    assert profile.membership_status == MembershipStatus.PENDING


def test_a_profile_without_an_organisation_cannot_be_confirmed(client, user_factory, profile_factory):
    profile = profile_factory()
    client.force_login(_staff(user_factory, groups.COMMISSIONERS))
    client.post(_bulk_url("confirm_membership", profile), {})
    profile.refresh_from_db()
    assert profile.membership_status == MembershipStatus.PENDING


def test_the_data_migration_confirms_only_members_of_verified_organisations(
    profile_factory, organisation_factory, verified_organisation
):
    of_verified = profile_factory(provider=True, organisation=verified_organisation)
    of_unverified = profile_factory(provider=True, organisation=organisation_factory(status="unverified"))
    without = profile_factory()
    migration = importlib.import_module("people.migrations.0004_organisation_membership")
    migration.confirm_members_of_verified_organisations(apps, None)
    assert Profile.objects.get(pk=of_verified.pk).membership_status == MembershipStatus.CONFIRMED
    assert Profile.objects.get(pk=of_unverified.pk).membership_status == MembershipStatus.PENDING
    assert Profile.objects.get(pk=without.pk).membership_status == MembershipStatus.PENDING

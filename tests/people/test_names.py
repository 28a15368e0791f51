"""The names other apps show of a person, from one place (people.services)."""

import pytest

from people.services import AUTHOR_NAME_LENGTH, author_name, display_name, organisation_name

pytestmark = pytest.mark.django_db


def test_a_person_is_shown_by_the_display_name_of_their_profile(profile_factory):
    person = profile_factory(display_name="Sam from Northfield").user
    assert display_name(person) == "Sam from Northfield"
    assert author_name(person) == "Sam from Northfield"


def test_without_a_profile_the_admin_shows_no_name_and_a_post_the_account_name_or_participant(user_factory):
    named = user_factory(first_name="Alex", last_name="Jones")
    unnamed = user_factory()
    assert display_name(named) == display_name(unnamed) == ""
    assert display_name(unnamed, fallback="someone") == "someone"
    assert author_name(named) == "Alex Jones"
    assert author_name(unnamed) == "Participant"


def test_a_long_account_name_is_cut_to_what_a_post_keeps(user_factory):
    person = user_factory(first_name="A" * 150, last_name="B" * 150)
    assert len(author_name(person)) == AUTHOR_NAME_LENGTH


def test_the_organisation_is_named_only_when_the_profile_has_one(profile_factory, organisation_factory):
    member = profile_factory(organisation=organisation_factory(name="Riverside Care")).user
    assert organisation_name(member) == "Riverside Care"
    assert organisation_name(profile_factory().user) == ""

"""Ladder ratings and the shared contribution base."""

import pytest
from django.db import IntegrityError, transaction

from engagement.models import DELETED_ACCOUNT, LadderRating

pytestmark = pytest.mark.django_db


def test_a_rating_knows_its_band(ladder_rating_factory):
    assert ladder_rating_factory(rung=2).band.name == "Doing to"
    assert ladder_rating_factory(rung=5).band.name == "Doing for"
    assert ladder_rating_factory(rung=6).band.name == "Doing with"


def test_a_ratings_free_text_is_stored_as_clean_plain_text(ladder_rating_factory):
    rating = ladder_rating_factory(text="  <em>Felt</em> heard <script>x()</script> ")
    rating.refresh_from_db()
    assert rating.text == "Felt heard"


def test_one_person_cannot_hold_two_participant_ratings_of_one_page(ladder_rating_factory, user, ladder_page):
    ladder_rating_factory(page=ladder_page, author=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        ladder_rating_factory(page=ladder_page, author=user)


def test_one_person_may_give_a_participant_and_an_organisation_rating_of_one_page(
    ladder_rating_factory, user, ladder_page
):
    ladder_rating_factory(page=ladder_page, author=user)
    ladder_rating_factory(page=ladder_page, author=user, perspective=LadderRating.Perspective.ORGANISATION)
    assert LadderRating.objects.filter(page=ladder_page).count() == 2


def test_anonymous_ratings_of_one_page_are_not_limited_by_the_constraint(ladder_rating_factory, ladder_page):
    ladder_rating_factory(page=ladder_page)
    ladder_rating_factory(page=ladder_page)
    assert LadderRating.objects.filter(page=ladder_page, author=None).count() == 2


@pytest.mark.parametrize("rung", [0, 8])
def test_the_database_refuses_a_rung_off_the_ladder(ladder_rating_factory, rung):
    with pytest.raises(IntegrityError), transaction.atomic():
        ladder_rating_factory(rung=rung)


def test_a_rating_outlives_its_authors_account_and_shows_a_deleted_account(ladder_rating_factory, user):
    rating = ladder_rating_factory(author=user)
    user.delete()
    rating.refresh_from_db()
    assert rating.author is None
    assert rating.author_display_name == DELETED_ACCOUNT


def test_an_anonymous_rating_does_not_claim_a_deleted_account(ladder_rating_factory):
    assert ladder_rating_factory().author_display_name != DELETED_ACCOUNT


def test_a_signed_in_authors_display_name_comes_from_their_profile(ladder_rating_factory, user):
    from people.models import Profile

    Profile.objects.create(user=user, display_name="Sam from North 2")
    rating = ladder_rating_factory(author=user)
    assert rating.author_display_name == "Sam from North 2"


def test_ratings_go_when_their_page_is_deleted(ladder_rating_factory, ladder_page):
    ladder_rating_factory(page=ladder_page)
    ladder_page.delete()
    assert not LadderRating.objects.exists()

"""record_rating and the anonymous rate limit."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from engagement import ratelimit, ratings
from engagement.models import LadderRating
from engagement.ratings import record_rating

pytestmark = pytest.mark.django_db


def anonymous_request(address="192.0.2.10"):
    request = RequestFactory().post("/ladder/rate/1/", REMOTE_ADDR=address)
    request.user = AnonymousUser()
    return request


def test_a_signed_in_persons_second_rating_updates_the_first(ladder_page, user):
    first = record_rating(ladder_page, 3, "Told, not asked", user=user)
    second = record_rating(ladder_page, 6, "Better this time", user=user)
    assert first.pk == second.pk
    assert LadderRating.objects.get(pk=first.pk).rung == 6
    assert LadderRating.objects.get(pk=first.pk).text == "Better this time"
    assert LadderRating.objects.count() == 1


def test_anonymous_ratings_are_each_kept(ladder_page):
    record_rating(ladder_page, 2, user=AnonymousUser())
    record_rating(ladder_page, 7, user=None)
    assert LadderRating.objects.filter(author=None).count() == 2


def test_a_rating_snapshots_the_persons_respondent_type_neighbourhood_and_locality(ladder_page, user):
    from people.models import Neighbourhood, Profile

    neighbourhood = Neighbourhood.objects.select_related("locality").first()
    Profile.objects.create(user=user, display_name="Alex", respondent_type="carer", neighbourhood=neighbourhood)
    rating = record_rating(ladder_page, 5, user=user)
    assert (rating.respondent_type, rating.neighbourhood, rating.locality) == (
        "carer",
        neighbourhood.name,
        neighbourhood.locality.name,
    )


def test_a_person_without_a_profile_is_recorded_without_a_snapshot(ladder_page, user):
    rating = record_rating(ladder_page, 5, user=user)
    assert (rating.respondent_type, rating.neighbourhood, rating.locality) == ("", "", "")


@pytest.mark.parametrize("rung", [0, 8, "4", None])
def test_a_rung_off_the_ladder_is_refused(ladder_page, rung):
    with pytest.raises(ValidationError):
        record_rating(ladder_page, rung)


def test_staff_record_the_organisations_rung_beside_participants(ladder_page, user, user_factory):
    user.groups.add(Group.objects.get_or_create(name="Commissioners")[0])
    participant = user_factory()
    record_rating(ladder_page, 4, user=participant)
    ours = record_rating(ladder_page, 7, user=user, perspective=LadderRating.Perspective.ORGANISATION)
    assert ours.perspective == "organisation"
    assert LadderRating.objects.filter(page=ladder_page).count() == 2


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_only_staff_may_record_the_organisations_rung(ladder_page, user, who):
    person = AnonymousUser() if who == "anonymous" else user
    with pytest.raises(PermissionDenied):
        record_rating(ladder_page, 7, user=person, perspective=LadderRating.Perspective.ORGANISATION)
    assert not LadderRating.objects.exists()


def test_an_address_may_give_ten_anonymous_ratings_an_hour_then_must_wait(ladder_page):
    request = anonymous_request()
    for _ in range(ratings.ANONYMOUS_LIMIT):
        assert ratings.anonymous_rate_limit(request) is None
        record_rating(ladder_page, 4, user=request.user, request=request)
    limited = ratings.anonymous_rate_limit(request)
    assert limited is not None
    assert 3500 < limited.retry_after <= 3600
    assert ratings.anonymous_rate_limit(anonymous_request("192.0.2.99")) is None


def test_the_limit_lifts_an_hour_after_the_oldest_rating(ladder_page, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock[0])
    request = anonymous_request()
    for _ in range(ratings.ANONYMOUS_LIMIT):
        record_rating(ladder_page, 4, user=request.user, request=request)
        clock[0] += 60
    assert ratings.anonymous_rate_limit(request) is not None
    clock[0] = 1_000_000.0 + ratings.ANONYMOUS_WINDOW_SECONDS + 1
    assert ratings.anonymous_rate_limit(request) is None


def test_signed_in_people_are_not_rate_limited(user):
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.10")
    request.user = user
    assert ratings.anonymous_rate_limit(request) is None

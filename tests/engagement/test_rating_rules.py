"""Where a rating may be given: one rule (``engagement.add_participant_rating``) for both routes.

A consultation takes "How involved do you feel?" only while it is open, whether the rating is
posted to its own ``feedback/`` route or to ``/ladder/rate/<page id>/``; any other page always
takes ratings.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from engagement.models import LadderRating
from tests.engagement.consultation_helpers import main_text, route

pytestmark = pytest.mark.django_db

STATES = {"upcoming": {"upcoming": True}, "open": {}, "closed": {"closed": True}}
ROUTES = {
    "ladder rate": lambda page: reverse("engagement:rate", args=[page.pk]),
    "consultation feedback": lambda page: route(page, "feedback/"),
}


@pytest.mark.parametrize("state", STATES)
def test_the_rule_lets_a_consultation_be_rated_only_while_open(consultation_page_factory, user, state):
    page = consultation_page_factory(**STATES[state])
    for person in (AnonymousUser(), user):
        assert person.has_perm("engagement.add_participant_rating", page) is (state == "open")


def test_the_rule_lets_any_other_page_be_rated(ladder_page, user):
    assert AnonymousUser().has_perm("engagement.add_participant_rating", ladder_page)
    assert user.has_perm("engagement.add_participant_rating", ladder_page)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed in"])
@pytest.mark.parametrize("route_name", ROUTES)
@pytest.mark.parametrize("state", STATES)
def test_both_routes_rate_a_consultation_only_while_it_is_open(
    client, consultation_page_factory, user, state, route_name, signed_in
):
    page = consultation_page_factory(**STATES[state])
    if signed_in:
        client.force_login(user)
    url = ROUTES[route_name](page)
    response = client.post(url, {"rung": "4"})
    if state == "open":
        assert response.status_code in {302, 303}
        assert LadderRating.objects.filter(page=page, rung=4).count() == 1
    else:
        assert response.status_code == 403
        assert not LadderRating.objects.exists()
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("state", ["upcoming", "closed"])
def test_the_refusal_says_why_the_consultation_takes_no_feedback(client, consultation_page_factory, state):
    page = consultation_page_factory(**STATES[state])
    text = main_text(client.post(reverse("engagement:rate", args=[page.pk]), {"rung": "4"}))
    expected = "This consultation is not open yet" if state == "upcoming" else "This consultation has closed"
    assert expected in text

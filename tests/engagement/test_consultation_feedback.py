"""Quick ladder feedback on a consultation at ``<consultation>/feedback/``, signed in or not."""

import pytest

from engagement import ratings
from engagement.models import LadderRating
from tests.engagement.consultation_helpers import error_summary, main_text, route, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(consultation_page_factory):
    return consultation_page_factory()


def test_anyone_gives_feedback_and_returns_to_the_question(client, consultation):
    response = client.post(route(consultation, "feedback/"), {"rung": "4", "text": "Asked, not heard"})
    assert response.status_code == 303
    assert response["Location"] == f"{consultation.url}#ladder-rating"
    rating = LadderRating.objects.get()
    assert (rating.page_id, rating.rung, rating.author, rating.perspective) == (consultation.pk, 4, None, "participant")
    assert "You told us you feel at rung 4, Consultation (doing for)." in main_text(client.get(consultation.url))


def test_a_signed_in_persons_second_answer_replaces_the_first(client, consultation, user):
    client.force_login(user)
    client.post(route(consultation, "feedback/"), {"rung": "3"})
    client.post(route(consultation, "feedback/"), {"rung": "6"})
    assert list(LadderRating.objects.values_list("author", "rung")) == [(user.pk, 6)]


def test_the_feedback_page_asks_the_consultation_question(client, consultation):
    page = soup(client.get(route(consultation, "feedback/")))
    assert page.h1.get_text(strip=True) == "How involved do you feel in this decision?"
    assert len(page.select("input[name=rung]")) == 7


def test_a_missing_rung_is_refused_with_the_error_summary(client, consultation):
    response = client.post(route(consultation, "feedback/"), {"text": "No rung chosen"})
    assert response.status_code == 200
    assert error_summary(response)
    assert "No rung chosen" in soup(response).select_one("textarea[name=text]").get_text()
    assert not LadderRating.objects.exists()


def test_anonymous_feedback_is_rate_limited(client, consultation):
    for _ in range(ratings.ANONYMOUS_LIMIT):
        assert client.post(route(consultation, "feedback/"), {"rung": "4"}).status_code == 303
    response = client.post(route(consultation, "feedback/"), {"rung": "4"})
    assert response.status_code == 429
    assert "Retry-After" in response
    assert LadderRating.objects.count() == ratings.ANONYMOUS_LIMIT


@pytest.mark.parametrize("when", ["closed", "upcoming"])
def test_a_consultation_that_is_not_open_takes_no_feedback(client, consultation_page_factory, when):
    page = consultation_page_factory(**{when: True})
    assert client.post(route(page, "feedback/"), {"rung": "4"}).status_code == 403
    assert not LadderRating.objects.exists()

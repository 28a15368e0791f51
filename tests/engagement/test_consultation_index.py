"""The consultations index at /consultations/: groups by status, filters, cards and participant counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engagement.models import ConsultationPage, LadderRating
from people.models import Neighbourhood
from tests.engagement.consultation_helpers import error_summary, main_text, soup
from tests.engagement.factories import consultation_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return consultation_index()


@pytest.fixture
def three(consultation_page_factory):
    """One open, one upcoming and one closed consultation."""
    return {
        "open": consultation_page_factory(title="Carers' contact point"),
        "upcoming": consultation_page_factory(title="Supported housing", upcoming=True),
        "closed": consultation_page_factory(title="Technology-enabled care", closed=True),
    }


def card_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".ladder-consultation-cards h3 a")]


def test_the_index_groups_open_upcoming_and_closed_consultations(client, index, three):
    response = client.get(index.url)
    page = soup(response)
    assert [h.get_text(strip=True) for h in page.select("main section[aria-labelledby^=consultations-] h2")] == [
        "Open consultations",
        "Upcoming consultations",
        "Closed consultations",
    ]
    assert card_titles(response) == ["Carers' contact point", "Supported housing", "Technology-enabled care"]


def test_each_card_says_when_it_closes_closed_or_opens(client, index, three):
    text = main_text(client.get(index.url))
    assert f"Closes {three['open'].closes_at.strftime('%-d %B %Y')}" in text
    assert f"Opens on {three['upcoming'].opens_at.strftime('%-d %B %Y')}" in text
    assert f"Closed on {three['closed'].closes_at.strftime('%-d %B %Y')}" in text


@pytest.mark.parametrize(
    ("status", "expected"),
    [("open", "Carers' contact point"), ("upcoming", "Supported housing"), ("closed", "Technology-enabled care")],
)
def test_the_status_filter_shows_only_that_status(client, index, three, status, expected):
    assert card_titles(client.get(index.url, {"status": status})) == [expected]


def test_a_consultation_closed_early_counts_as_closed(client, index, three):
    ConsultationPage.objects.filter(pk=three["open"].pk).update(closed_early_at=timezone.now() - timedelta(hours=1))
    assert card_titles(client.get(index.url, {"status": "open"})) == []
    assert "Carers' contact point" in card_titles(client.get(index.url, {"status": "closed"}))


def test_the_topic_filter(client, index, consultation_page_factory, topic_factory):
    carers = topic_factory(name="Carers' support", slug="carers")
    housing = topic_factory(name="Supported housing", slug="housing")
    consultation_page_factory(title="About carers", topics=[carers])
    consultation_page_factory(title="About housing", topics=[housing])
    response = client.get(index.url, {"topic": "carers"})
    assert card_titles(response) == ["About carers"]
    assert "Topics: Carers' support" in main_text(response)


def test_the_neighbourhood_filter_keeps_whole_city_consultations(client, index, consultation_page_factory):
    first, second = Neighbourhood.objects.order_by("pk")[:2]
    consultation_page_factory(title="Here", neighbourhoods=[first])
    consultation_page_factory(title="Elsewhere", neighbourhoods=[second])
    consultation_page_factory(title="Whole city")
    assert sorted(card_titles(client.get(index.url, {"neighbourhood": first.slug}))) == ["Here", "Whole city"]


def test_filters_combine(client, index, consultation_page_factory, topic_factory):
    carers = topic_factory(slug="carers")
    consultation_page_factory(title="Open carers", topics=[carers])
    consultation_page_factory(title="Closed carers", topics=[carers], closed=True)
    assert card_titles(client.get(index.url, {"topic": "carers", "status": "closed"})) == ["Closed carers"]


def test_the_filter_form_is_a_labelled_get_form(client, index):
    form = soup(client.get(index.url)).select_one("main form.ladder-filters")
    assert form["method"] == "get"
    for name in ("status", "topic", "neighbourhood"):
        select = form.select_one(f"select[name={name}]")
        assert form.select_one(f"label[for={select['id']}]") is not None


def test_a_filter_value_that_does_not_exist_is_reported(client, index, three):
    response = client.get(index.url, {"topic": "no-such-topic"})
    assert response.status_code == 200
    assert error_summary(response)


def test_no_match_says_so(client, index, three, topic_factory):
    topic_factory(slug="lonely")
    assert "No consultations match these filters." in main_text(client.get(index.url, {"topic": "lonely"}))


def test_drafts_are_not_listed(client, index, consultation_page_factory):
    consultation_page_factory(title="Draft").unpublish()
    assert "Draft" not in card_titles(client.get(index.url))


def test_participants_are_distinct_people_who_commented_or_gave_feedback(
    client, index, consultation_page_factory, comment_factory, user_factory
):
    page = consultation_page_factory(title="Counted")
    both, commenter, rater = user_factory(), user_factory(), user_factory()
    comment_factory(consultation=page, author=both)
    comment_factory(consultation=page, author=both)
    comment_factory(consultation=page, author=commenter, status="pending")
    comment_factory(consultation=page, author=None, email="x@example.org", status="pending")
    comment_factory(consultation=page, author=None, email="X@example.org".lower(), status="published")
    comment_factory(consultation=page, author=None, email="unconfirmed@example.org", status="unconfirmed")
    comment_factory(consultation=page, author=None, email="spam@example.org", status="rejected")
    LadderRating.objects.create(page=page, author=both, rung=5)
    LadderRating.objects.create(page=page, author=rater, rung=6)
    LadderRating.objects.create(page=page, rung=3)  # anonymous feedback
    LadderRating.objects.create(page=page, author=user_factory(), rung=2, perspective="organisation")
    counted = ConsultationPage.objects.filter(pk=page.pk).with_participant_counts().get()
    # both, commenter, rater, x@example.org, one anonymous rating
    assert counted.participant_count == 5
    assert "5 people have taken part" in main_text(client.get(index.url))


def test_the_index_runs_the_same_number_of_queries_for_2_and_12_consultations(
    client, index, consultation_page_factory, comment_factory
):
    counts = []
    for extra in (2, 10):
        for _ in range(extra):
            page = consultation_page_factory()
            comment_factory(consultation=page)
        client.get(index.url)  # warm Wagtail's site caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index.url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]

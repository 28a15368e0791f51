"""The rating view at /ladder/rate/<page id>/: the form alone, recording, errors, 404s, 429, CSRF."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from engagement import ratings
from engagement.forms import RUNG_ERROR
from engagement.models import LadderRating

pytestmark = pytest.mark.django_db


def rate_url(page):
    return reverse("engagement:rate", args=[page.pk])


def test_the_rating_form_has_its_own_page_asking_about_the_page(client, ladder_page):
    response = client.get(rate_url(ladder_page))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "How involved did you feel?"
    assert ladder_page.title in soup.legend.get_text()
    assert soup.title.get_text().startswith("How involved did you feel? About " + ladder_page.title)
    assert len(soup.select("input[type=radio][name=rung]")) == 7
    assert soup.select_one("#ladder-rating form")["action"] == rate_url(ladder_page)


def test_a_rating_is_recorded_and_the_person_goes_back_to_the_page_with_thanks(client, ladder_page):
    response = client.post(rate_url(ladder_page), {"rung": "6", "text": "We wrote it together"}, follow=True)
    assert response.redirect_chain[-1][0] == ladder_page.url
    rating = LadderRating.objects.get()
    assert (rating.page_id, rating.rung, rating.text, rating.author) == (
        ladder_page.pk,
        6,
        "We wrote it together",
        None,
    )
    assert "Thank you. You told us you felt at rung 6, Co-design (doing with)." in response.content.decode()


def test_a_signed_in_person_rating_again_updates_their_rating(client, user, ladder_page):
    client.force_login(user)
    client.post(rate_url(ladder_page), {"rung": "3"})
    client.post(rate_url(ladder_page), {"rung": "5", "text": "Asked twice"})
    rating = LadderRating.objects.get()
    assert (rating.author, rating.rung, rating.text) == (user, 5, "Asked twice")


def test_a_signed_in_person_sees_their_earlier_rung_chosen(client, user, ladder_page, ladder_rating_factory):
    ladder_rating_factory(page=ladder_page, author=user, rung=5)
    client.force_login(user)
    soup = BeautifulSoup(client.get(rate_url(ladder_page)).content, "html.parser")
    assert soup.select_one("input[name=rung][checked]")["value"] == "5"


@pytest.mark.parametrize("tampered", [None, "0", "8", "abc"])
def test_a_bad_rung_shows_the_error_summary_the_message_by_the_field_and_keeps_the_text(client, ladder_page, tampered):
    data = {"text": "I was only told <b>afterwards</b>"}
    if tampered is not None:
        data["rung"] = tampered
    response = client.post(rate_url(ladder_page), data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".nhsuk-error-summary")
    assert summary is not None
    link = summary.select_one("a")
    assert link.get_text(strip=True) == RUNG_ERROR
    assert soup.select_one(link["href"]) is not None, "the summary links to the first radio"
    assert RUNG_ERROR in soup.select_one("#ladder-rung-error").get_text()
    assert soup.select_one("textarea[name=text]").get_text().removeprefix("\n") == data["text"]
    assert soup.title.get_text().startswith("Error: ")
    assert not LadderRating.objects.exists()


def test_text_that_is_too_long_is_refused_and_kept(client, ladder_page):
    text = "x" * 2001
    response = client.post(rate_url(ladder_page), {"rung": "4", "text": text})
    soup = BeautifulSoup(response.content, "html.parser")
    assert "2,000 characters or fewer" in soup.select_one("#ladder-text-error").get_text()
    assert soup.select_one("textarea[name=text]").get_text().removeprefix("\n") == text
    assert soup.select_one("input[name=rung][checked]")["value"] == "4"
    assert not LadderRating.objects.exists()


def test_an_unknown_page_cannot_be_rated(client):
    assert client.get(reverse("engagement:rate", args=[999999])).status_code == 404
    assert client.post(reverse("engagement:rate", args=[999999]), {"rung": "4"}).status_code == 404


def test_an_unpublished_page_cannot_be_rated(client, ladder_page):
    ladder_page.unpublish()
    assert client.get(rate_url(ladder_page)).status_code == 404
    assert client.post(rate_url(ladder_page), {"rung": "4"}).status_code == 404
    assert not LadderRating.objects.exists()


def test_a_private_page_cannot_be_rated(client, ladder_page):
    PageViewRestriction.objects.create(page=ladder_page, restriction_type=PageViewRestriction.LOGIN)
    assert client.post(rate_url(ladder_page), {"rung": "4"}).status_code == 404


def test_the_wagtail_root_page_cannot_be_rated(client):
    from wagtail.models import Page

    assert client.get(rate_url(Page.objects.get(depth=1))).status_code == 404


def test_an_eleventh_anonymous_rating_in_an_hour_gets_a_429_saying_when_to_try_again(client, ladder_page):
    for _ in range(ratings.ANONYMOUS_LIMIT):
        assert client.post(rate_url(ladder_page), {"rung": "4"}).status_code == 302
    response = client.post(rate_url(ladder_page), {"rung": "4"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Please try again later" in text
    assert "You can try again after" in text
    assert LadderRating.objects.count() == ratings.ANONYMOUS_LIMIT


def test_the_rating_form_refuses_a_post_without_a_csrf_token(ladder_page):
    client = Client(enforce_csrf_checks=True)
    assert client.post(rate_url(ladder_page), {"rung": "4"}).status_code == 403
    assert not LadderRating.objects.exists()


def test_the_rating_form_accepts_a_post_with_its_csrf_token(ladder_page):
    client = Client(enforce_csrf_checks=True)
    soup = BeautifulSoup(client.get(rate_url(ladder_page)).content, "html.parser")
    token = soup.select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert client.post(rate_url(ladder_page), {"rung": "4", "csrfmiddlewaretoken": token}).status_code == 302
    assert LadderRating.objects.count() == 1


def test_other_methods_are_not_allowed(client, ladder_page):
    assert client.put(rate_url(ladder_page)).status_code == 405

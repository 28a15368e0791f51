"""The whole-page cache for anonymous visitors: who gets it, CSRF tokens, and invalidation."""

import pytest
from django.test import Client, RequestFactory
from wagtail.models import PageViewRestriction

from home.demo import publish
from serving import page_cache

pytestmark = pytest.mark.django_db


def test_each_visitor_gets_their_own_csrf_token_from_a_cached_page(sections):
    Client().get("/plan/vision/")
    response = Client().get("/plan/vision/")
    html = response.content.decode()
    assert response["X-Ladder-Page-Cache"] == "hit"
    assert page_cache.CSRF_PLACEHOLDER not in html
    if 'name="csrfmiddlewaretoken"' in html:  # the ladder rating form is on the page
        assert "csrftoken" in response.cookies


def test_visitors_with_a_session_are_never_served_from_the_cache(client, user, sections):
    Client().get("/plan/vision/")
    client.force_login(user)
    response = client.get("/plan/vision/")
    assert "X-Ladder-Page-Cache" not in response


def test_query_strings_bypass_the_cache(client, sections):
    client.get("/plan/vision/?utm=1")
    assert "X-Ladder-Page-Cache" not in client.get("/plan/vision/?utm=1")


def test_a_page_that_does_not_opt_in_is_not_stored():
    request = RequestFactory().get("/anything/")
    response = page_cache.HttpResponse("<p>hi</p>")
    assert page_cache.freeze(request, response) is None


def test_making_a_page_private_takes_it_out_of_the_cache_at_once(client, sections):
    client.get("/plan/vision/")
    PageViewRestriction.objects.create(page=sections["vision"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/plan/vision/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_publishing_any_page_renews_the_content_version(home_page, sections):
    before = page_cache.content_version()
    publish(sections["measures"])
    assert page_cache.content_version() != before


def test_home_page_shows_a_published_change_at_once(client, home_page):
    client.get("/")
    home_page.intro = "A new welcome for everyone."
    publish(home_page)
    assert "A new welcome for everyone." in client.get("/").content.decode()

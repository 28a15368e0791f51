"""Remembered routing (serving/routing.py): fewer queries, and never a stale or wrong page."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.demo import publish
from serving import routing

pytestmark = pytest.mark.django_db


def query_count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured)


def test_a_second_visit_skips_the_site_lookup_and_the_tree_walk(client, user, sections):
    client.force_login(user)
    _, first = query_count(client, "/plan/priorities/")
    client.get("/plan/priorities/")
    response, later = query_count(client, "/plan/priorities/")
    assert response.status_code == 200
    assert later <= first - 6


def test_a_renamed_page_answers_at_its_new_address_and_not_the_old_one(client, sections):
    assert client.get("/plan/priorities/").status_code == 200
    section = sections["priorities"]
    section.slug = "our-priorities"
    publish(section)
    assert client.get("/plan/priorities/").status_code == 404
    assert client.get("/plan/our-priorities/").status_code == 200


def test_an_unpublished_page_is_gone_at_once(client, sections):
    assert client.get("/plan/measures/").status_code == 200
    sections["measures"].unpublish()
    assert client.get("/plan/measures/").status_code == 404


def test_a_moved_page_answers_at_its_new_address(client, plan, home_page, sections):
    assert client.get("/plan/vision/").status_code == 200
    sections["vision"].move(home_page, pos="last-child")
    old = client.get("/plan/vision/")
    assert (old.status_code, old["Location"]) == (301, "/vision/")  # Wagtail's automatic redirect
    assert client.get("/vision/").status_code == 200


def test_a_view_restriction_added_later_sends_visitors_to_sign_in(client, sections):
    for _ in range(2):
        assert client.get("/plan/vision/").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=sections["vision"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Editors"))
    response = client.get("/plan/vision/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_sub_route_of_a_routable_page_is_served_from_memory(client, sections):
    for _ in range(3):
        response = client.get("/plan/print/")
        assert response.status_code == 200
        assert "Putting prevention into practice" in response.content.decode()


def test_each_request_gets_its_own_copy_of_the_remembered_page(sections):
    factory = RequestFactory()
    routing.route_for_request(factory.get("/plan/vision/", HTTP_HOST="localhost"), "plan/vision/")
    first = routing.route_for_request(factory.get("/plan/vision/", HTTP_HOST="localhost"), "plan/vision/")[0]
    second = routing.route_for_request(factory.get("/plan/vision/", HTTP_HOST="localhost"), "plan/vision/")[0]
    assert first == second and first is not second
    first.request_note = "only mine"
    assert not hasattr(second, "request_note")


def test_an_unknown_address_is_a_404_every_time(client, plan):
    for _ in range(2):
        assert client.get("/plan/no-such-section/").status_code == 404

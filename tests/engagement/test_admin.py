"""Commissioners browse ladder ratings in the admin: read-only, filtered by rung, band, perspective, page."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission

pytestmark = pytest.mark.django_db

INDEX = "/admin/ladder_ratings/"


@pytest.fixture
def commissioner(user_factory):
    person = user_factory()
    person.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_ladderrating"),
    )
    return person


def rows(response):
    return BeautifulSoup(response.content, "html.parser").select("table.listing tbody tr")


def test_a_commissioner_sees_every_rating(client, commissioner, ladder_rating_factory):
    ladder_rating_factory(rung=2)
    ladder_rating_factory(rung=7)
    client.force_login(commissioner)
    response = client.get(INDEX)
    assert response.status_code == 200
    assert len(rows(response)) == 2
    assert "7. Co-production" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("band=doing_to", 1), ("band=doing_with", 2), ("rung=6", 1), ("perspective=organisation", 1)],
)
def test_ratings_can_be_filtered(client, commissioner, ladder_rating_factory, query, expected):
    ladder_rating_factory(rung=1)
    ladder_rating_factory(rung=6)
    ladder_rating_factory(rung=7, perspective="organisation")
    client.force_login(commissioner)
    assert len(rows(client.get(f"{INDEX}?{query}"))) == expected


def test_ratings_can_be_filtered_by_page(client, commissioner, ladder_rating_factory, ladder_page):
    ladder_rating_factory(page=ladder_page)
    ladder_rating_factory()
    client.force_login(commissioner)
    assert len(rows(client.get(f"{INDEX}?page={ladder_page.pk}"))) == 1


def test_nobody_can_add_edit_or_delete_a_rating_in_the_admin(client, admin_user, ladder_rating):
    client.force_login(admin_user)
    assert client.get(INDEX).status_code == 200
    assert client.get(f"{INDEX}new/").status_code in {302, 403}
    assert client.get(f"{INDEX}edit/{ladder_rating.pk}/").status_code in {302, 403}
    assert client.post(f"{INDEX}delete/{ladder_rating.pk}/").status_code in {302, 403}
    ladder_rating.refresh_from_db()
    assert client.get(f"{INDEX}inspect/{ladder_rating.pk}/").status_code == 200


def test_a_person_without_the_view_permission_cannot_see_ratings(client, user):
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(INDEX).status_code in {302, 403}

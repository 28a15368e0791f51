"""A person's ladder ratings are part of their personal data download."""

import pytest

from engagement.personal_data import ladder_ratings_for

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_persons_ratings_and_no_one_elses(user, user_factory, ladder_rating_factory):
    ladder_rating_factory(author=user, rung=6, text="Good session")
    ladder_rating_factory(author=user_factory(), rung=1)
    ladder_rating_factory(rung=2)
    section = ladder_ratings_for(user)
    assert len(section) == 1
    assert section[0]["rung"] == 6
    assert section[0]["rung_name"] == "Co-design"
    assert section[0]["band"] == "Doing with"
    assert section[0]["text"] == "Good session"


def test_the_section_is_registered_with_the_people_registry():
    from people import personal_data

    assert "ladder_ratings" in personal_data.section_names()

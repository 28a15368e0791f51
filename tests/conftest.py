"""Fixtures shared by every test.

Factories live beside the tests of their app (``tests/<app>/factories.py``) and are registered
here with pytest-factoryboy, so a test can ask for ``user``, ``user_factory`` and so on.
"""

import pytest
from pytest_factoryboy import register

import tests.hypothesis_profiles  # noqa: F401 (registers and loads the Hypothesis profile)
from tests.engagement.factories import (
    CommentFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    LadderPageFactory,
    LadderRatingFactory,
    TopicFactory,
)
from tests.labs.factories import LabPageFactory, LabSessionFactory, RegistrationFactory
from tests.people.factories import OrganisationFactory, ProfileFactory, UserFactory

register(UserFactory)
register(OrganisationFactory)
register(ProfileFactory)
register(LadderPageFactory)
register(ConsultationIndexPageFactory)
register(LadderRatingFactory)
register(TopicFactory)
register(ConsultationPageFactory)
register(CommentFactory)
register(LabPageFactory)
register(LabSessionFactory)
register(RegistrationFactory)


@pytest.fixture
def site_root(db):
    """The Wagtail site's root page (the home page created by migrations or seed_demo)."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture(autouse=True)
def forget_remembered_routes():
    """Each test starts without the routes and pages a previous test's process memory kept."""
    from serving.routing import forget_routes

    forget_routes()
    yield
    forget_routes()

"""Fixtures for the home app: a HomePage as the site root, a small plan, and an empty cache."""

import pytest
from django.core.cache import cache

from home.demo import ensure_home_page, publish
from tests.home.factories import PlanPageFactory, PlanSectionPageFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache, so cached fragments never leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The site's HomePage (Wagtail's welcome page replaced, as seed_demo does)."""
    return ensure_home_page()


@pytest.fixture
def plan(home_page):
    """A published plan with three published sections: Vision, Priorities, Measures."""
    plan = publish(PlanPageFactory(parent=home_page, title="Better Outcomes, Better Lives", slug="plan"))
    for title, slug, text in (
        ("Vision", "vision", "Living my best life at home."),
        ("Priorities", "priorities", "Putting prevention into practice comes first."),
        ("Measures", "measures", "Fewer people in residential care."),
    ):
        publish(
            PlanSectionPageFactory(
                parent=plan,
                title=title,
                slug=slug,
                body=[{"type": "paragraph", "value": f"<p>{text}</p>"}],
            )
        )
    return plan


@pytest.fixture
def sections(plan):
    """The plan's sections in order, by slug."""
    return {page.slug: page.specific for page in plan.get_children()}

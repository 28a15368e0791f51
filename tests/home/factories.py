"""Factories for the site's page types (wagtail-factories). Pass ``parent=`` to place a page."""

import factory
import wagtail_factories

from home.models import HomePage, PlanPage, PlanSectionPage, PlanStatus, StandardPage


def paragraph(text):
    """A one-paragraph body in StreamField's JSON form."""
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Shape adult social care"
    intro = "Have your say on care in the city."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "A plain page."
    body = factory.LazyFunction(lambda: paragraph("Plain words."))

    class Meta:
        model = StandardPage


class PlanPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Commissioning plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    year = 2021
    status = PlanStatus.CURRENT
    summary = "Our plan for adult social care."

    class Meta:
        model = PlanPage


class PlanSectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Plan section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    introduction = "What this section is about."
    body = factory.LazyFunction(lambda: paragraph("Section text."))

    class Meta:
        model = PlanSectionPage

"""Factories for engagement: the ladder page, the consultations index and ladder ratings."""

import factory
import wagtail_factories
from wagtail.models import Site

from engagement.models import ConsultationIndexPage, LadderPage, LadderRating


def default_site_root():
    """The default site's root page: new pages go under it, so they have a public address."""
    return Site.objects.get(is_default_site=True).root_page


class LadderPageFactory(wagtail_factories.PageFactory):
    """A published ladder of co-production page under the site root."""

    class Meta:
        model = LadderPage

    title = factory.Sequence(lambda n: f"Ladder of co-production {n}")
    intro = "<p>How we measure whether people felt involved.</p>"
    parent = factory.LazyFunction(default_site_root)


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    """A published consultations index under the site root."""

    class Meta:
        model = ConsultationIndexPage

    title = factory.Sequence(lambda n: f"Consultations {n}")
    intro = "<p>Have your say on our plans.</p>"
    parent = factory.LazyFunction(default_site_root)


class LadderRatingFactory(factory.django.DjangoModelFactory):
    """An anonymous participant's rating of a ladder page (pass ``author=`` for a signed-in person)."""

    class Meta:
        model = LadderRating

    page = factory.SubFactory(LadderPageFactory)
    rung = 4
    perspective = LadderRating.Perspective.PARTICIPANT
    text = ""
    author = None

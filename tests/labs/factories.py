"""Factories for Innovation Labs: the labs index, lab pages with themes, sessions, registrations."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from labs.models import LabIndexPage, LabPage, LabSession, LabTheme, Registration
from tests.engagement.factories import default_site_root


def lab_index():
    """The labs index the tests share (made once, under the site root, at /labs/)."""
    return LabIndexPage.objects.order_by("pk").first() or LabIndexPageFactory()


class LabIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LabIndexPage

    title = "Innovation Labs"
    slug = "labs"
    intro = "<p>Quarterly labs with providers and partners.</p>"
    parent = factory.LazyFunction(default_site_root)


class LabPageFactory(wagtail_factories.PageFactory):
    """A published lab with registration open now and the lab itself in a week.

    Themes: pass ``themes=["Social value", …]`` (default: two themes).
    """

    class Meta:
        model = LabPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Innovation Lab {n}")
    quarter = "Q1 2027"
    summary = "Providers and partners design care closer to home together."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda lab: lab.starts_at + timedelta(hours=3))
    format = LabPage.Format.HYBRID
    place = "Town Hall, Committee Room 2"
    capacity = 40
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    registration_closes_at = factory.LazyAttribute(lambda lab: lab.starts_at - timedelta(hours=1))
    parent = factory.LazyFunction(lab_index)

    @factory.post_generation
    def themes(lab, create, extracted, **kwargs):
        if not create:
            return
        for order, name in enumerate(extracted or ["Social value", "Technology-enabled care"]):
            LabTheme.objects.create(lab=lab, name=name, sort_order=order)


class LabSessionFactory(factory.django.DjangoModelFactory):
    """A live session of a lab, happening now."""

    class Meta:
        model = LabSession

    lab = factory.SubFactory(LabPageFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=5))
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(hours=2))
    vote_budget = 3


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed place at a lab."""

    class Meta:
        model = Registration

    lab = factory.SubFactory(LabPageFactory)
    person = factory.SubFactory("tests.people.factories.UserFactory")
    status = Registration.Status.CONFIRMED

"""Factories for engagement: the ladder page, ladder ratings, consultations, topics and comments."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Site

from engagement.comments import fingerprint
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


def consultation_index():
    """The consultations index the tests share (made once, under the site root)."""
    from engagement.models import ConsultationIndexPage

    return ConsultationIndexPage.objects.order_by("pk").first() or ConsultationIndexPageFactory()


def proposal(sections=2, paragraphs=2):
    """A proposal's raw StreamField data with stable ids: sections "section-1"…, paragraphs "s1-p1"…."""
    return [
        {
            "type": "section",
            "id": f"section-{s}",
            "value": {
                "heading": f"Part {s} of the proposal",
                "paragraphs": [
                    {"type": "item", "id": f"s{s}-p{p}", "value": f"<p>What we propose, part {s}, point {p}.</p>"}
                    for p in range(1, paragraphs + 1)
                ],
            },
        }
        for s in range(1, sections + 1)
    ]


class TopicFactory(factory.django.DjangoModelFactory):
    """A consultation topic, such as "Carers' support"."""

    class Meta:
        model = "engagement.Topic"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ConsultationPageFactory(wagtail_factories.PageFactory):
    """A published, open, pre-moderated consultation with two sections of two paragraphs each.

    Section ids are "section-1" and "section-2"; paragraph ids "s1-p1", "s1-p2", "s2-p1", "s2-p2".
    Traits: ``closed``, ``upcoming``, ``post_moderated``.
    """

    class Meta:
        model = "engagement.ConsultationPage"

    title = factory.Sequence(lambda n: f"Consultation {n}")
    parent = factory.LazyFunction(consultation_index)
    summary = "We propose a carers' contact point in every neighbourhood."
    easy_read_summary = "<p>We want to make it easier for carers to get help.</p>"
    who_it_is_for = "<p>Carers and the people they care for.</p>"
    how_to_take_part_offline = "<p>Phone 0100 000 0000 or write to us.</p>"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    moderation = "pre"
    proposal = factory.LazyFunction(proposal)

    class Params:
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=60)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )
        upcoming = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=5)),
            closes_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=40)),
        )
        post_moderated = factory.Trait(moderation="post")


class CommentFactory(factory.django.DjangoModelFactory):
    """A published comment on the whole consultation from a signed-in resident."""

    class Meta:
        model = "engagement.Comment"

    consultation = factory.SubFactory(ConsultationPageFactory)
    author = factory.SubFactory("tests.people.factories.UserFactory")
    text = factory.Sequence(lambda n: f"Comment number {n}: carers need evening opening hours.")
    text_fingerprint = factory.LazyAttribute(lambda comment: fingerprint(comment.text))
    status = "published"
    section_id = ""
    paragraph_id = ""
    respondent_type = "resident"
    locality = "North"
    show_name = True

"""Factories for the staff side of consultations: consultation pages, comments, responses, people by role.

Kept apart from ``factories.py`` (the public side's) so the two can grow independently.
"""

import uuid
from datetime import timedelta

import factory
import wagtail_factories
from django.contrib.auth.models import Group
from django.utils import timezone

from engagement.models import Comment, ConsultationPage, ConsultationResponse, ResponseTheme
from tests.engagement.factories import ConsultationIndexPageFactory
from tests.people.factories import ProfileFactory

SECTION_ID = "5ec71011-0000-4000-8000-000000000001"
PARAGRAPH_ID = "9a4a6a40-0000-4000-8000-000000000002"


def one_section_proposal():
    """A proposal with one section of one paragraph, with fixed block ids."""
    return [
        {
            "type": "section",
            "id": SECTION_ID,
            "value": {
                "heading": "A carers' contact point",
                "paragraphs": [{"type": "item", "id": PARAGRAPH_ID, "value": "<p>One number for carers to call.</p>"}],
            },
        }
    ]


class StaffConsultationPageFactory(wagtail_factories.PageFactory):
    """A published, open, pre-moderated consultation under a new consultations index."""

    class Meta:
        model = ConsultationPage

    title = factory.Sequence(lambda n: f"Support for carers, consultation {n}")
    summary = "We propose one contact point for unpaid carers."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=21))
    moderation = ConsultationPage.Moderation.PRE
    proposal = factory.LazyFunction(one_section_proposal)
    parent = factory.SubFactory(ConsultationIndexPageFactory)


class StaffCommentFactory(factory.django.DjangoModelFactory):
    """A comment awaiting moderation by a signed-in resident, on the consultation's paragraph."""

    class Meta:
        model = Comment

    consultation = factory.SubFactory(StaffConsultationPageFactory)
    author = factory.LazyFunction(lambda: ProfileFactory().user)
    text = factory.Sequence(lambda n: f"A one-stop number would help carers like me, point {n}.")
    section_id = SECTION_ID
    paragraph_id = PARAGRAPH_ID
    status = Comment.Status.PENDING
    text_fingerprint = factory.LazyFunction(lambda: uuid.uuid4().hex)


class ConsultationResponseFactory(factory.django.DjangoModelFactory):
    """A draft "You said, we did" with the organisation at rung 6."""

    class Meta:
        model = ConsultationResponse

    consultation = factory.SubFactory(StaffConsultationPageFactory)
    introduction = "Thank you to everyone who took part."
    organisation_rung = 6


class ResponseThemeFactory(factory.django.DjangoModelFactory):
    """One theme of a response."""

    class Meta:
        model = ResponseTheme

    response = factory.SubFactory(ConsultationResponseFactory)
    theme = factory.Sequence(lambda n: f"Opening hours {n}")
    you_said = "The contact point should be open in the evenings."
    we_did = "It will be open until 8pm on weekdays."


def person_in(group_name=None, **profile_kwargs):
    """A signed-in person with a profile, in ``group_name`` (a Ladder role) when given."""
    user = ProfileFactory(**profile_kwargs).user
    if group_name:
        user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user

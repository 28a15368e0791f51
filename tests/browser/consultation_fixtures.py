"""Consultations, people and comments of a browser journey's own, written straight to the shared database.

Browser tests share one database and never flush it, so every journey that changes something makes
its own consultation and its own people (unique slugs and email addresses) and leaves the demo alone.
Call these inside the ``db_access`` fixture.
"""

import uuid
from datetime import timedelta

from django.utils import timezone

PASSWORD = "lantern-orchard-piano-77"
DEMO_PASSWORD = "ladder-demo-2021"
MODERATOR = "moderator@example.org"
COMMISSIONER = "commissioner@example.org"

#: A small proposal: two sections of two paragraphs each.
SECTIONS = (
    (
        "Where the new service will be",
        (
            "We propose to run the service from the three neighbourhood hubs, so nobody travels far.",
            "Each hub would open late on Thursdays for people who work in the day.",
        ),
    ),
    (
        "Who will run it",
        (
            "A partnership of local voluntary groups would run the service, with support from the council.",
            "We would review the partnership after one year, with the people who use the service.",
        ),
    ),
)


def unique(label):
    """A short unique word for slugs, titles and email addresses."""
    return f"{label}-{uuid.uuid4().hex[:10]}"


def make_person(label, display_name=None, password=PASSWORD):
    """A verified resident with a profile and a unique email address; returns the user."""
    from tests.people.factories import ProfileFactory, UserFactory

    email = f"{unique(label)}@example.org"
    user = UserFactory(username=email, email=email, password=password)
    ProfileFactory(user=user, display_name=display_name or f"{label.capitalize()} {uuid.uuid4().hex[:4]}")
    return user


def make_consultation(label="consultation", moderation="pre", opens_in_days=-1, closes_in_days=30):
    """A published consultation of the journey's own under the consultations index; returns the page."""
    from engagement.blocks import proposal_stream
    from engagement.models import ConsultationIndexPage, ConsultationPage

    slug = unique(label)
    now = timezone.now()
    page = ConsultationPage(
        title=f"Browser journey {slug}",
        slug=slug,
        summary="A consultation made for one browser journey: a new community support service.",
        opens_at=now + timedelta(days=opens_in_days),
        closes_at=now + timedelta(days=closes_in_days),
        moderation=moderation,
        proposal=proposal_stream([(heading, [f"<p>{text}</p>" for text in texts]) for heading, texts in SECTIONS]),
    )
    ConsultationIndexPage.objects.first().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_comment(page, author, text, status="published", section=0, paragraph=None):
    """A comment by ``author`` on one section (or one of its paragraphs) of ``page``; returns it."""
    from engagement.models import Comment

    section_id, _heading, paragraphs = page.sections()[section]
    return Comment.objects.create(
        consultation=page,
        author=author,
        section_id=section_id,
        paragraph_id=paragraphs[paragraph][0] if paragraph is not None else "",
        text=text,
        status=status,
        status_changed_at=timezone.now(),
        respondent_type="resident",
    )

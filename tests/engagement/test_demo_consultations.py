"""Demo consultations: every status is represented, and loading twice duplicates nothing."""

import pytest
from django.core.management import call_command

from engagement.models import Comment, ConsultationPage, ConsultationResponse, LadderRating

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_open_upcoming_and_closed_consultations_once():
    call_command("seed_demo", verbosity=0)
    first = (ConsultationPage.objects.count(), Comment.objects.count(), ConsultationResponse.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (ConsultationPage.objects.count(), Comment.objects.count(), ConsultationResponse.objects.count()) == first

    statuses = {page.slug: page.status for page in ConsultationPage.objects.all()}
    assert set(statuses.values()) == {"open", "upcoming", "closed"}
    moderation = set(ConsultationPage.objects.values_list("moderation", flat=True))
    assert moderation == {"pre", "post"}


def test_the_closed_demo_consultation_has_a_published_response_linked_to_comments():
    call_command("seed_demo", verbosity=0)
    closed = ConsultationPage.objects.get(slug="draft-commissioning-prospectus")
    response = closed.response
    assert response.status == ConsultationResponse.Status.PUBLISHED
    assert response.themes.count() == 3
    assert all(theme.comments.exists() for theme in response.themes.all())
    assert LadderRating.objects.filter(page=closed, perspective="organisation").count() == 1
    assert LadderRating.objects.filter(page=closed, perspective="participant").count() == 3

"""Publishing "You said, we did", recording the organisation's rung, closing a consultation, comparing the ladder."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engagement.models import ConsultationPage, ConsultationResponse, LadderRating
from engagement.responses import close_consultation, ladder_comparison, publish_response
from people import groups
from tests.engagement.moderation_factories import (
    ConsultationResponseFactory,
    ResponseThemeFactory,
    StaffConsultationPageFactory,
    person_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def commissioner():
    return person_in(groups.COMMISSIONERS)


def organisation_ratings(page):
    return LadderRating.objects.filter(page=page, perspective=LadderRating.Perspective.ORGANISATION)


def test_publishing_records_who_and_when_and_the_organisations_rung(commissioner):
    response = ResponseThemeFactory(response__organisation_rung=6).response
    assert publish_response(response, commissioner) is True
    response.refresh_from_db()
    assert response.status == ConsultationResponse.Status.PUBLISHED
    assert response.published_by == commissioner
    assert response.published_at is not None
    [rating] = organisation_ratings(response.consultation)
    assert (rating.rung, rating.author) == (6, commissioner)


def test_publishing_again_updates_the_rung_without_a_second_rating(commissioner):
    response = ResponseThemeFactory(response__organisation_rung=6).response
    publish_response(response, commissioner)
    first_published_at = ConsultationResponse.objects.get().published_at
    response.organisation_rung = 4
    response.save()
    other = person_in(groups.COMMISSIONERS)
    assert publish_response(response, other) is False
    [rating] = organisation_ratings(response.consultation)
    assert (rating.rung, rating.author) == (4, other)
    response.refresh_from_db()
    assert response.published_at == first_published_at
    assert response.published_by == other


def test_a_response_without_a_rung_or_themes_cannot_be_published(commissioner):
    without_rung = ResponseThemeFactory(response__organisation_rung=None).response
    with pytest.raises(ValidationError):
        publish_response(without_rung, commissioner)
    without_themes = ConsultationResponseFactory()
    with pytest.raises(ValidationError):
        publish_response(without_themes, commissioner)
    assert not ConsultationResponse.objects.filter(status="published").exists()


def test_only_commissioners_publish(commissioner):
    response = ResponseThemeFactory().response
    with pytest.raises(PermissionDenied):
        publish_response(response, person_in(groups.MODERATORS))
    response.refresh_from_db()
    assert response.status == "draft"


def test_closing_early_closes_the_consultation_and_keeps_it_live(commissioner):
    page = StaffConsultationPageFactory()
    assert page.is_open
    assert close_consultation(page, commissioner) is True
    page = ConsultationPage.objects.get(pk=page.pk)
    assert page.status == ConsultationPage.Status.CLOSED
    assert page.live
    assert close_consultation(page, commissioner) is False


def test_publishing_a_draft_later_does_not_reopen_a_closed_consultation(commissioner):
    page = StaffConsultationPageFactory()
    page.save_revision()
    close_consultation(page, commissioner)
    # The page editor starts from the latest revision, as an editor fixing a typo would.
    draft = ConsultationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.title = "Support for carers (typo fixed)"
    draft.save_revision().publish()
    page = ConsultationPage.objects.get(pk=page.pk)
    assert page.closed_early_at is not None
    assert page.status == ConsultationPage.Status.CLOSED


def test_publishing_an_older_revision_does_not_reopen_a_closed_consultation(commissioner):
    page = StaffConsultationPageFactory()
    older = page.save_revision()
    page.title = "A newer title"
    page.save_revision().publish()
    close_consultation(ConsultationPage.objects.get(pk=page.pk), commissioner)
    type(older).objects.get(pk=older.pk).publish()  # an editor rolls back to the earlier revision
    page = ConsultationPage.objects.get(pk=page.pk)
    assert page.closed_early_at is not None
    assert page.status == ConsultationPage.Status.CLOSED


def test_only_commissioners_close_consultations():
    page = StaffConsultationPageFactory()
    for role in (groups.MODERATORS, groups.EDITORS, groups.RESIDENTS):
        with pytest.raises(PermissionDenied):
            close_consultation(page, person_in(role))
    page.refresh_from_db()
    assert page.closed_early_at is None


def test_the_comparison_sets_participants_median_and_bands_beside_the_organisations_rung():
    page = StaffConsultationPageFactory()
    for rung in (2, 3, 4, 4, 7):
        LadderRating.objects.create(page=page, rung=rung)
    comparison = ladder_comparison(page, organisation_rung=6)
    assert comparison.count == 5
    assert comparison.median.number == 4
    assert [(share.band.key, share.count, share.percent) for share in comparison.bands] == [
        ("doing_to", 1, 20),
        ("doing_for", 3, 60),
        ("doing_with", 1, 20),
    ]
    assert [share.is_organisation_band for share in comparison.bands] == [False, False, True]
    assert comparison.gap == 2
    assert comparison.gap_in_words == (
        "We rated our engagement 2 rungs higher than the people who took part: Co-design against Consultation."
    )


@pytest.mark.parametrize(
    ("ratings", "organisation", "words"),
    [
        ([5], 5, "People who took part put this at the same rung as we did: Engagement."),
        ([7, 7], 6, "People who took part felt more involved than we claimed, by 1 rung: Co-production against our"),
        ([], 4, "Nobody has yet said how involved they felt"),
        ([3], None, "We have not yet said at which rung we engaged."),
    ],
)
def test_the_gap_is_stated_in_words(ratings, organisation, words):
    page = StaffConsultationPageFactory()
    for rung in ratings:
        LadderRating.objects.create(page=page, rung=rung)
    assert ladder_comparison(page, organisation).gap_in_words.startswith(words)


def test_the_comparison_uses_the_recorded_organisation_rating_by_default(commissioner):
    page = StaffConsultationPageFactory()
    LadderRating.objects.create(page=page, author=commissioner, rung=5, perspective="organisation")
    assert ladder_comparison(page).organisation.number == 5

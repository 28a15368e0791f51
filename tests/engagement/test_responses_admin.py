"""Commissioners write and publish "You said, we did" in the admin, and close consultations early."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from engagement.models import Comment, ConsultationPage, ConsultationResponse, LadderRating
from people import groups
from tests.engagement.moderation_factories import (
    ConsultationResponseFactory,
    ResponseThemeFactory,
    StaffCommentFactory,
    StaffConsultationPageFactory,
    person_in,
)

pytestmark = pytest.mark.django_db

INDEX = "/admin/you-said-we-did/"


@pytest.fixture
def commissioner(client):
    person = person_in(groups.COMMISSIONERS)
    client.force_login(person)
    return person


def response_form_data(page, comments=(), rung=6):
    data = nested_form_data(
        {
            "consultation": page.pk,
            "introduction": "Thank you for 40 comments.",
            "organisation_rung": rung,
            "themes": inline_formset(
                [
                    {
                        "theme": "Evening opening",
                        "you_said": "Many carers work in the day.",
                        "we_did": "Open until 8pm.",
                    }
                ]
            ),
        }
    )
    data["themes-0-comments"] = [comment.pk for comment in comments]
    return data


def test_a_commissioner_drafts_a_response_with_themes_linked_to_comments(client, commissioner):
    comment = StaffCommentFactory(status=Comment.Status.PUBLISHED)
    page = comment.consultation
    response = client.post(f"{INDEX}new/", response_form_data(page, [comment]))
    assert response.status_code == 302, response.content.decode()[-3000:]
    saved = ConsultationResponse.objects.get()
    assert saved.status == "draft"
    assert saved.organisation_rung == 6
    [theme] = saved.themes.all()
    assert list(theme.comments.all()) == [comment]


def test_a_theme_cannot_link_a_comment_from_another_consultation(client, commissioner):
    page = StaffConsultationPageFactory()
    elsewhere = StaffCommentFactory(status=Comment.Status.PUBLISHED)
    response = client.post(f"{INDEX}new/", response_form_data(page, [elsewhere]))
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()


def test_the_edit_form_offers_only_the_consultations_comments(client, commissioner):
    theme = ResponseThemeFactory()
    page = theme.response.consultation
    own = StaffCommentFactory(consultation=page, text="About this consultation")
    StaffCommentFactory(text="About another consultation")
    response = client.get(reverse("consultation_responses:edit", args=[theme.response.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    options = [option["value"] for option in soup.select("select[name='themes-0-comments'] option")]
    assert options == [str(own.pk)]
    assert "About another consultation" not in response.content.decode()


def test_the_edit_screen_sets_participants_ratings_beside_ours(client, commissioner):
    response_obj = ConsultationResponseFactory(organisation_rung=6)
    for rung in (3, 4, 4):
        LadderRating.objects.create(page=response_obj.consultation, rung=rung)
    content = client.get(reverse("consultation_responses:edit", args=[response_obj.pk])).content.decode()
    assert "How involved people felt, and at which rung we say we engaged" in content
    assert "3 participant ratings; the middle rating is rung 4, Consultation." in content
    assert "We say we engaged at rung 6, Co-design." in content
    soup = BeautifulSoup(content, "html.parser")
    rungs = [radio["value"] for radio in soup.select("input[name='organisation_rung']")]
    assert rungs == ["", "1", "2", "3", "4", "5", "6", "7"]
    assert soup.select_one("input[name='organisation_rung'][value='6']").has_attr("checked")
    assert "We rated our engagement 2 rungs higher" in content
    assert reverse("consultation_responses:publish", args=[response_obj.pk]) in content


def test_publishing_from_the_admin_emails_participants_and_records_the_rung(
    client, commissioner, mailoutbox, django_capture_on_commit_callbacks
):
    theme = ResponseThemeFactory(response__organisation_rung=5)
    StaffCommentFactory(consultation=theme.response.consultation)
    url = reverse("consultation_responses:publish", args=[theme.response.pk])
    confirm = client.get(url)
    assert "emails the 1 person who took part" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        followed = client.post(url, follow=True)
    assert "Published. Everyone who took part is being emailed." in followed.content.decode()
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        followed = client.post(url, follow=True)
    assert "Nobody was emailed twice" in followed.content.decode()
    assert len(mailoutbox) == 1
    assert LadderRating.objects.filter(perspective="organisation", rung=5).count() == 1


def test_publishing_without_a_rung_explains_what_is_missing(client, commissioner):
    theme = ResponseThemeFactory(response__organisation_rung=None)
    url = reverse("consultation_responses:publish", args=[theme.response.pk])
    followed = client.post(url, follow=True)
    assert "Say at which rung the organisation engaged" in followed.content.decode()
    assert ConsultationResponse.objects.get().status == "draft"


def test_a_commissioner_closes_a_consultation_from_the_admin(client, commissioner):
    page = StaffConsultationPageFactory()
    url = reverse("consultation_responses:close", args=[page.pk])
    assert "Yes, close it now" in client.get(url).content.decode()
    followed = client.post(url, follow=True)
    assert "is closed to new comments. It stays public." in followed.content.decode()
    page = ConsultationPage.objects.get(pk=page.pk)
    assert page.status == ConsultationPage.Status.CLOSED


def test_the_page_editor_offers_closing_to_commissioners_only(client, commissioner):
    # Commissioners have no page permissions of their own; this one also moderates pages.
    commissioner.groups.add(Group.objects.get(name=groups.MODERATORS))
    page = StaffConsultationPageFactory()
    close_url = reverse("consultation_responses:close", args=[page.pk])
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert close_url in client.get(edit_url).content.decode()
    editor = person_in(groups.EDITORS)
    client.force_login(editor)
    editing = client.get(edit_url)
    assert editing.status_code == 200
    assert close_url not in editing.content.decode()


def test_the_open_consultations_are_listed_for_closing(client, commissioner):
    open_page = StaffConsultationPageFactory()
    closed_page = StaffConsultationPageFactory()
    closed_page.closed_early_at = closed_page.opens_at
    closed_page.save(update_fields=["closed_early_at"])
    content = client.get(reverse("consultation_responses:close_list")).content.decode()
    assert reverse("consultation_responses:close", args=[open_page.pk]) in content
    assert reverse("consultation_responses:close", args=[closed_page.pk]) not in content
    assert reverse("consultation_responses:close_list") in client.get(INDEX).content.decode()


def test_the_open_consultations_list_closes_soonest_first_and_only_for_commissioners(client, commissioner):
    later = StaffConsultationPageFactory()
    sooner = StaffConsultationPageFactory()
    sooner.closes_at = later.closes_at - timezone.timedelta(days=1)
    sooner.save(update_fields=["closes_at"])
    content = client.get(reverse("consultation_responses:close_list")).content.decode()
    first, second = (reverse("consultation_responses:close", args=[page.pk]) for page in (sooner, later))
    assert first in content and second in content
    assert content.index(first) < content.index(second)
    client.force_login(person_in(groups.EDITORS))
    refused = client.get(reverse("consultation_responses:close_list"))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's "permission denied"


def test_the_open_consultations_list_says_when_nothing_is_open(client, commissioner):
    content = client.get(reverse("consultation_responses:close_list")).content.decode()
    assert "No consultation is open or upcoming." in content


def test_every_response_screen_renders_for_a_commissioner(client, commissioner):
    theme = ResponseThemeFactory()
    for url in (
        INDEX,
        f"{INDEX}new/",
        reverse("consultation_responses:edit", args=[theme.response.pk]),
        reverse("consultation_responses:publish", args=[theme.response.pk]),
        reverse("consultation_responses:close", args=[theme.response.consultation.pk]),
        "/admin/snippets/engagement/topic/",
    ):
        assert client.get(url).status_code == 200, url

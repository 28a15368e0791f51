"""The moderation queue in the Wagtail admin: listing, filters, review page with history, actions, bulk actions."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagement.models import Comment, CommentEvent, RejectionReason
from people import groups
from tests.engagement.moderation_factories import StaffCommentFactory, StaffConsultationPageFactory, person_in

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/"


@pytest.fixture
def moderator(client):
    person = person_in(groups.MODERATORS)
    client.force_login(person)
    return person


def listed_ids(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {int(box["data-object-id"]) for box in soup.select("input[data-bulk-action-checkbox]")}


def test_the_queue_shows_comments_awaiting_moderation_and_hidden_ones_by_default(client, moderator):
    pending = StaffCommentFactory(text="Evening opening please")
    hidden = StaffCommentFactory(status=Comment.Status.HIDDEN, flag_count=3)
    StaffCommentFactory(status=Comment.Status.PUBLISHED)
    StaffCommentFactory(status=Comment.Status.REJECTED)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert listed_ids(response) == {pending.pk, hidden.pk}
    content = response.content.decode()
    assert "Evening opening please" in content
    assert pending.consultation.title in content
    assert "Awaiting moderation" in content
    assert "data-bulk-action-footer" in content


def test_the_queue_filters_by_consultation_status_and_flags(client, moderator):
    first = StaffCommentFactory()
    other = StaffConsultationPageFactory()
    second = StaffCommentFactory(consultation=other, flag_count=1, status=Comment.Status.PUBLISHED)
    assert listed_ids(client.get(f"{QUEUE}?consultation={other.pk}&state=all")) == {second.pk}
    assert listed_ids(client.get(f"{QUEUE}?state=published")) == {second.pk}
    assert listed_ids(client.get(f"{QUEUE}?state=all&flagged=true")) == {second.pk}
    assert listed_ids(client.get(f"{QUEUE}?state=all&flagged=false")) == {first.pk}
    assert listed_ids(client.get(f"{QUEUE}?state=all")) == {first.pk, second.pk}


def test_the_queue_asks_a_fixed_number_of_queries(client, moderator):
    def queries_for_queue():
        client.get(QUEUE)  # warm caches (content types, site)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(QUEUE)
        return len(captured.captured_queries), response

    StaffCommentFactory.create_batch(2)
    few, _ = queries_for_queue()
    StaffCommentFactory.create_batch(13)
    many, response = queries_for_queue()
    assert len(listed_ids(response)) == 15
    assert many == few


def test_the_review_page_shows_the_comment_its_actions_and_its_history(client, moderator):
    comment = StaffCommentFactory(text="Please think of carers who work nights.")
    response = client.get(reverse("comment_moderation:edit", args=[comment.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Please think of carers who work nights." in content
    assert reverse("comment_moderation:approve", args=[comment.pk]) in content
    assert reverse("comment_moderation:reject", args=[comment.pk]) in content
    assert reverse("comment_moderation:restore", args=[comment.pk]) not in content
    for reason in RejectionReason.objects.all():
        assert f'data-reason-text="{reason.text}"'.replace("'", "&#x27;") in content


def test_each_action_appears_in_the_history_with_who_did_it(client, moderator, django_capture_on_commit_callbacks):
    comment = StaffCommentFactory(status=Comment.Status.HIDDEN)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("comment_moderation:restore", args=[comment.pk]))
        client.post(reverse("comment_moderation:reject", args=[comment.pk]), {"reason": "Shares a neighbour's name."})
    actions = list(comment.events.values_list("action", "actor", "reason"))
    assert actions == [
        ("restored", moderator.pk, ""),
        ("rejected", moderator.pk, "Shares a neighbour's name."),
    ]
    content = client.get(reverse("comment_moderation:edit", args=[comment.pk])).content.decode()
    assert "Restored after review" in content
    assert "Shares a neighbour&#x27;s name." in content
    assert moderator.profile.display_name in content


def test_approving_from_the_queue_returns_to_the_queue_with_a_message(client, moderator):
    comment = StaffCommentFactory()
    response = client.post(reverse("comment_moderation:approve", args=[comment.pk]), follow=True)
    assert response.redirect_chain[-1][0] == QUEUE
    assert f"Comment {comment.pk} approved and published." in response.content.decode()


def test_a_rejection_template_supplies_the_reason_when_none_is_typed(client, moderator):
    comment = StaffCommentFactory()
    template = RejectionReason.objects.get(title="Not about this consultation")
    client.post(reverse("comment_moderation:reject", args=[comment.pk]), {"template": template.pk, "reason": ""})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert comment.rejection_reason == template.text


def test_a_typed_reason_wins_over_the_template(client, moderator):
    comment = StaffCommentFactory()
    template = RejectionReason.objects.first()
    url = reverse("comment_moderation:reject", args=[comment.pk])
    client.post(url, {"template": template.pk, "reason": "My own words."})
    comment.refresh_from_db()
    assert comment.rejection_reason == "My own words."


def test_rejecting_without_any_reason_shows_the_form_again(client, moderator):
    comment = StaffCommentFactory()
    response = client.post(reverse("comment_moderation:reject", args=[comment.pk]), {"reason": " "})
    assert response.status_code == 200
    assert "Choose a reason template or write a reason" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_an_action_that_does_not_fit_the_status_is_explained(client, moderator):
    comment = StaffCommentFactory(status=Comment.Status.WITHDRAWN)
    response = client.post(reverse("comment_moderation:approve", args=[comment.pk]), follow=True)
    assert "cannot be approved" in response.content.decode()
    assert not comment.events.exists()


def test_nobody_adds_or_deletes_comments_in_the_admin(client, admin_user):
    comment = StaffCommentFactory()
    client.force_login(admin_user)
    assert client.get(f"{QUEUE}new/").status_code in {302, 403}
    client.post(reverse("comment_moderation:delete", args=[comment.pk]))
    assert Comment.objects.filter(pk=comment.pk).exists()


def bulk_url(action, comments):
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    return f"{reverse('wagtail_bulk_action', args=['engagement', 'comment', action])}?{ids}&next={QUEUE}"


def test_bulk_approve_asks_for_confirmation_then_publishes_all(client, moderator, django_capture_on_commit_callbacks):
    comments = StaffCommentFactory.create_batch(3)
    confirm = client.get(bulk_url("approve", comments))
    assert confirm.status_code == 200
    assert "Approve these 3 comments?" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(bulk_url("approve", comments), follow=True)
    assert "3 comments approved." in response.content.decode()
    assert Comment.objects.filter(status=Comment.Status.PUBLISHED).count() == 3
    assert CommentEvent.objects.filter(action="approved", actor=moderator).count() == 3


def test_bulk_reject_sends_one_reason_to_every_author(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    comments = StaffCommentFactory.create_batch(2)
    template = RejectionReason.objects.get(title="Personal information")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(bulk_url("reject", comments), {"template": template.pk, "reason": ""})
    assert set(Comment.objects.values_list("status", "rejection_reason")) == {("rejected", template.text)}
    assert sorted(message.to[0] for message in mailoutbox) == sorted(c.author.email for c in comments)


def test_bulk_reject_without_a_reason_changes_nothing(client, moderator):
    comments = StaffCommentFactory.create_batch(2)
    response = client.post(bulk_url("reject", comments), {"reason": ""})
    assert response.status_code == 200
    assert not Comment.objects.filter(status=Comment.Status.REJECTED).exists()


def test_bulk_restore_skips_comments_that_are_not_hidden(client, moderator, django_capture_on_commit_callbacks):
    hidden = StaffCommentFactory(status=Comment.Status.HIDDEN)
    pending = StaffCommentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(bulk_url("restore", [hidden, pending]), follow=True)
    assert "1 comment restored. 1 left as they were" in response.content.decode()
    hidden.refresh_from_db()
    pending.refresh_from_db()
    assert (hidden.status, pending.status) == ("published", "pending")


def test_the_migration_gives_moderators_and_commissioners_their_permissions():
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    moderating = {"view_comment", "change_comment", "view_rejectionreason", "add_rejectionreason"}
    assert moderating <= codenames("Moderators")
    assert "add_consultationresponse" not in codenames("Moderators")
    assert moderating | {"add_consultationresponse", "change_consultationresponse", "add_topic"} <= codenames(
        "Commissioners"
    )
    assert "delete_comment" not in codenames("Commissioners")
    assert Permission.objects.filter(codename="change_rejectionreason").exists()
    assert set(RejectionReason.objects.values_list("title", flat=True)) >= {
        "Personal information",
        "Offensive language",
        "Not about this consultation",
    }


def test_every_moderation_screen_renders_for_a_moderator(client, moderator):
    pending = StaffCommentFactory()
    hidden = StaffCommentFactory(status=Comment.Status.HIDDEN)
    urls = [
        QUEUE,
        f"{QUEUE}?state=all",
        reverse("comment_moderation:approve", args=[pending.pk]),
        reverse("comment_moderation:reject", args=[pending.pk]),
        reverse("comment_moderation:restore", args=[hidden.pk]),
        reverse("comment_moderation:edit", args=[hidden.pk]),
        bulk_url("reject", [pending, hidden]),
        bulk_url("restore", [hidden]),
        "/admin/snippets/engagement/rejectionreason/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url

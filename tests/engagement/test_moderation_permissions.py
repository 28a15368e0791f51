"""Who may moderate comments and answer consultations: every role against every staff action.

The same rules guard the services, the admin screens and the bulk actions; this matrix drives the
admin endpoints for real (POST) and checks the rule directly.
"""

import pytest
import rules
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from engagement import moderation
from engagement.models import Comment, ConsultationResponse
from people import groups
from tests.engagement.moderation_factories import (
    ConsultationResponseFactory,
    ResponseThemeFactory,
    StaffCommentFactory,
    person_in,
)

pytestmark = pytest.mark.django_db

ROLES = {
    "resident": groups.RESIDENTS,
    "provider": groups.PROVIDERS,
    "editor": groups.EDITORS,
    "moderator": groups.MODERATORS,
    "commissioner": groups.COMMISSIONERS,
    "facilitator": groups.FACILITATORS,
}
MAY_MODERATE = {"moderator", "commissioner"}
MAY_PUBLISH = {"commissioner"}


def perform(client, action):
    """POST one staff action through the admin; returns (response, object to check)."""
    if action == "approve":
        comment = StaffCommentFactory()
        return client.post(reverse("comment_moderation:approve", args=[comment.pk])), comment
    if action == "reject":
        comment = StaffCommentFactory()
        url = reverse("comment_moderation:reject", args=[comment.pk])
        return client.post(url, {"reason": "Please keep to the topic."}), comment
    if action == "restore":
        comment = StaffCommentFactory(status=Comment.Status.HIDDEN, flag_count=3)
        return client.post(reverse("comment_moderation:restore", args=[comment.pk])), comment
    response_obj = ResponseThemeFactory().response
    return client.post(reverse("consultation_responses:publish", args=[response_obj.pk])), response_obj


EXPECTED_STATUS = {"approve": "published", "reject": "rejected", "restore": "published", "publish": "published"}
STARTING_STATUS = {"approve": "pending", "reject": "pending", "restore": "hidden", "publish": "draft"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["approve", "reject", "restore", "publish"])
def test_only_the_right_roles_can_act(client, role, action, django_capture_on_commit_callbacks):
    client.force_login(person_in(ROLES[role]))
    allowed = role in (MAY_PUBLISH if action == "publish" else MAY_MODERATE)
    with django_capture_on_commit_callbacks(execute=True):
        response, obj = perform(client, action)
    obj.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert obj.status == EXPECTED_STATUS[action]
    else:
        # Residents and providers are sent to log in; Wagtail sends staff without the role back to the
        # dashboard with a "permission denied" message (or answers 403).
        assert response.status_code in {302, 403}
        if response.status_code == 302:
            assert response["Location"].split("?")[0] in {"/admin/", "/admin/login/", "/accounts/login/"}
        assert obj.status == STARTING_STATUS[action]


def test_a_superuser_can_do_everything(client, admin_user, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    for action in EXPECTED_STATUS:
        with django_capture_on_commit_callbacks(execute=True):
            response, obj = perform(client, action)
        obj.refresh_from_db()
        assert response.status_code == 302, action
        assert obj.status == EXPECTED_STATUS[action], action


@pytest.mark.parametrize("role", ROLES)
def test_the_rules_match_the_table(role):
    person = person_in(ROLES[role])
    assert person.has_perm("engagement.moderate_comment") is (role in MAY_MODERATE)
    assert person.has_perm("engagement.publish_response") is (role in MAY_PUBLISH)
    assert person.has_perm("engagement.close_consultation") is (role in MAY_PUBLISH)


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_and_commissioners_see_the_queue(client, role):
    client.force_login(person_in(ROLES[role]))
    response = client.get(reverse("comment_moderation:index"))
    if role in MAY_MODERATE:
        assert response.status_code == 200
    else:
        assert response.status_code in {302, 403}


@pytest.mark.parametrize("role", ROLES)
def test_only_commissioners_can_close_a_consultation(client, role):
    comment = StaffCommentFactory()
    page = comment.consultation
    client.force_login(person_in(ROLES[role]))
    response = client.post(reverse("consultation_responses:close", args=[page.pk]))
    page.refresh_from_db()
    assert (page.closed_early_at is not None) is (role in MAY_PUBLISH)
    assert response.status_code in {302, 403}


@pytest.mark.parametrize("role", ROLES)
def test_bulk_approval_needs_the_moderator_role(client, role, django_capture_on_commit_callbacks):
    comments = StaffCommentFactory.create_batch(2)
    client.force_login(person_in(ROLES[role]))
    url = reverse("wagtail_bulk_action", args=["engagement", "comment", "approve"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}?id={comments[0].pk}&id={comments[1].pk}")
    published = Comment.objects.filter(status=Comment.Status.PUBLISHED).count()
    assert published == (2 if role in MAY_MODERATE else 0)


def test_commissioners_can_edit_responses_but_moderators_cannot(client):
    response_obj = ConsultationResponseFactory()
    url = reverse("consultation_responses:edit", args=[response_obj.pk])
    client.force_login(person_in(groups.COMMISSIONERS))
    assert client.get(url).status_code == 200
    client.force_login(person_in(groups.MODERATORS))
    assert client.get(url).status_code in {302, 403}
    assert ConsultationResponse.objects.get().status == "draft"


# --- Nobody moderates their own words -----------------------------------------------------------

MODERATORS = {"moderator": groups.MODERATORS, "commissioner": groups.COMMISSIONERS, "superuser": None}
OWN_STARTING_STATUS = {"approve": "pending", "reject": "pending", "restore": "hidden"}


def moderator_named(role):
    """A moderator, commissioner or superuser."""
    if role == "superuser":
        from tests.people.factories import UserFactory

        return UserFactory(is_superuser=True, is_staff=True)
    return person_in(MODERATORS[role])


def action_url(action, comment):
    return reverse(f"comment_moderation:{action}", args=[comment.pk])


@pytest.mark.parametrize("role", MODERATORS)
@pytest.mark.parametrize("action", ["approve", "reject", "restore"])
def test_nobody_moderates_their_own_comment(client, role, action, django_capture_on_commit_callbacks):
    person = moderator_named(role)
    own = StaffCommentFactory(author=person, status=OWN_STARTING_STATUS[action])
    client.force_login(person)
    assert not rules.has_perm("engagement.moderate_comment", person, own)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action_url(action, own), {"reason": "Please keep to the topic."})
    assert response.status_code in {302, 403}
    own.refresh_from_db()
    assert own.status == OWN_STARTING_STATUS[action]
    assert not own.events.filter(actor=person).exists()
    with pytest.raises(PermissionDenied):
        getattr(moderation, action)(own, person, **({"reason": "Mine"} if action == "reject" else {}))


@pytest.mark.parametrize("role", MODERATORS)
def test_a_moderator_still_moderates_other_peoples_comments(role):
    person = moderator_named(role)
    assert rules.has_perm("engagement.moderate_comment", person, StaffCommentFactory())


@pytest.mark.parametrize("status", ["pending", "hidden"])
def test_the_review_page_offers_no_action_on_ones_own_comment(client, status):
    person = person_in(groups.MODERATORS)
    own = StaffCommentFactory(author=person, status=status)
    client.force_login(person)
    page = BeautifulSoup(client.get(reverse("comment_moderation:edit", args=[own.pk])).content, "html.parser")
    assert not page.select("main form[method=post]")
    assert moderation.OWN_COMMENT in page.get_text()
    assert client.get(action_url("approve", own)).status_code in {302, 403}


def test_the_queue_offers_no_action_on_ones_own_comment(client):
    person = person_in(groups.MODERATORS)
    own = StaffCommentFactory(author=person)
    other = StaffCommentFactory()
    client.force_login(person)
    html = client.get(reverse("comment_moderation:index")).content.decode()
    assert action_url("approve", other) in html
    assert action_url("reject", other) in html
    assert action_url("approve", own) not in html
    assert action_url("reject", own) not in html


def test_a_bulk_action_skips_ones_own_comments_and_says_so(client, django_capture_on_commit_callbacks):
    person = person_in(groups.MODERATORS)
    own = StaffCommentFactory(author=person)
    other = StaffCommentFactory()
    client.force_login(person)
    url = f"{reverse('wagtail_bulk_action', args=['engagement', 'comment', 'approve'])}?id={own.pk}&id={other.pk}"
    confirm = client.get(url).content.decode()
    assert "1 of the chosen comment is your own" in " ".join(confirm.split())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == ("pending", "published")
    assert "1 of your own left for another moderator" in response.content.decode()


def test_the_bulk_service_skips_ones_own_comments():
    person = person_in(groups.COMMISSIONERS)
    own = StaffCommentFactory(author=person)
    other = StaffCommentFactory()
    assert moderation.approve_many([own, other], person) == (1, 1)
    own.refresh_from_db()
    assert own.status == "pending"

"""RulesPolicy: each admin action answered by its named rule, and nothing without one."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from labs.models import LabSession
from people import groups
from people.permissions import RulesPolicy
from tests.engagement.moderation_factories import person_in
from tests.labs.factories import LabSessionFactory

pytestmark = pytest.mark.django_db


@rules.predicate
def is_test_session(user, session):
    return session is not None and session.title.startswith("Test")


rules.set_perm("people_tests.manage_session", rules.is_group_member(groups.FACILITATORS))
rules.set_perm("people_tests.delete_session", is_test_session)


class SessionPolicy(RulesPolicy):
    perms = {"view": "people_tests.manage_session", "change": "people_tests.manage_session"}
    instance_perms = {"change": "people_tests.delete_session"}


@pytest.fixture
def policy():
    return SessionPolicy(LabSession)


def test_an_action_with_a_rule_is_answered_by_that_rule(policy):
    assert policy.user_has_permission(person_in(groups.FACILITATORS), "view")
    assert not policy.user_has_permission(person_in(groups.RESIDENTS), "view")


def test_an_action_without_a_rule_is_refused_even_to_a_superuser(policy):
    superuser = person_in()
    superuser.is_superuser = True
    superuser.save(update_fields=["is_superuser"])
    assert policy.user_has_permission(superuser, "view")
    assert not policy.user_has_permission(superuser, "delete")
    assert not policy.user_has_any_permission(superuser, ["add", "delete"])


def test_nobody_signed_out_or_inactive_passes(policy):
    facilitator = person_in(groups.FACILITATORS)
    facilitator.is_active = False
    assert not policy.user_has_permission(AnonymousUser(), "view")
    assert not policy.user_has_permission(facilitator, "view")


def test_an_instance_rule_is_asked_with_the_object(policy):
    facilitator = person_in(groups.FACILITATORS)
    kept, scratch = LabSessionFactory(title="Real session"), LabSessionFactory(title="Test session")
    assert policy.user_has_permission_for_instance(facilitator, "change", scratch)
    assert not policy.user_has_permission_for_instance(facilitator, "change", kept)
    assert policy.user_has_any_permission_for_instance(facilitator, ["view", "change"], kept)


def test_an_action_with_no_instance_rule_falls_back_to_its_plain_rule(policy):
    session = LabSessionFactory()
    assert policy.user_has_permission_for_instance(person_in(groups.FACILITATORS), "view", session)
    assert not policy.user_has_permission_for_instance(person_in(groups.EDITORS), "view", session)


def test_listings_hold_every_object_or_none(policy):
    LabSessionFactory.create_batch(2)
    assert policy.instances_user_has_permission_for(person_in(groups.FACILITATORS), "view").count() == 2
    assert not policy.instances_user_has_permission_for(person_in(groups.EDITORS), "view").exists()

"""Every rule of labs/rules.py, role by role and state by state, asked directly.

``tests/labs/test_labs_permissions.py`` drives the pages and admin screens; this file asks each
rule itself, through ``user.has_perm`` (what views and handlers ask) and through ``rules.has_perm``
(the rule alone, without Django's shortcut that lets an active superuser past every permission).
A session is "used" once something happened in its room: its event log has an entry, or a
facilitator moved it past the welcome stage.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from labs.models import Registration, Stage
from people import groups
from tests.engagement.moderation_factories import person_in
from tests.labs.factories import LabSessionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

#: Each role: its group (None: no group), and its registration at the session's lab (None: none).
ROLES = {
    "anonymous": None,
    "resident": (groups.RESIDENTS, None),
    "provider": (groups.PROVIDERS, None),
    "provider with a confirmed place": (groups.PROVIDERS, Registration.Status.CONFIRMED),
    "provider on the waiting list": (groups.PROVIDERS, Registration.Status.WAITING),
    "editor": (groups.EDITORS, None),
    "moderator": (groups.MODERATORS, None),
    "commissioner": (groups.COMMISSIONERS, None),
    "facilitator": (groups.FACILITATORS, None),
    "superuser": (None, None),
}
SIGNED_IN = set(ROLES) - {"anonymous"}
STAFF = {"editor", "moderator", "commissioner", "facilitator", "superuser"}

#: (rule, state of the session) -> the roles the rule lets through; the table in docs/permissions.md.
MAY = {
    ("labs.register", None): SIGNED_IN,
    ("labs.join_session", "unused"): STAFF | {"provider with a confirmed place"},
    ("labs.join_session", "used"): STAFF | {"provider with a confirmed place"},
    ("labs.facilitate_session", "unused"): {"facilitator", "superuser"},
    ("labs.change_session", None): {"facilitator", "editor", "superuser"},
    ("labs.delete_session", "unused"): {"facilitator", "editor", "superuser"},
    ("labs.delete_session", "used"): {"superuser"},
    ("labs.delete_session", "moved past welcome"): {"superuser"},
    ("labs.view_registrations", None): {"facilitator", "commissioner", "superuser"},
    ("labs.preview_record", "used"): STAFF,
    ("labs.publish_record", "used"): {"facilitator", "editor", "superuser"},
}


def session_in(state):
    """A session of a lab in the given state (None: no session, for rules asked without an object)."""
    if state is None:
        return None
    if state == "unused":
        return LabSessionFactory()
    if state == "used":
        return LabSessionFactory(last_seq=4, stage=Stage.IDEAS)
    return LabSessionFactory(stage=Stage.IDEAS)


def person_for(role, session):
    """A person in ``role``; a role with a place holds it at the session's lab."""
    if role == "anonymous":
        return AnonymousUser()
    group, place = ROLES[role]
    person = person_in(group)
    if role == "superuser":
        person.is_superuser = True
        person.save(update_fields=["is_superuser"])
    if place is not None and session is not None:
        RegistrationFactory(lab=session.lab, person=person, status=place)
    return person


def test_the_matrix_names_every_labs_rule():
    labs_rules = {name for name in rules.permissions.permissions if name.startswith("labs.")}
    assert labs_rules == {rule for rule, _ in MAY}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("rule", "state"), MAY)
def test_each_rule_lets_through_exactly_the_roles_of_the_table(role, rule, state):
    session = session_in(state)
    person = person_for(role, session)
    expected = role in MAY[rule, state]
    assert person.has_perm(rule, session) is expected
    assert rules.has_perm(rule, person, session) is expected


@pytest.mark.parametrize("status", [Registration.Status.WAITING, Registration.Status.CANCELLED])
def test_only_a_confirmed_place_opens_the_room(status):
    session = LabSessionFactory()
    person = person_in(groups.RESIDENTS)
    registration = RegistrationFactory(lab=session.lab, person=person, status=status)
    assert not person.has_perm("labs.join_session", session)
    registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["status"])
    assert person.has_perm("labs.join_session", session)


def test_a_confirmed_place_at_another_lab_does_not_open_this_room():
    session, elsewhere = LabSessionFactory(), LabSessionFactory()
    person = person_in(groups.PROVIDERS)
    RegistrationFactory(lab=elsewhere.lab, person=person)
    assert person.has_perm("labs.join_session", elsewhere)
    assert not person.has_perm("labs.join_session", session)


def test_a_session_becomes_undeletable_for_editors_once_its_log_has_an_entry():
    session = LabSessionFactory()
    editor = person_in(groups.EDITORS)
    assert editor.has_perm("labs.delete_session", session)
    session.last_seq = 1
    assert not editor.has_perm("labs.delete_session", session)

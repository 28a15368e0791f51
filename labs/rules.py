"""Who may do what in Innovation Labs (django-rules).

| rule | who |
| --- | --- |
| ``labs.register`` | any signed-in person; providers must name their organisation (checked by the form) |
| ``labs.join_session`` | people with a confirmed place at the session's lab, and staff (any staff group, superusers) |
| ``labs.facilitate_session`` | Facilitators and superusers: stages, timers, hiding, merging, polls, actions, closing |
| ``labs.change_session`` | Facilitators, Editors and superusers: add, edit and list sessions in ``/admin/`` |
| ``labs.delete_session`` | superusers; Facilitators and Editors only while nothing has happened in the session |
| ``labs.view_registrations`` | Facilitators, Commissioners and superusers: the registrations list and its export |
| ``labs.preview_record`` | staff (any staff group, superusers): read a session's record before it is published |
| ``labs.publish_record`` | Facilitators, Editors and superusers: publish a session's record |

Registrations hold emails and access needs, so only the people who plan the room (Facilitators)
and follow up who took part (Commissioners) see them. A session whose room has been used is the
record of what people said there: deleting it is for superusers alone.

Every websocket message is checked against these too (``labs.consumers``).
"""

import rules

from people import groups
from people.rules import is_commissioner, is_staff_member

is_facilitator = rules.is_superuser | rules.is_group_member(groups.FACILITATORS)
is_editor = rules.is_group_member(groups.EDITORS)
can_manage_sessions = is_facilitator | is_editor


@rules.predicate
def has_confirmed_place(user, session):
    """The person holds a confirmed place at this session's lab."""
    from labs.models import Registration

    if session is None or not user.is_authenticated:
        return False
    return Registration.objects.filter(
        lab_id=session.lab_id, person_id=user.pk, status=Registration.Status.CONFIRMED
    ).exists()


@rules.predicate
def session_never_used(user, session):
    """Nothing has happened in the session's room: still at the welcome stage, its event log empty."""
    from labs.models import Stage

    return session is not None and session.last_seq == 0 and session.stage == Stage.WELCOME


rules.add_perm("labs.register", rules.is_authenticated)
# The place first: most people in a room are participants, so the staff check rarely runs.
rules.add_perm("labs.join_session", rules.is_authenticated & (has_confirmed_place | is_staff_member))
rules.add_perm("labs.facilitate_session", is_facilitator)
rules.add_perm("labs.change_session", can_manage_sessions)
rules.add_perm("labs.delete_session", rules.is_superuser | (can_manage_sessions & session_never_used))
rules.add_perm("labs.view_registrations", is_facilitator | is_commissioner)
rules.add_perm("labs.preview_record", rules.is_authenticated & is_staff_member)
rules.add_perm("labs.publish_record", can_manage_sessions)

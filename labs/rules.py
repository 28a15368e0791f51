"""Who may do what in Innovation Labs (django-rules).

| rule | who |
| --- | --- |
| ``labs.register`` | any signed-in person; providers must name their organisation (checked by the form) |
| ``labs.join_session`` | people with a confirmed place at the session's lab, and staff (any staff group, superusers) |
| ``labs.facilitate_session`` | Facilitators and superusers: stages, timers, hiding, merging, polls, actions, closing |
| ``labs.view_registrations`` | staff: the registrations list and its export in ``/admin/`` |
| ``labs.publish_record`` | Facilitators, Editors and superusers: publish a session's record |

Every websocket message is checked against these too (``labs.consumers``).
"""

import rules

from people import groups
from people.rules import is_staff_member

is_facilitator = rules.is_superuser | rules.is_group_member(groups.FACILITATORS)
is_editor = rules.is_group_member(groups.EDITORS)


@rules.predicate
def has_confirmed_place(user, session):
    """The person holds a confirmed place at this session's lab."""
    from labs.models import Registration

    if session is None or not user.is_authenticated:
        return False
    return Registration.objects.filter(
        lab_id=session.lab_id, person_id=user.pk, status=Registration.Status.CONFIRMED
    ).exists()


rules.add_perm("labs.register", rules.is_authenticated)
# The place first: most people in a room are participants, so the staff check rarely runs.
rules.add_perm("labs.join_session", rules.is_authenticated & (has_confirmed_place | is_staff_member))
rules.add_perm("labs.facilitate_session", is_facilitator)
rules.add_perm("labs.view_registrations", is_staff_member)
rules.add_perm("labs.publish_record", is_facilitator | is_editor)

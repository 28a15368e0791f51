"""Who may do what with ladder ratings (django-rules).

| rule | who |
| --- | --- |
| ``engagement.add_participant_rating`` | anyone, signed in or not (anonymous ratings are rate limited) |
| ``engagement.add_organisation_rating`` | staff: Commissioners, Editors, Moderators, Facilitators, superusers |
"""

import rules

from people.rules import is_staff_member

rules.add_perm("engagement.add_participant_rating", rules.always_allow)
rules.add_perm("engagement.add_organisation_rating", is_staff_member)

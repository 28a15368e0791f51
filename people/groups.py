"""The names of Ladder's groups (roles), in one place.

The groups themselves are created by a data migration (``people/migrations/0003_groups.py``);
``docs/permissions.md`` describes what each may do.
"""

RESIDENTS = "Residents"
PROVIDERS = "Providers"
EDITORS = "Editors"
MODERATORS = "Moderators"
COMMISSIONERS = "Commissioners"
FACILITATORS = "Facilitators"

PUBLIC_GROUPS = (RESIDENTS, PROVIDERS)
STAFF_GROUPS = (EDITORS, MODERATORS, COMMISSIONERS, FACILITATORS)
ALL_GROUPS = PUBLIC_GROUPS + STAFF_GROUPS

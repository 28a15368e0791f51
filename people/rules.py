"""Who may do what with people's data: predicates and permissions (django-rules).

Views and admin screens ask ``user.has_perm("people.<verb>_<model>", obj)``; the table in
docs/permissions.md describes the same policy.
"""

import rules

from people import groups
from people.models import Profile
from people.services import is_staff_member as _is_staff_member


@rules.predicate
def is_staff_member(user):
    """A superuser or a member of Editors, Moderators, Commissioners or Facilitators."""
    return _is_staff_member(user)


@rules.predicate
def is_profile_owner(user, profile):
    """The profile belongs to this person."""
    return profile is not None and user.is_authenticated and profile.user_id == user.pk


@rules.predicate
def is_verified_member(user):
    """The person speaks for a verified organisation and staff confirmed them as its member."""
    if not user.is_authenticated:
        return False
    profile = Profile.objects.select_related("organisation").filter(user=user).first()
    return profile is not None and profile.is_verified_member


is_commissioner = rules.is_group_member(groups.COMMISSIONERS)
is_superuser = rules.is_superuser
is_signed_in = rules.is_authenticated

rules.add_rule("people.is_staff_member", is_staff_member)
rules.add_rule("people.is_verified_member", is_verified_member)

# Object-level permissions. Model permissions given to groups by the data migration
# (e.g. Commissioners' people.view_profile) still apply through Django's ModelBackend.
rules.add_perm("people.view_profile", is_profile_owner | is_commissioner | is_superuser)
rules.add_perm("people.change_profile", is_profile_owner)
rules.add_perm("people.verify_organisation", is_commissioner | is_superuser)
rules.add_perm("people.confirm_membership", is_commissioner | is_superuser)
rules.add_perm("people.download_personal_data", is_signed_in)
rules.add_perm("people.delete_account", is_signed_in)

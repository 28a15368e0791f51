"""One Wagtail permission policy for every admin screen: each action answered by a named rule.

An app's admin screens ask the same rules (django-rules, in the app's ``rules.py``) as its views
and socket handlers, so the table in ``docs/permissions.md`` describes the admin too. A policy
names its rules in two maps:

- ``perms``: the rule for each action (``"add"``, ``"change"``, ``"delete"``, ``"view"``, …); an
  action not named is refused to everyone;
- ``instance_perms``: a stricter rule for an action on one object, asked with the object itself,
  where one object may be allowed and another not.

A policy is a subclass that sets these maps, registered for its model with Wagtail's
``register_permission_policy`` or named by a viewset's ``permission_policy``.
"""

from wagtail.permission_policies import ModelPermissionPolicy


class RulesPolicy(ModelPermissionPolicy):
    """A permission policy that answers each admin action with a rule (an action with no rule: never)."""

    perms: dict = {}
    instance_perms: dict = {}

    def user_has_permission(self, user, action):
        """True when the action has a rule and this active, signed-in person passes it."""
        perm = self.perms.get(action)
        return bool(user.is_authenticated and user.is_active and perm is not None and user.has_perm(perm))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        """The action's instance rule, asked with ``instance``; the plain rule when it has none."""
        perm = self.instance_perms.get(action)
        if perm is None:
            return self.user_has_permission(user, action)
        return bool(user.is_authenticated and user.is_active and user.has_perm(perm, instance))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        """Every object when the person may take one of the actions at all, otherwise none."""
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

"""Admin screens for Innovation Labs: live sessions and registrations (``labs.viewsets``)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from labs.models import LabSession, Registration
from labs.viewsets import LabsAdminGroup, LabSessionPolicy, RegistrationPolicy

register_permission_policy(LabSession, LabSessionPolicy(LabSession), exact_class=True)
register_permission_policy(Registration, RegistrationPolicy(Registration), exact_class=True)


@hooks.register("register_admin_viewset")
def register_labs_admin():
    return LabsAdminGroup()

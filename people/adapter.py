"""allauth adapter for Ladder: plainer messages and where people land after signing in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from people.services import is_staff_member


class LadderAccountAdapter(DefaultAccountAdapter):
    """Ladder's account rules on top of allauth's defaults."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_taken": "An account already uses this email address. Sign in, or reset your password if you have forgotten it.",
    }

    def get_login_redirect_url(self, request):
        """Staff go to the admin; everyone else to their profile (unless a ``next`` page was asked for)."""
        if is_staff_member(request.user):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)

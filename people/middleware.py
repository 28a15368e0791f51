"""Middleware for people: staff must use two-factor authentication in the session that reaches
/admin/, and pages about a person are never stored by browsers or proxies."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from people.services import is_staff_member
from people.two_factor import has_authenticator_app, session_used_second_factor

ADMIN_PREFIX = "/admin/"
ADMIN_LOGIN_PREFIX = "/admin/login/"
MFA_REQUIRED_MESSAGE = (
    "Staff must use two-factor authentication to use the admin. Set up an authenticator app "
    "below; you will then be asked for a code each time you sign in."
)
MFA_NOT_USED_MESSAGE = (
    "Staff must use two-factor authentication to use the admin. Enter the code from your authenticator app to carry on."
)


class StaffMFAMiddleware:
    """Guard the Wagtail admin.

    * Wagtail's own login page is swapped for allauth's, so every sign-in goes through allauth
      (and its two-factor step).
    * When ``settings.STAFF_REQUIRE_MFA`` is on, a staff member (superuser, or a member of Editors,
      Moderators, Commissioners or Facilitators) reaches the admin only when this session used a
      second factor (people/two_factor.py). Without an authenticator app they are sent to set one
      up; with one, to enter a code from it.

    Requests outside ``/admin/`` cost nothing: no query runs for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIX):
            response = self.guard_admin(request)
            if response is not None:
                return response
        return self.get_response(request)

    def guard_admin(self, request):
        """Return a redirect when the request may not reach the admin yet, else None."""
        if request.path.startswith(ADMIN_LOGIN_PREFIX):
            query = urlencode({"next": request.GET.get("next", ADMIN_PREFIX)})
            return redirect(f"{reverse('account_login')}?{query}")
        if not getattr(settings, "STAFF_REQUIRE_MFA", False):
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        if session_used_second_factor(request) or not is_staff_member(user):
            return None
        if has_authenticator_app(user):
            messages.warning(request, MFA_NOT_USED_MESSAGE)
            next_page = request.get_full_path() if request.method == "GET" else ADMIN_PREFIX
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_page})}")
        messages.warning(request, MFA_REQUIRED_MESSAGE)
        return redirect("mfa_activate_totp")


class PrivacyHeadersMiddleware:
    """Headers that keep people's pages private and the browser's powerful features off.

    * ``Cache-Control: no-store`` on every page under ``settings.PRIVATE_PATH_PREFIXES`` (the
      account pages and the admin), and on any other page served to a signed-in person whose
      view set no Cache-Control of its own.
    * ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` (feature → allowed origins) on
      every response.

    Anonymous requests outside the private paths cost nothing: no session or user is loaded.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.private_prefixes = tuple(getattr(settings, "PRIVATE_PATH_PREFIXES", ()))
        self.permissions_policy = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if request.path.startswith(self.private_prefixes):
            response["Cache-Control"] = "no-store"
        elif "Cache-Control" not in response and self._signed_in(request):
            response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _signed_in(request) -> bool:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` → ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())

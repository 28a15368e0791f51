"""Middleware for people: staff must set up two-factor authentication before using /admin/."""


class StaffMFAMiddleware:
    """Placeholder until the MFA rule is written; passes every request through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

"""Context shared by every public page: the service name and the main navigation."""

from django.conf import settings

PRIMARY_NAVIGATION = (
    ("The plan", "/plan/"),
    ("Consultations", "/consultations/"),
    ("Surveys", "/surveys/"),
    ("Innovation Labs", "/labs/"),
    ("The ladder", "/ladder-of-co-production/"),
)

FOOTER_LINKS = (
    ("Privacy notice", "/privacy/"),
    ("Accessibility statement", "/accessibility/"),
    ("The ladder of co-production", "/ladder-of-co-production/"),
)


def site_chrome(request):
    """Header and footer links; no database queries, so every page can afford it."""
    path = getattr(request, "path", "/")
    return {
        "service_name": settings.LADDER_SERVICE_NAME,
        "organisation_name": settings.LADDER_ORGANISATION_NAME,
        "primary_navigation": [
            {"label": label, "url": url, "current": path.startswith(url)} for label, url in PRIMARY_NAVIGATION
        ],
        "footer_links": [{"label": label, "url": url} for label, url in FOOTER_LINKS],
    }

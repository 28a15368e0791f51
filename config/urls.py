"""Ladder's URL map: public pages come from Wagtail's page tree; everything else is named here."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from serving import routing

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_views.search, name="search"),
    path("accounts/", include("people.urls")),
    path("accounts/", include("allauth.urls")),
    path("ladder/", include("engagement.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own helper URLs, but not its front-end login: that signs people in with a password
# alone, past allauth's email verification, two-factor step and rate limit. Its name stays (Wagtail
# reverses it) and sends people to allauth's sign-in. The page-password form is not a sign-in and stays.
WAGTAIL_ROUTES_REPLACED = {"wagtail_serve", "wagtailcore_login"}

urlpatterns += [
    *[pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", "") not in WAGTAIL_ROUTES_REPLACED],
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    # Pages through Ladder's remembered routing (serving/routing.py).
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

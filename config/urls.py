"""Ladder's URL map: public pages come from Wagtail's page tree; everything else is named here."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

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

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

"""Unknown pages and server errors get styled NHS.UK pages."""

import pytest
from django.test import RequestFactory

from home import views

pytestmark = pytest.mark.django_db


def test_unknown_page_is_the_styled_404(client, home_page):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html
    assert 'class="nhsuk-header' in html
    assert 'href="/search/"' in html


def test_server_error_handler_renders_the_styled_500():
    response = views.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "nhsuk-frontend" in html


def test_500_handler_is_wired_into_the_url_configuration():
    from config import urls

    assert urls.handler500 == "home.views.server_error"
    assert urls.handler404 == "home.views.page_not_found"

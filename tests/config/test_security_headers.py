"""Security headers: a Content-Security-Policy without 'unsafe-inline', a Permissions-Policy, and
Cache-Control: no-store on every page that shows personal data."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from home.demo import ensure_home_page
from people import groups
from serving import page_cache
from tests.engagement.factories import ConsultationPageFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/search/?q=care"]


@pytest.fixture(autouse=True)
def home_page(db):
    from django.core.cache import cache

    cache.clear()
    yield ensure_home_page()
    cache.clear()


def _directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_page_has_a_content_security_policy_without_unsafe_inline(client, url):
    response = client.get(url)
    assert response.status_code == 200
    directives = _directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_page_turns_off_the_browsers_powerful_features(client, url):
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def _inline_scripts_and_styles(html):
    """Scripts without src that a browser would run, <style> elements, and style attributes."""
    found = []
    for tag in re.findall(r"<script\b[^>]*>", html):
        if "src=" in tag or 'type="application/json"' in tag:
            continue
        found.append(tag)
    found += re.findall(r"<style\b[^>]*>", html)
    found += re.findall(r"<[a-z]+\b[^>]*\sstyle=\"[^\"]*\"", html)
    return found


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_have_no_inline_script_or_style_that_the_policy_would_block(client, url):
    html = client.get(url).content.decode()
    blocked = [tag for tag in _inline_scripts_and_styles(html) if "nonce=" not in tag or "style=" in tag]
    assert blocked == []


def test_the_nhs_frontend_starts_from_a_static_module_not_an_inline_script(client):
    html = client.get("/").content.decode()
    assert re.search(r'<script type="module" src="/static/js/nhsuk-init\.js"></script>', html)


def test_a_page_that_used_a_nonce_is_never_kept_in_the_whole_page_cache():
    request = RequestFactory().get("/plan/")
    request.ladder_cache_whole_page = True
    response = page_cache.HttpResponse("<p>plan</p>")
    assert page_cache.freeze(request, response) is not None
    request._csp_nonce = "abc"
    assert page_cache.freeze(request, response) is None


PRIVATE_PAGES = [
    reverse("people:profile"),
    reverse("people:delete_account"),
    reverse("people:download_personal_data"),
    reverse("account_email"),
    reverse("account_change_password"),
    reverse("mfa_index"),
]


@pytest.mark.parametrize("url", PRIVATE_PAGES)
def test_pages_with_a_persons_own_data_are_never_stored(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_two_factor_set_up_is_never_stored(client, user):
    client.post(reverse("account_login"), {"login": user.email, "password": "correct-horse-battery"})
    client.post(reverse("account_reauthenticate"), {"password": "correct-horse-battery"})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", ["/admin/", "/admin/snippets/people/profile/", "/admin/pages/"])
def test_the_whole_admin_is_never_stored(client, user_factory, url):
    commissioner = user_factory()
    commissioner.groups.add(Group.objects.get(name=groups.COMMISSIONERS))
    client.force_login(commissioner)
    response = client.get(url)
    assert response.status_code in {200, 302}
    assert response["Cache-Control"] == "no-store"


def test_a_public_page_shown_to_a_signed_in_person_is_not_stored(client, user):
    client.force_login(user)
    assert client.get("/")["Cache-Control"] == "no-store"


def test_a_public_page_for_anonymous_visitors_may_be_cached(client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_the_admins_page_editor_has_no_inline_script_and_hands_its_nonce_to_the_static_starter(
    client, user_factory, home_page
):
    consultation = ConsultationPageFactory(parent=home_page)
    client.force_login(user_factory(is_superuser=True))
    response = client.get(f"/admin/pages/{consultation.pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert [tag for tag in _inline_scripts_and_styles(html) if "<script" in tag] == []
    assert 'data-ladder-init="initDateTimeChooser" data-ladder-call="call">["id_opens_at", {' in html
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'src="/static/js/wagtail-admin-csp.js" data-csp-nonce="{nonce}"' in html


def test_the_nginx_example_sets_the_same_policy_on_the_files_it_serves(settings):
    from pathlib import Path

    from csp.utils import build_policy

    from people.middleware import permissions_policy_header

    nginx = (Path(settings.BASE_DIR) / "site" / "nginx.conf.example").read_text()
    files_csp = re.search(r'\$ladder_files_csp \{\s*default "([^"]+)";', nginx).group(1)
    pages_csp = build_policy(config=settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])

    def as_dict(policy):
        return {part.split()[0]: sorted(part.split()[1:]) for part in (p.strip() for p in policy.split(";")) if part}

    assert as_dict(files_csp) == as_dict(pages_csp)
    permissions = re.search(r'\$ladder_permissions_policy \{\s*default "([^"]+)";', nginx).group(1)
    assert permissions == permissions_policy_header(settings.PERMISSIONS_POLICY)
    for location in ("/static/", "/media/"):
        block = nginx.split(f"location {location} {{")[1].split("}")[0]
        assert "Content-Security-Policy $ladder_files_csp" in block or '"$ladder_files_csp; sandbox"' in block
        assert "Permissions-Policy $ladder_permissions_policy always" in block


def test_chooser_widgets_leave_their_set_up_as_data_not_an_inline_script():
    from wagtail.admin.widgets import AdminPageChooser
    from wagtail.admin.widgets.workflows import AdminTaskChooser

    html = AdminPageChooser(target_models=["engagement.ConsultationPage"]).render("page", None, {"id": "id_page"})
    assert "<script>" not in html
    setup = re.search(
        r'<script type="application/json" data-ladder-init="PageChooser" data-ladder-call="new">(.*)</script>', html
    )
    page_id, options = json.loads(setup.group(1))
    assert page_id == "id_page"
    assert options["modelNames"] == ["engagement.consultationpage"]

    html = AdminTaskChooser().render("task", None, {"id": "id_task"})
    assert 'data-ladder-init="createTaskChooser" data-ladder-call="call">["id_task"]</script>' in html


def test_set_up_data_cannot_close_its_script_element():
    from config.wagtail_admin_csp import init_data

    html = init_data("PageChooser", ["</script><script>alert(1)</script>"])
    assert html.count("</script>") == 1
    assert "\\u003C/script\\u003E" in html

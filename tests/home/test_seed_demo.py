"""``seed_demo`` builds the demo site once, and changes nothing when run again."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from home.models import HomePage, PlanPage, PlanSectionPage, PlanStatus, StandardPage

pytestmark = pytest.mark.django_db


def seed():
    out, err = StringIO(), StringIO()
    call_command("seed_demo", stdout=out, stderr=err)
    return out.getvalue()


def test_seed_demo_twice_makes_no_duplicates_and_no_new_revisions():
    seed()
    pages, revisions = Page.objects.count(), Revision.objects.count()
    slugs = sorted(Page.objects.values_list("url_path", flat=True))
    seed()
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert sorted(Page.objects.values_list("url_path", flat=True)) == slugs


def test_seed_demo_replaces_the_welcome_page_with_the_home_page():
    seed()
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert Page.get_first_root_node().get_children().count() == 1
    assert not Page.objects.filter(title__startswith="Welcome").exists()


def test_seed_demo_builds_every_public_path(client):
    seed()
    for path in (
        "/",
        "/plan/",
        "/plan/print/",
        "/consultations/",
        "/surveys/",
        "/labs/",
        "/ladder-of-co-production/",
        "/privacy/",
        "/accessibility/",
    ):
        assert client.get(path).status_code == 200, path


def test_seed_demo_plan_is_the_current_2021_plan_with_its_sections():
    seed()
    plan = PlanPage.objects.get(slug="plan")
    assert (plan.title, plan.year, plan.status) == ("Better Outcomes, Better Lives", 2021, PlanStatus.CURRENT)
    sections = list(PlanSectionPage.objects.child_of(plan).live().values_list("slug", flat=True))
    assert sections == [
        "vision",
        "design-principles",
        "priorities",
        "population-health",
        "quality",
        "social-value",
        "measures-of-success",
    ]


def test_seed_demo_plan_carries_the_key_figures(client):
    seed()
    html = client.get("/plan/measures-of-success/").content.decode()
    for figure in ("18", "Over 90", "52", "About 84", "Over 7,300"):
        assert f">{figure}</dt>" in html


def test_seed_demo_publishes_pages_with_a_revision():
    seed()
    for page in [PlanPage.objects.get(), *StandardPage.objects.all(), HomePage.objects.get()]:
        assert page.live and page.live_revision_id, page.title


def test_seed_demo_privacy_notice_covers_rights_download_deletion_and_cookies(client):
    seed()
    html = client.get("/privacy/").content.decode()
    for words in ("lawful basis", "How long we keep it", "download everything", "delete your account", "tracking"):
        assert words.lower() in html.lower(), words


def test_seed_demo_accessibility_statement_names_the_standard_and_enforcement(client):
    seed()
    html = client.get("/accessibility/").content.decode()
    for words in ("WCAG", "2.2", "AA", "Report a problem", "Equality and Human Rights Commission"):
        assert words in html, words


def test_seed_demo_lists_the_demo_accounts():
    output = seed()
    assert "resident@example.org" in output
    assert "commissioner@example.org" in output


def test_seed_demo_reports_the_consultations_and_labs_each_app_offers_in_app_order():
    lines = seed().splitlines()
    consultations = next(n for n, line in enumerate(lines) if line.startswith("Demo consultations: "))
    labs = next(n for n, line in enumerate(lines) if line.startswith("Demo Innovation Labs: "))
    assert consultations < labs
    assert lines[labs] == "Demo Innovation Labs: 1."

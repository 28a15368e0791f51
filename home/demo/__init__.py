"""Demo content: the page tree with the commissioning plan, and the demo accounts.

``build_demo_site`` is idempotent: it finds pages by slug under their parent and only creates what
is missing, so running it twice changes nothing. Pages are published through a revision so they
show in the admin history.
"""

import importlib
import importlib.util
import logging

from django.db import connection, transaction
from wagtail.models import Page, Site

from home.demo import plan_content, site_content
from home.models import HomePage, PlanPage, PlanSectionPage, StandardPage

logger = logging.getLogger(__name__)

OPTIONAL_INDEX_PAGES = (
    ("consultations", "engagement.models", "ConsultationIndexPage", "consultations"),
    ("ladder", "engagement.models", "LadderPage", "ladder-of-co-production"),
    ("surveys", "surveys.models", "SurveyIndexPage", "surveys"),
    ("labs", "labs.models", "LabIndexPage", "labs"),
)


def publish(page):
    """Publish the page's current state as a new revision."""
    page.save_revision().publish()
    return page


def ensure_child(parent, model, slug, **fields):
    """Return the live child of ``parent`` with ``slug``, creating and publishing it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return publish(page), True


@transaction.atomic
def ensure_home_page():
    """Make a ``HomePage`` the default site's root, replacing Wagtail's "Welcome" page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    site = Site.objects.filter(is_default_site=True).first()
    if home is None:
        welcome = root.get_children().filter(slug="home").first()
        if welcome is not None and type(welcome.specific) is Page and not welcome.get_children().exists():
            if site is not None:
                # The site must not point at the welcome page while it is deleted (the FK cascades).
                site.root_page = root
                site.save()
            welcome.delete()
            root.refresh_from_db()
        slug = "home" if not root.get_children().filter(slug="home").exists() else "ladder-home"
        home = HomePage(title=site_content.HOME_TITLE, slug=slug, intro=site_content.HOME_INTRO)
        root.add_child(instance=home)
        publish(home)
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Ladder")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def _optional_model(module_name, class_name):
    """Import a page model from another app, or return None (with a warning) if it is not there yet."""
    try:
        model = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError):
        return None
    if model._meta.db_table not in connection.introspection.table_names():
        return None  # the model exists but its migration has not been written or applied yet
    return model


def ensure_index_pages(home, warn):
    """Create the consultations, surveys, labs and ladder pages; return their ids by name."""
    ids = {}
    for key, module_name, class_name, slug in OPTIONAL_INDEX_PAGES:
        model = _optional_model(module_name, class_name)
        if model is None:
            warn(f"Skipped /{slug}/: {module_name}.{class_name} is not available yet.")
            continue
        text = site_content.INDEX_PAGES[key]
        page, _ = ensure_child(home, model, slug, title=text["title"], intro=text["intro"])
        ids[key] = page.pk
    return ids


def ensure_plan(home, links):
    """Create the demo commissioning plan and its sections (only the ones that are missing)."""
    info = plan_content.PLAN
    plan, _ = ensure_child(
        home,
        PlanPage,
        info["slug"],
        title=info["title"],
        year=info["year"],
        status=info["status"],
        summary=info["summary"],
        search_description=info["search_description"],
    )
    for section in plan_content.sections(links):
        ensure_child(
            plan,
            PlanSectionPage,
            section["slug"],
            title=section["title"],
            introduction=section["introduction"],
            search_description=section["introduction"],
            body=section["body"],
        )
    return plan


def ensure_standard_pages(home):
    """Create the privacy notice and the accessibility statement."""
    for content in (site_content.PRIVACY, site_content.ACCESSIBILITY):
        ensure_child(
            home,
            StandardPage,
            content["slug"],
            title=content["title"],
            introduction=content["introduction"],
            search_description=content["introduction"],
            body=content["body"],
        )


def ensure_home_links(home, links):
    """Fill the home page's featured links once the pages they point to exist."""
    if len(home.body):
        return
    home.body = site_content.home_body(links)
    home.save()
    publish(home)


@transaction.atomic
def build_demo_site(warn=logger.warning):
    """Build the whole demo page tree; safe to run any number of times. Returns the home page."""
    home = ensure_home_page()
    links = ensure_index_pages(home, warn)
    plan = ensure_plan(home, links)
    links["plan"] = plan.pk
    ensure_standard_pages(home)
    ensure_home_links(home, links)
    return home


def create_demo_people(password):
    """Create the demo accounts through ``people.demo`` if that module exists; return (email, role) pairs."""
    if importlib.util.find_spec("people.demo") is None:
        return None
    return importlib.import_module("people.demo").create_demo_people(password)

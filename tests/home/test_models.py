"""Page types and where each may be created."""

import pytest
from wagtail.models import Page

from engagement.models import ConsultationIndexPage, LadderPage
from home.models import HomePage, PlanPage, PlanSectionPage, PlanStatus, StandardPage
from labs.models import LabIndexPage
from surveys.models import SurveyIndexPage
from tests.home.factories import PlanPageFactory, PlanSectionPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_allows_the_plan_policies_and_every_index_page_below_it():
    allowed = set(HomePage.allowed_subpage_models())
    assert allowed == {
        PlanPage,
        StandardPage,
        ConsultationIndexPage,
        LadderPage,
        SurveyIndexPage,
        LabIndexPage,
    }


def test_only_one_home_page_can_exist(home_page):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)


def test_home_page_can_only_sit_at_the_top_of_the_tree():
    assert HomePage.allowed_parent_page_models() == [Page]


def test_plan_sections_only_live_under_a_plan(home_page):
    plan = PlanPageFactory(parent=home_page)
    assert PlanSectionPage.can_create_at(plan)
    assert not PlanSectionPage.can_create_at(home_page)
    assert PlanSectionPage.allowed_subpage_models() == []


def test_plan_lives_under_the_home_page_only(home_page):
    standard = StandardPageFactory(parent=home_page)
    assert PlanPage.can_create_at(home_page)
    assert not PlanPage.can_create_at(standard)


def test_standard_pages_nest_under_home_and_each_other(home_page):
    standard = StandardPageFactory(parent=home_page)
    assert StandardPage.can_create_at(home_page)
    assert StandardPage.can_create_at(standard)


@pytest.mark.parametrize("model", [SurveyIndexPage, LabIndexPage])
def test_index_pages_live_under_home_and_only_once(home_page, model):
    assert model.can_create_at(home_page)
    home_page.add_child(instance=model(title="Index", slug=f"index-{model.__name__.lower()}"))
    assert not model.can_create_at(home_page)


def test_plan_status_has_draft_current_and_superseded():
    assert [value for value, _ in PlanStatus.choices] == ["draft", "current", "superseded"]


def test_search_summary_comes_from_each_pages_own_summary_field(home_page):
    plan = PlanPageFactory(parent=home_page, summary="The plan in brief.")
    section = PlanSectionPageFactory(parent=plan, introduction="The section in brief.")
    assert plan.search_summary == "The plan in brief."
    assert section.search_summary == "The section in brief."
    assert home_page.search_summary == home_page.intro


@pytest.mark.parametrize("model", [HomePage, StandardPage, PlanPage, PlanSectionPage, SurveyIndexPage, LabIndexPage])
def test_every_page_type_indexes_its_text_for_search(model):
    indexed = {field.field_name for field in model.search_fields}
    assert "title" in indexed
    assert indexed & {"body", "intro", "introduction", "summary"}


def test_live_sections_are_the_published_children_in_order(plan):
    PlanSectionPageFactory(parent=plan, title="Draft section", live=False)
    assert [page.title for page in plan.live_sections()] == ["Vision", "Priorities", "Measures"]


@pytest.mark.parametrize(
    ("model_name", "parent_slug"),
    [("plansectionpage", "plan"), ("planpage", None), ("standardpage", None)],
)
def test_admin_create_form_opens_for_each_page_type(admin_client, plan, model_name, parent_slug):
    parent = plan if parent_slug else plan.get_parent()
    response = admin_client.get(f"/admin/pages/add/home/{model_name}/{parent.pk}/")
    assert response.status_code == 200


def test_admin_edit_form_opens_for_a_seeded_plan_section(admin_client):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    section = PlanSectionPage.objects.get(slug="measures-of-success")
    assert admin_client.get(f"/admin/pages/{section.pk}/edit/").status_code == 200

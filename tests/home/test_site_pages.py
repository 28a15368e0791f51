"""Home, standard and index pages render their content with the shared page chrome."""

import pytest

from labs.models import LabIndexPage
from surveys.models import SurveyIndexPage
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_has_no_breadcrumbs_and_shows_its_intro(client, home_page):
    html = client.get("/").content.decode()
    assert "Ladder is where residents, carers, care providers" in html
    assert 'class="nhsuk-breadcrumb"' not in html
    assert 'class="ladder-page-rating ladder-no-print"' in html


def test_standard_page_shows_breadcrumbs_title_and_body(client, home_page):
    StandardPageFactory(parent=home_page, title="Privacy notice", slug="privacy")
    html = client.get("/privacy/").content.decode()
    assert "<h1>Privacy notice</h1>" in html
    assert "Plain words." in html
    assert 'href="/">Home</a>' in html


def test_empty_survey_index_says_there_are_no_surveys_yet(client, home_page):
    home_page.add_child(instance=SurveyIndexPage(title="Surveys", slug="surveys"))
    assert "There are no surveys yet." in client.get("/surveys/").content.decode()


def test_empty_lab_index_says_no_labs_are_planned_yet(client, home_page):
    home_page.add_child(instance=LabIndexPage(title="Innovation Labs", slug="labs"))
    assert "There are no Innovation Labs planned yet." in client.get("/labs/").content.decode()

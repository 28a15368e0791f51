"""The ladder page, the consultations index and the rating component on any page."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from engagement import ladder

pytestmark = pytest.mark.django_db


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_ladder_page_lists_all_seven_rungs_from_the_bottom_in_an_ordered_list(client, ladder_page):
    soup = soup_of(client, ladder_page)
    diagram = soup.select_one(".ladder-diagram")
    rungs = diagram.select("ol > li")
    assert [int(li["value"]) for li in rungs] == [1, 2, 3, 4, 5, 6, 7]
    for li, rung in zip(rungs, ladder.RUNGS, strict=True):
        assert rung.name in li.get_text()
        assert rung.description in li.get_text()


def test_the_ladder_page_names_each_band_in_a_heading(client, ladder_page):
    soup = soup_of(client, ladder_page)
    headings = [h.get_text(" ", strip=True) for h in soup.select(".ladder-diagram h3")]
    assert headings == ["Doing to (rungs 1 and 2)", "Doing for (rungs 3 to 5)", "Doing with (rungs 6 and 7)"]


def test_the_ladder_page_explains_both_questions_and_the_gap(client, ladder_page):
    text = soup_of(client, ladder_page).get_text(" ", strip=True)
    assert "How involved did you feel?" in text
    assert "At what rung did we engage?" in text
    assert "What a gap between the two answers means" in text


def test_the_ladder_page_credits_tlaps_national_co_production_advisory_group(client, ladder_page):
    text = soup_of(client, ladder_page).get_text(" ", strip=True)
    assert "Think Local Act Personal's National Co-production Advisory Group (2016)" in text


def test_the_ladder_page_carries_the_rating_form(client, ladder_page):
    form = soup_of(client, ladder_page).select_one("#ladder-rating form")
    assert form["action"] == f"/ladder/rate/{ladder_page.pk}/"
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
    assert form.select_one("fieldset legend").get_text(strip=True) == "How involved did you feel?"


def test_the_consultations_index_says_when_there_are_none_yet(client, consultation_index_page):
    text = soup_of(client, consultation_index_page).get_text(" ", strip=True)
    assert "There are no consultations open yet." in text


def test_the_consultations_index_lists_its_published_children(
    client, consultation_index_page, consultation_page_factory
):
    consultation_page_factory(parent=consultation_index_page, title="Carers' support")
    draft = consultation_page_factory(parent=consultation_index_page, title="Supported housing draft")
    draft.unpublish()
    soup = soup_of(client, consultation_index_page)
    titles = [a.get_text(strip=True) for a in soup.select("main .ladder-consultation-cards h3 a")]
    assert titles == ["Carers' support"]
    assert "There are no consultations open yet." not in soup.get_text()


def render_component(page, user):
    request = RequestFactory().get("/a-page/")
    request.user = user
    template = Template("{% load ladder %}{% ladder_rating_form page %}")
    return template.render(Context({"page": page, "request": request, "csrf_token": "token"}))


def test_the_component_costs_no_query_for_an_anonymous_visitor(ladder_page, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_component(ladder_page, AnonymousUser())
    assert 'id="ladder-rating"' in html


def test_the_component_costs_one_query_for_a_signed_in_person(ladder_page, user, django_assert_num_queries):
    with django_assert_num_queries(1):
        render_component(ladder_page, user)


def test_the_component_renders_nothing_for_an_unpublished_page(ladder_page):
    ladder_page.live = False
    assert render_component(ladder_page, AnonymousUser()).strip() == ""


def test_the_components_radios_form_one_group_in_a_fieldset_with_hints(ladder_page):
    soup = BeautifulSoup(render_component(ladder_page, AnonymousUser()), "html.parser")
    fieldset = soup.select_one("fieldset")
    radios = fieldset.select("input[type=radio]")
    assert {r["name"] for r in radios} == {"rung"}
    assert [r["value"] for r in radios] == [str(n) for n in range(1, 8)]
    for radio in radios:
        assert soup.find(id=radio["aria-describedby"]) is not None
        assert soup.select_one(f"label[for={radio['id']}]") is not None
    assert [p.get_text(" ", strip=True) for p in soup.select(".ladder-rating__band-name")] == [
        "Doing to (rungs 1 and 2)",
        "Doing for (rungs 3 to 5)",
        "Doing with (rungs 6 and 7)",
    ]
    assert soup.select_one("label[for=ladder-text]").get_text(strip=True) == "Tell us more (optional)"


def test_the_component_links_to_the_ladder_explained_except_on_the_ladder_page(ladder_page, consultation_index_page):
    link = 'href="/ladder-of-co-production/"'
    assert link not in render_component(ladder_page, AnonymousUser())
    assert link in render_component(consultation_index_page, AnonymousUser())

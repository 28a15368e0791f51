"""The plan and its sections: contents list, previous and next, print view, caching."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from home.demo import publish
from tests.home.factories import PlanSectionPageFactory

pytestmark = pytest.mark.django_db


def test_plan_page_shows_summary_year_status_and_contents(client, plan):
    response = client.get("/plan/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Our plan for adult social care." in html
    assert "2021 to 2022" in html
    assert "Current" in html
    for slug, title in (("vision", "Vision"), ("priorities", "Priorities"), ("measures", "Measures")):
        assert f'href="/plan/{slug}/">{title}</a>' in html
    assert 'href="/plan/print/"' in html


def test_plan_page_links_to_its_pdf_when_there_is_one(client, plan):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(title="Plan PDF", file=ContentFile(b"%PDF-1.4", name="plan.pdf"))
    plan.pdf = document
    publish(plan)
    html = client.get("/plan/").content.decode()
    assert f'href="{document.url}"' in html
    assert "Download the plan as a PDF" in html


def test_section_marks_itself_current_in_the_contents_list(client, sections):
    html = client.get("/plan/priorities/").content.decode()
    assert 'aria-current="page"><span class="nhsuk-contents-list__current">Priorities</span>' in html
    assert 'href="/plan/vision/">Vision</a>' in html
    assert 'href="/plan/measures/">Measures</a>' in html


def test_section_links_to_the_previous_and_next_sections(client, sections):
    html = client.get("/plan/priorities/").content.decode()
    assert 'href="/plan/vision/" rel="prev"' in html
    assert 'href="/plan/measures/" rel="next"' in html


def test_first_section_has_no_previous_link_and_last_has_no_next(client, sections):
    first = client.get("/plan/vision/").content.decode()
    last = client.get("/plan/measures/").content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_section_shows_breadcrumbs_print_link_and_rating_slot(client, sections):
    html = client.get("/plan/vision/").content.decode()
    assert 'class="nhsuk-breadcrumb"' in html
    assert 'href="/plan/">Better Outcomes, Better Lives</a>' in html
    assert 'href="/plan/print/">Print this plan' in html
    assert 'class="ladder-page-rating ladder-no-print"' in html


def test_print_view_shows_every_section_on_one_page(client, sections):
    response = client.get("/plan/print/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Living my best life at home.", "Putting prevention into practice", "Fewer people in residential"):
        assert text in html
    assert html.index("1. Vision") < html.index("2. Priorities") < html.index("3. Measures")


def test_print_view_leaves_out_unpublished_sections(client, plan):
    PlanSectionPageFactory(parent=plan, title="Secret draft", live=False)
    assert "Secret draft" not in client.get("/plan/print/").content.decode()


def test_signed_in_section_page_query_count_is_pinned(client, user, sections, django_assert_num_queries):
    # Signed-in people skip the whole-page cache: session and user (2), the plan's contents (1),
    # and the person's earlier ladder rating (1). The site, the route, the page itself and
    # whether any page has a view restriction are remembered per content version (serving/routing.py).
    client.force_login(user)
    client.get("/plan/priorities/")
    client.get("/plan/priorities/")
    with django_assert_num_queries(4):
        response = client.get("/plan/priorities/")
    assert response.status_code == 200


def test_anonymous_repeat_visit_is_served_whole_from_the_cache(client, sections, django_assert_num_queries):
    first = client.get("/plan/priorities/")
    with django_assert_num_queries(0):
        second = client.get("/plan/priorities/")
    assert "X-Ladder-Page-Cache" not in first
    assert second["X-Ladder-Page-Cache"] == "hit"
    assert "Putting prevention into practice" in second.content.decode()


def test_published_change_to_a_section_appears_at_once(client, sections):
    section = sections["priorities"]
    assert "Putting prevention into practice" in client.get("/plan/priorities/").content.decode()
    section.body = [{"type": "paragraph", "value": "<p>A brand new priority.</p>"}]
    publish(section)
    html = client.get("/plan/priorities/").content.decode()
    assert "A brand new priority." in html
    assert "Putting prevention into practice" not in html


def test_draft_change_does_not_show_until_published(client, sections):
    section = sections["priorities"]
    client.get("/plan/priorities/")
    section.body = [{"type": "paragraph", "value": "<p>Not yet approved.</p>"}]
    section.save_revision()
    assert "Not yet approved." not in client.get("/plan/priorities/").content.decode()


def test_renaming_another_section_updates_the_contents_list_at_once(client, sections):
    client.get("/plan/vision/")
    measures = sections["measures"]
    measures.title = "How we will know it is working"
    publish(measures)
    html = client.get("/plan/vision/").content.decode()
    assert "How we will know it is working" in html
    assert ">Measures<" not in html


def test_unpublishing_a_section_removes_it_from_contents_and_next_links(client, sections):
    client.get("/plan/vision/")
    sections["priorities"].unpublish()
    html = client.get("/plan/vision/").content.decode()
    assert "/plan/priorities/" not in html
    assert 'href="/plan/measures/" rel="next"' in html


def test_print_view_shows_a_published_change_at_once(client, sections):
    client.get("/plan/print/")
    section = sections["vision"]
    section.body = [{"type": "paragraph", "value": "<p>A refreshed vision.</p>"}]
    publish(section)
    assert "A refreshed vision." in client.get("/plan/print/").content.decode()


def test_preview_shows_the_draft_not_the_cached_live_version(client, sections):
    client.get("/plan/priorities/")  # the live version is now cached
    draft = sections["priorities"]
    draft.body = [{"type": "paragraph", "value": "<p>Previewed words.</p>"}]
    request = RequestFactory().get("/plan/priorities/")
    request.user = AnonymousUser()
    request.is_preview = True
    response = draft.serve_preview(request, "")
    response.render()
    assert "Previewed words." in response.content.decode()

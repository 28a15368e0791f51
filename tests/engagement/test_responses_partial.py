"""The public "You said, we did" partial: themes linked to the comments that raised them, and the ladder side by side."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.template.loader import render_to_string

from engagement.models import Comment, LadderRating
from engagement.responses import publish_response, response_context
from people import groups
from tests.engagement.moderation_factories import ResponseThemeFactory, StaffCommentFactory, person_in

pytestmark = pytest.mark.django_db


def render_tag(page):
    return Template("{% load consultation_responses %}{% you_said_we_did page %}").render(Context({"page": page}))


@pytest.fixture
def published():
    """A published response with one theme linked to a published and a rejected comment, and some ratings."""
    theme = ResponseThemeFactory(theme="Evening opening", response__organisation_rung=6)
    page = theme.response.consultation
    shown = StaffCommentFactory(consultation=page, status=Comment.Status.PUBLISHED)
    rejected = StaffCommentFactory(consultation=page, status=Comment.Status.REJECTED)
    theme.comments.add(shown, rejected)
    theme.save()
    for rung in (2, 4, 4, 5):
        LadderRating.objects.create(page=page, rung=rung)
    publish_response(theme.response, person_in(groups.COMMISSIONERS))
    return {"page": page, "theme": theme, "shown": shown, "rejected": rejected}


def test_nothing_is_shown_before_the_response_is_published():
    theme = ResponseThemeFactory()
    page = theme.response.consultation
    assert response_context(page) == {}
    assert render_tag(page).strip() == ""


def test_themes_link_to_the_published_comments_that_raised_them(published):
    soup = BeautifulSoup(render_tag(published["page"]), "html.parser")
    section = soup.select_one("section#you-said-we-did")
    assert section.h2.get_text(strip=True) == "You said, we did"
    row = section.select("tbody tr")[0]
    assert "Evening opening" in row.get_text()
    assert "It will be open until 8pm on weekdays." in row.get_text()
    links = [a["href"] for a in row.select("a")]
    assert links == [f"{published['page'].url}comment/{published['shown'].pk}/"]


def test_participants_and_the_organisation_are_set_side_by_side_with_the_gap_in_words(published):
    html = render_tag(published["page"])
    soup = BeautifulSoup(html, "html.parser")
    cards = soup.select(".nhsuk-card")
    assert cards[0].h4.get_text(strip=True) == "How involved people felt"
    assert "4 ratings. The middle rating was rung 4, Consultation (doing for)." in cards[0].get_text(" ", strip=True)
    bands = [row.get_text(" ", strip=True) for row in cards[0].select(".ladder-band-shares li")]
    assert bands == [
        "Doing to (rungs 1 and 2) : 1 (25%)",
        "Doing for (rungs 3 to 5) : 3 (75%)",
        "Doing with (rungs 6 and 7) : 0 (0%)",
    ]
    assert cards[1].h4.get_text(strip=True) == "At which rung we say we engaged"
    assert "Rung 6, Co-design (doing with)." in cards[1].get_text(" ", strip=True)
    assert "We rated our engagement 2 rungs higher than the people who took part" in html


def test_the_include_renders_from_response_context(published):
    html = render_to_string("engagement/includes/you_said_we_did.html", response_context(published["page"]))
    assert 'id="you-said-we-did"' in html
    assert f"comment/{published['shown'].pk}/" in html


def test_the_context_asks_a_fixed_number_of_queries(published, django_assert_num_queries):
    """Response, themes, linked comments, ratings (the organisation's rung comes from the response),
    and the site's root paths for the consultation's address (cached after the first page)."""
    page = published["page"]
    extra = ResponseThemeFactory(response=published["theme"].response)
    extra.comments.add(*StaffCommentFactory.create_batch(3, consultation=page, status=Comment.Status.PUBLISHED))
    extra.save()
    with django_assert_num_queries(5):
        context = response_context(page)
        render_to_string("engagement/includes/you_said_we_did.html", context)


def test_the_consultation_page_shows_the_response_and_the_comments_its_themes_link_to(client, published):
    response = client.get(published["page"].url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.select_one("#you-said-we-did")
    assert section is not None
    [link] = section.select("tbody a")
    followed = client.get(link["href"])
    anchor = followed["Location"].split("#")[1]
    assert soup.select_one(f"#{anchor}") is not None

"""The consultation page: what it shows, its anchors, comments per section, and its fixed query count."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from engagement.models.consultations import COMMENTS_PER_SECTION
from tests.engagement.consultation_helpers import main_text, route, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(consultation_page_factory):
    return consultation_page_factory(title="A carers' contact point")


def test_the_page_shows_its_title_status_dates_and_summaries(client, consultation):
    response = client.get(consultation.url)
    page = soup(response)
    assert response.status_code == 200
    assert page.h1.get_text(strip=True) == "A carers' contact point"
    assert page.select_one("main .nhsuk-tag").get_text(strip=True) == "Open"
    text = main_text(response)
    assert consultation.closes_at.strftime("%-d %B %Y") in text
    assert "We propose a carers' contact point in every neighbourhood." in text
    details = page.select_one("details.nhsuk-details")
    assert details.select_one("summary").get_text(strip=True) == "Easy read summary"
    assert "easier for carers to get help" in details.get_text()
    assert "Who this consultation is for" in text
    assert "Phone 0100 000 0000" in text


def test_every_section_and_paragraph_has_a_stable_anchor_and_a_link_to_itself(client, consultation):
    page = soup(client.get(consultation.url))
    for section_id in ("section-1", "section-2"):
        assert page.select_one(f"section#section-{section_id}") is not None
    for paragraph_id in ("s1-p1", "s1-p2", "s2-p1", "s2-p2"):
        block = page.select_one(f"#paragraph-{paragraph_id}")
        link = block.find("a", href=f"#paragraph-{paragraph_id}")
        assert link.get_text(" ", strip=True).startswith("Link to this paragraph")
        comment_link = block.find("a", href=route(consultation, f"comment/?paragraph={paragraph_id}"))
        assert comment_link.get_text(" ", strip=True).startswith("Comment on this paragraph")


def test_each_section_shows_its_comment_count_and_jumps_to_its_comments(client, consultation, comment_factory):
    for _ in range(3):
        comment_factory(consultation=consultation, section_id="section-1", paragraph_id="s1-p2")
    comment_factory(consultation=consultation, section_id="section-1", status="pending")
    page = soup(client.get(consultation.url))
    jump = page.select_one("#section-section-1 a[href='#section-section-1-comments']")
    assert jump.get_text(strip=True) == "3 comments on this section"
    assert len(page.select("#section-section-1-comments > ul > li")) == 3
    assert "3 comments" in page.select_one("#paragraph-s1-p2").get_text()
    assert page.select_one("#section-section-2 a[href='#section-section-2-comments']").get_text(strip=True) == (
        "0 comments on this section"
    )


def test_comments_on_the_whole_consultation_come_at_the_end(client, consultation, comment_factory):
    comment = comment_factory(consultation=consultation, text="About everything")
    page = soup(client.get(consultation.url))
    assert page.select_one(f"#comments #comment-{comment.pk}") is not None


def test_replies_are_threaded_under_their_parent(client, consultation, comment_factory):
    parent = comment_factory(consultation=consultation, section_id="section-2")
    reply = comment_factory(consultation=consultation, section_id="section-2", parent=parent, text="I agree")
    page = soup(client.get(consultation.url))
    assert page.select_one(f"#comment-{parent.pk} .ladder-comment__replies #comment-{reply.pk}") is not None
    assert "replied" in page.select_one(f"#comment-{reply.pk}-byline").get_text()


@pytest.mark.parametrize("status", ["pending", "rejected", "hidden", "unconfirmed"])
def test_comments_that_are_not_published_are_not_shown_to_readers(client, consultation, comment_factory, status):
    comment_factory(consultation=consultation, status=status, text=f"Words that are {status}")
    assert f"Words that are {status}" not in main_text(client.get(consultation.url))


def test_the_author_sees_their_own_pending_comment_marked_awaiting_moderation(
    consultation, comment_factory, profile_factory
):
    author = profile_factory().user
    comment = comment_factory(consultation=consultation, author=author, status="pending", section_id="section-1")
    client = Client()
    client.force_login(author)
    shown = soup(client.get(consultation.url)).select_one(f"#section-section-1-comments #comment-{comment.pk}")
    assert "Awaiting moderation" in shown.get_text()
    other = Client()
    other.force_login(profile_factory().user)
    assert other.get(consultation.url).content.decode().count(f'id="comment-{comment.pk}"') == 0


def test_authors_show_as_their_name_or_who_and_where_they_are(client, consultation, comment_factory, profile_factory):
    named = comment_factory(consultation=consultation, author=profile_factory(display_name="Priya").user)
    carer = comment_factory(consultation=consultation, show_name=False, respondent_type="carer", locality="South")
    provider = comment_factory(
        consultation=consultation, show_name=False, respondent_type="provider", locality="Central"
    )
    gone = comment_factory(consultation=consultation)
    gone.author.delete()
    page = soup(client.get(consultation.url))

    def byline(comment):
        return page.select_one(f"#comment-{comment.pk}-byline").get_text(" ", strip=True)

    assert byline(named).startswith("Priya")
    assert byline(carer).startswith("A carer in South")
    assert byline(provider).startswith("A provider in Central")
    assert byline(gone).startswith("A deleted account")


def test_only_the_first_threads_of_a_section_show_with_a_link_to_all(client, consultation, comment_factory):
    total = COMMENTS_PER_SECTION + 3
    for _ in range(total):
        comment_factory(consultation=consultation, section_id="section-1")
    page = soup(client.get(consultation.url))
    assert len(page.select("#section-section-1-comments > ul > li")) == COMMENTS_PER_SECTION
    more = page.select_one(f"a[href='{route(consultation, 'comments/?section=section-1')}']")
    assert more.get_text(strip=True) == f"Show all {total} comments on this section"


def test_the_section_comments_page_lists_every_thread_a_page_at_a_time(client, consultation, comment_factory):
    first = [comment_factory(consultation=consultation, section_id="section-1") for _ in range(55)]
    page_one = soup(client.get(route(consultation, "comments/?section=section-1")))
    assert len(page_one.select("main ul.ladder-comments > li")) == 50
    assert page_one.select_one(f"#comment-{first[0].pk}") is not None
    page_two = soup(client.get(route(consultation, "comments/?section=section-1&page=2")))
    assert len(page_two.select("main ul.ladder-comments > li")) == 5
    assert page_two.select_one(f"#comment-{first[-1].pk}") is not None
    assert client.get(route(consultation, "comments/?section=nope")).status_code == 404


def make_comments(consultation, comment_factory, count):
    """``count`` published comments across both sections and the whole consultation, a third of them replies."""
    parents = []
    for number in range(count):
        section = ["section-1", "section-2", ""][number % 3]
        if number % 3 == 2 and parents:
            parent = parents[number % len(parents)]
            comment_factory(consultation=consultation, section_id=parent.section_id, parent=parent)
        else:
            parents.append(comment_factory(consultation=consultation, section_id=section))


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_page_runs_the_same_number_of_queries_for_10_and_200_comments(
    consultation_page_factory, comment_factory, profile_factory, django_assert_num_queries, signed_in
):
    reader = profile_factory().user
    counts = []
    for number in (10, 200):
        page = consultation_page_factory()
        make_comments(page, comment_factory, number)
        comment_factory(consultation=page, author=reader, status="pending", section_id="section-1")
        client = Client()
        if signed_in:
            client.force_login(reader)
        for _ in range(2):  # warm the remembered site, route and page (serving/routing.py)
            client.get(page.url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    with django_assert_num_queries(counts[1]):
        client.get(page.url)


def test_a_closed_consultation_is_read_only_with_a_clear_notice(client, consultation_page_factory, comment_factory):
    page = consultation_page_factory(closed=True)
    comment = comment_factory(consultation=page)
    response = client.get(page.url)
    html = soup(response)
    assert response.status_code == 200
    assert f"This consultation closed on {page.closes_at.strftime('%-d %B %Y')}" in main_text(response)
    assert html.select("main form") == []
    assert html.find("a", string=lambda s: s and "Comment on this" in s) is None
    assert html.select_one(f"#comment-{comment.pk}") is not None
    assert html.select_one("main .nhsuk-tag").get_text(strip=True) == "Closed"


def test_an_upcoming_consultation_says_when_it_opens_and_takes_no_comments(client, consultation_page_factory):
    page = consultation_page_factory(upcoming=True)
    response = client.get(page.url)
    assert f"This consultation opens on {page.opens_at.strftime('%-d %B %Y')}" in main_text(response)
    assert soup(response).select("main form") == []


def test_an_open_consultation_has_the_comment_form_and_the_ladder_question(client, consultation):
    page = soup(client.get(consultation.url))
    form = page.select_one("#comment-form form")
    assert form["action"] == route(consultation, "comment/")
    ladder = page.select_one("#ladder-rating form")
    assert ladder["action"] == route(consultation, "feedback/")
    assert ladder.select_one("legend").get_text(strip=True) == "How involved do you feel in this decision?"


def test_a_signed_in_person_sees_a_show_my_name_choice_not_an_email_box(consultation, user):
    client = Client()
    client.force_login(user)
    form = soup(client.get(consultation.url)).select_one("#comment-form form")
    assert form.select_one("input[name=show_name][checked]") is not None
    assert form.select_one("input[name=email]") is None


def test_documents_are_listed_with_their_type_and_size(client, consultation_page_factory):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Full proposal", file=ContentFile(b"x" * 2048, name="proposal.pdf")
    )
    page = consultation_page_factory(documents=[{"type": "document", "value": document.pk}])
    item = soup(client.get(page.url)).select_one(".ladder-documents li")
    assert item.a.get_text(strip=True) == "Full proposal"
    assert "PDF" in item.get_text() and "2.0" in item.get_text()
    document.file.delete(save=False)

"""A lasting link to a comment finds it wherever it is listed: on the page or in the full section list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import Comment
from engagement.models.consultations import COMMENTS_PER_SECTION

pytestmark = pytest.mark.django_db


def _threads(comment_factory, page, count):
    start = timezone.now() - timedelta(days=1)
    made = []
    for number in range(count):
        comment = comment_factory(consultation=page, section_id="section-1")
        Comment.objects.filter(pk=comment.pk).update(created_at=start + timedelta(minutes=number))
        made.append(comment)
    return made


def test_a_comment_among_the_first_threads_links_to_the_consultation_page(client, consultation_page, comment_factory):
    first = _threads(comment_factory, consultation_page, 2)[0]
    response = client.get(f"{consultation_page.url}comment/{first.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{consultation_page.url}#comment-{first.pk}"


def test_a_later_comment_links_to_its_page_of_the_full_section_list(client, consultation_page, comment_factory):
    threads = _threads(comment_factory, consultation_page, COMMENTS_PER_SECTION + 1)
    last = threads[-1]
    response = client.get(f"{consultation_page.url}comment/{last.pk}/")
    assert response["Location"] == f"{consultation_page.url}comments/?section=section-1&page=1#comment-{last.pk}"
    followed = client.get(response["Location"].split("#")[0])
    assert f'id="comment-{last.pk}"' in followed.content.decode()


def test_a_reply_links_to_its_thread(client, consultation_page, comment_factory):
    parent = _threads(comment_factory, consultation_page, 1)[0]
    reply = comment_factory(consultation=consultation_page, section_id="section-1", parent=parent)
    response = client.get(f"{consultation_page.url}comment/{reply.pk}/")
    assert response["Location"] == f"{consultation_page.url}#comment-{reply.pk}"


def test_an_unpublished_or_other_consultations_comment_is_not_found(
    client, consultation_page, consultation_page_factory, comment_factory
):
    pending = comment_factory(consultation=consultation_page, status="pending")
    elsewhere = comment_factory(consultation=consultation_page_factory(slug="another-consultation"))
    assert client.get(f"{consultation_page.url}comment/{pending.pk}/").status_code == 404
    assert client.get(f"{consultation_page.url}comment/{elsewhere.pk}/").status_code == 404

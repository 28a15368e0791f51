"""What a consultation page shows of its comments: the threads, a section's full list, where a
comment can be read and how its author is named.

Reads only: the operations that change a comment are in :mod:`engagement.comments`. Every list
here is built in a fixed number of queries, whatever the number of comments.
"""

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from engagement.models import Comment

#: Statuses readers see in the thread (a withdrawn comment shows as a note that it was withdrawn).
SHOWN_STATUSES = (Comment.Status.PUBLISHED, Comment.Status.WITHDRAWN)
#: Threads on one page of a section's full list.
SECTION_PAGE_SIZE = 50

#: How a comment's author is described when they do not show their name, by respondent type.
RESPONDENT_NOUNS = {
    "resident": "a resident",
    "carer": "a carer",
    "provider": "a provider",
    "vcse": "someone from a VCSE group",
    "staff": "a member of staff",
}


def author_label(comment) -> str:
    """How the author appears beside the comment: their display name, or who they are and where.

    A deleted account reads "a deleted account"; otherwise, without ``show_name``, "a resident in
    North" (or "a carer in …", "a provider in …" by respondent type).
    """
    if comment.had_author and comment.author_id is None:
        return "a deleted account"
    if comment.show_name and comment.author_id is not None:
        return comment.author_display_name
    noun = RESPONDENT_NOUNS.get(comment.respondent_type)
    if noun is None:
        noun = "a resident" if comment.author_id is not None else "someone without an account"
    return f"{noun} in {comment.locality}" if comment.locality else noun


def visible_to(user):
    """A filter for comments a reader may see: published or withdrawn, plus their own awaiting moderation."""
    shown = Q(status__in=SHOWN_STATUSES)
    if user is not None and user.is_authenticated:
        shown |= Q(author_id=user.pk, status=Comment.Status.PENDING)
    return shown


def _with_replies(top_level, user):
    """Attach each comment's shown replies as ``thread_replies`` (one query, whatever the number)."""
    by_id = {comment.pk: comment for comment in top_level}
    for comment in top_level:
        comment.thread_replies = []
    ids = list(by_id) or [0]  # [0] keeps the query count fixed when there is nothing to reply to
    replies = Comment.objects.filter(visible_to(user), parent_id__in=ids).select_related("author__profile")
    for reply in replies.order_by("created_at", "pk"):
        by_id[reply.parent_id].thread_replies.append(reply)
    return top_level


def section_threads(consultation, user, per_section=20):
    """The comments to show on the consultation page, in a fixed number of queries.

    Returns ``{section_id: {"comments": [...], "count": published comments and replies,
    "threads": top-level comments shown, "more": bool}}`` ("" is the whole consultation) and
    ``{paragraph_id: published comment count}``. Each section shows its first ``per_section``
    threads; the author's own comments awaiting moderation are added where they belong.
    """
    base = Comment.objects.filter(consultation_id=consultation.pk)
    counts = (
        base.filter(status__in=SHOWN_STATUSES)
        .values("section_id", "paragraph_id")
        .annotate(
            published=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
            threads=Count("pk", filter=Q(parent__isnull=True)),
        )
        .order_by()
    )
    sections, paragraphs = {}, {}
    for row in counts:
        section = sections.setdefault(row["section_id"], {"comments": [], "count": 0, "threads": 0, "more": False})
        section["count"] += row["published"]
        section["threads"] += row["threads"]
        if row["paragraph_id"]:
            paragraphs[row["paragraph_id"]] = paragraphs.get(row["paragraph_id"], 0) + row["published"]

    ranked = (
        base.filter(parent__isnull=True, status__in=SHOWN_STATUSES)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("section_id")], order_by=[F("created_at").asc(), F("pk").asc()])
        )
        .filter(rank__lte=per_section)
        .select_related("author__profile")
    )
    top_level = list(ranked)
    if user is not None and user.is_authenticated:
        shown_ids = {comment.pk for comment in top_level}
        own_pending = base.filter(author_id=user.pk, status=Comment.Status.PENDING).select_related("author__profile")
        own_replies = []
        for comment in own_pending:
            if comment.parent_id is None and comment.pk not in shown_ids:
                top_level.append(comment)
            elif comment.parent_id is not None:
                own_replies.append(comment)
    else:
        own_replies = []
    _with_replies(top_level, user)
    by_id = {comment.pk: comment for comment in top_level}
    for reply in own_replies:
        parent = by_id.get(reply.parent_id)
        if parent is not None and reply not in parent.thread_replies:
            parent.thread_replies.append(reply)
    for comment in sorted(top_level, key=lambda c: (c.created_at, c.pk)):
        section = sections.setdefault(comment.section_id, {"comments": [], "count": 0, "threads": 0, "more": False})
        section["comments"].append(comment)
    for section in sections.values():
        section["more"] = section["threads"] > per_section
    return sections, paragraphs


def where_to_read(comment, shown_per_section):
    """The path and anchor where a published comment can be read: the consultation page when its
    thread is among the first ``shown_per_section`` of its section, else the right page of that
    section's full list. Used by links to a comment from elsewhere ("You said, we did", emails)."""
    thread = comment.parent if comment.parent_id else comment
    earlier = (
        Comment.objects.filter(
            consultation_id=comment.consultation_id,
            section_id=thread.section_id,
            parent__isnull=True,
            status__in=SHOWN_STATUSES,
        )
        .filter(Q(created_at__lt=thread.created_at) | Q(created_at=thread.created_at, pk__lt=thread.pk))
        .count()
    )
    base = comment.consultation.url
    if earlier < shown_per_section:
        return f"{base}#comment-{comment.pk}"
    page_number = earlier // SECTION_PAGE_SIZE + 1
    section = f"section={thread.section_id}&" if thread.section_id else ""
    return f"{base}comments/?{section}page={page_number}#comment-{comment.pk}"


def section_page_comments(consultation, user, section_id, page_number, per_page=SECTION_PAGE_SIZE):
    """One page of a section's threads (``section_id`` "" for the whole consultation), with replies."""
    threads = (
        Comment.objects.filter(
            consultation_id=consultation.pk, section_id=section_id, parent__isnull=True, status__in=SHOWN_STATUSES
        )
        .select_related("author__profile")
        .order_by("created_at", "pk")
    )
    page = Paginator(threads, per_page).get_page(page_number)
    page.object_list = _with_replies(list(page.object_list), user)
    return page

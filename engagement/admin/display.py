"""How a comment reads in the staff screens: an excerpt, where it sits, its public link, its author."""

from django.utils.text import Truncator


def comment_excerpt(comment, length=90) -> str:
    """The start of a comment's text, for a listing."""
    return Truncator(comment.text).chars(length)


def comment_place(comment) -> str:
    """Where on the consultation the comment sits: whole consultation, a section, or a paragraph."""
    prefix = "Reply, " if comment.parent_id else ""
    if comment.paragraph_id:
        return f"{prefix}paragraph {comment.paragraph_id[:8]}"
    if comment.section_id:
        return f"{prefix}section {comment.section_id[:8]}"
    return f"{prefix}whole consultation"


def comment_public_url(comment) -> str:
    """The comment's anchor (or, unpublished, its paragraph's or section's) on the public page."""
    base = comment.consultation.url or ""
    if comment.is_public:
        return f"{base}#comment-{comment.pk}"
    if comment.paragraph_id:
        return f"{base}#paragraph-{comment.paragraph_id}"
    if comment.section_id:
        return f"{base}#section-{comment.section_id}"
    return base


def author_for_moderators(comment) -> str:
    """Who wrote the comment, as moderators see it (no email addresses)."""
    name = comment.author_display_name
    if comment.author_id is None and comment.email:
        return f"{name} (no account, email given)"
    return name

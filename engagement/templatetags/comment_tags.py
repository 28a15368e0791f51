"""Template filters for comments: who wrote it and its text as safe HTML.

``{% load comment_tags %}`` then ``{{ comment|comment_author }}`` and ``{{ comment.text|user_text }}``.
"""

from django import template
from django.utils.safestring import mark_safe

from engagement.text import render_user_text
from engagement.threads import author_label

register = template.Library()


@register.filter
def comment_author(comment):
    """The author as readers see them: a display name, "a resident in North", "a deleted account"."""
    return author_label(comment)


@register.filter
def user_text(text):
    """Stored plain text as escaped HTML paragraphs, with web addresses as ``rel="nofollow ugc"`` links."""
    return mark_safe(render_user_text(text))  # noqa: S308 - render_user_text escapes, then nh3 allow-lists


@register.filter
def status_tag_colour(status):
    """The NHS.UK tag colour for a consultation's status."""
    return {"open": "green", "upcoming": "blue", "closed": "grey"}.get(str(status), "grey")


@register.filter
def friendly_time(moment):
    """A time in the NHS.UK style: "9am", "5:30pm", "midday", "midnight" (local time)."""
    if not moment:
        return ""
    from django.utils import timezone

    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"

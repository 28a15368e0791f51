"""Template tags for the ladder of co-production (stub until the rating component lands)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def ladder_rating_form(context, page):
    """Placeholder: renders nothing until the rating component is written."""
    return ""

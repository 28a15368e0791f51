"""Template helpers for allauth's forms on Ladder's pages."""

from django import template

register = template.Library()


@register.filter
def without_placeholders(form):
    """Drop allauth's placeholder text: NHS.UK forms use labels and hints, never placeholders."""
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)
    return form

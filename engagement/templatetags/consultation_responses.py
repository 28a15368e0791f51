"""``{% load consultation_responses %}{% you_said_we_did page %}``: "You said, we did" on a consultation page.

Renders ``engagement/includes/you_said_we_did.html`` with the page's published response and the
ladder comparison; renders nothing when there is no published response.
"""

from django import template

from engagement.responses import response_context

register = template.Library()


@register.inclusion_tag("engagement/includes/you_said_we_did.html")
def you_said_we_did(page):
    """The published "You said, we did" for ``page``, or nothing."""
    if page is None or not getattr(page, "pk", None):
        return {}
    return response_context(page)

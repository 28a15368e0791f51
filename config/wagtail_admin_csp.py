"""Wagtail's chooser widgets without inline scripts, for Ladder's Content-Security-Policy.

Wagtail writes ``<script>new PageChooser("id_page", {...});</script>`` after every chooser widget
(pages, documents, images, snippets, tasks). The policy allows no inline script, so ``install()``
makes those widgets leave the same set-up as data instead::

    <script type="application/json" data-ladder-init="PageChooser" data-ladder-call="new">["id_page", {...}]</script>

and ``static/js/wagtail-admin-csp.js`` runs it. Ladder's copies of Wagtail's date, time and
inline-panel templates (``templates/wagtailadmin/``) do the same. See docs/operations.md.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

_JSON_IN_SCRIPT = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def init_data(name: str, args: list, *, call: str = "new") -> str:
    """A ``<script type="application/json">`` that wagtail-admin-csp.js turns into ``new name(...args)``
    (or ``name(...args)`` with ``call="call"``)."""
    data = mark_safe(json.dumps(args).translate(_JSON_IN_SCRIPT))  # noqa: S308 - escaped for a script element
    return format_html(
        '<script type="application/json" data-ladder-init="{}" data-ladder-call="{}">{}</script>', name, call, data
    )


def _render_chooser(self, name, value, attrs=None, renderer=None):
    """Wagtail's ``BaseChooser.render`` with its set-up as data rather than an inline script."""
    from wagtail.admin.widgets.workflows import AdminTaskChooser

    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    if isinstance(self, AdminTaskChooser):
        setup = init_data("createTaskChooser", [id_], call="call")
    else:
        setup = init_data(self.js_constructor, [id_, self.get_js_init_options(id_, name, value_data)])
    return format_html("{}{}", mark_safe(widget_html), setup)  # noqa: S308 - Wagtail's own rendered widget


def install() -> None:
    """Give every Wagtail chooser widget its set-up as data (called once, from PeopleConfig.ready)."""
    from wagtail.admin.widgets.chooser import BaseChooser

    BaseChooser.render = _render_chooser

"""Template helpers for NHS.UK form components."""

from django import forms, template

register = template.Library()

_INPUT_CLASSES = (
    (forms.Textarea, "nhsuk-textarea", "nhsuk-textarea--error"),
    (forms.Select, "nhsuk-select", "nhsuk-select--error"),
    (forms.FileInput, "nhsuk-file-upload", "nhsuk-file-upload--error"),
    (forms.widgets.Input, "nhsuk-input", "nhsuk-input--error"),
)


@register.simple_tag
def nhsuk_widget(field, extra_class=""):
    """Render a field's widget with NHS.UK classes and its hint and error tied to it."""
    widget = field.field.widget
    attrs = {}
    classes = [extra_class] if extra_class else []
    if not isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.CheckboxInput)):
        for widget_class, css, error_css in _INPUT_CLASSES:
            if isinstance(widget, widget_class):
                classes.append(css)
                if field.errors:
                    classes.append(error_css)
                break
    if classes:
        attrs["class"] = " ".join(classes)
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    if described_by and not field.use_fieldset:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors and not field.use_fieldset:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field):
    """True for a single checkbox, whose label sits after the box."""
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def choice_kind(field):
    """'radios' or 'checkboxes' for grouped choices, else ''."""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    return ""

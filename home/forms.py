"""Site-wide form rendering: public forms use NHS.UK frontend markup."""

from django.forms.renderers import TemplatesSetting


class NHSUKFormRenderer(TemplatesSetting):
    """Render ``{{ form }}`` and ``{{ field.as_field_group }}`` with NHS.UK components.

    Each field gets its label, hint and error message tied to the input with
    ``aria-describedby``; radio and checkbox groups get a fieldset and legend.
    """

    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"

"""The forms of the staff screens: a reason for rejecting a comment, and a "You said, we did" response."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from engagement import ladder
from engagement.admin.display import comment_excerpt
from engagement.models import Comment, RejectionReason

#: Rungs as staff read them: "6. Co-design: people help to design a service, ...".
STAFF_RUNG_CHOICES = [(rung.number, f"{rung}: {rung.description}") for rung in ladder.RUNGS]


class RejectionForm(forms.Form):
    """A reason for rejecting: start from an editable template, then change the words as needed."""

    template = forms.ModelChoiceField(
        label="Start from a reason template",
        queryset=RejectionReason.objects.all(),
        required=False,
        empty_label="Write my own reason",
        help_text="Choosing a template fills in the reason below, which you can still change.",
    )
    reason = forms.CharField(
        label="Reason sent to the author",
        widget=forms.Textarea(attrs={"rows": 5, "data-rejection-reason-text": ""}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reasons = {str(reason.pk): reason.text for reason in self.fields["template"].queryset}
        self.fields["template"].widget = ReasonTemplateSelect(reasons=reasons, choices=self.fields["template"].choices)

    def clean(self):
        """Use the template's words when no reason was typed; a reason is required either way."""
        cleaned = super().clean()
        reason = (cleaned.get("reason") or "").strip()
        if not reason and cleaned.get("template"):
            reason = cleaned["template"].text
        if not reason:
            raise ValidationError("Choose a reason template or write a reason for the author.")
        cleaned["reason"] = reason
        return cleaned


class ReasonTemplateSelect(forms.Select):
    """A select whose options carry the template's text, so a small script can prefill the reason."""

    def __init__(self, *args, reasons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reasons = reasons or {}
        self.attrs["data-rejection-reason-template"] = ""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        text = self.reasons.get(str(getattr(value, "value", value)))
        if text:
            option["attrs"]["data-reason-text"] = text
        return option


class ConsultationResponseForm(WagtailAdminModelForm):
    """The response form; each theme's linked comments are limited to the chosen consultation's."""

    organisation_rung = forms.TypedChoiceField(
        label="At which rung did we engage?",
        help_text="Be honest: people who took part rate the same ladder, and the two are shown side by side.",
        choices=[("", "Not decided yet"), *STAFF_RUNG_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consultation_id = self.instance.consultation_id
        if self.is_bound:
            consultation_id = self.data.get("consultation") or consultation_id
        comments = Comment.objects.none()
        if consultation_id:
            comments = (
                Comment.objects.filter(consultation_id=consultation_id)
                .exclude(status__in=[Comment.Status.UNCONFIRMED, Comment.Status.WITHDRAWN])
                .order_by("created_at")
            )
        themes = self.formsets.get("themes")
        if themes is not None:
            themes.form = _theme_form_limited_to(themes.form, comments)


def _comment_choice_label(comment) -> str:
    return f"#{comment.pk} ({comment.get_status_display().lower()}): {comment_excerpt(comment, 70)}"


def _theme_form_limited_to(form_class, comments):
    """A subclass of the theme form whose ``comments`` field offers only ``comments``."""

    class ThemeForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields.get("comments")
            if field is not None:
                field.queryset = comments
                field.label_from_instance = _comment_choice_label
                field.help_text = (
                    "The comments that raised this theme. Hold Ctrl (Cmd on a Mac) to choose several."
                    if comments.exists() or self.is_bound
                    else "Choose the consultation and save a draft first; its comments then appear here."
                )

    ThemeForm.__name__ = form_class.__name__
    return ThemeForm

"""The ladder rating form: one rung (required) and optional free text."""

from django import forms

from engagement import ladder
from engagement.models import RATING_TEXT_MAX_LENGTH

RUNG_ERROR = f"Choose how involved you felt, from {ladder.MIN_RUNG} to {ladder.MAX_RUNG}"
#: Element ids start "ladder-" so the form can sit on any page without clashing ("ladder-rung_0").
AUTO_ID = "ladder-%s"
TEXT_TOO_LONG = f"Tell us more in {RATING_TEXT_MAX_LENGTH:,} characters or fewer"


class LadderRatingForm(forms.Form):
    """Asks "How involved did you feel?" on the seven-rung ladder, with optional free text.

    Each choice's label is the rung's name and what it would have felt like; ``band_groups()``
    lets a template show the choices under their bands (doing to, doing for, doing with). Any value other than 1 to 7 (missing,
    0, 8, "abc") gets the same plain message next to the field.
    """

    rung = forms.TypedChoiceField(
        label="How involved did you feel?",
        help_text="Choose one rung on the ladder of co-production, from 1 (not involved) to 7 (an equal partner).",
        choices=ladder.form_choices(),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": RUNG_ERROR, "invalid_choice": RUNG_ERROR},
    )
    text = forms.CharField(
        label="Tell us more",
        help_text=f"For example, what would have helped you take part more. Up to {RATING_TEXT_MAX_LENGTH:,} characters.",
        required=False,
        max_length=RATING_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TEXT_TOO_LONG},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", AUTO_ID)
        super().__init__(*args, **kwargs)

    def band_groups(self):
        """The rung's radio options grouped by band, lowest band first: ``[(band, [(rung, option), ...]), ...]``.

        Each option is a bound subwidget (``option.tag``, ``option.id_for_label``, ``option.data``).
        """
        options = {int(option.data["value"]): option for option in self["rung"]}
        return [(band, [(rung, options[rung.number]) for rung in band.rungs]) for band in ladder.BANDS]

"""Public forms: the ladder rating (a rung and optional text) and comments (new, edit, flag)."""

from django import forms

from engagement import comments, ladder
from engagement.models import COMMENT_MAX_LENGTH, RATING_TEXT_MAX_LENGTH, CommentFlag
from engagement.text import clean_user_text

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


COMMENT_TOO_LONG = f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer"
HONEYPOT_MESSAGE = "We could not send your comment. Leave the last box on the form empty and try again."
#: The hidden fields that say what a comment is about; a bad value in one is never sent back.
TARGET_FIELDS = ("section_id", "paragraph_id", "parent_id")
#: Reply ids are database ids: digits, and not so many that the database cannot hold the number.
MAX_ID_DIGITS = 18
TARGET_UNCLEAR = "We could not tell which part of the consultation your comment is about."
TARGET_NEXT_STEP = (
    "Your comment has not been sent. Send it again to comment on the whole consultation, "
    "or go back to the consultation and choose a section or paragraph."
)


def is_comment_id(value) -> bool:
    """Whether ``value`` (text from a form or address) can be a comment's id."""
    value = str(value or "")
    return value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS


def target_refused(reason: str) -> str:
    """The message for a comment whose target was refused: why, then what sending it again will do."""
    return f"{reason} {TARGET_NEXT_STEP}"


class CommentTextMixin(forms.Form):
    """The comment's text: required, at most 5,000 characters, and not just spaces or markup."""

    text = forms.CharField(
        label="Your comment",
        help_text=(
            f"Up to {COMMENT_MAX_LENGTH:,} characters. Do not include anyone's personal details, "
            "such as names, addresses or health information."
        ),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": comments.EMPTY_TEXT, "max_length": COMMENT_TOO_LONG},
    )

    def clean_text(self):
        """Refuse text that is empty once spaces and markup are taken out (the typed text is kept)."""
        text = self.cleaned_data["text"]
        if not clean_user_text(text):
            raise forms.ValidationError(comments.EMPTY_TEXT)
        return text


class CommentForm(CommentTextMixin):
    """A new comment or reply. People without an account also give their email address.

    ``consultation`` and ``user`` are needed to check the target (section, paragraph or parent
    comment). ``website`` is a honeypot: people never see it, so anything in it is a bot.
    """

    show_name = forms.BooleanField(
        label="Show my display name with my comment",
        help_text='If you untick this, your comment shows as from "a resident in" your locality (or a carer, or a provider).',
        required=False,
        initial=True,
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We will email you a link to confirm your comment. We do not show your email address.",
        error_messages={
            "required": "Enter your email address, so we can check it is you",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    section_id = forms.CharField(required=False, widget=forms.HiddenInput)
    paragraph_id = forms.CharField(required=False, widget=forms.HiddenInput)
    parent_id = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(
        label="Leave this box empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, consultation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.signed_in = user is not None and user.is_authenticated
        if self.signed_in:
            del self.fields["email"]
        else:
            del self.fields["show_name"]
        self.target = ("", "", None)

    def clean(self):
        """Check the honeypot and that the section, paragraph or parent comment belongs to this consultation.

        A hidden field people never type in (the honeypot, the target ids) gets no message of its
        own: whatever is wrong with it becomes one message in the error summary, and a refused
        target is cleared (see :meth:`forget_target`) so sending the form again cannot fail the same way.
        """
        cleaned = super().clean()
        self._check_target(cleaned)
        if self._drop_field_errors(["website"]) or cleaned.get("website"):
            raise forms.ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        return cleaned

    def _check_target(self, cleaned):
        """Set ``self.target`` from the hidden fields, or add one error to the summary and forget them."""
        parent_id = cleaned.get("parent_id")
        if self._drop_field_errors(TARGET_FIELDS) or (parent_id and not is_comment_id(parent_id)):
            self.forget_target()
            self.add_error(None, forms.ValidationError(target_refused(TARGET_UNCLEAR), code="target"))
            return
        try:
            self.target = comments.resolve_target(
                self.consultation,
                section_id=cleaned.get("section_id", ""),
                paragraph_id=cleaned.get("paragraph_id", ""),
                parent_id=int(parent_id) if parent_id else None,
            )
        except comments.CommentRefused as refusal:
            self.refuse(refusal)

    def _drop_field_errors(self, names) -> bool:
        """Remove the field errors of these (hidden) fields; True if there were any."""
        found = [name for name in names if name in self._errors]
        for name in found:
            del self._errors[name]
        return bool(found)

    def refuse(self, refusal):
        """Show a ``CommentRefused`` on the form: beside its field if people see it, else in the summary.

        A refused target (section, paragraph or reply) is forgotten, so the form shown again is
        about the whole consultation and says so.
        """
        if refusal.field in TARGET_FIELDS:
            self.forget_target()
            self.add_error(None, forms.ValidationError(target_refused(refusal.message), code="target"))
        elif refusal.field in self.fields:
            self.add_error(refusal.field, refusal.message)
        else:
            self.add_error(None, refusal.message)

    def forget_target(self):
        """Blank the target's hidden fields in the form shown again: a refused value is not sent back."""
        self.target = ("", "", None)
        self.data = self.data.copy()
        for name in TARGET_FIELDS:
            self.data[name] = ""

    @property
    def honeypot_field(self):
        """The hidden honeypot field, rendered apart from the visible fields."""
        return self["website"]

    def visible_fields(self):
        """The fields a person sees (the honeypot is left out of the error summary and the loop)."""
        return [field for field in super().visible_fields() if field.name != "website"]


class EditCommentForm(CommentTextMixin):
    """The author's new text for their comment."""


class FlagCommentForm(forms.Form):
    """A reader reports a comment: why (required) and, optionally, more detail."""

    reason = forms.ChoiceField(
        label="Why are you reporting this comment?",
        choices=CommentFlag.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why you are reporting this comment"},
    )
    note = forms.CharField(
        label="Tell us more",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Tell us more in 500 characters or fewer"},
    )

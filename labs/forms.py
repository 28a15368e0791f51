"""The registration form for an Innovation Lab.

Providers and VCSE respondents must name their organisation (prefilled from their profile);
everyone may tell us their access needs and which of the lab's themes they would most like to
work on. The rules are checked again by ``labs.registrations.register``.
"""

from django import forms

from engagement.text import clean_user_text
from labs import registrations

NO_PREFERENCE = ""
ACCESS_NEEDS_TOO_LONG = (
    f"Tell us about your access needs in {registrations.ACCESS_NEEDS_MAX_LENGTH:,} characters or fewer"
)
ORGANISATION_TOO_LONG = "The organisation's name must be 200 characters or fewer"


class RegistrationForm(forms.Form):
    """Register for a lab: organisation, access needs and a theme preference."""

    organisation_name = forms.CharField(
        label="Organisation",
        help_text="The organisation you will speak for at the lab.",
        max_length=200,
        required=False,
        error_messages={"max_length": ORGANISATION_TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    access_needs = forms.CharField(
        label="Access needs",
        help_text=(
            "Tell us anything that would help you take part, such as step-free access, a hearing loop, "
            f"large print or breaks. Up to {registrations.ACCESS_NEEDS_MAX_LENGTH:,} characters."
        ),
        max_length=registrations.ACCESS_NEEDS_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": ACCESS_NEEDS_TOO_LONG},
    )
    theme = forms.ChoiceField(
        label="Which theme would you most like to work on?",
        help_text="We use this to plan the tables. You can join any theme on the day.",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": registrations.THEME_NOT_IN_LAB},
    )

    def __init__(self, *args, lab, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.lab = lab
        self.user = user
        self.organisation_required = registrations.needs_organisation(user)
        organisation = self.fields["organisation_name"]
        if self.organisation_required:
            organisation.required = True
            organisation.error_messages["required"] = registrations.ORGANISATION_REQUIRED
            organisation.help_text = "Care providers and VCSE groups register for their organisation."
        else:
            organisation.help_text = "If you will speak for an organisation, tell us which."
        themes = list(lab.themes.all())
        self.fields["theme"].choices = [(str(theme.pk), theme.name) for theme in themes] + [
            (NO_PREFERENCE, "No preference")
        ]
        if not themes:
            del self.fields["theme"]

    @classmethod
    def initial_for(cls, user) -> dict:
        """The organisation from the person's profile, and no theme preference yet."""
        profile = getattr(user, "profile", None)
        organisation = getattr(profile, "organisation", None)
        return {"organisation_name": organisation.name if organisation else "", "theme": NO_PREFERENCE}

    def clean_organisation_name(self):
        name = clean_user_text(self.cleaned_data.get("organisation_name", ""))
        if self.organisation_required and not name:
            raise forms.ValidationError(registrations.ORGANISATION_REQUIRED, code="required")
        return name

    def clean_access_needs(self):
        return clean_user_text(self.cleaned_data.get("access_needs", ""))

    def clean_theme(self):
        value = self.cleaned_data.get("theme") or NO_PREFERENCE
        return int(value) if value else None

"""Forms for people: signup with a profile, and editing the profile afterwards.

Both share ``ProfileFieldsMixin`` so their rules and messages are the same: everyone but staff
names a neighbourhood; providers and VCSE respondents name their organisation.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.internal.flows.manage_email import email_already_exists
from django import forms

from people import services
from people.models import Neighbourhood, OrganisationType, Profile, RespondentType

PUBLIC_RESPONDENT_TYPES = [choice for choice in RespondentType.choices if choice[0] != RespondentType.STAFF]


class NeighbourhoodChoiceField(forms.ModelChoiceField):
    """A neighbourhood, listed with its locality."""

    def label_from_instance(self, neighbourhood):
        return f"{neighbourhood.name} ({neighbourhood.locality.name} locality)"


class ProfileFieldsMixin(forms.Form):
    """The profile questions, with their validation, for signup and the profile page."""

    display_name = forms.CharField(
        label="Display name",
        max_length=80,
        help_text="Shown beside anything you post. It does not have to be your real name.",
        error_messages={"required": "Enter a display name"},
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "spellcheck": "false"}),
    )
    respondent_type = forms.ChoiceField(
        label="Which describes you best?",
        choices=PUBLIC_RESPONDENT_TYPES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select which describes you best",
            "invalid_choice": "Select one of the options listed",
        },
    )
    neighbourhood = NeighbourhoodChoiceField(
        label="Your neighbourhood",
        queryset=Neighbourhood.objects.select_related("locality"),
        empty_label="Choose a neighbourhood",
        help_text="Where you live, or where your service works. We use it to see which areas we hear from.",
        error_messages={
            "required": "Choose your neighbourhood",
            "invalid_choice": "Choose a neighbourhood from the list",
        },
    )
    organisation_name = forms.CharField(
        label="Organisation name",
        max_length=200,
        required=False,
        help_text="Needed if you are a care provider or VCSE group. Staff check each organisation, and that you work for it.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        choices=[("", "Choose a type")] + OrganisationType.choices,
        required=False,
        help_text="Needed if you are a care provider or VCSE group.",
        error_messages={"invalid_choice": "Choose an organisation type from the list"},
    )

    profile_field_names = ("display_name", "respondent_type", "neighbourhood", "organisation_name", "organisation_type")

    def clean_profile(self, cleaned_data):
        """Check the fields that depend on the respondent type."""
        respondent_type = cleaned_data.get("respondent_type")
        if not respondent_type:
            return cleaned_data
        if RespondentType.needs_neighbourhood(respondent_type) and not cleaned_data.get("neighbourhood"):
            if "neighbourhood" not in self.errors:
                self.add_error("neighbourhood", "Choose your neighbourhood")
        if RespondentType.needs_organisation(respondent_type):
            if not (cleaned_data.get("organisation_name") or "").strip():
                self.add_error("organisation_name", "Enter the name of your organisation")
            if not cleaned_data.get("organisation_type") and "organisation_type" not in self.errors:
                self.add_error("organisation_type", "Choose the type of your organisation")
        return cleaned_data

    def save_profile(self, user) -> Profile:
        """Write the profile through the people service (groups follow the respondent type)."""
        data = self.cleaned_data
        return services.save_profile(
            user,
            display_name=data["display_name"],
            respondent_type=data["respondent_type"],
            neighbourhood=data.get("neighbourhood"),
            organisation_name=data.get("organisation_name") or "",
            organisation_type=data.get("organisation_type") or "",
        )


class SignupForm(ProfileFieldsMixin, AllauthSignupForm):
    """allauth's signup (email and password) with the profile questions on the same page."""

    field_order = ["email", "password1", "password2", *ProfileFieldsMixin.profile_field_names]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "We will send you a link to confirm it."
        for name in ("email", "password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)
        self.fields["email"].error_messages.update(
            {"required": "Enter your email address", "invalid": "Enter an email address like name@example.org"}
        )
        self.fields["password1"].error_messages["required"] = "Enter a password"
        if "password2" in self.fields:
            self.fields["password2"].label = "Confirm password"
            self.fields["password2"].error_messages["required"] = "Enter your password again"

    def validate_unique_email(self, value):
        """Say plainly that an address is taken, so the person can sign in instead."""
        email, _ = email_already_exists(value, always_raise=True)
        return email

    def clean(self):
        return self.clean_profile(super().clean())

    def signup(self, request, user):
        """Called by allauth after the account is saved: store the profile."""
        self.save_profile(user)


class ProfileForm(ProfileFieldsMixin):
    """The profile page's form. Staff profiles keep their type; nobody can make themselves staff."""

    field_order = list(ProfileFieldsMixin.profile_field_names)

    def __init__(self, *args, profile: Profile | None = None, **kwargs):
        self.profile = profile
        if profile is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "display_name": profile.display_name,
                "respondent_type": profile.respondent_type,
                "neighbourhood": profile.neighbourhood_id,
                "organisation_name": profile.organisation.name if profile.organisation_id else "",
                "organisation_type": profile.organisation.type if profile.organisation_id else "",
            }
        super().__init__(*args, **kwargs)
        if self.is_staff_profile:
            # Staff are placed by administrators; the field is shown as text on the page instead.
            del self.fields["respondent_type"]
            self.fields["neighbourhood"].required = False

    @property
    def is_staff_profile(self) -> bool:
        return self.profile is not None and self.profile.respondent_type == RespondentType.STAFF

    def clean(self):
        cleaned_data = super().clean()
        if self.is_staff_profile:
            cleaned_data["respondent_type"] = RespondentType.STAFF
        return self.clean_profile(cleaned_data)


class DeleteAccountForm(forms.Form):
    """Confirm deleting an account by typing the current password."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to confirm"},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right. Enter the password you sign in with.")
        return password

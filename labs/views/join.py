"""Joining a live session by its short code: ``/labs/join/?code=ABC123`` (a route of ``LabIndexPage``).

The code is shown in large type on the big screen. A known code leads to the session's live
room; people without an account sign in or create one first and come back here; signed-in
people without a place at the lab may take one in a single step while the lab has room.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse

from labs.models import LabPage, LabSession, Registration
from labs.models.live import JOIN_CODE_ALPHABET


class SeeOther(HttpResponseRedirect):
    status_code = 303


def normalise_code(value: str) -> str:
    """Upper case, without spaces or dashes: "abc 123" and "ABC-123" are both "ABC123"."""
    return "".join(ch for ch in (value or "").upper() if ch not in " -\t")


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label="Session code",
        help_text="The 6 letters and numbers shown on the screen in the room, for example ABC234.",
        max_length=20,
        error_messages={"required": "Enter the session code shown on the screen"},
    )

    def __init__(self, *args, lab_index=None, **kwargs):
        self.lab_index = lab_index
        self.session = None
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "nhsuk-input--width-10",
            }
        )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != 6 or any(ch not in JOIN_CODE_ALPHABET for ch in code):
            raise forms.ValidationError("Enter the 6 letters and numbers shown on the screen, for example ABC234")
        session = (
            LabSession.objects.select_related("lab")
            .filter(join_code=code, lab__in=LabPage.objects.child_of(self.lab_index).live())
            .first()
        )
        if session is None:
            raise forms.ValidationError(
                "There is no session with that code. Check the code on the screen and try again"
            )
        self.session = session
        return code


def _room_url(request, session):
    lab = session.lab
    return lab.get_url(request) + lab.reverse_subpage("live", args=(session.pk,))


def _render(request, lab_index, template, context, status=200):
    return TemplateResponse(
        request, template, {"page": lab_index, "self": lab_index, "lab_index": lab_index, **context}, status=status
    )


def lab_has_room(lab) -> bool:
    return lab.places_taken() < lab.capacity


def take_place(user, lab) -> bool:
    """Give ``user`` a confirmed place at ``lab`` if there is room; True when they hold one after."""
    profile = getattr(user, "profile", None)
    organisation = getattr(profile, "organisation", None)
    with transaction.atomic():
        # Lock the lab's row so two last-place claims cannot both succeed.
        LabPage.objects.select_for_update(of=("self",)).filter(pk=lab.pk).exists()
        existing = Registration.objects.filter(lab=lab, person=user).first()
        if existing and existing.status == Registration.Status.CONFIRMED:
            return True
        if not lab_has_room(lab):
            return False
        if existing:
            existing.status = Registration.Status.CONFIRMED
            existing.organisation = existing.organisation or organisation
            existing.save(update_fields=["status", "organisation", "updated_at"])
        else:
            Registration.objects.create(
                lab=lab, person=user, organisation=organisation, status=Registration.Status.CONFIRMED
            )
    return True


def join_by_code(request, lab_index):
    """Type the code (any case); go to the room, or sign in, or take a place and go in."""
    data = request.POST if request.method == "POST" else (request.GET if "code" in request.GET else None)
    form = JoinCodeForm(data, lab_index=lab_index)
    if data is None or not form.is_valid():
        return _render(request, lab_index, "labs/live/join.html", {"form": form})
    session = form.session
    lab = session.lab
    code = form.cleaned_data["code"]
    if not request.user.is_authenticated:
        back = request.path + "?" + urlencode({"code": code})
        return _render(
            request,
            lab_index,
            "labs/live/join_sign_in.html",
            {
                "session": session,
                "lab": lab,
                "sign_in_url": "/accounts/login/?" + urlencode({"next": back}),
                "sign_up_url": "/accounts/signup/?" + urlencode({"next": back}),
            },
        )
    if request.user.has_perm("labs.join_session", session):
        return SeeOther(_room_url(request, session))
    has_room = lab_has_room(lab)
    if request.method == "POST" and request.POST.get("register") == "yes":
        if take_place(request.user, lab):
            messages.success(request, f"You have a place at {lab.title}. Welcome to the room.")
            return SeeOther(_room_url(request, session))
        has_room = False
    register_url = lab.get_url(request) + lab.reverse_subpage("register")
    return _render(
        request,
        lab_index,
        "labs/live/join_register.html",
        {"session": session, "lab": lab, "code": code, "has_room": has_room, "register_url": register_url},
        status=200 if has_room else 409,
    )

"""Joining a live session by its short code: ``/labs/join/?code=ABC123`` (a route of ``LabIndexPage``).

The code is shown in large type on the big screen. A known code leads to the session's live
room; people without an account sign in or create one first and come back here; signed-in
people without a place at the lab may take one in a single step, by the same rules as the lab's
registration page (registration open, an organisation for providers, a free place; nobody on the
waiting list jumps it). The code is a way in, not a way round those rules.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.template.response import TemplateResponse

from labs import registrations
from labs.forms import RegistrationForm
from labs.models import LabPage, LabSession, Registration
from labs.models.live import JOIN_CODE_ALPHABET
from people.http import SeeOther


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


def _register_url(request, lab):
    return lab.get_url(request) + lab.reverse_subpage("register")


def why_no_place(lab, user):
    """Why ``user`` cannot take a place at ``lab`` from the join page: ``(reason, message, status)``.

    ``reason`` is "" when they may; otherwise "not_allowed", "closed" (outside the registration
    window), "waiting" (already on the waiting list: no jumping the queue) or "full".
    """
    if not user.has_perm("labs.register", lab):
        return "not_allowed", "You cannot register for this lab.", 403
    closed = registrations.registration_window_message(lab)
    if closed:
        return "closed", closed, 403
    existing = registrations.current_registration(lab, user)
    if existing is not None and existing.status == Registration.Status.WAITING:
        return "waiting", registrations.ALREADY_WAITING, 409
    if registrations.places_left(lab) == 0:
        return "full", registrations.LAB_FULL, 409
    return "", "", 200


def register_and_join(request, lab_index, session, code):
    """Take a place at the session's lab and go into the room, by the rules of registering.

    The same form and the same service as the lab's registration page
    (``labs.registrations.register``): registration must be open, providers name their
    organisation, and a full lab or a place on its waiting list keeps people out of the room.
    """
    lab = session.lab
    user = request.user
    context = {"session": session, "lab": lab, "code": code, "register_url": _register_url(request, lab)}
    reason, message, status = why_no_place(lab, user)
    if reason:
        return _refused(request, lab_index, context, reason, message, status)
    if request.method == "POST" and request.POST.get("register") == "yes":
        form = RegistrationForm(request.POST, lab=lab, user=user)
        if form.is_valid():
            try:
                registrations.register(
                    lab,
                    user,
                    organisation_name=form.cleaned_data["organisation_name"],
                    access_needs=form.cleaned_data["access_needs"],
                    theme=form.cleaned_data.get("theme"),
                    request=request,
                    waiting_list=False,
                )
            except registrations.RegistrationRefused as refusal:
                if refusal.field in form.fields:
                    form.add_error(refusal.field, refusal.message)
                elif user.has_perm("labs.join_session", session):  # registered in another tab meanwhile
                    return SeeOther(_room_url(request, session))
                else:
                    reason, message, status = why_no_place(lab, user)
                    return _refused(request, lab_index, context, reason, message or refusal.message, status)
            else:
                messages.success(request, f"You have a place at {lab.title}. Welcome to the room.")
                return SeeOther(_room_url(request, session))
    else:
        form = RegistrationForm(initial=RegistrationForm.initial_for(user), lab=lab, user=user)
    return _render(request, lab_index, "labs/live/join_register.html", {**context, "form": form})


def _refused(request, lab_index, context, reason, message, status):
    """The join page when no place can be taken, saying why and what to do instead."""
    position = None
    if reason == "waiting":
        position = registrations.waiting_position(registrations.current_registration(context["lab"], request.user))
    return _render(
        request,
        lab_index,
        "labs/live/join_register.html",
        {**context, "reason": reason, "refusal": message, "position": position},
        status=status if status >= 400 else 409,
    )


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
    return register_and_join(request, lab_index, session, code)

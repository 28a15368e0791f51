"""Registration views, served as routes of a lab page (``LabPage``'s ``@path`` routes).

- ``register/``: the form (GET) and registering (POST): a place, or the waiting list when full.
- ``register/cancel/``: asks to confirm (GET) and cancels (POST).
- ``calendar/``: the lab as a calendar event (``<slug>.ics``), for anyone who can see the lab.

Bad input comes back on the form with what was typed kept and an NHS.UK error summary; a
successful POST redirects (303) to the lab page with a message.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse

from labs import registrations
from labs.forms import RegistrationForm
from labs.ics import ics_for
from labs.models import Registration
from people.http import SeeOther


def _route_url(request, lab, name):
    return lab.get_url(request) + lab.reverse_subpage(name)


def _sign_in(request, lab):
    """Send someone who is not signed in to sign in, then back to the registration form."""
    next_url = _route_url(request, lab, "register")
    return HttpResponseRedirect(f"{settings.LOGIN_URL}?{urlencode({'next': next_url})}")


def _render(request, lab, template, context, status=200):
    base = {"page": lab, "self": lab, "lab": lab}
    return TemplateResponse(request, template, {**base, **context}, status=status)


_ALREADY = (registrations.ALREADY_CONFIRMED, registrations.ALREADY_WAITING)


def _status_message(registration) -> str:
    if registration.status == Registration.Status.CONFIRMED:
        return "Your place is confirmed. We have emailed you the details with a calendar invitation."
    position = registrations.waiting_position(registration)
    return (
        f"This lab is full, so you are on the waiting list (number {position}). "
        "We have emailed you, and we will email you again if a place becomes free."
    )


def register(request, lab):
    """GET: the registration form (or why it is not offered). POST: register or join the waiting list."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return _sign_in(request, lab)
    if not request.user.has_perm("labs.register", lab):
        return _render(request, lab, "labs/register.html", {"refusal": "You cannot register for this lab."}, 403)
    existing = registrations.current_registration(lab, request.user)
    closed = registrations.registration_window_message(lab)
    context = {
        "existing": existing,
        "position": registrations.waiting_position(existing) if existing else None,
        "places_left": registrations.places_left(lab),
        "cancel_url": _route_url(request, lab, "cancel_registration"),
    }
    if request.method == "GET":
        if existing is not None or closed:
            return _render(request, lab, "labs/register.html", {**context, "refusal": closed}, 200)
        form = RegistrationForm(initial=RegistrationForm.initial_for(request.user), lab=lab, user=request.user)
        return _render(request, lab, "labs/register.html", {**context, "form": form})

    form = RegistrationForm(request.POST, lab=lab, user=request.user)
    status = 200
    if form.is_valid():
        try:
            outcome = registrations.register(
                lab,
                request.user,
                organisation_name=form.cleaned_data["organisation_name"],
                access_needs=form.cleaned_data["access_needs"],
                theme=form.cleaned_data.get("theme"),
                request=request,
            )
        except registrations.RegistrationRefused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
            status = 403 if closed else 409 if refusal.message in _ALREADY else 200
        else:
            messages.success(request, _status_message(outcome.registration))
            return SeeOther(lab.get_url(request))
    return _render(request, lab, "labs/register.html", {**context, "form": form}, status)


def cancel(request, lab):
    """GET: ask to confirm cancelling. POST: cancel the place or leave the waiting list."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return HttpResponseRedirect(
            f"{settings.LOGIN_URL}?{urlencode({'next': _route_url(request, lab, 'cancel_registration')})}"
        )
    existing = registrations.current_registration(lab, request.user)
    context = {"existing": existing, "refusal": "" if existing else registrations.NOTHING_TO_CANCEL}
    if request.method == "GET" or existing is None:
        return _render(request, lab, "labs/cancel.html", context, 200 if request.method == "GET" else 409)
    try:
        registrations.cancel(lab, request.user, request=request)
    except registrations.RegistrationRefused as refusal:  # cancelled in another tab meanwhile
        return _render(request, lab, "labs/cancel.html", {"existing": None, "refusal": refusal.message}, 409)
    was_waiting = existing.status == Registration.Status.WAITING
    messages.success(
        request,
        "You have left the waiting list for this lab."
        if was_waiting
        else "Your place is cancelled. Thank you for letting us know: it goes to the next person waiting.",
    )
    return SeeOther(lab.get_url(request))


def calendar(request, lab):
    """The lab as an iCalendar file (``text/calendar``), to add to a calendar."""
    url = request.build_absolute_uri(lab.get_url(request))
    text = ics_for(lab, url=url, host=request.get_host().split(":")[0])
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{lab.slug}.ics"'
    return response

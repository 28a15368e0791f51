"""Emails about lab registrations: a confirmed place (with the lab's .ics), a place on the waiting
list, and a place given from the waiting list (with the .ics).

Each email is two templates, ``labs/email/<name>_subject.txt`` and ``<name>_body.txt``, rendered
as plain text and sent to the person's account address. The caller (``labs.registrations``) says
what it knows, such as the place on the waiting list; this module only writes the emails and
queues them for the background worker (``engagement.mail``), which sends them and tries again
when the mail server refuses.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from engagement.mail import send_later
from labs.ics import ics_for

ICS_MIMETYPE = "text/calendar"


def lab_url(lab, request=None) -> str:
    """The lab's full address: from the request when there is one, else from the Wagtail site."""
    if request is not None:
        return request.build_absolute_uri(lab.url)
    return lab.full_url or lab.url


def _host(request, url) -> str:
    if request is not None:
        return request.get_host().split(":")[0]
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or "ladder"


def _context(registration, request, position):
    lab = registration.lab
    url = lab_url(lab, request)
    return {
        "registration": registration,
        "lab": lab,
        "lab_url": url,
        "cancel_url": url + lab.reverse_subpage("cancel_registration"),
        "location": lab.location,
        "position": position,
        "theme": registration.theme_preference,
    }


def _message(name, registration, request, *, with_calendar, position=None) -> EmailMessage | None:
    address = registration.person.email
    if not address or not registration.person.is_active:
        return None
    context = _context(registration, request, position)
    subject = " ".join(render_to_string(f"labs/email/{name}_subject.txt", context).split())
    body = render_to_string(f"labs/email/{name}_body.txt", context)
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address])
    if with_calendar:
        lab = registration.lab
        text = ics_for(lab, url=context["lab_url"], host=_host(request, context["lab_url"]))
        message.attach(f"{lab.slug}.ics", text, ICS_MIMETYPE)
    return message


def _send(message) -> bool:
    """Queue ``message`` for the background worker (``engagement.mail``); whether there was one to send."""
    return bool(send_later(message))


def send_confirmed(registration, request=None) -> bool:
    """Your place is confirmed: the details, and the lab as a calendar attachment."""
    return _send(_message("confirmed", registration, request, with_calendar=True))


def send_waiting(registration, position: int | None, request=None) -> bool:
    """The lab is full: you are on the waiting list, at ``position`` (1 for the first person waiting)."""
    return _send(_message("waiting", registration, request, with_calendar=False, position=position))


def send_place_offered(registration, request=None) -> bool:
    """A place came free and is now yours: the details, the calendar attachment, and how to give it up."""
    return _send(_message("place_offered", registration, request, with_calendar=True))

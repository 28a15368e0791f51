"""A lab as a calendar file: one iCalendar (RFC 5545) event written by ``icalendar``.

Attached to the emails that confirm a place (``labs.emails``) and served at ``<lab>/calendar/``
(``labs.views.registration.calendar``).
"""

from datetime import UTC, datetime

import icalendar
from django.utils import timezone

from labs.models import LabPage


def ics_for(lab: LabPage, *, url: str = "", host: str = "ladder", stamp: datetime | None = None) -> str:
    """The lab as an iCalendar file with one event, written by ``icalendar`` (UTC times, escaped
    text, folded lines and CRLF endings as RFC 5545 asks)."""
    description = [lab.summary.strip()]
    if lab.online_details and lab.format != LabPage.Format.IN_PERSON:
        description.append(f"Joining online: {lab.online_details}")
    if url:
        description.append(f"Details and your registration: {url}")
    event = icalendar.Event()
    event.add("uid", f"lab-{lab.pk}@{host}")
    event.add("dtstamp", (stamp or timezone.now()).astimezone(UTC))
    event.add("dtstart", lab.starts_at.astimezone(UTC))
    event.add("dtend", lab.ends_at.astimezone(UTC))
    event.add("summary", lab.title)
    event.add("location", lab.location)
    event.add("description", "\n".join(description))
    if url:
        event.add("url", url)
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Ladder//Innovation Labs//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical().decode()

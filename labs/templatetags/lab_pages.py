"""Template tags for lab pages and the labs index: the signed-in person's registration, places
left, the lab's live sessions with the links each person may follow, and upcoming and past labs."""

from django import template
from django.utils import timezone

from labs import registrations

register = template.Library()


@register.simple_tag(takes_context=True)
def lab_status(context, lab):
    """What the lab page needs about registration and sessions for the person looking at it.

    Returns ``{registration, position, places_left, full, open, window_message, register_url,
    cancel_url, calendar_url, sessions: [{session, live_url, record_url, can_join}]}``.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    registration = registrations.current_registration(lab, user)
    base = lab.get_url(request)
    places_left = registrations.places_left(lab)
    sessions = []
    for session in lab.sessions.select_related("theme").order_by("starts_at", "pk"):
        can_join = bool(user is not None and user.is_authenticated and user.has_perm("labs.join_session", session))
        sessions.append(
            {
                "session": session,
                "can_join": can_join and session.closed_at is None,
                "live_url": base + lab.reverse_subpage("live", args=[session.pk]),
                "record_url": base + lab.reverse_subpage("record", args=[session.pk])
                if session.record_published_at
                else "",
            }
        )
    return {
        "registration": registration,
        "position": registrations.waiting_position(registration) if registration else None,
        "places_left": places_left,
        "full": places_left == 0,
        "open": lab.registration_is_open(),
        "not_yet_open": timezone.now() < lab.registration_opens_at,
        "window_message": registrations.registration_window_message(lab),
        "register_url": base + lab.reverse_subpage("register"),
        "cancel_url": base + lab.reverse_subpage("cancel_registration"),
        "calendar_url": base + lab.reverse_subpage("calendar"),
        "location": lab.location,
        "sessions": sessions,
        "can_join_any": any(item["can_join"] for item in sessions),
    }


@register.simple_tag
def split_labs(listing):
    """The listed labs as ``{"upcoming": soonest first, "past": latest first}``."""
    now = timezone.now()
    labs = [lab for lab in listing if hasattr(lab, "starts_at")]
    return {
        "upcoming": sorted((lab for lab in labs if lab.ends_at >= now), key=lambda lab: lab.starts_at),
        "past": sorted((lab for lab in labs if lab.ends_at < now), key=lambda lab: lab.starts_at, reverse=True),
    }

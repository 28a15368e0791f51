"""The live room of a lab session and its big-screen presenter view (routes of ``LabPage``).

The room page renders the session's current state on the server (read-only, so it works without
JavaScript); ``labs/js/lab-live.js`` then connects to ``/ws/labs/<id>/`` and keeps it live.
"""

import io
from urllib.parse import urlencode

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from engagement import ladder
from labs.live.state import session_state
from labs.models import LabSession, Stage

STAGE_NAMES = dict(Stage.choices)


def lab_session(lab, session_id):
    """The session of this lab with this id, or 404."""
    return get_object_or_404(LabSession, pk=session_id, lab_id=lab.pk)


def route_url(request, lab, name, *args):
    return lab.get_url(request) + lab.reverse_subpage(name, args=args)


def sign_in_redirect(request):
    return HttpResponseRedirect("/accounts/login/?" + urlencode({"next": request.get_full_path()}))


def join_address(request, lab_index):
    """The full address people type or scan to join: ``https://…/labs/join/``."""
    return request.build_absolute_uri(lab_index.url + lab_index.reverse_subpage("join"))


def ladder_rungs():
    """The seven rungs for the closing poll, in the shape the client needs."""
    return [{"number": r.number, "name": r.name, "label": r.label, "band": r.band.name} for r in ladder.RUNGS]


def decorate(state):
    """Add what templates need to the ``state`` dict: stage names, ideas by theme, poll rows."""
    themes = {theme["id"]: theme["name"] for theme in state.get("themes", [])}
    boards = [{"id": tid, "name": name, "ideas": []} for tid, name in themes.items()]
    by_id = {board["id"]: board for board in boards}
    general = {"id": None, "name": "Other ideas", "ideas": []}
    for idea in state.get("ideas", []):
        by_id.get(idea.get("theme_id"), general)["ideas"].append(idea)
    if general["ideas"] or not boards:
        boards.append(general)
    polls = []
    for poll in state.get("polls", []):
        total = poll.get("total") or 0
        rows = []
        for index, option in enumerate(poll.get("options") or []):
            counts = poll.get("counts") or []
            count = counts[index] if index < len(counts) else 0
            rows.append(
                {"index": index, "label": option, "count": count, "percent": round(100 * count / total) if total else 0}
            )
        polls.append({**poll, "rows": rows})
    session = state.get("session", {})
    return {
        **state,
        "stage_name": STAGE_NAMES.get(session.get("stage"), session.get("stage")),
        "boards": boards,
        "poll_rows": polls,
    }


def room(request, lab, session_id):
    """The live room: people with ``labs.join_session``; signed-out people sign in first."""
    session = lab_session(lab, session_id)
    if not request.user.is_authenticated:
        return sign_in_redirect(request)
    if not request.user.has_perm("labs.join_session", session):
        context = {"page": lab, "self": lab, "lab": lab, "session": session}
        context["register_url"] = route_url(request, lab, "register")
        return TemplateResponse(request, "labs/live/no_place.html", context, status=403)
    state = session_state(session, request.user)
    facilitator = request.user.has_perm("labs.facilitate_session", session)
    config = {
        "sessionId": session.pk,
        "socketPath": f"/ws/labs/{session.pk}/",
        "mode": "room",
        "facilitator": facilitator,
        "stages": [{"value": value, "name": name} for value, name in Stage.choices if value != Stage.CLOSED],
        "stageNames": STAGE_NAMES,
        "rungs": ladder_rungs(),
        "ladderQuestion": "How involved did you feel?",
    }
    context = {
        "page": lab,
        "self": lab,
        "lab": lab,
        "session": session,
        "state": decorate(state),
        "facilitator": facilitator,
        "stages": config["stages"],
        "client_config": config,
        "initial_state": state,
        "present_url": route_url(request, lab, "present", session.pk) if facilitator else "",
        "record_url": route_url(request, lab, "record", session.pk)
        if session.record_published_at or facilitator or request.user.has_perm("labs.publish_record", session)
        else "",
    }
    return TemplateResponse(request, "labs/live/room.html", context)


def qr_svg(text: str) -> str:
    """An inline SVG QR code of ``text`` (the template wraps it with a text alternative)."""
    import qrcode
    from qrcode.image.svg import SvgPathImage

    image = qrcode.make(text, image_factory=SvgPathImage, box_size=12, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :]
    return svg.strip()


def presenter(request, lab, session_id):
    """The big-screen view (staff with ``labs.facilitate_session``): join address, code, QR, stage, top ideas, polls."""
    session = lab_session(lab, session_id)
    if not request.user.is_authenticated:
        return sign_in_redirect(request)
    if not request.user.has_perm("labs.facilitate_session", session):
        raise Http404("No such page")
    lab_index = lab.get_parent().specific
    address = join_address(request, lab_index)
    join_url = f"{address}?{urlencode({'code': session.join_code})}"
    state = session_state(session, request.user)
    decorated = decorate(state)
    top_ideas = sorted(state.get("ideas", []), key=lambda idea: (-idea.get("votes", 0), idea.get("id", 0)))[:5]
    config = {
        "sessionId": session.pk,
        "socketPath": f"/ws/labs/{session.pk}/",
        "mode": "presenter",
        "facilitator": False,
        "stageNames": STAGE_NAMES,
        "rungs": ladder_rungs(),
    }
    svg = qr_svg(join_url).replace(
        "<svg", '<svg class="lab-presenter__qr-image" aria-hidden="true" focusable="false"', 1
    )
    context = {
        "page": lab,
        "self": lab,
        "lab": lab,
        "session": session,
        "state": decorated,
        "top_ideas": top_ideas,
        "join_address": address,
        "join_url": join_url,
        "qr_svg": mark_safe(svg),  # made here from our own URL; no user text in it
        "client_config": config,
        "initial_state": state,
    }
    return TemplateResponse(request, "labs/live/presenter.html", context)

"""A live session's record: what the room made, published as a page of the lab and as a spreadsheet (CSV or XLSX).

Ideas with their votes by theme (most votes first), questions, poll results, the ladder
feedback by band, announcements and agreed actions. Anyone may read a published record; staff
may preview it before; people with ``labs.publish_record`` publish it once the session is closed.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views import View
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from engagement import ladder
from labs.models import Idea, Poll, Stage
from labs.views.live import lab_session, route_url
from people.http import SeeOther

LADDER_QUESTION = "How involved did you feel?"
RECORD_HEADINGS = ("Section", "Group", "Text", "Detail", "Count")


@dataclass
class PollResult:
    poll: Poll
    rows: list = field(default_factory=list)  # [{"label", "count", "percent"}]
    total: int = 0
    bands: list = field(default_factory=list)  # ladder polls: [{"band", "rows", "total"}]


def may_preview(user, session) -> bool:
    return user.has_perm("labs.preview_record", session)


def visible_session(request, lab, session_id):
    """The session, when its record is published or the person may preview it; otherwise 404."""
    session = lab_session(lab, session_id)
    if session.record_published_at is None and not may_preview(request.user, session):
        raise Http404("No such record")
    return session


def _percent(count, total):
    return round(100 * count / total) if total else 0


def poll_result(poll) -> PollResult:
    counts = dict(poll.answers.values("choice").annotate(n=Count("pk")).values_list("choice", "n"))
    total = sum(counts.values())
    if poll.kind == Poll.Kind.LADDER:
        result = PollResult(poll=poll, total=total)
        for band in ladder.BANDS:
            rows = [
                {
                    "label": f"{rung.number}. {rung.name}",
                    "felt": rung.felt,
                    "count": counts.get(rung.number - 1, 0),
                    "percent": _percent(counts.get(rung.number - 1, 0), total),
                }
                for rung in band.rungs
            ]
            band_total = sum(row["count"] for row in rows)
            result.bands.append(
                {"band": band, "rows": rows, "total": band_total, "percent": _percent(band_total, total)}
            )
            result.rows.extend(rows)
        return result
    rows = [
        {"label": option, "count": counts.get(index, 0), "percent": _percent(counts.get(index, 0), total)}
        for index, option in enumerate(poll.options or [])
    ]
    return PollResult(poll=poll, rows=rows, total=total)


def record_data(session) -> dict:
    """Everything the record shows, read from the session's tables."""
    ideas = list(
        session.ideas.filter(status=Idea.Status.VISIBLE)
        .select_related("theme")
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "created_at", "pk")
    )
    boards = []
    for theme in session.lab.themes.all():
        theme_ideas = [idea for idea in ideas if idea.theme_id == theme.pk]
        if theme_ideas or session.theme_id in (None, theme.pk):
            boards.append({"name": theme.name, "ideas": theme_ideas})
    others = [idea for idea in ideas if idea.theme_id is None or idea.theme is None]
    if others:
        boards.append({"name": "Other ideas", "ideas": others})
    questions = list(
        session.questions.filter(hidden=False).annotate(upvote_count=Count("upvotes")).order_by("-upvote_count", "pk")
    )
    polls = [poll_result(poll) for poll in session.polls.all()]
    return {
        "boards": boards,
        "idea_count": len(ideas),
        "questions": questions,
        "choice_polls": [p for p in polls if p.poll.kind != Poll.Kind.LADDER],
        "ladder_polls": [p for p in polls if p.poll.kind == Poll.Kind.LADDER],
        "announcements": list(session.announcements.all()),
        "actions": list(session.actions.all()),
    }


def record(request, lab, session_id):
    """The record page: public once published; a preview for staff before that."""
    session = visible_session(request, lab, session_id)
    context = {
        "page": lab,
        "self": lab,
        "lab": lab,
        "session": session,
        "record": record_data(session),
        "is_closed": session.stage == Stage.CLOSED or session.closed_at is not None,
        "can_publish": request.user.is_authenticated and request.user.has_perm("labs.publish_record", session),
        "csv_url": route_url(request, lab, "record_export", session.pk),
        "xlsx_url": route_url(request, lab, "record_export", session.pk) + "?export=xlsx",
        "publish_url": route_url(request, lab, "publish_record", session.pk),
    }
    return TemplateResponse(request, "labs/live/record.html", context)


def safe_cell(value):
    """A spreadsheet cell that will not run as a formula (text starting ``=``, ``+``, ``-``, ``@`` gets a ``'``)."""
    if not isinstance(value, str):
        return "" if value is None else value
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def record_rows(session):
    """The record as rows: section, group, text, detail, count."""
    data = record_data(session)
    yield list(RECORD_HEADINGS)
    for board in data["boards"]:
        for idea in board["ideas"]:
            yield ["Idea", board["name"], idea.text, idea.organisation, idea.vote_count]
    for question in data["questions"]:
        yield [
            "Question",
            "",
            question.text,
            "Answered" if question.answered_at else "Not answered",
            question.upvote_count,
        ]
    for result in data["choice_polls"]:
        for row in result.rows:
            yield ["Poll", result.poll.question, row["label"], f"{row['percent']}%", row["count"]]
    for result in data["ladder_polls"]:
        for band in result.bands:
            for row in band["rows"]:
                yield ["Ladder feedback", band["band"].name, row["label"], f"{row['percent']}%", row["count"]]
    for announcement in data["announcements"]:
        yield ["Announcement", "", announcement.text, timezone.localtime(announcement.created_at).strftime("%H:%M"), ""]
    for action in data["actions"]:
        due = action.due_on.isoformat() if action.due_on else ""
        yield ["Agreed action", action.owner, action.text, f"Due {due}" if due else "", ""]


class RecordExportView(SpreadsheetExportMixin, View):
    """The same record as a spreadsheet, CSV by default or XLSX with ``?export=xlsx`` (same visibility
    as the page). Wagtail's export writes the files; CSV cells are defused as :func:`safe_cell` says,
    and XLSX cells that look like formulas are kept as text by Wagtail itself."""

    list_export = [heading.lower() for heading in RECORD_HEADINGS]
    export_headings = {heading.lower(): heading for heading in RECORD_HEADINGS}

    def get(self, request, lab, session_id):
        self.session = visible_session(request, lab, session_id)
        rows = record_rows(self.session)
        next(rows)  # the headings, which the export writes from ``export_headings``
        spreadsheet_format = request.GET.get("export")
        if spreadsheet_format not in self.FORMATS:
            spreadsheet_format = self.FORMAT_CSV
        return self.as_spreadsheet([dict(zip(self.list_export, row, strict=True)) for row in rows], spreadsheet_format)

    def get_filename(self):
        return f"lab-session-{self.session.pk}-record"

    def to_row_dict(self, item):
        return item

    def write_csv_response(self, queryset):
        """The CSV in one response (a record is small), as UTF-8."""
        response = HttpResponse(b"".join(self.stream_csv(queryset)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(writer, {field: safe_cell(value) for field, value in row_dict.items()})


record_csv = RecordExportView.as_view()


def publish(request, lab, session_id):
    """POST: publish the record (``labs.publish_record``), once the session is closed."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    session = lab_session(lab, session_id)
    if not request.user.is_authenticated or not request.user.has_perm("labs.publish_record", session):
        if not may_preview(request.user, session):
            raise Http404("No such record")
        raise PermissionDenied("Only facilitators and editors publish a session's record.")
    record_url = route_url(request, lab, "record", session.pk)
    if session.stage != Stage.CLOSED and session.closed_at is None:
        messages.error(request, "Close the session before you publish its record.")
        return SeeOther(record_url)
    if session.record_published_at is None:
        session.record_published_at = timezone.now()
        session.save(update_fields=["record_published_at"])
        messages.success(request, "The record is published. Anyone can now read it.")
    return SeeOther(record_url)

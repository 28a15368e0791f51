"""Comment views, served as routes of a consultation page (``ConsultationPage``'s ``@path`` routes).

Each view takes the request and the consultation page. Thin: a form validates, a function in
:mod:`engagement.comments` acts, and a successful POST redirects (303) back to the consultation
at the right anchor with a message. Bad input comes back on the form, with the text kept.
"""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from engagement import comments, ladder, ratings, threads
from engagement.forms import CommentForm, EditCommentForm, FlagCommentForm, LadderRatingForm, is_comment_id
from engagement.models import Comment
from engagement.notifications import send_confirmation_link
from people.http import SeeOther

FEEDBACK_LEGEND = "How involved do you feel in this decision?"


def page_url(request, page, anchor=""):
    """The consultation's address, with ``#anchor`` when given."""
    url = page.get_url(request)
    return f"{url}#{anchor}" if anchor else url


def route_url(request, page, name, *args):
    """The address of one of the consultation's routes, such as ``comment/``."""
    return page.get_url(request) + page.reverse_subpage(name, args=args)


def render(request, page, template, context=None, status=200):
    """Render a comment template with the consultation as ``page``."""
    base = {"page": page, "self": page, "consultation": page}
    return TemplateResponse(request, template, {**base, **(context or {})}, status=status)


def not_open(request, page, text=""):
    """HTTP 403: the consultation is upcoming or closed, so it takes no comments or feedback.

    ``text`` is the comment the person tried to send, shown back so they can copy it.
    """
    return render(request, page, "engagement/comments/not_open.html", {"text": text}, status=403)


def unsent_text(request):
    """The comment text of a POST that will not be stored, to show back for copying ("" for a GET)."""
    return request.POST.get("text", "") if request.method == "POST" else ""


def rate_limited(request, page, limited, text=""):
    """HTTP 429: too many comments from this person or address; say when to try again, keep the text."""
    try_again_at = timezone.localtime(timezone.now() + timedelta(seconds=limited.retry_after))
    response = render(
        request,
        page,
        "engagement/comments/rate_limited.html",
        {
            "try_again_at": try_again_at,
            "minutes": max(1, round(limited.retry_after / 60)),
            "limit": limited.limit,
            "window_minutes": limited.seconds // 60,
            "text": text,
        },
        status=429,
    )
    response["Retry-After"] = str(limited.retry_after)
    return response


def target_anchor(comment):
    """Where to land on the consultation page after posting ``comment``."""
    if comment.status in (Comment.Status.PUBLISHED, Comment.Status.PENDING):
        return f"comment-{comment.pk}"
    if comment.paragraph_id:
        return f"paragraph-{comment.paragraph_id}"
    if comment.section_id:
        return f"section-{comment.section_id}"
    return "comments"


def comment_target(page, section_id="", paragraph_id="", parent_id=None):
    """What the form is about, for its heading: ``{"kind", "heading", "parent"}``; ``Http404`` if not found."""
    try:
        target = comments.resolve_target(page, section_id=section_id, paragraph_id=paragraph_id, parent_id=parent_id)
    except comments.CommentRefused as refusal:
        raise Http404(refusal.message) from refusal
    return describe_target(page, target)


def describe_target(page, target):
    """The heading of a form about ``target``, a ``(section_id, paragraph_id, parent)`` already resolved."""
    section_id, paragraph_id, parent = target
    headings = {sid: heading for sid, heading, _paragraphs in page.sections()}
    numbers = {pid: number for _sid, _h, paras in page.sections() for number, (pid, _t) in enumerate(paras, start=1)}
    if parent is not None:
        return {"kind": "reply", "parent": parent, "heading": headings.get(section_id, "")}
    if paragraph_id:
        return {"kind": "paragraph", "number": numbers[paragraph_id], "heading": headings[section_id]}
    if section_id:
        return {"kind": "section", "heading": headings[section_id]}
    return {"kind": "consultation", "heading": ""}


def comment(request, page):
    """The comment form on its own page (GET ``?section=``, ``?paragraph=`` or ``?parent=``), or post one (POST)."""
    if not page.is_open:
        return not_open(request, page, text=unsent_text(request))
    if request.method == "POST":
        return post_comment(request, page)
    initial = {
        "section_id": request.GET.get("section", ""),
        "paragraph_id": request.GET.get("paragraph", ""),
        "parent_id": request.GET.get("parent") if is_comment_id(request.GET.get("parent")) else None,
    }
    target = comment_target(page, **initial)
    form = CommentForm(initial=initial, consultation=page, user=request.user)
    return render(request, page, "engagement/comments/comment_form.html", {"form": form, "target": target})


def post_comment(request, page):
    """Check the limits and the form, store the comment, email a confirmation link when there is no account."""
    limited = comments.rate_limit_for(request)
    if limited is not None:
        return rate_limited(request, page, limited, text=unsent_text(request))
    form = CommentForm(request.POST, consultation=page, user=request.user)
    if form.is_valid():
        try:
            new = comments.post_comment(
                page,
                form.cleaned_data["text"],
                author=request.user if form.signed_in else None,
                email=form.cleaned_data.get("email", ""),
                target=form.target,
                show_name=form.cleaned_data.get("show_name", False),
            )
        except comments.CommentRefused as refusal:
            form.refuse(refusal)
        else:
            comments.count_towards_rate_limit(request)
            if new.confirmation_link_token:
                link = route_url(request, page, "confirm_comment", new.confirmation_link_token)
                send_confirmation_link(new, request.build_absolute_uri(link), valid_for=comments.CONFIRMATION_LIFETIME)
                messages.success(
                    request,
                    f"We have emailed a link to {new.email}. Your comment will be sent once you follow the link, "
                    "within 7 days.",
                )
            elif new.status == Comment.Status.PUBLISHED:
                messages.success(request, "Your comment is published.")
            else:
                messages.success(request, "Thank you. Your comment is awaiting moderation.")
            return SeeOther(page_url(request, page, target_anchor(new)))
    comments.give_back_rate_limit(request)
    # The form's target is the checked one; after a refused target it is the whole consultation.
    target = describe_target(page, form.target)
    return render(request, page, "engagement/comments/comment_form.html", {"form": form, "target": target})


def confirm(request, page, token):
    """The emailed link: GET shows a button (mail scanners follow links), POST confirms the comment once."""
    if request.method == "POST":
        try:
            confirmed = comments.confirm_comment(page, token)
        except comments.CommentRefused as refusal:
            return render(request, page, "engagement/comments/confirm.html", {"problem": refusal.message}, status=410)
        if confirmed.status == Comment.Status.PUBLISHED:
            messages.success(request, "Thank you for confirming. Your comment is published.")
            return SeeOther(page_url(request, page, f"comment-{confirmed.pk}"))
        messages.success(request, "Thank you for confirming. Your comment is awaiting moderation.")
        return SeeOther(page_url(request, page, "comments"))
    pending = comments.find_unconfirmed(page, token)
    if pending is None:
        problem = "This link has been used already or has expired."
        return render(request, page, "engagement/comments/confirm.html", {"problem": problem}, status=410)
    return render(request, page, "engagement/comments/confirm.html", {"pending": pending})


def _own_comment(request, page, comment_id):
    """The comment on this consultation with this id; 404 for any other."""
    return get_object_or_404(
        Comment.objects.select_related("author__profile", "consultation"), pk=comment_id, consultation_id=page.pk
    )


def _changeable_comment(request, page, comment_id):
    """``(comment, None)`` when the person may edit or withdraw it now, else ``(comment, refusal page)``."""
    found = _own_comment(request, page, comment_id)
    if not page.is_open:
        return found, not_open(request, page, text=unsent_text(request))
    if not request.user.has_perm("engagement.change_comment", found):
        return found, render(request, page, "engagement/comments/not_yours.html", {"comment": found}, status=403)
    return found, None


def edit(request, page, comment_id):
    """The author changes the text of their comment while the consultation is open."""
    found, refusal = _changeable_comment(request, page, comment_id)
    if refusal is not None:
        return refusal
    form = EditCommentForm(request.POST if request.method == "POST" else None, initial={"text": found.text})
    if request.method == "POST" and form.is_valid():
        was_published = found.status == Comment.Status.PUBLISHED
        comments.edit_comment(found, form.cleaned_data["text"], user=request.user)
        if found.status == Comment.Status.PENDING and was_published:
            messages.success(request, "Your comment is changed. It is awaiting moderation again.")
        elif found.status == Comment.Status.PENDING:
            messages.success(request, "Your comment is changed. It is awaiting moderation.")
        else:
            messages.success(request, "Your comment is changed.")
        return SeeOther(page_url(request, page, f"comment-{found.pk}"))
    return render(request, page, "engagement/comments/edit.html", {"form": form, "comment": found})


def withdraw(request, page, comment_id):
    """The author withdraws their comment: GET asks to confirm, POST withdraws."""
    found, refusal = _changeable_comment(request, page, comment_id)
    if refusal is not None:
        return refusal
    if request.method == "POST":
        comments.withdraw_comment(found, user=request.user)
        messages.success(request, "Your comment is withdrawn. Its text is no longer shown.")
        return SeeOther(page_url(request, page, f"comment-{found.pk}"))
    return render(request, page, "engagement/comments/withdraw.html", {"comment": found})


def flag(request, page, comment_id):
    """A signed-in reader reports a comment with a reason; three reports hide it until a moderator reviews it."""
    found = _own_comment(request, page, comment_id)
    refusal = comments.flag_refusal(found, request.user)
    if refusal:
        status = 403 if request.method == "POST" else 200
        return render(request, page, "engagement/comments/flag.html", {"comment": found, "refusal": refusal}, status)
    form = FlagCommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            comments.flag_comment(
                found, user=request.user, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
            )
        except comments.CommentRefused as refused:
            return render(
                request, page, "engagement/comments/flag.html", {"comment": found, "refusal": refused.message}, 403
            )
        messages.success(request, "Thank you for telling us. A moderator will look at this comment.")
        anchor = f"comment-{found.pk}" if found.status == Comment.Status.PUBLISHED else "comments"
        return SeeOther(page_url(request, page, anchor))
    return render(request, page, "engagement/comments/flag.html", {"comment": found, "form": form})


def feedback(request, page):
    """Quick ladder feedback on the consultation, signed in or not (anonymous feedback is rate limited)."""
    if not request.user.has_perm("engagement.add_participant_rating", page):
        return not_open(request, page)
    context = {"form": None, "legend": FEEDBACK_LEGEND, "action": route_url(request, page, "feedback")}
    if request.method != "POST":
        return render(request, page, "engagement/comments/feedback.html", context)
    limited = ratings.anonymous_rate_limit(request)
    if limited is not None:
        response = TemplateResponse(
            request,
            "engagement/rate_limited.html",
            {
                "rated_page": page,
                "try_again_at": timezone.localtime(timezone.now() + timedelta(seconds=limited.retry_after)),
                "minutes": max(1, round(limited.retry_after / 60)),
                "limit": ratings.ANONYMOUS_LIMIT,
            },
            status=429,
        )
        response["Retry-After"] = str(limited.retry_after)
        return response
    form = LadderRatingForm(request.POST)
    if not form.is_valid():
        ratings.give_back_rating_place(request)
        return render(request, page, "engagement/comments/feedback.html", {**context, "form": form})
    rating = ratings.record_rating(
        page, form.cleaned_data["rung"], form.cleaned_data["text"], user=request.user, request=request
    )
    rung = ladder.rung(rating.rung)
    messages.success(
        request, f"Thank you. You told us you feel at rung {rung.number}, {rung.name} ({rung.band.name.lower()})."
    )
    return SeeOther(page_url(request, page, "ladder-rating"))


def section_comments(request, page):
    """Every comment on one section (``?section=<id>``; none for the whole consultation), paginated."""
    section_id = request.GET.get("section", "")
    headings = {sid: heading for sid, heading, _paragraphs in page.sections()}
    if section_id and section_id not in headings:
        raise Http404("No such section in this consultation.")
    listing = threads.section_page_comments(page, request.user, section_id, request.GET.get("page"))
    return render(
        request,
        page,
        "engagement/comments/section_comments.html",
        {"section_id": section_id, "heading": headings.get(section_id, ""), "listing": listing},
    )

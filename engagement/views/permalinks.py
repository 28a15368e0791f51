"""A comment's lasting link: ``comment/<id>/`` on its consultation leads to wherever it is listed now."""

from django.shortcuts import get_object_or_404, redirect

from engagement.models import Comment
from engagement.models.consultations import COMMENTS_PER_SECTION
from engagement.threads import where_to_read


def comment_permalink(request, page, comment_id):
    """Redirect to the published comment on the consultation page or its section's listing; 404 otherwise."""
    comment = get_object_or_404(
        Comment.objects.select_related("parent", "consultation"),
        pk=comment_id,
        consultation_id=page.pk,
        status=Comment.Status.PUBLISHED,
    )
    return redirect(where_to_read(comment, COMMENTS_PER_SECTION))

"""Who may do what with ladder ratings, comments and "You said, we did" (django-rules).

| rule | who |
| --- | --- |
| ``engagement.add_participant_rating`` | anyone, signed in or not (anonymous ratings are rate limited), on any page; on a consultation only while it is open |
| ``engagement.add_organisation_rating`` | Commissioners, superusers: the rung is recorded when they publish "You said, we did" |
| ``engagement.moderate_comment`` | Moderators, Commissioners, superusers: approve, reject, restore comments; never their own |
| ``engagement.publish_response`` | Commissioners, superusers: publish "You said, we did" |
| ``engagement.close_consultation`` | Commissioners, superusers: close a consultation before its closing time |
| ``engagement.change_comment`` | the comment's signed-in author, while it is pending or published and the consultation is open |
| ``engagement.flag_comment`` | any signed-in reader but the author, once per comment, while it is published |
"""

import rules

from engagement.models import Comment
from people import groups
from people.rules import is_commissioner


@rules.predicate
def takes_ratings(user, page):
    """The page takes "How involved did you feel?" now: any page, but a consultation only while it is open.

    Both places a rating is given ask this: ``/ladder/rate/<page id>/`` and a consultation's ``feedback/``.
    """
    from engagement.models import ConsultationPage

    if page is None:
        return False
    return page.is_open if isinstance(page, ConsultationPage) else True


rules.add_perm("engagement.add_participant_rating", takes_ratings)

#: Comment statuses in which the author may still edit or withdraw their comment.
AUTHOR_CHANGEABLE = (Comment.Status.PENDING, Comment.Status.PUBLISHED)

is_moderator = rules.is_group_member(groups.MODERATORS)
can_moderate = rules.is_superuser | is_moderator | is_commissioner
can_answer_consultation = rules.is_superuser | is_commissioner


@rules.predicate
def is_not_own_comment(user, comment):
    """Nobody moderates their own words: false only for a comment this person wrote (true with no comment)."""
    return comment is None or comment.author_id is None or comment.author_id != user.pk


rules.add_perm("engagement.moderate_comment", can_moderate & is_not_own_comment)
rules.add_perm("engagement.publish_response", can_answer_consultation)
rules.add_perm("engagement.add_organisation_rating", can_answer_consultation)
rules.add_perm("engagement.close_consultation", can_answer_consultation)


@rules.predicate
def is_comment_author(user, comment):
    """The comment was written by this signed-in person."""
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def is_changeable(_user, comment):
    """The comment is pending or published and its consultation is open, so its author may still change it."""
    return comment is not None and comment.status in AUTHOR_CHANGEABLE and comment.consultation.is_open


@rules.predicate
def is_published(_user, comment):
    """The comment is shown to readers now."""
    return comment is not None and comment.status == Comment.Status.PUBLISHED


@rules.predicate
def has_flagged(user, comment):
    """This person has reported this comment already (one indexed query)."""
    return comment is not None and user.is_authenticated and comment.flags.filter(flagged_by_id=user.pk).exists()


rules.add_perm("engagement.change_comment", is_comment_author & is_changeable)
rules.add_perm("engagement.flag_comment", rules.is_authenticated & ~is_comment_author & is_published & ~has_flagged)

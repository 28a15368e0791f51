"""Who may do what with ladder ratings (django-rules).

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

from people import groups


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

is_moderator = rules.is_group_member(groups.MODERATORS)
is_commissioner = rules.is_group_member(groups.COMMISSIONERS)
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
def is_changeable_by_author(user, comment):
    """The signed-in author may still edit or withdraw this comment."""
    from engagement.comments import can_change

    return comment is not None and can_change(comment, user)


@rules.predicate
def may_flag(user, comment):
    """A signed-in reader who is not the author and has not flagged this published comment yet."""
    from engagement.comments import flag_refusal

    return comment is not None and flag_refusal(comment, user) is None


rules.add_perm("engagement.change_comment", is_changeable_by_author)
rules.add_perm("engagement.flag_comment", may_flag)

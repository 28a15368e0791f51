"""A person's ladder ratings are part of their personal data download."""

import pytest

from engagement.personal_data import ladder_ratings_for

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_persons_ratings_and_no_one_elses(user, user_factory, ladder_rating_factory):
    ladder_rating_factory(author=user, rung=6, text="Good session")
    ladder_rating_factory(author=user_factory(), rung=1)
    ladder_rating_factory(rung=2)
    section = ladder_ratings_for(user)
    assert len(section) == 1
    assert section[0]["rung"] == 6
    assert section[0]["rung_name"] == "Co-design"
    assert section[0]["band"] == "Doing with"
    assert section[0]["text"] == "Good session"


def test_the_section_is_registered_with_the_people_registry():
    from people import personal_data

    assert "ladder_ratings" in personal_data.section_names()


def test_the_download_holds_the_persons_comments_with_their_history_and_their_flags(
    user, user_factory, comment_factory, consultation_page
):
    from engagement.models import CommentFlag
    from engagement.moderation import change_status
    from engagement.personal_data import comment_flags_for, comments_for

    mine = comment_factory(consultation=consultation_page, author=user, text="Evening hours, please.", status="pending")
    change_status(mine, "rejected", action="rejected", reason="Off topic")
    theirs = comment_factory(consultation=consultation_page, author=user_factory())
    CommentFlag.objects.create(comment=theirs, flagged_by=user, reason=CommentFlag.Reason.SPAM)

    comments = comments_for(user)
    assert [c["text"] for c in comments] == ["Evening hours, please."]
    assert comments[0]["status"] == "Rejected"
    assert comments[0]["rejection_reason"] == "Off topic"
    assert [event["action"] for event in comments[0]["history"]] == ["Rejected"]
    assert comment_flags_for(user) == [
        {
            "comment": theirs.pk,
            "reason": "Spam or advertising",
            "note": "",
            "created_at": comment_flags_for(user)[0]["created_at"],
        }
    ]

    from people import personal_data

    assert {"comments", "comment_flags"} <= set(personal_data.section_names())

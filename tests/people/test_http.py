"""The responses every app's views share (``people.http``)."""

from people.http import SeeOther


def test_see_other_redirects_with_303_so_a_refresh_does_not_post_again():
    response = SeeOther("/consultations/one/#comments")
    assert response.status_code == 303
    assert response["Location"] == "/consultations/one/#comments"

"""The pages around the live room: who may open the room and the big screen, joining by code,
and the session's record (its visibility, CSV and publishing)."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from labs.models import (
    AgreedAction,
    Announcement,
    Idea,
    IdeaVote,
    Poll,
    PollAnswer,
    Question,
    QuestionUpvote,
    Registration,
    Stage,
)
from people import groups

pytestmark = pytest.mark.django_db


def in_group(user, name):
    user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def url(session, name):
    lab = session.lab
    return lab.url + lab.reverse_subpage(name, args=(session.pk,))


def join_url(session):
    index = session.lab.get_parent().specific
    return index.url + index.reverse_subpage("join")


@pytest.fixture
def session(lab_session_factory):
    return lab_session_factory()


@pytest.fixture
def participant(session, user_factory, profile_factory, registration_factory):
    person = user_factory()
    profile_factory(user=person, provider=True)
    registration_factory(lab=session.lab, person=person)
    return person


@pytest.fixture
def facilitator(user_factory, profile_factory):
    person = in_group(user_factory(), groups.FACILITATORS)
    profile_factory(user=person, staff=True)
    return person


# --- The live room ----------------------------------------------------------------------------
def test_signed_out_people_are_sent_to_sign_in_and_back_to_the_room(client, session):
    response = client.get(url(session, "live"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert url(session, "live").replace("/", "%2F") in response["Location"]


def test_a_signed_in_person_without_a_place_is_told_how_to_register(client, session, user_factory):
    client.force_login(user_factory())
    response = client.get(url(session, "live"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "You need a place at this lab" in content
    assert session.lab.url + "register/" in content


def test_a_participant_sees_the_room_rendered_read_only_with_a_note_about_javascript(client, session, participant):
    Idea.objects.create(session=session, text="Shared minibus for day centres", organisation="Invented Care")
    client.force_login(participant)
    response = client.get(url(session, "live"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Shared minibus for day centres" in content
    assert "Live updates, posting ideas, voting and answering polls need JavaScript" in content
    assert 'id="lab-live-config"' in content and "lab-live.js" in content
    assert "Facilitator controls" not in content


def test_a_facilitator_gets_the_controls_and_a_link_to_the_big_screen(client, session, facilitator):
    client.force_login(facilitator)
    content = client.get(url(session, "live")).content.decode()
    assert "Facilitator controls" in content
    assert url(session, "present") in content


def test_a_session_of_another_lab_is_not_found(client, session, participant, lab_page_factory):
    other = lab_page_factory()
    client.force_login(participant)
    response = client.get(other.url + other.reverse_subpage("live", args=(session.pk,)))
    assert response.status_code == 404


# --- The big screen ---------------------------------------------------------------------------
def test_the_presenter_view_shows_the_code_and_an_described_qr_code_to_facilitators(client, session, facilitator):
    client.force_login(facilitator)
    response = client.get(url(session, "present"))
    assert response.status_code == 200
    content = response.content.decode()
    assert session.join_code in content
    assert "<svg" in content and 'aria-hidden="true"' in content
    assert f'aria-label="QR code that opens http://testserver{join_url(session)}?code={session.join_code}"' in content


def test_participants_cannot_open_the_presenter_view(client, session, participant):
    client.force_login(participant)
    assert client.get(url(session, "present")).status_code == 404


def test_signed_out_people_are_sent_to_sign_in_from_the_presenter_view(client, session):
    assert client.get(url(session, "present")).status_code == 302


# --- Joining by code --------------------------------------------------------------------------
def test_the_join_page_asks_for_the_code(client, session):
    response = client.get(join_url(session))
    assert response.status_code == 200
    assert "Session code" in response.content.decode()


def test_a_known_code_in_any_case_takes_a_participant_to_the_room(client, session, participant):
    client.force_login(participant)
    response = client.get(join_url(session), {"code": f" {session.join_code.lower()} "})
    assert response.status_code == 303
    assert response["Location"].endswith(url(session, "live"))


def test_a_wrong_code_gets_a_clear_error_and_keeps_the_text(client, session):
    response = client.get(join_url(session), {"code": "ZZZZ22"})
    content = response.content.decode()
    assert "There is no session with that code" in content
    assert 'value="ZZZZ22"' in content
    assert "There is a problem" in content


def test_a_known_code_asks_signed_out_people_to_sign_in_or_create_an_account_and_come_back(client, session):
    response = client.get(join_url(session), {"code": session.join_code})
    content = response.content.decode()
    back = f"next=%2Flabs%2Fjoin%2F%3Fcode%3D{session.join_code}"
    assert f"/accounts/login/?{back}" in content
    assert f"/accounts/signup/?{back}" in content


def test_a_signed_in_person_without_a_place_registers_and_joins_in_one_step(client, session, profile_factory):
    profile = profile_factory(provider=True)
    client.force_login(profile.user)
    offer = client.get(join_url(session), {"code": session.join_code})
    assert "Register and join" in offer.content.decode()
    assert not Registration.objects.filter(person=profile.user).exists()

    response = client.post(
        join_url(session),
        {"code": session.join_code, "register": "yes", "organisation_name": profile.organisation.name},
    )
    assert response.status_code == 303
    assert response["Location"].endswith(url(session, "live"))
    registration = Registration.objects.get(person=profile.user, lab=session.lab)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.organisation == profile.organisation
    assert client.get(url(session, "live")).status_code == 200


def test_no_one_takes_a_place_at_a_full_lab_by_code(client, session, profile_factory, registration_factory):
    session.lab.capacity = 1
    session.lab.save()
    registration_factory(lab=session.lab)
    profile = profile_factory()
    client.force_login(profile.user)
    response = client.post(join_url(session), {"code": session.join_code, "register": "yes"})
    assert response.status_code == 409
    assert "is full" in response.content.decode()
    assert not Registration.objects.filter(person=profile.user).exists()


# --- The record -------------------------------------------------------------------------------
@pytest.fixture
def full_session(session, user_factory, facilitator):
    voters = [user_factory() for _ in range(3)]
    theme = session.lab.themes.order_by("sort_order").first()
    popular = Idea.objects.create(session=session, theme=theme, text="Neighbourhood team huddles", organisation="Org A")
    quiet = Idea.objects.create(session=session, theme=theme, text="=Shared rota", organisation="Org B")
    Idea.objects.create(session=session, theme=theme, text="Hidden idea text", status=Idea.Status.HIDDEN)
    for voter in voters:
        IdeaVote.objects.create(idea=popular, voter=voter)
    IdeaVote.objects.create(idea=quiet, voter=voters[0])
    question = Question.objects.create(session=session, text="Who pays for it?", answered_at=timezone.now())
    QuestionUpvote.objects.create(question=question, voter=voters[1])
    Question.objects.create(session=session, text="When does it start?")
    poll = Poll.objects.create(session=session, question="Which day suits?", options=["Monday", "Friday"])
    PollAnswer.objects.create(poll=poll, voter=voters[0], choice=1)
    PollAnswer.objects.create(poll=poll, voter=voters[1], choice=1)
    ladder = Poll.objects.create(
        session=session, question="How involved did you feel?", kind=Poll.Kind.LADDER, options=list("1234567")
    )
    PollAnswer.objects.create(poll=ladder, voter=voters[0], choice=5)  # rung 6
    PollAnswer.objects.create(poll=ladder, voter=voters[1], choice=0)  # rung 1
    Announcement.objects.create(session=session, text="Tea is in the hall")
    AgreedAction.objects.create(session=session, text="Draft the huddle plan", owner="Org A", due_on=date(2027, 2, 1))
    session.stage = Stage.CLOSED
    session.closed_at = timezone.now()
    session.save()
    return session


def test_an_unpublished_record_is_not_found_for_the_public(client, full_session, participant):
    assert client.get(url(full_session, "record")).status_code == 404
    assert client.get(url(full_session, "record_export")).status_code == 404
    client.force_login(participant)
    assert client.get(url(full_session, "record")).status_code == 404


def test_staff_preview_the_record_before_it_is_published(client, full_session, user_factory):
    client.force_login(in_group(user_factory(), groups.MODERATORS))
    response = client.get(url(full_session, "record"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Preview" in content
    assert "Publish the record" not in content  # moderators may not publish


def test_the_published_record_shows_everything_the_room_made(client, full_session):
    full_session.record_published_at = timezone.now()
    full_session.save()
    content = client.get(url(full_session, "record")).content.decode()
    assert content.index("Neighbourhood team huddles") < content.index("=Shared rota"), "most votes first"
    assert "Hidden idea text" not in content
    assert "Who pays for it?" in content and "answered" in content and "When does it start?" in content
    assert "Friday" in content and "2 (100%)" in content
    assert "Doing to (rungs 1 and 2): 1 (50%)" in content
    assert "Doing with (rungs 6 and 7): 1 (50%)" in content
    assert "Tea is in the hall" in content
    assert "Draft the huddle plan" in content and "1 February 2027" in content


def test_the_record_csv_holds_the_same_record_and_defuses_formulas(client, full_session):
    full_session.record_published_at = timezone.now()
    full_session.save()
    response = client.get(url(full_session, "record_export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Section", "Group", "Text", "Detail", "Count"]
    assert ["Idea", "Social value", "Neighbourhood team huddles", "Org A", "3"] in rows
    assert ["Idea", "Social value", "'=Shared rota", "Org B", "1"] in rows
    assert ["Question", "", "Who pays for it?", "Answered", "1"] in rows
    assert ["Poll", "Which day suits?", "Friday", "100%", "2"] in rows
    assert ["Ladder feedback", "Doing with", "6. Co-design", "50%", "1"] in rows
    assert ["Agreed action", "Org A", "Draft the huddle plan", "Due 2027-02-01", ""] in rows
    assert not any("Hidden idea text" in row for row in rows)


def test_the_record_comes_as_xlsx_too_with_formulas_kept_as_text(client, full_session):
    full_session.record_published_at = timezone.now()
    full_session.save()
    response = client.get(url(full_session, "record_export") + "?export=xlsx")
    assert response.status_code == 200
    assert f'filename="lab-session-{full_session.pk}-record.xlsx"' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Section", "Group", "Text", "Detail", "Count"]
    assert ["Idea", "Social value", "Neighbourhood team huddles", "Org A", 3] in rows
    shared_rota = next(row for row in sheet.iter_rows() if row[2].value == "=Shared rota")
    assert shared_rota[2].data_type == "s"
    assert not any("Hidden idea text" in row for row in rows)


def test_a_facilitator_publishes_the_record_of_a_closed_session(client, full_session, facilitator):
    client.force_login(facilitator)
    assert "Publish the record" in client.get(url(full_session, "record")).content.decode()
    response = client.post(url(full_session, "publish_record"))
    assert response.status_code == 303
    full_session.refresh_from_db()
    assert full_session.record_published_at is not None
    client.logout()
    assert client.get(url(full_session, "record")).status_code == 200


def test_a_record_is_not_published_before_the_session_closes(client, session, facilitator):
    client.force_login(facilitator)
    client.post(url(session, "publish_record"))
    session.refresh_from_db()
    assert session.record_published_at is None


def test_only_facilitators_and_editors_may_publish(client, full_session, participant, user_factory):
    client.force_login(participant)
    assert client.post(url(full_session, "publish_record")).status_code == 404
    client.force_login(in_group(user_factory(), groups.MODERATORS))
    assert client.post(url(full_session, "publish_record")).status_code == 403
    client.force_login(in_group(user_factory(), groups.EDITORS))
    assert client.post(url(full_session, "publish_record")).status_code == 303
    full_session.refresh_from_db()
    assert full_session.record_published_at is not None


def test_publishing_needs_a_post(client, full_session, facilitator):
    client.force_login(facilitator)
    assert client.get(url(full_session, "publish_record")).status_code == 405

"""Lab registrations and what a person did in live sessions are part of their personal data download."""

import pytest

from labs.models import Idea, IdeaVote, Poll, PollAnswer, Question, Registration
from labs.personal_data import lab_contributions_for, registrations_for
from people import personal_data

pytestmark = pytest.mark.django_db


def test_the_sections_are_registered_with_the_people_registry():
    assert {"lab_registrations", "lab_sessions"} <= set(personal_data.section_names())


def test_the_download_holds_the_persons_registrations_and_no_one_elses(
    user, registration_factory, lab_page_factory, organisation_factory
):
    lab = lab_page_factory(title="Autumn lab", quarter="Q4 2026")
    registration_factory(
        lab=lab,
        person=user,
        organisation=organisation_factory(name="Good Neighbours"),
        access_needs="Step-free access",
        theme_preference=lab.themes.first(),
    )
    registration_factory(lab=lab_page_factory(), person=user, status=Registration.Status.CANCELLED)
    registration_factory(lab=lab)

    section = registrations_for(user)

    assert len(section) == 2
    assert section[0]["lab"] == "Autumn lab"
    assert section[0]["quarter"] == "Q4 2026"
    assert section[0]["organisation"] == "Good Neighbours"
    assert section[0]["access_needs"] == "Step-free access"
    assert section[0]["theme_preference"] == "Social value"
    assert section[1]["status"] == "Cancelled"
    assert personal_data.collect(user)["lab_registrations"] == section


def test_the_download_holds_the_persons_ideas_questions_votes_and_poll_answers(user, user_factory, lab_session_factory):
    session = lab_session_factory(title="Morning session")
    idea = Idea.objects.create(session=session, author=user, text="Shared rotas across providers")
    others = Idea.objects.create(session=session, author=user_factory(), text="Someone else's idea")
    IdeaVote.objects.create(idea=others, voter=user)
    IdeaVote.objects.create(idea=idea, voter=user_factory())
    Question.objects.create(session=session, author=user, text="Who pays for the sensors?")
    poll = Poll.objects.create(session=session, question="Which first?", options=["Rotas", "Sensors"])
    PollAnswer.objects.create(poll=poll, voter=user, choice=1)

    section = lab_contributions_for(user)

    assert [i["text"] for i in section["ideas"]] == ["Shared rotas across providers"]
    assert section["ideas"][0]["session"] == "Morning session"
    assert [q["text"] for q in section["questions"]] == ["Who pays for the sensors?"]
    assert [v["idea"] for v in section["votes"]] == ["Someone else's idea"]
    assert section["poll_answers"] == [
        {
            "session": "Morning session",
            "poll": "Which first?",
            "answer": "Sensors",
            "answered_at": section["poll_answers"][0]["answered_at"],
        }
    ]

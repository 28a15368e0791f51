"""What Innovation Labs hold about a person, for their personal data download: registrations,
and what they did in live sessions (ideas, questions, dot votes, poll answers)."""

from labs.models import Idea, IdeaVote, PollAnswer, Question, Registration


def registrations_for(user) -> list[dict]:
    """Every lab registration, including cancelled ones, oldest first."""
    registrations = (
        Registration.objects.filter(person=user)
        .select_related("lab", "organisation", "theme_preference")
        .order_by("created_at", "pk")
    )
    return [
        {
            "lab": registration.lab.title,
            "lab_url": registration.lab.url,
            "quarter": registration.lab.quarter,
            "status": registration.get_status_display(),
            "organisation": registration.organisation.name if registration.organisation_id else None,
            "access_needs": registration.access_needs,
            "theme_preference": registration.theme_preference.name if registration.theme_preference_id else None,
            "registered_at": registration.created_at.isoformat(),
            "updated_at": registration.updated_at.isoformat(),
        }
        for registration in registrations
    ]


def lab_contributions_for(user) -> dict:
    """Ideas and questions the person posted, their dot votes and their poll answers, by session."""
    ideas = Idea.objects.filter(author=user).select_related("session", "theme").order_by("created_at", "pk")
    questions = Question.objects.filter(author=user).select_related("session").order_by("created_at", "pk")
    votes = IdeaVote.objects.filter(voter=user).select_related("idea__session").order_by("created_at", "pk")
    answers = PollAnswer.objects.filter(voter=user).select_related("poll__session").order_by("answered_at", "pk")
    return {
        "ideas": [
            {
                "session": idea.session.title,
                "theme": idea.theme.name if idea.theme_id else None,
                "text": idea.text,
                "status": idea.get_status_display(),
                "organisation": idea.organisation,
                "created_at": idea.created_at.isoformat(),
                "edited_at": idea.edited_at.isoformat() if idea.edited_at else None,
            }
            for idea in ideas
        ],
        "questions": [
            {
                "session": question.session.title,
                "text": question.text,
                "answered": question.answered_at is not None,
                "created_at": question.created_at.isoformat(),
            }
            for question in questions
        ],
        "votes": [
            {"session": vote.idea.session.title, "idea": vote.idea.text, "created_at": vote.created_at.isoformat()}
            for vote in votes
        ],
        "poll_answers": [
            {
                "session": answer.poll.session.title,
                "poll": answer.poll.question,
                "answer": _option(answer),
                "answered_at": answer.answered_at.isoformat(),
            }
            for answer in answers
        ],
    }


def _option(answer) -> str:
    options = answer.poll.options or []
    if 0 <= answer.choice < len(options):
        option = options[answer.choice]
        if isinstance(option, dict):
            return str(option.get("label", option))
        return str(option)
    return str(answer.choice)

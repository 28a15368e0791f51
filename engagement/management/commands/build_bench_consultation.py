"""Build the benchmark's consultation: 20 sections, 2,000 published comments, and writers with sessions.

Prints one JSON object: the consultation's path and, for each writer account, a session key the
load generator uses as a signed-in person. Only for benchmark databases (``make bench`` builds a
throwaway one); it refuses to run when the demo password is the only thing protecting accounts
in production (``DEBUG=0`` without ``--i-know-this-is-a-bench-database``).
"""

import json
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from engagement.blocks import proposal_stream
from engagement.models import Comment, ConsultationIndexPage, ConsultationPage
from people.models import Neighbourhood, Profile, RespondentType
from people.sessions import signed_in_session_key

SLUG = "benchmark-consultation"
SECTIONS = 20
PARAGRAPHS_PER_SECTION = 5
AUTHORS = 100


def proposal_sections():
    """A 20-section proposal, five paragraphs each."""
    return [
        (
            f"Proposal part {number}: support closer to home",
            [
                f"<p>Paragraph {p} of part {number}: how neighbourhood teams would work with carers, providers "
                "and community groups to help people stay well at home.</p>"
                for p in range(1, PARAGRAPHS_PER_SECTION + 1)
            ],
        )
        for number in range(1, SECTIONS + 1)
    ]


class Command(BaseCommand):
    help = "Build the benchmark consultation with N published comments and writer sessions (JSON on stdout)."

    def add_arguments(self, parser):
        parser.add_argument("--comments", type=int, default=2000)
        parser.add_argument("--writers", type=int, default=300)
        parser.add_argument("--i-know-this-is-a-bench-database", action="store_true", dest="confirmed")

    def handle(self, *args, comments=2000, writers=300, confirmed=False, **options):
        if not confirmed:
            raise CommandError("This fills the database with benchmark data; pass --i-know-this-is-a-bench-database.")
        with transaction.atomic():
            page = self._consultation()
            authors = self._people("bench-author", AUTHORS)
            self._comments(page, authors, comments)
            writer_people = self._people("bench-writer", writers)
        sessions = [signed_in_session_key(person) for person in writer_people]
        self.stdout.write(json.dumps({"path": page.url, "sessions": sessions}))

    def _consultation(self):
        index = ConsultationIndexPage.objects.first()
        if index is None:
            raise CommandError("Run seed_demo first: there is no consultations index page.")
        existing = ConsultationPage.objects.filter(slug=SLUG).first()
        if existing is not None:
            existing.delete()
        now = timezone.now()
        page = ConsultationPage(
            title="Benchmark consultation: care closer to home",
            slug=SLUG,
            summary="A large consultation used to measure the site.",
            opens_at=now - timedelta(days=10),
            closes_at=now + timedelta(days=30),
            proposal=proposal_stream(proposal_sections()),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    def _people(self, prefix, count):
        User = get_user_model()
        neighbourhoods = list(Neighbourhood.objects.all())
        people = []
        for number in range(count):
            email = f"{prefix}-{number}@example.org"
            person, created = User.objects.get_or_create(username=email, defaults={"email": email})
            if created:
                person.set_unusable_password()
                person.save(update_fields=["password"])
                EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
                Profile.objects.create(
                    user=person,
                    display_name=f"{prefix.title()} {number}",
                    respondent_type=RespondentType.RESIDENT,
                    neighbourhood=neighbourhoods[number % len(neighbourhoods)] if neighbourhoods else None,
                )
            people.append(person)
        return people

    def _comments(self, page, authors, total):
        targets = [
            (section_id, paragraph_id)
            for section_id, _heading, paragraphs in page.sections()
            for paragraph_id, _text in [(None, None), *paragraphs]
        ]
        now = timezone.now()
        batch = []
        for number in range(total):
            section_id, paragraph_id = targets[number % len(targets)]
            author = authors[number % len(authors)]
            batch.append(
                Comment(
                    consultation=page,
                    section_id=section_id,
                    paragraph_id=paragraph_id or "",
                    author=author,
                    had_author=True,
                    text=f"Comment {number}: the neighbourhood team should visit carers at home before a crisis.",
                    status=Comment.Status.PUBLISHED,
                    status_changed_at=now,
                    respondent_type=RespondentType.RESIDENT,
                )
            )
        Comment.objects.bulk_create(batch, batch_size=500)

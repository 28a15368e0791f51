"""Build the benchmark's Innovation Lab: one live session, a facilitator and N registered participants.

Prints one JSON object: the session id, the lab's path, the live room's and socket's paths, the
themes, and signed-in Django session keys for the facilitator and every participant (the load
generator sends them as the ``sessionid`` cookie). Only for benchmark databases (``make bench``
builds a throwaway one): it refuses to run without ``--i-know-this-is-a-bench-database``.
"""

import json
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from labs.models import LabIndexPage, LabPage, LabSession, LabTheme, Registration
from people import groups
from people.models import Organisation, OrganisationType, Profile, RespondentType
from people.sessions import signed_in_session_key

SLUG = "benchmark-lab"
THEMES = ["Social value", "Technology-enabled care", "Care closer to home"]
ORGANISATIONS = 12
PREFIX = "bench-lab-participant"


class Command(BaseCommand):
    help = "Build the benchmark lab session with N registered participants and their sessions (JSON on stdout)."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=200)
        parser.add_argument("--i-know-this-is-a-bench-database", action="store_true", dest="confirmed")

    def handle(self, *args, participants=200, confirmed=False, **options):
        if not confirmed:
            raise CommandError("This fills the database with benchmark data; pass --i-know-this-is-a-bench-database.")
        if participants < 1:
            raise CommandError("--participants must be at least 1.")
        with transaction.atomic():
            lab = self._lab(participants)
            session = LabSession.objects.create(
                lab=lab,
                title="Benchmark session: ideas for care closer to home",
                starts_at=timezone.now() - timedelta(minutes=5),
                ends_at=timezone.now() + timedelta(hours=3),
                vote_budget=3,
            )
            facilitator = self._facilitator()
            organisations = self._organisations()
            people = self._participants(participants, organisations)
            Registration.objects.bulk_create(
                [
                    Registration(
                        lab=lab,
                        person=person,
                        organisation=organisations[number % len(organisations)],
                        status=Registration.Status.CONFIRMED,
                    )
                    for number, person in enumerate(people)
                ],
                batch_size=500,
            )
            facilitator_key = signed_in_session_key(facilitator)
            keys = [signed_in_session_key(person) for person in people]
        base = lab.url.rstrip("/")
        self.stdout.write(
            json.dumps(
                {
                    "session_id": session.pk,
                    "lab_path": lab.url,
                    "live_path": f"{base}/sessions/{session.pk}/live/",
                    "socket_path": f"/ws/labs/{session.pk}/",
                    "themes": list(lab.themes.order_by("sort_order").values_list("pk", flat=True)),
                    "facilitator": facilitator_key,
                    "participants": keys,
                }
            )
        )

    def _index(self):
        index = LabIndexPage.objects.order_by("pk").first()
        if index is None:
            root = Site.objects.get(is_default_site=True).root_page
            index = LabIndexPage(title="Innovation Labs", slug="labs", intro="<p>Quarterly labs with partners.</p>")
            root.add_child(instance=index)
            index.save_revision().publish()
        return index

    def _lab(self, participants):
        index = self._index()
        existing = LabPage.objects.filter(slug=SLUG).first()
        if existing is not None:
            existing.delete()
        now = timezone.now()
        lab = LabPage(
            title="Benchmark Innovation Lab",
            slug=SLUG,
            quarter="Q1 2027",
            starts_at=now - timedelta(minutes=10),
            ends_at=now + timedelta(hours=3),
            format=LabPage.Format.HYBRID,
            place="Town Hall",
            summary="A large live session used to measure the site.",
            capacity=participants + 10,
            registration_opens_at=now - timedelta(days=10),
            registration_closes_at=now + timedelta(hours=1),
        )
        for order, name in enumerate(THEMES):
            lab.themes.add(LabTheme(name=name, sort_order=order))
        index.add_child(instance=lab)
        lab.save_revision().publish()
        return lab

    def _facilitator(self):
        User = get_user_model()
        email = "bench-lab-facilitator@example.org"
        person, created = User.objects.get_or_create(username=email, defaults={"email": email, "is_staff": True})
        if created:
            person.set_unusable_password()
            person.save(update_fields=["password"])
            EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
            Profile.objects.create(
                user=person, display_name="Benchmark facilitator", respondent_type=RespondentType.STAFF
            )
        person.groups.add(Group.objects.get_or_create(name=groups.FACILITATORS)[0])
        return person

    def _organisations(self):
        return [
            Organisation.objects.get_or_create(
                name=f"Benchmark provider {number}", defaults={"type": OrganisationType.CARE_PROVIDER}
            )[0]
            for number in range(ORGANISATIONS)
        ]

    def _participants(self, count, organisations):
        User = get_user_model()
        emails = [f"{PREFIX}-{number}@example.org" for number in range(count)]
        existing = set(User.objects.filter(username__in=emails).values_list("username", flat=True))
        unusable = make_password(None)
        User.objects.bulk_create(
            [User(username=email, email=email, password=unusable) for email in emails if email not in existing],
            batch_size=500,
        )
        people = {person.username: person for person in User.objects.filter(username__in=emails)}
        new = [people[email] for email in emails if email not in existing]
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=person, email=person.email, verified=True, primary=True) for person in new],
            batch_size=500,
        )
        Profile.objects.bulk_create(
            [
                Profile(
                    user=person,
                    display_name=f"Participant {person.username.split('-')[-1].split('@')[0]}",
                    respondent_type=RespondentType.PROVIDER,
                    organisation=organisations[number % len(organisations)],
                )
                for number, person in enumerate(new)
            ],
            batch_size=500,
        )
        return [people[email] for email in emails]

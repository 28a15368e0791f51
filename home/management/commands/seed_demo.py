"""``python manage.py seed_demo``: load the demo page tree and accounts (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from engagement.demo import create_demo_consultations
from home.demo import build_demo_site, create_demo_people
from labs.demo import create_demo_labs


class Command(BaseCommand):
    """Create the demo home page, commissioning plan, index pages, policies and demo accounts."""

    help = "Load demo content and demo accounts. Safe to run more than once: nothing is duplicated."

    def handle(self, *args, **options):
        home = build_demo_site(warn=lambda message: self.stderr.write(self.style.WARNING(message)))
        if options["verbosity"]:
            self.stdout.write(f"Demo site ready: {home.get_descendants().count() + 1} pages.")
        people = create_demo_people(settings.DEMO_PASSWORD)
        if people is None:
            self.stderr.write(self.style.WARNING("people.demo is not available yet: no demo accounts created."))
        elif options["verbosity"]:
            self.stdout.write(f"Demo accounts (password: {settings.DEMO_PASSWORD}):")
            for email, role in people:
                self.stdout.write(f"  {email:<28} {role}")
        consultations = create_demo_consultations()
        if options["verbosity"]:
            self.stdout.write(f"Demo consultations: {consultations}.")
        labs = create_demo_labs()
        if options["verbosity"]:
            self.stdout.write(f"Demo Innovation Labs: {labs}.")

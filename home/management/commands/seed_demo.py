"""``python manage.py seed_demo``: load the demo page tree and accounts (idempotent)."""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from home.demo import build_demo_site, create_demo_people


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
        for label, builder in demo_content():
            made = import_string(builder)()
            if options["verbosity"]:
                self.stdout.write(f"{label}: {made}.")


def demo_content():
    """Each app's demo content, in the order of INSTALLED_APPS: ``(label, dotted path of its builder)``.

    An app offers it as ``demo_content`` on its AppConfig, so home imports no app built on it.
    """
    return [config.demo_content for config in apps.get_app_configs() if getattr(config, "demo_content", None)]

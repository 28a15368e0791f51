"""Run Ladder's scheduled jobs (home.scheduled_jobs) every minute, or once with --once."""

import time

from django.core.management.base import BaseCommand

from home import scheduled_jobs


class Command(BaseCommand):
    help = "Run scheduled jobs (publishing scheduled pages, ...) every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run every job once and exit")
        parser.add_argument("--interval", type=int, default=60, help="seconds between runs (default 60)")

    def handle(self, *args, once=False, interval=60, **options):
        while True:
            failures = scheduled_jobs.run_all()
            if failures:
                self.stderr.write(f"Failed: {', '.join(failures)}")
            if once:
                return
            time.sleep(interval)

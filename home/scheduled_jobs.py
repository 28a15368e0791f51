"""Jobs that run every minute beside the web server (``manage.py run_scheduled_jobs``).

Any app registers a job with ``@scheduled_job("what it does")``: this module publishes and
unpublishes pages at their scheduled times, and ``engagement.comments`` deletes comments whose
email address was never confirmed. Work that a request hands off (emails) runs on the background
task worker instead (``manage.py db_worker``; see docs/operations.md).
"""

import logging

from django.core.management import call_command

logger = logging.getLogger(__name__)

_jobs = {}


def scheduled_job(name):
    """Register a function to run on every tick of the scheduled-jobs runner."""

    def register(function):
        _jobs[name] = function
        return function

    return register


def registered_jobs():
    """The registered jobs, by name."""
    return dict(_jobs)


def run_all():
    """Run every job once; a failing job is logged and does not stop the others. Returns failures."""
    failures = []
    for name, job in _jobs.items():
        try:
            job()
        except Exception:  # noqa: BLE001 - one broken job must not stop the rest
            logger.exception("scheduled job failed: %s", name)
            failures.append(name)
    return failures


@scheduled_job("publish and unpublish scheduled pages")
def publish_scheduled_pages():
    """Wagtail's go-live and expiry times: publish or unpublish pages that are due."""
    call_command("publish_scheduled", verbosity=0)

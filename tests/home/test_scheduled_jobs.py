"""Scheduled publishing: a page given a go-live time is published by the scheduled-jobs runner."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from home import scheduled_jobs
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_a_page_scheduled_in_the_past_is_published_by_the_runner(client, home_page):
    page = StandardPage(title="Carers' contact point", slug="carers-contact-point", live=False)
    home_page.add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # with a future go-live time this schedules rather than publishes
    page.refresh_from_db()
    assert not page.live
    assert client.get("/carers-contact-point/").status_code == 404

    # The go-live time passes: move it into the past on the scheduled revision.
    past = timezone.now() - timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("run_scheduled_jobs", "--once")

    page.refresh_from_db()
    assert page.live
    assert client.get("/carers-contact-point/").status_code == 200


def test_a_failing_job_is_reported_and_the_others_still_run(monkeypatch):
    ran = []
    monkeypatch.setattr(scheduled_jobs, "_jobs", {})

    @scheduled_jobs.scheduled_job("broken")
    def broken():
        raise RuntimeError("boom")

    @scheduled_jobs.scheduled_job("working")
    def working():
        ran.append("working")

    assert scheduled_jobs.run_all() == ["broken"]
    assert ran == ["working"]

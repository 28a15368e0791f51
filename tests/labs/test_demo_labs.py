"""The demo Innovation Lab loaded by seed_demo: an upcoming hybrid lab with three themes, an agenda,
two sessions and the demo provider's confirmed place; loading it again changes nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from labs.demo import LAB_SLUG, create_demo_labs, quarter_of
from labs.models import LabPage, LabSession, Registration

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_one_upcoming_hybrid_lab_with_themes_agenda_sessions_and_the_providers_place(client):
    call_command("seed_demo", verbosity=0)

    lab = LabPage.objects.get(slug=LAB_SLUG)
    assert lab.live
    assert lab.format == LabPage.Format.HYBRID
    assert lab.starts_at > timezone.now()
    assert lab.quarter == quarter_of(lab.starts_at)
    assert lab.registration_is_open()
    assert [theme.name for theme in lab.themes.order_by("sort_order")] == [
        "Social value",
        "Technology-enabled care",
        "Care closer to home through integrated neighbourhood teams",
    ]
    assert "Agreeing actions" in lab.agenda
    assert LabSession.objects.filter(lab=lab).count() == 2
    registration = Registration.objects.get(lab=lab)
    assert registration.person.email == "provider@example.org"
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.organisation.name == "Riverside Home Care Cooperative"
    assert client.get(lab.url).status_code == 200
    assert lab.title in client.get("/labs/").content.decode()


def test_loading_the_demo_again_changes_nothing():
    call_command("seed_demo", verbosity=0)
    before = (LabPage.objects.count(), LabSession.objects.count(), Registration.objects.count())
    codes = sorted(LabSession.objects.values_list("join_code", flat=True))

    create_demo_labs()
    call_command("seed_demo", verbosity=0)

    assert (LabPage.objects.count(), LabSession.objects.count(), Registration.objects.count()) == before
    assert sorted(LabSession.objects.values_list("join_code", flat=True)) == codes


def test_without_a_labs_index_nothing_is_created():
    assert create_demo_labs() == 0
    assert not LabPage.objects.exists()


@pytest.mark.parametrize(("month", "expected"), [(1, "Q1"), (3, "Q1"), (4, "Q2"), (9, "Q3"), (12, "Q4")])
def test_the_quarter_is_named_from_the_labs_date(month, expected):
    from datetime import datetime

    moment = timezone.make_aware(datetime(2027, month, 15, 10))

    assert quarter_of(moment) == f"{expected} 2027"

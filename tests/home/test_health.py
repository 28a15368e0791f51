"""/healthz reports the database and the channel layer."""

from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_is_200_with_both_checks_when_all_is_well(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["channel_layer"]["ok"] is True


def test_healthz_is_503_when_the_database_does_not_answer(client):
    failing = {"ok": False, "vendor": "sqlite", "error": "OperationalError"}
    with mock.patch("home.views.check_database", return_value=failing):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == failing


def test_healthz_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


def test_database_check_reports_a_failing_connection_without_raising():
    from home.health import check_database

    connection = mock.Mock(vendor="postgresql")
    connection.cursor.side_effect = RuntimeError("down")
    assert check_database(connection) == {"ok": False, "vendor": "postgresql", "error": "RuntimeError"}

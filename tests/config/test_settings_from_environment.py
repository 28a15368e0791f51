"""Settings come from the environment: embedded defaults, PostgreSQL and Redis when asked."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'db_name': str(s.DATABASES['default']['NAME']), "
    "'layer': s.CHANNEL_LAYERS['default']['BACKEND'], 'cache': s.CACHES['default']['BACKEND'], "
    "'debug': s.DEBUG, 'mfa': s.STAFF_REQUIRE_MFA, 'email': s.EMAIL_BACKEND}))"
)


def settings_with(**environment):
    """Load config.settings in a fresh interpreter with exactly these Ladder variables set."""
    env = {key: value for key, value in os.environ.items() if key not in _LADDER_VARIABLES}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **environment})
    completed = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


_LADDER_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "EMAIL_FILE_PATH",
    "STAFF_REQUIRE_MFA",
    "LADDER_TESTING",
    "ALLOWED_HOSTS",
    "TEST_DATABASE_NAME",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def test_embedded_defaults_are_sqlite_and_the_in_memory_layer():
    loaded = settings_with(DEBUG="1")
    assert loaded["db"] == "config.sqlite_writer"
    assert loaded["db_name"].endswith("ladder.sqlite3")
    assert loaded["layer"] == "channels.layers.InMemoryChannelLayer"
    assert loaded["cache"] == "config.cache.LadderFileCache"
    assert loaded["email"].endswith("console.EmailBackend")


def test_database_url_selects_postgresql():
    loaded = settings_with(DEBUG="1", DATABASE_URL="postgres://ladder@127.0.0.1:5432/ladder")
    assert loaded["db"] == "django.db.backends.postgresql"
    assert loaded["db_name"] == "ladder"


def test_redis_url_selects_channels_redis_and_the_redis_cache():
    loaded = settings_with(DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/0")
    assert loaded["layer"] == "channels_redis.core.RedisChannelLayer"
    assert loaded["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_email_url_selects_smtp():
    loaded = settings_with(DEBUG="1", EMAIL_URL="smtp+tls://user:secret@smtp.example.org:587")
    assert loaded["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_staff_mfa_is_required_by_default_only_in_production():
    assert settings_with(DEBUG="1")["mfa"] is False
    assert settings_with(DEBUG="0", SECRET_KEY="s" * 60, ALLOWED_HOSTS="ladder.example.org")["mfa"] is True
    assert settings_with(DEBUG="1", STAFF_REQUIRE_MFA="1")["mfa"] is True


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key not in _LADDER_VARIABLES}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0"})
    completed = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert completed.returncode != 0
    assert "SECRET_KEY" in completed.stderr


@pytest.mark.parametrize("debug", ["0"])
def test_check_deploy_prints_no_warnings_in_production(debug):
    env = {key: value for key, value in os.environ.items() if key not in _LADDER_VARIABLES}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": debug,
            "SECRET_KEY": "a-production-like-secret-key-" + "k" * 40,
            "ALLOWED_HOSTS": "ladder.example.org",
        }
    )
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "System check identified no issues" in completed.stdout

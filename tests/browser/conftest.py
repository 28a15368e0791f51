"""Browser tests: Playwright drives Debian's Chromium against a real daphne server.

The server is a separate ``daphne`` process serving ``config.asgi:application`` on 127.0.0.1,
using the test database that pytest-django created, with the demo content loaded once per run.
Tests share that database and never flush it, so each journey makes its own people
(unique email addresses) and leaves others' data alone. Emails the server sends are written
to files (``mailbox`` fixture).
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench.server import free_port
from tests.labs.live_servers import database_url

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """Create the test database even though no browser test carries a ``django_db`` mark.

    pytest-django sets up only the databases that marked tests ask for; browser tests have none
    (they reach the database through ``db_access`` and the server), so without this the server
    and ``seed_demo`` would use the development database.
    """
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        db_cfg = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            aliases={"default"},
            keepdb=django_db_keepdb and not django_db_createdb,
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


@pytest.fixture(scope="session")
def mail_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("mail")


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker, mail_dir, tmp_path_factory):
    """Start daphne on the test database with demo content; yield its base URL."""
    from django.core.management import call_command
    from django.db import connection

    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)
        server_database = database_url(connection.settings_dict)
    port = free_port()
    log_dir = tmp_path_factory.mktemp("server")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "DATABASE_URL": server_database,
        "EMAIL_FILE_PATH": str(mail_dir),
        "LADDER_LOG_FILE": str(log_dir / "django.log"),
        "DEBUG": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=open(log_dir / "daphne.out", "w"),
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError(f"daphne did not start: see {log_dir}")
        time.sleep(0.2)
    yield base_url
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    log = log_dir / "django.log"
    if log.exists() and log.read_text().strip():
        print(f"\nServer errors logged during browser tests:\n{log.read_text()[-5000:]}")


@pytest.fixture(scope="session")
def base_url(live_site):
    """pytest-base-url's fixture, so ``page.goto("/plan/")`` goes to the test server."""
    return live_site


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def db_access(django_db_blocker):
    """Read and write the shared test database from a browser test (no transaction wrapping)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def mailbox(mail_dir):
    """Read emails the server wrote: ``mailbox.to(address)`` returns their texts, oldest first."""
    from tests.browser.helpers import Mailbox

    return Mailbox(mail_dir)

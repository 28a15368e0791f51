"""Start and stop the daphne server the benchmarks measure (DEBUG=0, production-like settings)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_environment(var_dir: Path, **extra):
    """Production settings on loopback: DEBUG off, no HTTPS redirect, its own SQLite file."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", "bench-only-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "LADDER_VAR_DIR": str(var_dir),
        "STAFF_REQUIRE_MFA": "0",
        "LADDER_LOG_FILE": str(var_dir / "bench-django.log"),
        **extra,
    }


def manage(env, *args):
    """Run a management command with the benchmark's environment."""
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


class Daphne:
    """A daphne process on 127.0.0.1 serving config.asgi:application; a context manager."""

    def __init__(self, env, port=None):
        self.env = env
        self.port = port or free_port()
        self.process = None

    def __enter__(self):
        log = open(Path(self.env["LADDER_VAR_DIR"]) / f"daphne-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "config.server", "-b", "127.0.0.1", "-p", str(self.port), "config.asgi:application"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
            if self.process.poll() is not None:
                break
        self.__exit__(None, None, None)
        raise RuntimeError(f"daphne did not start on port {self.port}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


SESSION_SCRIPT = """
from django.contrib.auth import get_user_model
from people.sessions import signed_in_session_key
print(signed_in_session_key(get_user_model().objects.get(email={email!r})))
"""


def signed_in_cookie(env, email):
    """A ``Cookie`` header value for a fresh signed-in session of the person with this email."""
    completed = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SESSION_SCRIPT.format(email=email)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return f"sessionid={completed.stdout.strip().splitlines()[-1]}"

"""Start N daphne processes on one database and one Redis: for the tests, the benchmark and by hand.

Several daphne processes only share live Innovation Lab events through Redis (``REDIS_URL``, the
Channels layer); with one process the in-memory layer is enough. Used by
``tests/backends/test_labs_two_processes.py`` and ``bench/suites/labs.py``; from a shell::

    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python -m bench.cluster --processes 2 --base-port 8001

runs two daphne processes on 127.0.0.1:8001 and :8002 with the environment's settings until
Ctrl-C (put nginx in front of them: see site/nginx.conf.example).
"""

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from bench.server import free_port

ROOT = Path(__file__).resolve().parent.parent


def _listening(port):
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class DaphneCluster:
    """``count`` daphne processes on 127.0.0.1 serving ``app``; a context manager.

    ``kill(i)`` ends process i at once (SIGKILL, as a crash would), ``start(i)`` starts it again
    on the same port, ``restart_all()`` stops and starts every process.
    """

    def __init__(self, env, count=2, app="config.asgi:application", ports=None, log_dir=None, startup_seconds=60):
        self.env = dict(env)
        self.app = app
        self.ports = list(ports or [free_port() for _ in range(count)])
        self.log_dir = Path(log_dir or self.env.get("LADDER_VAR_DIR") or tempfile.mkdtemp(prefix="ladder-daphnes-"))
        self.startup_seconds = startup_seconds
        self.processes = [None] * len(self.ports)

    @property
    def urls(self):
        return [f"http://127.0.0.1:{port}" for port in self.ports]

    def start(self, index=None):
        """Start one process (or all), and wait until each answers /healthz."""
        indexes = range(len(self.ports)) if index is None else [index]
        for number in indexes:
            port = self.ports[number]
            log = open(self.log_dir / f"daphne-{port}.log", "a")
            self.processes[number] = subprocess.Popen(
                [sys.executable, "-m", "config.server", "-b", "127.0.0.1", "-p", str(port), self.app],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            log.close()
        for number in indexes:
            self._wait_healthy(number)
        return self

    def _wait_healthy(self, number):
        url = f"{self.urls[number]}/healthz"
        deadline = time.monotonic() + self.startup_seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
            if self.processes[number].poll() is not None:
                break
        self.stop()
        log = self.log_dir / f"daphne-{self.ports[number]}.log"
        raise RuntimeError(f"daphne did not start on port {self.ports[number]}:\n{log.read_text()[-3000:]}")

    def kill(self, index):
        """End process ``index`` at once (SIGKILL): no clean close of its websockets."""
        process = self.processes[index]
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        self.processes[index] = None

    def stop(self, index=None):
        indexes = range(len(self.ports)) if index is None else [index]
        for number in indexes:
            process = self.processes[number]
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)
            self.processes[number] = None

    def restart_all(self):
        self.stop()
        return self.start()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


@contextlib.contextmanager
def redis_url(preferred=None):
    """Yield a Redis URL: ``preferred`` when given, else a private ``redis-server`` on a free port.

    Yields None when there is neither (no ``redis-server`` on PATH).
    """
    if preferred:
        yield preferred
        return
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    port = free_port()
    directory = tempfile.mkdtemp(prefix="ladder-redis-")
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", directory],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not _listening(port):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(directory, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--base-port", type=int, default=8001)
    parser.add_argument("--app", default="config.asgi:application")
    args = parser.parse_args()
    if args.processes > 1 and not os.environ.get("REDIS_URL"):
        parser.error("several processes share live events only through Redis: set REDIS_URL")
    ports = [args.base_port + number for number in range(args.processes)]
    cluster = DaphneCluster(os.environ, app=args.app, ports=ports, log_dir=ROOT / "var")
    (ROOT / "var").mkdir(exist_ok=True)
    with cluster:
        print(
            "daphne on " + ", ".join(cluster.urls) + " (logs in var/daphne-<port>.log); Ctrl-C stops them", flush=True
        )
        try:
            while all(process.poll() is None for process in cluster.processes):
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()


#: The PostgreSQL server a benchmark uses when none is named: the one these machines run.
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


@contextlib.contextmanager
def postgres_database(preferred=None):
    """Yield the URL of a fresh PostgreSQL database for several processes to share.

    ``preferred`` when given (used as it is); else a new database on the local server
    (``LOCAL_POSTGRES``), dropped afterwards; else None (no server answers: SQLite then).
    """
    if preferred:
        yield preferred
        return
    import psycopg

    try:
        admin = psycopg.connect(LOCAL_POSTGRES, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        yield None
        return
    name = f"ladder_bench_{uuid.uuid4().hex[:10]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield LOCAL_POSTGRES.rsplit("/", 1)[0] + f"/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

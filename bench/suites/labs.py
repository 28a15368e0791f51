"""A live Innovation Lab session: N participants over real websockets, and the bare-broadcast ceiling.

For each size, ``manage.py build_bench_lab`` makes a lab session with N registered participants
(each with its own signed-in session) and a facilitator; ``bench/ws_load.py`` runs the workshop,
the capacity phase and the bare broadcast against daphne serving ``bench.bare_asgi:application``
(the product plus ``/ws/bench/bare/``). N = 200, 500 and 1,000 run on one daphne with the
in-memory layer; N = 2,000 on two daphne processes with Redis (a private ``redis-server``, or
``LAB_BENCH_REDIS_URL``) and PostgreSQL (a fresh database on the local server, or
``LAB_BENCH_DATABASE_URL``; SQLite when there is none), half the participants on each.

Settings (environment):
- ``LAB_BENCH_QUICK=1`` (or ``python -m bench.run --suite labs --quick``): sizes 50 and 100 on
  one daphne, 100 on two, spreads 10/10/5 s, 3 s capacity phases: a check that it works.
- ``LAB_BENCH_SIZES`` (``200,500,1000``), ``LAB_BENCH_REDIS_SIZE`` (``2000``; ``0`` skips it).
- ``LAB_BENCH_SPREADS``: ideas, votes and poll spreads in seconds for the largest sizes
  (``60,60,30``); ``LAB_BENCH_SMALL_SPREADS`` for sizes under 1,000 (``30,30,15``), to keep the
  whole suite near ten minutes.
- ``LAB_BENCH_CAPACITY_SECONDS`` (8), ``LAB_BENCH_POSTERS`` (25), ``LAB_BENCH_WORKERS``
  (load-generator processes; default 1 under 400 participants, else 2).
"""

import json
import math
import os
import subprocess
import sys

from bench.cluster import DaphneCluster, postgres_database, redis_url
from bench.server import ROOT, manage
from bench.ws_load import run_room

APP = "bench.bare_asgi:application"


def _numbers(name, default):
    return [float(part) for part in os.environ.get(name, default).split(",") if part.strip()]


def settings():
    quick = os.environ.get("LAB_BENCH_QUICK") == "1"
    big = _numbers("LAB_BENCH_SPREADS", "10,10,5" if quick else "60,60,30")
    small = _numbers("LAB_BENCH_SMALL_SPREADS", "10,10,5" if quick else "30,30,15")
    return {
        "sizes": [int(n) for n in _numbers("LAB_BENCH_SIZES", "50,100" if quick else "200,500,1000")],
        "redis_size": int(os.environ.get("LAB_BENCH_REDIS_SIZE", "100" if quick else "2000")),
        "big_spreads": dict(zip(("ideas", "votes", "poll"), big, strict=True)),
        "small_spreads": dict(zip(("ideas", "votes", "poll"), small, strict=True)),
        "capacity_seconds": float(os.environ.get("LAB_BENCH_CAPACITY_SECONDS", "3" if quick else "8")),
        "posters": int(os.environ.get("LAB_BENCH_POSTERS", "25")),
        "workers": int(os.environ["LAB_BENCH_WORKERS"]) if os.environ.get("LAB_BENCH_WORKERS") else None,
    }


def build_data(env, participants):
    completed = subprocess.run(
        [sys.executable, "manage.py", "build_bench_lab", "--i-know-this-is-a-bench-database",
         "--participants", str(participants)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(completed.stdout.strip().splitlines()[-1])


def measure(env, participants, processes, config):
    data = build_data(env, participants)
    spreads = config["big_spreads"] if participants >= 1000 else config["small_spreads"]
    workers = config["workers"] or (1 if participants < 400 else 2)
    print(f"labs: N={participants} on {processes} daphne, spreads {spreads}, {workers} load processes", flush=True)
    with DaphneCluster(env, count=processes, app=APP) as cluster:
        return run_room(
            cluster.urls, data, spreads=spreads, workers=workers, capacity_seconds=config["capacity_seconds"],
            posters=config["posters"], log=lambda line: print(line, flush=True),
        )  # fmt: skip


def attempt(env, participants, processes, config):
    """``measure``, or the reason it could not finish (no figures then: the report shows the error)."""
    try:
        return measure(env, participants, processes, config)
    except (RuntimeError, TimeoutError, OSError) as error:
        print(f"labs: N={participants} on {processes} daphne did not finish: {error}", flush=True)
        return {"error": f"{type(error).__name__}: {error}"}


def record(figure, prefix, bare_prefix, result, goals):
    latency = result["latency"]
    figure(f"{prefix}_p50_ms", latency["p50_ms"], "ms", goals.get("p50"), "lower")
    figure(f"{prefix}_p95_ms", latency["p95_ms"], "ms", goals.get("p95"), "lower")
    figure(f"{prefix}_p99_ms", latency["p99_ms"], "ms", goals.get("p99"), "lower")
    figure(f"{prefix}_lost", result["lost"], "count", goals.get("lost"), "lower")
    if "deliveries_per_s" in result:
        figure(f"{prefix}_deliveries_per_s", result["deliveries_per_s"], "per_s", None, "higher")
        figure(f"{bare_prefix}_deliveries_per_s", result["bare_deliveries_per_s"], "per_s", None, "higher")


def run(server, figure):
    """Measure the live room at each size; ``server`` gives the benchmark's environment and database."""
    config = settings()
    env = {**server.env, "LADDER_SYNC_THREADS": server.env.get("LADDER_SYNC_THREADS", "2")}
    env.pop("REDIS_URL", None)  # one process: the in-memory layer
    details = {"settings": config}
    headline = max(config["sizes"]) if config["sizes"] else None
    for size in config["sizes"]:
        result = attempt(env, size, 1, config)
        details[f"in_memory_{size}"] = result
        if "error" not in result:
            goals = {"p95": 250, "lost": 0} if size == 1000 else {}
            record(figure, f"lab_room_{size}", f"bare_broadcast_{size}", result, goals)
    if headline and "deliveries_per_s" in details[f"in_memory_{headline}"]:
        result = details[f"in_memory_{headline}"]
        ratio = result["deliveries_per_s"] / result["bare_deliveries_per_s"] if result["bare_deliveries_per_s"] else 0
        suffix = "" if headline == 1000 else f"_{headline}"
        figure(f"lab_room_to_bare_ratio{suffix}", ratio, "ratio", 0.7, "higher")
    size = config["redis_size"]
    if size:
        with (
            redis_url(os.environ.get("LAB_BENCH_REDIS_URL")) as url,
            postgres_database(os.environ.get("LAB_BENCH_DATABASE_URL")) as database,
        ):
            if url is None:
                print("labs: no redis-server and no LAB_BENCH_REDIS_URL: the two-process figures are skipped")
                details["redis2"] = "skipped: no Redis"
            else:
                shared = {**env, "REDIS_URL": url, "CACHE_KEY_PREFIX": "ladder-bench"}
                if database:  # several processes share PostgreSQL, as in site/ (else the SQLite file)
                    shared["DATABASE_URL"] = database
                    manage(shared, "migrate", "--noinput")
                    manage(shared, "seed_demo")
                details["redis2_database"] = "PostgreSQL" if database else "SQLite"
                print(f"labs: two processes on Redis and {details['redis2_database']}", flush=True)
                result = attempt(shared, size, 2, config)
                details[f"redis2_{size}"] = result
                if "error" not in result:
                    goals = {"p95": 500, "lost": 0} if size == 2000 else {}
                    record(figure, f"lab_room_redis2_{size}", f"bare_broadcast_redis2_{size}", result, goals)
    return {key: _compact(value) for key, value in details.items()}


def _compact(value):
    """Details for docs/benchmarks.md without NaN (not JSON)."""
    if isinstance(value, dict):
        return {key: _compact(item) for key, item in value.items()}
    if isinstance(value, float) and math.isnan(value):
        return None
    return value

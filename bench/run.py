"""``make bench``: build a production-like site, serve it with daphne and measure it.

Writes ``bench/results.json`` (the format in DESIGN.md) and ``docs/benchmarks.md``.
Every load loop is bounded in count and time and talks only to 127.0.0.1.
"""

import argparse
import json
import math
import os
import platform
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.server import Daphne, bench_environment, manage
from bench.suites import consultations, labs, pages

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
REPORT = ROOT / "docs" / "benchmarks.md"

SUITES = {"pages": pages, "consultations": consultations, "labs": labs}


class Figures:
    """Collects figures as DESIGN.md describes: value, unit, goal and whether the goal is met."""

    def __init__(self):
        self.values = {}
        self.notes = {}

    def __call__(self, name, value, unit, goal, better):
        value = round(float(value), 3)
        if goal is None:
            ok = not math.isnan(value)
            goal_value = value
        else:
            ok = value <= goal if better == "lower" else value >= goal
            goal_value = goal
        self.values[name] = {"value": value, "unit": unit, "goal": goal_value, "ok": bool(ok)}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--suite", action="append", choices=sorted(SUITES), help="run only these suites")
    parser.add_argument(
        "--quick", action="store_true", help="the labs suite small and short, to check it works; writes no results"
    )
    args = parser.parse_args()
    chosen = args.suite or list(SUITES)
    if args.quick:
        os.environ["LAB_BENCH_QUICK"] = "1"

    figures = Figures()
    details = {}
    var_dir = Path(tempfile.mkdtemp(prefix="ladder-bench-"))
    static_root = var_dir / "static"
    env = bench_environment(var_dir, STATIC_ROOT=str(static_root))
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")
        manage(env, "collectstatic", "--noinput")
        with Daphne(env) as server:
            for name in chosen:
                details[name] = SUITES[name].run(server, figures) or {}
    finally:
        log = var_dir / "bench-django.log"
        if log.exists() and log.read_text().strip():
            print(f"Server errors during the benchmark:\n{log.read_text()[-3000:]}")
        shutil.rmtree(var_dir, ignore_errors=True)

    if args.quick:
        for name, figure in figures.values.items():
            print(f"{name:40} {figure['value']:>10} {figure['unit']:6} (quick run: not written)")
        print(json.dumps(details, indent=1, default=str)[:20000])
        return
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"figures": {}}
    merged = {**previous.get("figures", {}), **figures.values}
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "figures": dict(sorted(merged.items())),
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    REPORT.write_text(render_report(results, details))
    for name, figure in figures.values.items():
        print(
            f"{name:40} {figure['value']:>10} {figure['unit']:6} goal {figure['goal']:<8} {'ok' if figure['ok'] else 'MISSED'}"
        )


def render_report(results, details):
    """docs/benchmarks.md: how the figures are measured, and the latest values."""
    rows = "\n".join(
        f"| `{name}` | {f['value']} | {f['unit']} | {f['goal']} | {'yes' if f['ok'] else '**no**'} |"
        for name, f in results["figures"].items()
    )
    return f"""# Benchmarks

`make bench` builds a fresh site (migrations, `seed_demo`, `collectstatic`) in a temporary
directory, starts one daphne process with `DEBUG=0` on 127.0.0.1 and measures it with the
asyncio load generator in `bench/http_load.py` (keep-alive HTTP/1.1 connections; every run
bounded by a request count and a time limit). Results go to `bench/results.json`.

Measured {results["when"]} on {results["machine"]["cores"]} cores, Python {results["machine"]["python"]}.
The load generator runs on the same 2-core machine as the server, so it takes CPU from it.

## How each figure is measured
- **Pages** (`bench/suites/pages.py`): the home page, the first plan section linked from `/plan/`
  and, as the ceiling, a static file (`/static/css/ladder.css`, served by WhiteNoise in the same
  daphne process). At concurrency 1: 600 sequential requests on one connection; at concurrency
  8: 1,200 requests over 8 connections; 20 requests warm-up each. Latency is from writing the
  request to reading the whole body. `plan_section_to_static_ratio` is the plan section's median
  over the static file's median, both from the same run. Anonymous visitors are served from
  the whole-page cache (`serving/page_cache.py`), each still getting a fresh CSRF token in the
  ladder rating form; `plan_section_signed_in_*` measures a signed-in resident, who skips that
  cache (Wagtail routing, session and a render with the plan body from the fragment cache).

- **Consultations** (`bench/suites/consultations.py`): `manage.py build_bench_consultation`
  makes a consultation with 20 sections (5 paragraphs each) and 2,000 published comments. Its
  page: 200 sequential requests (concurrency 1) and 400 over 8 connections. Comment submissions:
  1,500 real signed-in POSTs, each writer with its own session and CSRF token (fetched from the
  comment form first, untimed), at most 5 comments per writer, to a pre-moderated consultation;
  the first 300 one at a time (`comment_submit_c1_*`), the other 1,200 over 8 connections
  (`comment_submit_c8_*`); success is the 303 redirect after the comment is stored.
  One daphne process runs Django's synchronous views one at a time, so 8 connections queue
  rather than run in parallel; the c1 figures show the cost of one submission.

- **Live lab room** (`bench/suites/labs.py`, `bench/ws_load.py`; alone: `make bench-labs`):
  `manage.py build_bench_lab` makes a lab session with N registered participants, each with its
  own signed-in session, and a facilitator. N real websocket clients (`bench/ws_client.py`, a
  lean RFC 6455 client, so the load generator takes as little CPU from the servers as it can;
  spread over several load-generator processes, each client sending its session cookie and an
  `Origin` header) join `/ws/labs/<id>/` on daphne serving `bench.bare_asgi:application` (the
  product plus a bench-only `/ws/bench/bare/`). The workshop: the facilitator opens the ideas
  stage; each participant posts one idea at a random moment within the ideas spread; half-way
  the facilitator hides an idea; in the voting stage each casts 3 votes within the voting
  spread; the facilitator opens a poll and each answers it within the poll spread; the
  facilitator moves to discussion and announces the end. Spreads: 60/60/30 s for N ≥ 1,000 and
  30/30/15 s for smaller rooms (to keep the suite near ten minutes; `LAB_BENCH_SPREADS`,
  `LAB_BENCH_SMALL_SPREADS`). `lab_room_<N>_p50/p95/p99_ms`: over every action and every
  client, the time from sending the message to that client seeing its effect: its own event
  for ideas, stage changes, hiding and the poll opening; for a vote the first `votes.tally`
  whose `last_vote_id` is at least the vote's id (from the ack); for a poll answer the first
  `poll.tally` whose `last_answer_id` is at least the answer's id (tallies are coalesced, at
  most one per 100 ms per process, so votes and answers wait up to 100 ms by design). The
  details also give these by action, and the time from sending each action to its ack.
  `lab_room_<N>_lost`: over all clients, the events up to the end announcement a client never
  received (each client's seqs against the full list from its join). Capacity: 25 participants
  post ideas as fast as the server takes them for 8 s (each waits for its own idea to come back
  before the next, at most 9 a second, under the rate limit); `lab_room_<N>_deliveries_per_s`
  counts every `idea.posted` event every client received (a frame may carry several), over the
  time from the start to the last delivery. `bare_broadcast_<N>_deliveries_per_s` is the
  ceiling the issue names, measured right after on the same daphne with the same N clients and
  posters: the same payload through one Channels group (one channel per connection), no
  database, no checks. `lab_room_to_bare_ratio` divides the two for N = 1,000.
  That "ceiling" does not hold for big rooms: Channels' in-memory layer sweeps every channel
  and group for expired messages on each `receive` and `group_send`, so one broadcast to N
  connections costs on the order of N² steps, and at N = 1,000 a message takes seconds to go
  round. The live room does not meet that cost: each process has one room per session, the
  layer's only subscriber there (`labs/live/fanout.py`), which writes each frame, made once, to
  every socket itself (`labs/live/wire.py`). So the ratio is far above 1 at N = 1,000; at
  N = 200, where the bare broadcast still works, compare `lab_room_200_deliveries_per_s` with
  `bare_broadcast_200_deliveries_per_s`.
  N = 200, 500, 1,000 run on one daphne with the in-memory layer; `lab_room_redis2_2000_*` on two
  daphne processes (`bench/cluster.py`) with Redis, half of the participants on each.
  Participants are spread over 2 load-generator processes from N = 400 (1 below), so the
  clients' CPU does not cap the figures; a size that cannot finish (a bounded wait runs out)
  records no figures and its error is in the details. `make bench-labs-quick` (N = 50 and 100,
  and 100 on two processes, 10/10/5 s spreads, 3 s capacity phases) prints figures without
  writing them; `LAB_BENCH_*` settings are listed in `bench/suites/labs.py`.

## Latest figures
| figure | value | unit | goal | met |
| --- | --- | --- | --- | --- |
{rows}

Figures with no stated aim record their own value as the goal.
How the live room got to these figures, run by run: `docs/live-room-performance.md`.
Details: {json.dumps(details)}
"""


if __name__ == "__main__":
    main()

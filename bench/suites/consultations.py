"""A consultation with 2,000 published comments: page latency, and signed-in comment submissions.

The data comes from ``manage.py build_bench_consultation``. Each submission is a real signed-in
POST: every writer has its own session, fetched its comment form once (to get a CSRF cookie and
token, as a browser would), and posts distinct text to a random section or paragraph of a
pre-moderated consultation, at most 10 comments per writer (the per-person limit).
"""

import json
import random
import re
import subprocess
import sys
import urllib.request
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench.http_load import load, replay
from bench.server import ROOT

SUBMISSIONS = 1500
SEQUENTIAL = 300  # of which, sent one at a time first; the rest over 8 connections
PER_WRITER = 5


def build_data(env):
    """Run the data builder; return its JSON (path and writer session keys)."""
    completed = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "build_bench_consultation",
            "--i-know-this-is-a-bench-database",
            "--writers",
            str(SUBMISSIONS // PER_WRITER),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def csrf_for(base_url, form_path, session_key):
    """GET the comment form as this writer; return (csrf cookie, form token)."""
    request = urllib.request.Request(f"{base_url}{form_path}", headers={"Cookie": f"sessionid={session_key}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        html = response.read().decode()
        cookie = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie.load(header)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if token is None or "csrftoken" not in cookie:
        raise RuntimeError(f"no CSRF token on {form_path}")
    return cookie["csrftoken"].value, token.group(1)


def anchors(base_url, path):
    """Section and paragraph ids on the consultation page."""
    with urllib.request.urlopen(f"{base_url}{path}", timeout=30) as response:
        html = response.read().decode()
    return re.findall(r'id="section-([0-9a-f-]{36})"', html), re.findall(r'id="paragraph-([0-9a-f-]{36})"', html)


def run(server, figure):
    """Measure the consultation page and comment submissions."""
    host, port = "127.0.0.1", server.port
    base_url = f"http://{host}:{port}"
    data = build_data(server.env)
    path = data["path"]

    page_c1 = load(host, port, path, concurrency=1, requests=200, max_seconds=30, warmup=5)
    page_c8 = load(host, port, path, concurrency=8, requests=400, max_seconds=30, warmup=0)
    for result in (page_c1, page_c8):
        if result.failures:
            raise RuntimeError(f"{path}: {result.failures} failed requests ({result.statuses})")
    figure("consultation_2000_c1_median_ms", page_c1.median_ms, "ms", None, "lower")
    figure("consultation_2000_c1_p95_ms", page_c1.percentile_ms(0.95), "ms", 150, "lower")
    figure("consultation_2000_c8_p95_ms", page_c8.percentile_ms(0.95), "ms", None, "lower")
    figure("consultation_2000_c8_per_s", page_c8.per_second, "per_s", None, "higher")

    sections, paragraphs = anchors(base_url, path)
    rng = random.Random(2021)
    requests = []
    for writer_number, session_key in enumerate(data["sessions"]):
        csrf_cookie, token = csrf_for(base_url, f"{path}comment/", session_key)
        headers = {
            "Cookie": f"sessionid={session_key}; csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": base_url,
            "Referer": f"{base_url}{path}",
        }
        for number in range(PER_WRITER):
            target = {"section_id": rng.choice(sections)} if number % 2 else {"paragraph_id": rng.choice(paragraphs)}
            body = urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "text": f"Writer {writer_number}, comment {number}: more respite for carers near home, please.",
                    "show_name": "on",
                    "website": "",
                    **target,
                }
            ).encode()
            requests.append(("POST", f"{path}comment/", headers, body))
    rng.shuffle(requests)
    one_at_a_time = replay(host, port, requests[:SEQUENTIAL], concurrency=1, max_seconds=30, ok_statuses=(302, 303))
    submitted = replay(host, port, requests[SEQUENTIAL:], concurrency=8, max_seconds=60, ok_statuses=(302, 303))
    for result in (one_at_a_time, submitted):
        if result.failures:
            raise RuntimeError(f"comment submissions failed: {result.failures} ({result.statuses})")
    figure("comment_submit_c1_median_ms", one_at_a_time.median_ms, "ms", None, "lower")
    figure("comment_submit_c1_per_s", one_at_a_time.per_second, "per_s", None, "higher")
    figure("comment_submit_c8_per_s", submitted.per_second, "per_s", 100, "higher")
    figure("comment_submit_c8_p95_ms", submitted.percentile_ms(0.95), "ms", None, "lower")
    return {"consultation_path": path, "submissions": one_at_a_time.count + submitted.count}

"""Public page latency: the home page and a plan section, against a static file as the ceiling."""

import re
import urllib.request

from bench.http_load import load
from bench.server import signed_in_cookie

STATIC_PATH = "/static/css/ladder.css"


def first_plan_section(base_url):
    """The path of the first plan section linked from /plan/."""
    with urllib.request.urlopen(f"{base_url}/plan/", timeout=10) as response:
        html = response.read().decode()
    for path in re.findall(r'href="(/plan/[a-z0-9-]+/)"', html):
        if not path.endswith("/print/"):
            return path
    raise RuntimeError("no plan section linked from /plan/")


def run(server, figure):
    """Measure the pages at concurrency 1 and 8; record figures with ``figure(name, value, unit, goal, better)``."""
    host, port = "127.0.0.1", server.port
    section = first_plan_section(f"http://{host}:{port}")
    measured = {}
    for label, path in (("static_file", STATIC_PATH), ("home", "/"), ("plan_section", section)):
        measured[(label, 1)] = load(host, port, path, concurrency=1, requests=600, max_seconds=20)
        measured[(label, 8)] = load(host, port, path, concurrency=8, requests=1200, max_seconds=20)
        for concurrency in (1, 8):
            result = measured[(label, concurrency)]
            if result.failures:
                raise RuntimeError(f"{path}: {result.failures} failed requests ({result.statuses})")

    figure("static_file_c1_median_ms", measured[("static_file", 1)].median_ms, "ms", None, "lower")
    figure("static_file_c8_per_s", measured[("static_file", 8)].per_second, "per_s", None, "higher")
    # A signed-in visitor skips the whole-page cache: Wagtail routes and renders the page
    # (fragment caches still hold the plan body), so this is the uncached path's cost.
    cookie = {"Cookie": signed_in_cookie(server.env, "resident@example.org")}
    signed_in = load(host, port, section, concurrency=1, requests=400, max_seconds=20, headers=cookie)
    if signed_in.failures:
        raise RuntimeError(f"signed-in {section}: {signed_in.failures} failed requests ({signed_in.statuses})")
    figure("plan_section_signed_in_c1_median_ms", signed_in.median_ms, "ms", None, "lower")
    figure("plan_section_signed_in_c1_p95_ms", signed_in.percentile_ms(0.95), "ms", None, "lower")

    figure("home_c1_median_ms", measured[("home", 1)].median_ms, "ms", 15, "lower")
    figure("home_c1_p95_ms", measured[("home", 1)].percentile_ms(0.95), "ms", 30, "lower")
    figure("home_c8_per_s", measured[("home", 8)].per_second, "per_s", None, "higher")
    figure("plan_section_c1_median_ms", measured[("plan_section", 1)].median_ms, "ms", 15, "lower")
    figure("plan_section_c1_p95_ms", measured[("plan_section", 1)].percentile_ms(0.95), "ms", 30, "lower")
    figure("plan_section_c8_p95_ms", measured[("plan_section", 8)].percentile_ms(0.95), "ms", None, "lower")
    figure("plan_section_c8_per_s", measured[("plan_section", 8)].per_second, "per_s", None, "higher")
    figure(
        "plan_section_to_static_ratio",
        measured[("plan_section", 1)].median_ms / measured[("static_file", 1)].median_ms,
        "ratio",
        2,
        "lower",
    )
    return {"plan_section_path": section}

"""A small HTTP/1.1 load generator on asyncio: keep-alive connections, per-request latency.

Each of ``concurrency`` connections takes the next prepared request from a shared queue and
sends it, one after another, until the queue is empty or ``max_seconds`` have passed. Latencies
are measured from writing the request to reading the whole response body.
"""

import asyncio
import statistics
import time
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    """Latencies (seconds) of the successful requests and the count of failures."""

    latencies: list = field(default_factory=list)
    failures: int = 0
    statuses: dict = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def count(self):
        return len(self.latencies)

    def percentile_ms(self, fraction):
        """The latency (ms) below which ``fraction`` of the requests fell (nearest rank)."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        rank = max(0, min(len(ordered) - 1, int(round(fraction * len(ordered) + 0.5)) - 1))
        return ordered[rank] * 1000

    @property
    def median_ms(self):
        return statistics.median(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def per_second(self):
        return self.count / self.elapsed if self.elapsed else 0.0


async def _read_response(reader):
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("server closed the connection")
    status = int(status_line.split()[1])
    length = None
    chunked = False
    keep_alive = True
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
        elif name == "connection" and value.strip().lower() == "close":
            keep_alive = False
    if chunked:
        while True:
            size = int((await reader.readline()).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        keep_alive = False
    return status, keep_alive


def load(host, port, path, *, concurrency=1, requests=500, max_seconds=20.0, headers=None, warmup=20):
    """Measure GET ``path``: a short warm-up, then the bounded run. Returns a LoadResult."""
    request = ("GET", path, dict(headers or {}), b"")
    if warmup:
        replay(host, port, [request] * warmup, concurrency=1, max_seconds=10.0, ok_statuses=range(200, 300))
    return replay(
        host, port, [request] * requests, concurrency=concurrency, max_seconds=max_seconds, ok_statuses=range(200, 300)
    )


async def _replay_worker(host, port, queue, deadline, result, ok_statuses):
    reader = writer = None
    while not queue.empty() and time.perf_counter() < deadline:
        method, path, headers, body = queue.get_nowait()
        header_text = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        length = f"Content-Length: {len(body)}\r\n" if body or method != "GET" else ""
        request = (
            f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{header_text}{length}Connection: keep-alive\r\n\r\n"
        ).encode() + body
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.perf_counter()
            writer.write(request)
            status, keep_alive = await _read_response(reader)
            finished = time.perf_counter()
        except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError, IndexError):
            result.failures += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        result.statuses[status] = result.statuses.get(status, 0) + 1
        if status in ok_statuses:
            result.latencies.append(finished - started)
        else:
            result.failures += 1
        if not keep_alive:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _replay(host, port, requests, concurrency, max_seconds, ok_statuses):
    queue = asyncio.Queue()
    for request in requests:
        queue.put_nowait(request)
    result = LoadResult()
    started = time.perf_counter()
    deadline = started + max_seconds
    await asyncio.gather(
        *(_replay_worker(host, port, queue, deadline, result, ok_statuses) for _ in range(concurrency))
    )
    result.elapsed = time.perf_counter() - started
    return result


def replay(host, port, requests, *, concurrency=8, max_seconds=30.0, ok_statuses=(200, 302, 303)):
    """Send prepared ``(method, path, headers, body)`` requests over ``concurrency`` connections."""
    return asyncio.run(_replay(host, port, list(requests), concurrency, max_seconds, set(ok_statuses)))

"""A small HTTP/1.1 load generator on asyncio: keep-alive connections, per-request latency.

Each of ``concurrency`` connections sends GET requests one after another until ``requests``
have been sent in total or ``max_seconds`` have passed, whichever comes first. Latencies are
measured from writing the request to reading the whole response body.
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


async def _worker(host, port, path, headers, budget, deadline, result):
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{headers}Connection: keep-alive\r\n\r\n").encode()
    reader = writer = None
    while budget["left"] > 0 and time.perf_counter() < deadline:
        budget["left"] -= 1
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
        if 200 <= status < 300:
            result.latencies.append(finished - started)
        else:
            result.failures += 1
        if not keep_alive:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _run(host, port, path, concurrency, requests, max_seconds, headers):
    result = LoadResult()
    budget = {"left": requests}
    started = time.perf_counter()
    deadline = started + max_seconds
    await asyncio.gather(
        *(_worker(host, port, path, headers, budget, deadline, result) for _ in range(concurrency))
    )
    result.elapsed = time.perf_counter() - started
    return result


def load(host, port, path, *, concurrency=1, requests=500, max_seconds=20.0, headers=None, warmup=20):
    """Measure ``path``: a short warm-up, then the bounded run. Returns a LoadResult."""
    header_text = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    if warmup:
        asyncio.run(_run(host, port, path, 1, warmup, 10.0, header_text))
    return asyncio.run(_run(host, port, path, concurrency, requests, max_seconds, header_text))


async def _replay_worker(host, port, queue, deadline, result, ok_statuses):
    reader = writer = None
    while not queue.empty() and time.perf_counter() < deadline:
        method, path, headers, body = queue.get_nowait()
        header_text = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        request = (
            f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{header_text}"
            f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
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

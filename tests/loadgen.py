"""A bounded load generator on loopback, shared by tests/test_load.py and benchmarks/reliability.py.

:func:`serve_in_thread` runs a real uvicorn server on 127.0.0.1 (a free port) in a background thread;
:func:`hammer` sends requests from a fixed number of client threads for a fixed time, each over its own
keep-alive ``http.client`` connection, and counts errors (a refused or broken connection, a 5xx, or a status
other than the one expected for that path). Both are bounded: at most :data:`MAX_CLIENTS` clients for at
most :data:`MAX_SECONDS` seconds (plus, with ``min_rounds``, that many passes over the paths), and only ever
to 127.0.0.1.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

MAX_CLIENTS = 64
MAX_SECONDS = 120.0
MAX_ROUNDS = 10
HOST = "127.0.0.1"


@dataclass
class LoadResult:
    """What a load run saw: requests sent, errors (with a few examples), latencies in seconds."""

    requests: int = 0
    errors: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    paths: Counter[str] = field(default_factory=Counter)  # requests answered, by path
    latencies: list[float] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile latency in milliseconds (0 when nothing was sent)."""
        if not self.latencies:
            return 0.0
        if len(self.latencies) == 1:
            return self.latencies[0] * 1000
        return (
            statistics.quantiles(self.latencies, n=1000, method="inclusive")[min(998, int(p * 10) - 1)] * 1000
        )

    def summary(self) -> str:
        """One line: requests, errors, throughput, p50 and p99 latency."""
        rate = self.requests / self.seconds if self.seconds else 0.0
        return (
            f"{self.requests} requests in {self.seconds:.1f} s ({rate:.0f}/s), {self.errors} errors, "
            f"p50 {self.percentile(50):.1f} ms, p99 {self.percentile(99):.1f} ms"
        )


@contextmanager
def serve_in_thread(app: Any) -> Iterator[int]:
    """Run ``app`` under uvicorn on 127.0.0.1 and a free port, in a daemon thread; yields the port."""
    import uvicorn

    config = uvicorn.Config(app, host=HOST, port=0, log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # a loaded 2-core CI machine can be slow to start a thread
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the uvicorn server did not start")
        time.sleep(0.02)
    port = int(server.servers[0].sockets[0].getsockname()[1])
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def hammer(
    port: int, paths: Sequence[tuple[str, int]], clients: int, seconds: float, *, min_rounds: int = 0
) -> LoadResult:
    """Send GET requests to 127.0.0.1:``port`` from ``clients`` threads for ``seconds``.

    Args:
        port: the server's port on the loopback interface.
        paths: (path, expected status) pairs; each client cycles through them from its own offset.
        clients: concurrent clients (at most :data:`MAX_CLIENTS`).
        seconds: how long (at most :data:`MAX_SECONDS`).
        min_rounds: each client goes on past ``seconds`` until it has been through every path this many
            times (at most :data:`MAX_ROUNDS`), so that a slow machine still asks every path: tests
            that check what each path answered set it, benchmarks that measure a fixed time do not.

    Raises:
        ValueError: ``clients``, ``seconds`` or ``min_rounds`` is out of bounds, or ``paths`` is empty.
    """
    if not 1 <= clients <= MAX_CLIENTS:
        raise ValueError(f"clients must be 1 to {MAX_CLIENTS}, not {clients}")
    if not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"seconds must be more than 0 and at most {MAX_SECONDS}, not {seconds}")
    if not 0 <= min_rounds <= MAX_ROUNDS:
        raise ValueError(f"min_rounds must be 0 to {MAX_ROUNDS}, not {min_rounds}")
    if not paths:
        raise ValueError("paths is empty")
    min_requests = min_rounds * len(paths)
    result = LoadResult()
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + seconds

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        latencies: list[float] = []
        statuses: Counter[int] = Counter()
        asked: Counter[str] = Counter()
        errors: list[str] = []
        i = offset
        try:
            while time.monotonic() < deadline or i - offset < min_requests:
                path, expected = paths[i % len(paths)]
                i += 1
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as exc:
                    errors.append(f"{path}: {type(exc).__name__}: {exc}")
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=30)
                    continue
                latencies.append(time.perf_counter() - t0)
                statuses[response.status] += 1
                asked[path] += 1
                if response.status != expected:
                    errors.append(f"{path}: status {response.status}, expected {expected}")
        finally:
            conn.close()
            with lock:
                result.requests += len(latencies) + sum(1 for e in errors if ": status " not in e)
                result.latencies.extend(latencies)
                result.statuses.update(statuses)
                result.paths.update(asked)
                result.errors += len(errors)
                result.examples.extend(errors[: 5 - len(result.examples)] if len(result.examples) < 5 else [])

    threads = [threading.Thread(target=client, args=(n,), name=f"load-{n}") for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 60)
    result.seconds = time.monotonic() - start
    return result

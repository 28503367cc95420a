"""Load on the CDS Hooks service (a benchmark, not a test): N concurrent clients send
patient-view requests with realistic prefetch (a patient, months of blood counts, medications
and conditions), with hostile requests mixed in, to a real ``leukodx serve`` on loopback.
Reports throughput, latency percentiles and errors for each kind.

    uv run python benchmarks/cds_load.py [--clients 20] [--requests 2000] [--hostile 200]
                                         [--workers 2]

Every request goes to 127.0.0.1 only; the run is bounded by its request count.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.cds_client import Server, patient_view, request  # noqa: E402

FIXTURES = ["clozapine-neutropenia.json", "febrile-neutropenia-chemotherapy.json",
            "normal-counts.json", "unknown-code-and-bad-unit.json"]


def realistic_requests(count: int, seed: int = 7, newest: int | None = None) -> list[bytes]:
    """Patient-view requests built from the fixtures, each patient given a different id, a
    year of weekly earlier counts (values drawn around the fixture's) and distinct times.
    ``newest`` keeps only that many of the most recent Observations, as an EHR following the
    discovery document's counts template (``_sort=-date&_count=200``) would send."""
    rng = random.Random(seed)
    bases = [json.dumps(patient_view(name)) for name in FIXTURES]
    made = []
    for index in range(count):
        hook = json.loads(bases[index % len(bases)])  # a fresh copy (faster than deepcopy)
        patient_id = f"load-{index}"
        hook["hookInstance"] = str(uuid.uuid4())
        hook["context"]["patientId"] = patient_id
        hook["prefetch"]["patient"]["id"] = patient_id
        entries = hook["prefetch"]["counts"]["entry"]
        copies = [json.dumps(entry["resource"]) for entry in entries[:6]]
        extra = []
        for week in range(1, rng.randint(4, 52)):
            for resource in copies:
                observation = json.loads(resource)
                observation["id"] = f"{observation.get('id', 'o')}-w{week}"
                when = observation.get("effectiveDateTime", "2026-11-30T08:00:00Z")
                observation["effectiveDateTime"] = _weeks_before(when, week)
                quantity = observation.get("valueQuantity")
                if isinstance(quantity, dict) and isinstance(quantity.get("value"), (int, float)):
                    quantity["value"] = round(quantity["value"] * rng.uniform(0.8, 1.6), 2)
                extra.append({"resource": observation})
        entries.extend(extra)
        if newest is not None:
            entries.sort(key=lambda e: _moment(e["resource"]), reverse=True)
            del entries[newest:]
        for section in ("patient", "counts", "medications", "conditions"):
            _repoint(hook["prefetch"].get(section), patient_id)
        made.append(json.dumps(hook).encode())
    return made


def _moment(resource: dict):
    from datetime import datetime, timezone

    when = resource.get("effectiveDateTime")
    if not isinstance(when, str):
        return datetime.min.replace(tzinfo=timezone.utc)
    return datetime.fromisoformat(when.replace("Z", "+00:00"))


def _weeks_before(when: str, weeks: int) -> str:
    from datetime import datetime, timedelta

    moment = datetime.fromisoformat(when.replace("Z", "+00:00")) - timedelta(weeks=weeks)
    return moment.isoformat()


def _repoint(value, patient_id: str) -> None:
    if not isinstance(value, dict):
        return
    for entry in value.get("entry", []):
        resource = entry.get("resource", {})
        if isinstance(resource.get("subject"), dict):
            resource["subject"]["reference"] = f"Patient/{patient_id}"


def hostile_requests(count: int) -> list[tuple[str, bytes, dict]]:
    kinds = [
        ("not json", b"{{{{ this is not json", {}),
        ("NaN", b'{"hook": "patient-view", "hookInstance": "x", "context": NaN}', {}),
        ("deep nesting", b"[" * 20_000 + b"]" * 20_000, {}),
        ("wrong types", json.dumps({"hook": 5, "hookInstance": [], "context": "p"}).encode(),
         {}),
        ("missing prefetch", json.dumps({"hook": "patient-view", "hookInstance": "h",
                                         "context": {"patientId": "p"}}).encode(), {}),
        ("3 MB body", b'{"hook": "patient-view", "pad": "' + b"x" * 3_000_000 + b'"}', {}),
        ("wrong media type", b"{}", {"Content-Type": "text/plain"}),
        ("not utf-8", b'{"hook": "\xff"}', {}),
    ]
    return [kinds[i % len(kinds)] for i in range(count)]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_tree_cpu(pid: int) -> tuple[float, float]:
    """CPU seconds of the server process and of its children (the assessment workers)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            children = [int(c) for c in handle.read().split()]
    except OSError:
        children = []
    return cpu_seconds(pid), sum(cpu_seconds(c) for c in children)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--hostile", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--as-templated", action="store_true",
                        help="send only the 200 newest Observations, as the discovery "
                        "document's counts template asks (not the default: the full year)")
    args = parser.parse_args()

    print(f"building {args.requests} requests ...", flush=True)
    good = realistic_requests(args.requests, newest=200 if args.as_templated else None)
    sizes = [len(b) for b in good]
    bad = hostile_requests(args.hostile)
    jobs = [("patient-view", body, {}) for body in good] + \
        [(f"hostile: {name}", body, headers) for name, body, headers in bad]
    random.Random(11).shuffle(jobs)
    server = Server("--no-auth", workers=args.workers)
    print(f"server on port {server.port} with {args.workers} assessment workers; "
          f"{args.clients} clients; prefetch {min(sizes) // 1000}-{max(sizes) // 1000} kB",
          flush=True)
    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    queue = iter(jobs)

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        while True:
            with lock:
                job = next(queue, None)
            if job is None:
                break
            kind, body, headers = job
            started = time.perf_counter()
            try:
                status, _, _ = request(connection, "POST", "/cds-services/leukodx",
                                       raw=body, headers=headers)
            except (http.client.HTTPException, OSError):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
                status = -1
            elapsed = time.perf_counter() - started
            with lock:
                results.append((kind, elapsed, status))
        connection.close()

    # warm: one request of each fixture before the clock starts
    for body in good[:len(FIXTURES)]:
        server.call("POST", "/cds-services/leukodx", raw=body)
    server_before, workers_before = process_tree_cpu(server.process.pid)
    client_before = time.process_time()
    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    client_cpu = time.process_time() - client_before
    server_after, workers_after = process_tree_cpu(server.process.pid)
    log = server.stop()

    valid = [r for r in results if r[0] == "patient-view"]
    hostile = [r for r in results if r[0] != "patient-view"]
    for label, rows, ok in (("patient-view", valid, lambda s: s == 200),
                            ("hostile", hostile, lambda s: 400 <= s < 500)):
        if not rows:
            continue
        times = [r[1] * 1000 for r in rows]
        errors = [r for r in rows if not ok(r[2])]
        print(f"{label}: {len(rows)} requests, {len(errors)} errors; latency ms p50 "
              f"{percentile(times, 0.5):.1f}, p95 {percentile(times, 0.95):.1f}, p99 "
              f"{percentile(times, 0.99):.1f}, max {max(times):.1f}, mean "
              f"{statistics.mean(times):.1f}")
        if errors:
            statuses = sorted({r[2] for r in errors})
            print(f"  unexpected statuses: {statuses}")
    by_kind: dict[str, set] = {}
    for kind, _, status in hostile:
        by_kind.setdefault(kind, set()).add(status)
    for kind, statuses in sorted(by_kind.items()):
        print(f"  {kind}: {sorted(statuses)}")
    print(f"throughput: {len(results) / wall:.0f} requests/s over {wall:.1f} s "
          f"({len(valid) / wall:.0f} patient-view/s)")
    if server_after:  # where the CPU went, per request (not slowed by other work as latency is)
        shares = {"server": server_after - server_before, "workers": workers_after -
                  workers_before, "client": client_cpu}
        print("CPU per request: " + ", ".join(f"{name} {1000 * seconds / len(results):.1f} ms"
                                              for name, seconds in shares.items())
              + f"; {1000 * sum(shares.values()) / len(results):.1f} ms in all; load average "
              f"{os.getloadavg()[0]:.1f}")
    if "Traceback" in log:
        print("server log has a traceback:\n" + log[-2000:])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

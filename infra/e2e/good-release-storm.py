#!/usr/bin/env python3
"""Many small good releases started at once against a running Waveguard API: how many roll back?

A good release must be rolled back at most alpha of the time (DESIGN section 4: 1 % per release,
over every wave, period and metric). This seeds N services of five targets each (all in the low
tier, two regions, so no trust threshold holds them and the gate alone decides), starts one
release per service at the same moment, waits until every release is final or paused, and prints
the count per status with a Wilson 95 % interval on the rollback rate.

Loopback only, bounded: N releases (default 100), one poll a second, a deadline (default 600 s).

    ./waveguard demo &                          # API on 127.0.0.1:8080; prints its tokens
    WAVEGUARD_TOKEN=<the demo's admin token> infra/e2e/good-release-storm.py --releases 100
"""
import argparse
import concurrent.futures
import json
import math
import os
import sys
import time
import urllib.error
import urllib.request

FINAL = {"COMPLETED", "ROLLED_BACK", "ABORTED", "FAILED"}


TOKEN = os.environ.get("WAVEGUARD_TOKEN", "")


def call(api, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        api + path,
        data=data,
        method=method,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def wilson(k, n, z=1.96):
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", default="http://127.0.0.1:8080")
    parser.add_argument("--releases", type=int, default=100)
    parser.add_argument("--deadline", type=int, default=600, help="seconds to wait in all")
    parser.add_argument("--tag", default=str(int(time.time())), help="makes ids unique per run")
    args = parser.parse_args()
    if not TOKEN:
        sys.exit("set WAVEGUARD_TOKEN to an admin token (the demo prints one: 'token admin ...')")
    if not args.api.startswith(("http://127.", "http://localhost", "http://[::1]")):
        sys.exit("loopback addresses only")
    api = args.api.rstrip("/") + "/api/v1"
    services = [f"storm{args.tag}-{i:03d}" for i in range(args.releases)]

    for service in services:
        for t in range(5):
            status, body = call(
                api,
                "PUT",
                f"/targets/{service}-t{t}",
                {
                    "service": service,
                    "segment": "eu",
                    "tier": "low",
                    "size": 1.0,
                    "labels": {"region": "eu-west" if t < 3 else "eu-north"},
                },
            )
            if status >= 300:
                sys.exit(f"seeding {service}-t{t} failed: {status} {body}")

    def start(service):
        return call(
            api,
            "POST",
            "/releases",
            {
                "releaseId": service + "-1-0-1",
                "service": service,
                "version": "1.0.1",
                "strategy": "trust-weighted",
                "policy": {"gatePeriodSeconds": 1, "minBakeSeconds": 3, "maxBakeSeconds": 30},
            },
        )

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
        answers = list(pool.map(start, services))
    refused = [(s, a) for s, a in zip(services, answers) if a[0] != 202]
    if refused:
        sys.exit(f"{len(refused)} starts refused, first: {refused[0]}")
    print(f"started {len(services)} releases in {time.monotonic() - started:.1f} s")

    states = {}
    deadline = time.monotonic() + args.deadline
    pending = set(services)
    while pending and time.monotonic() < deadline:
        for service in sorted(pending):
            status, body = call(api, "GET", f"/releases/{service}-1-0-1")
            if status == 200:
                states[service] = body
                if body.get("status") in FINAL or body.get("status") == "PAUSED":
                    pending.discard(service)
        time.sleep(1)

    counts = {}
    for service in services:
        status = states.get(service, {}).get("status", "UNKNOWN")
        counts[status] = counts.get(status, 0) + 1
    print(f"after {time.monotonic() - started:.0f} s: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for service in services:
        body = states.get(service, {})
        if body.get("status") not in ("COMPLETED", None):
            reason = body.get("outcomeReason") or body.get("pauseReason")
            print(f"  {service}: {body.get('status')}: {reason}")
    rolled_back = counts.get("ROLLED_BACK", 0)
    low, high = wilson(rolled_back, len(services))
    print(
        f"rolled back {rolled_back} of {len(services)} good releases: "
        f"{100 * rolled_back / len(services):.1f} % [{100 * low:.1f}, {100 * high:.1f}]"
    )
    return 0 if not pending else 1


if __name__ == "__main__":
    sys.exit(main())

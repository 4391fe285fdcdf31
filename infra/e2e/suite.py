#!/usr/bin/env python3
"""Waveguard's end-to-end suite: seven scenarios on real processes (docs/operations.md).

Started by infra/e2e/run.sh, which finds the jar and the temporal CLI first. Every process runs on
free loopback ports: a Temporal dev server (infra/temporal-dev.sh, SQLite file), a PostgreSQL
server (infra/postgres.sh), the packaged jar as an API-only `server` and a separate `worker`
(api/config/waveguard.yml through its environment variables, webhook deployer, push telemetry),
and, inside this process, the webhook receiver standing in for the deployment target and the
telemetry pusher that posts every target's samples through the API once a second.

Each scenario has a time bound (SIGALRM) and prints one PASS/FAIL line with its time; everything
started is stopped at the end, on failure and on Ctrl-C too. Python 3 standard library only.
"""
import argparse
import base64
import http.server
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONFIG = os.path.join(ROOT, "api", "config", "waveguard.yml")
DOCS_SCREENSHOT = os.path.join(ROOT, "docs", "images", "web-ui-release-history.png")
FINAL = {"COMPLETED", "ROLLED_BACK", "ABORTED", "FAILED"}
OLD_VERSION = "1.0.0"

# 24 targets per scenario's service: 5 waves with the waves strategy (1, 2, 4, 8, 9 targets).
TIERS = ["low"] * 10 + ["standard"] * 8 + ["finance-critical"] * 4 + ["safety-critical"] * 2
CRITICAL = {"finance-critical", "safety-critical"}

# Short timings, so the whole suite runs in minutes: the sequential gate judges every second, a
# wave bakes at least 3 s, and pauses for a human when still undecided after a minute.
POLICY = {
    "gateMode": "sequential",
    "gatePeriodSeconds": 1,
    "minBakeSeconds": 3,
    "maxBakeSeconds": 60,
    "waveGrowthFactor": 2,
}

# Pushed telemetry: each target serves this many requests a second at this error rate; a degraded
# target (scenario 5) fails ten times as often and answers slower.
REQUESTS_PER_SECOND = 20000
ERROR_RATE = 0.005
DEGRADED_ERROR_RATE = 0.05
LATENCY_MS = 120.0
DEGRADED_LATENCY_MS = 400.0
BASELINE_MINUTES = 60
PUSH_AHEAD = os.environ.get("E2E_PUSH_WINDOW", "ahead") != "behind"


class Failure(Exception):
    """A scenario's check failed; the message says which and why."""


class Skip(Exception):
    """A scenario cannot run here; the message says why."""


class TimeBound(Exception):
    """A scenario ran past its time bound."""


def log(message):
    print(f"{time.strftime('%H:%M:%S')} e2e: {message}", flush=True)


def free_port():
    """A loopback port nothing listens on now; never the defaults a developer's servers use."""
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in (5432, 7233, 8080, 8081, 8233) and port + 1000 < 65536:
            return port
    raise RuntimeError("no free port")


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# ---- the webhook receiver --------------------------------------------------------------------


class Receiver:
    """The deployment target: records every deploy and rollback call (WebhookDeployer's protocol).

    A call is a POST with the JSON body {action, releaseId, wave, version, targets} and an
    Idempotency-Key header. A key seen before is answered 200 again without a second deployment;
    a key whose first call still runs is answered 409 (the deployer retries it). `hold(...)` makes
    the calls of one release's wave take longer, so a scenario can kill a worker mid-call.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.calls = []  # every call, in arrival order
        self.keys = {}  # idempotency key -> "running" | "done"
        self.applied = []  # one entry per distinct key: the deployments that happened
        self.current = {}  # target -> version it runs now
        self.deployed_in = {}  # target -> wave of its last applied deploy
        self.holds = {}  # (releaseId, action, wave) -> seconds
        self.in_flight = {}  # (releaseId, action, wave) -> number of held calls running
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"null")
                    key = self.headers.get("Idempotency-Key") or ""
                    status, answer = receiver.handle(key, body)
                except Exception as error:  # a malformed call is the deployer's bug: say so
                    status, answer = 400, {"error": str(error)}
                data = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the worker that asked was killed meanwhile

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/deploy"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def handle(self, key, body):
        action, release, wave = body["action"], body["releaseId"], body["wave"]
        targets = list(body["targets"])
        if not key:
            return 400, {"error": "no Idempotency-Key"}
        call = {"key": key, "action": action, "releaseId": release, "wave": wave,
                "version": body.get("version"), "targets": targets, "at": time.time()}
        slot = (release, action, wave)
        with self.lock:
            state = self.keys.get(key)
            call["seen"] = state
            self.calls.append(call)
            if state == "running":
                return 409, {"status": "in progress", "key": key}
            if state == "done":
                return 200, {"status": "already applied", "key": key}
            self.keys[key] = "running"
            delay = self.holds.get(slot, 0)
            if delay:
                self.in_flight[slot] = self.in_flight.get(slot, 0) + 1
        if delay:
            time.sleep(delay)
        with self.lock:
            if delay:
                self.in_flight[slot] -= 1
            self.keys[key] = "done"
            self.applied.append(call)
            for target in targets:
                self.current[target] = body.get("version") if action == "deploy" else OLD_VERSION
                if action == "deploy":
                    self.deployed_in[target] = wave
        return 200, {"status": "applied", "key": key}

    def hold(self, release, action, wave, seconds):
        with self.lock:
            self.holds[(release, action, wave)] = seconds

    def held_call_running(self, release, action, wave):
        with self.lock:
            return self.in_flight.get((release, action, wave), 0) > 0

    def snapshot(self, release):
        with self.lock:
            calls = [c for c in self.calls if c["releaseId"] == release]
            applied = [c for c in self.applied if c["releaseId"] == release]
        return calls, applied

    def runs_new_build(self, target, from_wave=1):
        """True when the target runs the new build, deployed in wave from_wave or later."""
        with self.lock:
            version = self.current.get(target)
            wave = self.deployed_in.get(target, 0)
        return version is not None and version != OLD_VERSION and wave >= from_wave

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def per_target(applied, action):
    """target -> number of distinct deployments (idempotency keys) of that action it was in."""
    counts = {}
    for call in applied:
        if call["action"] == action:
            for target in call["targets"]:
                counts[target] = counts.get(target, 0) + 1
    return counts


# ---- the telemetry pusher --------------------------------------------------------------------


class Pusher:
    """Posts one sample a second for every registered target through POST /api/v1/telemetry.

    A target that runs the new build of a degraded service (the receiver says so) reports a ten
    times higher error rate. A batch the API refuses (PostgreSQL restarting) is sent again with the
    next one: a window sent again replaces the earlier copy.
    """

    def __init__(self, suite):
        self.suite = suite
        self.targets = {}  # target -> service
        self.degraded = {}  # service -> first wave whose targets report the new build bad
        self.backlog = []
        self.lock = threading.Lock()
        self.stop_event = threading.Event()
        self.random = random.Random(11)
        self.failures = 0
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def add(self, service, target_ids):
        with self.lock:
            for target in target_ids:
                self.targets[target] = service

    def sample(self, target, start, seconds, degraded):
        requests = REQUESTS_PER_SECOND * seconds
        rate = DEGRADED_ERROR_RATE if degraded else ERROR_RATE
        mean = requests * rate
        errors = max(0, min(requests, round(self.random.gauss(mean, mean ** 0.5))))
        latency = (DEGRADED_LATENCY_MS if degraded else LATENCY_MS) * self.random.uniform(0.95, 1.05)
        return {"targetId": target, "windowStart": iso(start), "windowEnd": iso(start + seconds),
                "requests": requests, "errors": errors, "latencyP99Ms": round(latency, 1),
                "crashes": 0}

    def baseline(self, target_ids, now):
        """An hour of one-minute samples before now: every target's own baseline."""
        start = int(now) - BASELINE_MINUTES * 60
        samples = [self.sample(t, start + 60 * m, 60, False)
                   for t in target_ids for m in range(BASELINE_MINUTES)]
        for i in range(0, len(samples), 5000):
            status, body = self.suite.api("POST", "/telemetry", {"samples": samples[i:i + 5000]},
                                          role="ingest")
            if status != 202:
                raise Failure(f"baseline telemetry refused: {status} {body}")

    def run(self):
        tick = int(time.time())
        while not self.stop_event.is_set():
            tick += 1
            delay = tick - time.time()
            if delay > 0 and self.stop_event.wait(delay):
                return
            with self.lock:
                targets = dict(self.targets)
                degraded = dict(self.degraded)
            # The second that starts now (ahead) or the one that just ended (behind, what an agent
            # does): the gate reads each period once, when it ends, and a sample whose window
            # starts in it but arrives later is never counted (docs/operations.md, "End-to-end
            # suite"); ahead keeps the scenarios about durability rather than that race.
            start = tick if PUSH_AHEAD else tick - 1
            batch = [self.sample(t, start, 1,
                                 service in degraded
                                 and self.suite.receiver.runs_new_build(t, degraded[service]))
                     for t, service in targets.items()]
            self.backlog = (self.backlog + batch)[-9000:]
            if not self.backlog or self.suite.api_url is None:
                continue
            try:
                status, _ = self.suite.api("POST", "/telemetry", {"samples": self.backlog},
                                           timeout=5, role="ingest")
            except OSError:
                status = None
            if status == 202:
                self.backlog = []
            else:
                self.failures += 1

    def close(self):
        self.stop_event.set()
        self.thread.join(5)


# ---- processes -------------------------------------------------------------------------------


class Suite:
    def __init__(self, work, jar, temporal_cli):
        self.work = work
        self.jar = jar
        self.temporal_cli = temporal_cli
        self.tag = time.strftime("%H%M%S")
        self.receiver = Receiver()
        self.api_url = None
        self.pusher = Pusher(self)
        self.procs = {}  # name -> Popen of server and workers
        self.worker_count = 0
        self.temporal_up = False
        self.postgres_up = False
        self.tokens = {}
        self.pg_port = free_port()
        self.temporal_port = free_port()
        self.ui_port = free_port()
        self.api_port = free_port()
        self.admin_port = free_port()
        self.env = dict(os.environ)
        self.env.update({
            "TEMPORAL_PORT": str(self.temporal_port),
            "TEMPORAL_UI_PORT": str(self.ui_port),
            "PGPORT": str(self.pg_port),
            "WAVEGUARD_TEMPORAL_CLI": temporal_cli,
            "TEMPORAL_ADDRESS": f"127.0.0.1:{self.temporal_port}",
            "WAVEGUARD_DB_URL": f"jdbc:postgresql://127.0.0.1:{self.pg_port}/waveguard",
            "WAVEGUARD_DB_USER": "waveguard",
            "WAVEGUARD_TASK_QUEUE": f"e2e-{self.tag}-{os.getpid()}",
            "WAVEGUARD_DEPLOYER": "webhook",
            "WAVEGUARD_DEPLOYER_URL": self.receiver.url,
            "WAVEGUARD_TELEMETRY": "push",
            "WAVEGUARD_PORT": str(self.api_port),
            "WAVEGUARD_ADMIN_PORT": str(self.admin_port),
        })
        self.env.pop("WAVEGUARD_DB_PASSWORD", None)
        self.temporal_env = dict(self.env, WAVEGUARD_STATE_DIR=os.path.join(work, "temporal"))
        self.postgres_env = dict(self.env, WAVEGUARD_STATE_DIR=work)

    # -- HTTP --
    def api(self, method, path, body=None, timeout=30, role="admin"):
        """One call as the token of `role` (admin, operator or ingest; see issue_tokens)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.api_url + "/api/v1" + path, data=data, method=method,
                                         headers={"Content-Type": "application/json",
                                                  "Authorization": f"Bearer {self.tokens[role]}"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw or b"null")
            except ValueError:
                return error.code, raw.decode(errors="replace")

    def issue_tokens(self):
        """API tokens, made with `waveguard token create` once the schema exists: an admin for
        seeding and reading, an operator (e2e-operator) for the commands, an ingest token for the
        telemetry pusher. PostgreSQL keeps them across its restart."""
        for role, name in (("admin", "e2e-admin"), ("operator", "e2e-operator"),
                           ("ingest", "e2e-ingest")):
            result = subprocess.run(["java", "-jar", self.jar, "token", "create", "--name", name,
                                     "--role", role, CONFIG],
                                    env=self.env, capture_output=True, text=True, timeout=180)
            if result.returncode != 0:
                raise Failure(f"token create failed: {(result.stdout + result.stderr)[-600:]}")
            self.tokens[role] = result.stdout.strip().splitlines()[-1]
        log("API tokens issued: e2e-admin, e2e-operator, e2e-ingest")

    def release(self, release_id):
        status, body = self.api("GET", f"/releases/{release_id}")
        if status != 200:
            raise Failure(f"GET release {release_id} answered {status}: {body}")
        return body

    def audit(self, release_id):
        entries, cursor = [], None
        while True:
            query = f"?limit=500" + (f"&cursor={cursor}" if cursor else "")
            status, body = self.api("GET", f"/releases/{release_id}/audit{query}")
            if status != 200:
                raise Failure(f"GET audit of {release_id} answered {status}: {body}")
            entries += body["entries"]
            cursor = body.get("nextCursor")
            if not cursor:
                return entries

    # -- infrastructure --
    def script(self, name, action, env, timeout=180):
        result = subprocess.run([os.path.join(ROOT, "infra", name), action], env=env,
                                capture_output=True, text=True, timeout=timeout)
        output = (result.stdout + result.stderr).strip()
        with open(os.path.join(self.work, name.replace(".sh", ".log")), "a") as f:
            f.write(f"$ {name} {action}\n{output}\n")
        if result.returncode != 0:
            raise Failure(f"infra/{name} {action} failed: {output[-600:]}")
        return output

    def start_temporal(self):
        self.script("temporal-dev.sh", "start", self.temporal_env)
        self.temporal_up = True

    def stop_temporal(self):
        self.script("temporal-dev.sh", "stop", self.temporal_env)
        self.temporal_up = False

    def start_postgres(self):
        self.script("postgres.sh", "start", self.postgres_env)
        self.postgres_up = True

    def stop_postgres(self):
        self.script("postgres.sh", "stop", self.postgres_env)
        self.postgres_up = False

    def spawn(self, name, *args, extra_env=None):
        logfile = open(os.path.join(self.work, f"{name}.log"), "ab")
        env = dict(self.env, **(extra_env or {}))
        proc = subprocess.Popen(["java", "-jar", self.jar, *args], cwd=ROOT, env=env,
                                stdout=logfile, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        logfile.close()
        proc.logname = os.path.join(self.work, f"{name}.log")
        self.procs[name] = proc
        log(f"started {name} (pid {proc.pid})")
        return proc

    def wait_log(self, proc, text, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if proc.poll() is not None:
                raise Failure(f"{proc.logname} process exited with {proc.returncode}")
            with open(proc.logname, errors="replace") as f:
                if text in f.read():
                    return
            time.sleep(0.3)
        raise Failure(f"'{text}' not in {proc.logname} within {seconds} s")

    def stop_proc(self, name, sig=signal.SIGTERM):
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        except ProcessLookupError:
            pass

    def kill_worker(self):
        name = self.worker_name()
        proc = self.procs[name]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        self.procs.pop(name)
        log(f"killed {name} (pid {proc.pid}) with SIGKILL")

    def worker_name(self):
        names = [n for n in self.procs if n.startswith("worker-")]
        return names[-1] if names else None

    def start_worker(self):
        self.worker_count += 1
        proc = self.spawn(f"worker-{self.worker_count}", "worker", CONFIG)
        self.wait_log(proc, "release worker polling", 90)

    def ensure_stack(self):
        """Temporal, PostgreSQL, the API-only server and one worker, each started when not up."""
        if not self.postgres_up:
            self.start_postgres()
            result = subprocess.run(["java", "-jar", self.jar, "db", "migrate", CONFIG],
                                    env=self.env, capture_output=True, text=True, timeout=180)
            if result.returncode != 0:
                raise Failure(f"db migrate failed: {(result.stdout + result.stderr)[-600:]}")
            if not self.tokens:
                self.issue_tokens()
        if not self.temporal_up:
            self.start_temporal()
        server = self.procs.get("server")
        if server is None or server.poll() is not None:
            server = self.spawn("server", "server", CONFIG,
                                extra_env={"WAVEGUARD_WORKER_ENABLED": "false"})
            self.api_url = None
            url = f"http://127.0.0.1:{self.api_port}"
            deadline = time.time() + 120
            while True:
                if server.poll() is not None:
                    raise Failure(f"server exited; see {server.logname}")
                try:
                    ready = urllib.request.Request(
                        url + "/api/v1/releases",
                        headers={"Authorization": f"Bearer {self.tokens['admin']}"})
                    with urllib.request.urlopen(ready, timeout=5) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.time() > deadline:
                    raise Failure("API not up within 120 s")
                time.sleep(0.5)
            self.api_url = url
            log(f"API up on :{self.api_port} (no worker inside)")
        worker = self.procs.get(self.worker_name()) if self.worker_name() else None
        if worker is None or worker.poll() is not None:
            self.start_worker()

    def stop_all(self):
        for name in reversed(list(self.procs)):
            self.stop_proc(name)
        for up, stop in ((self.temporal_up, self.stop_temporal), (self.postgres_up,
                                                                  self.stop_postgres)):
            if up:
                try:
                    stop()
                except Exception as error:  # keep stopping the rest
                    log(f"stop failed: {error}")

    def close(self):
        self.pusher.close()
        self.stop_all()
        self.receiver.close()

    # -- fleets and releases --
    def seed(self, service):
        ids = [f"{service}-{i + 1:02d}" for i in range(len(TIERS))]
        for target, tier in zip(ids, TIERS):
            status, body = self.api("PUT", f"/targets/{target}", {
                "service": service, "segment": "eu", "tier": tier, "size": 1.0,
                "labels": {"region": "eu-west" if int(target[-2:]) % 2 else "eu-north"}})
            if status not in (200, 201):
                raise Failure(f"PUT target {target} answered {status}: {body}")
        self.pusher.baseline(ids, time.time())
        self.pusher.add(service, ids)
        return dict(zip(ids, TIERS))

    def start_release(self, service, extra_policy=None):
        release_id = f"{service}-v2"
        body = {"releaseId": release_id, "service": service, "version": "2.0.0",
                "strategy": "waves", "policy": dict(POLICY, **(extra_policy or {}))}
        status, answer = self.api("POST", "/releases", body)
        if status != 202:
            raise Failure(f"start of {release_id} answered {status}: {answer}")
        log(f"started release {release_id}")
        return release_id

    def wait_release(self, release_id, predicate, what, seconds):
        deadline = time.time() + seconds
        state = None
        while time.time() < deadline:
            try:
                state = self.release(release_id)
            except (Failure, OSError) as error:  # a restart in progress; ask again
                state = {"status": f"unreadable ({error})"}
                time.sleep(1)
                continue
            if predicate(state):
                return state
            if state.get("status") in FINAL:
                break
            time.sleep(0.3)
        raise Failure(f"{release_id}: {what} not reached within {seconds} s; last state: "
                      f"{describe(state)}")

    def wait_wave(self, release_id, index, wave_status, seconds=90):
        return self.wait_release(
            release_id,
            lambda s: len(s.get("waves") or []) > index and s["waves"][index]["status"] == wave_status,
            f"wave {index + 1} {wave_status}", seconds)

    def wait_final(self, release_id, expected, seconds):
        state = self.wait_release(release_id, lambda s: s.get("status") in FINAL,
                                  "a final status", seconds)
        if state["status"] != expected:
            raise Failure(f"{release_id} ended {state['status']}, expected {expected}: "
                          f"{describe(state)}")
        return state

    def temporal(self, *args, timeout=30):
        result = subprocess.run([self.temporal_cli, *args, "--address",
                                 f"127.0.0.1:{self.temporal_port}"],
                                capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise Failure(f"temporal {' '.join(args)} failed: {result.stderr.strip()[-400:]}")
        return result.stdout

    def show_history(self, release_id):
        """The release's history, saved for the reader of a failure."""
        try:
            out = self.temporal("workflow", "show", "--workflow-id", f"release-{release_id}")
            with open(os.path.join(self.work, f"history-{release_id}.txt"), "w") as f:
                f.write(out)
        except Exception:
            pass


def describe(state):
    if not isinstance(state, dict):
        return str(state)
    waves = ", ".join(f"{w['index']}:{w['status']}" for w in state.get("waves") or [])
    return (f"status {state.get('status')}, wave {state.get('currentWave')}/"
            f"{state.get('waveCount')} [{waves}], waiting for {state.get('waitingFor')}, "
            f"pause {state.get('pauseReason')}, outcome {state.get('outcomeReason')}")


def check_deployed_exactly_once(suite, release_id, fleet):
    calls, applied = suite.receiver.snapshot(release_id)
    deploys = per_target(applied, "deploy")
    missing = sorted(set(fleet) - set(deploys))
    twice = sorted(t for t, n in deploys.items() if n != 1)
    strangers = sorted(set(deploys) - set(fleet))
    if missing or twice or strangers:
        raise Failure(f"deploys per target wrong: never {missing}, more than once {twice}, "
                      f"not in the fleet {strangers}")
    if per_target(applied, "rollback"):
        raise Failure(f"a good release was rolled back on {sorted(per_target(applied, 'rollback'))}")
    repeats = sum(1 for c in calls if c["seen"])
    log(f"receiver: {len(fleet)} targets deployed exactly once in "
        f"{sum(1 for c in applied if c['action'] == 'deploy')} batches; {len(calls)} calls, "
        f"{repeats} of them repeats of a key already seen")
    return repeats


# ---- the scenarios ---------------------------------------------------------------------------


def scenario_good_release(suite):
    service = f"good{suite.tag}"
    fleet = suite.seed(service)
    release_id = suite.start_release(service)
    state = suite.wait_final(release_id, "COMPLETED", 240)
    if state["waveCount"] < 5:
        raise Failure(f"only {state['waveCount']} waves; the scenario needs at least 5")
    if any(w["status"] != "PASSED" for w in state["waves"]):
        raise Failure(f"a wave did not pass: {describe(state)}")
    check_deployed_exactly_once(suite, release_id, fleet)
    suite.last_completed = release_id
    return f"{state['waveCount']} waves passed"


def scenario_worker_kill(suite):
    service = f"kill{suite.tag}"
    fleet = suite.seed(service)
    release_id = suite.start_release(service)
    # The third wave's deploy call takes 4 s at the receiver, so a kill lands inside it.
    suite.receiver.hold(release_id, "deploy", 3, 4)
    suite.wait_wave(release_id, 1, "BAKING")
    suite.kill_worker()
    time.sleep(3)
    log(f"after 3 s without a worker: {describe(suite.release(release_id))}")
    suite.start_worker()
    deadline = time.time() + 90
    while not suite.receiver.held_call_running(release_id, "deploy", 3):
        if time.time() > deadline:
            raise Failure(f"wave 3's deploy call never came: {describe(suite.release(release_id))}")
        time.sleep(0.05)
    suite.kill_worker()
    time.sleep(2)
    suite.start_worker()
    suite.wait_final(release_id, "COMPLETED", 240)
    repeats = check_deployed_exactly_once(suite, release_id, fleet)
    calls, _ = suite.receiver.snapshot(release_id)
    wave3 = [c for c in calls if c["action"] == "deploy" and c["wave"] == 3]
    if not any(c["seen"] for c in wave3):
        raise Failure("the deploy cut off by the kill was never retried with its key: "
                      f"{[(c['key'], c['seen']) for c in wave3]}")
    return f"killed during a bake and during a deploy; {repeats} repeated key(s) were one deployment"


def scenario_temporal_restart(suite):
    service = f"tmprl{suite.tag}"
    fleet = suite.seed(service)
    release_id = suite.start_release(service)
    suite.wait_wave(release_id, 1, "BAKING")
    suite.stop_temporal()
    log("Temporal stopped")
    time.sleep(5)
    suite.start_temporal()
    log("Temporal restarted on the same database file")
    suite.wait_final(release_id, "COMPLETED", 240)
    check_deployed_exactly_once(suite, release_id, fleet)
    return "completed across a Temporal restart"


def scenario_postgres_restart(suite):
    service = f"pg{suite.tag}"
    fleet = suite.seed(service)
    release_id = suite.start_release(service)
    suite.wait_wave(release_id, 1, "BAKING")
    command(suite, release_id, "pause", "before the database restart")
    command(suite, release_id, "resume", "before the database restart")
    before = suite.audit(release_id)
    suite.wait_wave(release_id, 2, "BAKING")
    worker_log = suite.procs[suite.worker_name()].logname
    with open(worker_log, "rb") as f:
        offset = len(f.read())
    suite.stop_postgres()
    log("PostgreSQL stopped")
    time.sleep(8)
    suite.start_postgres()
    log("PostgreSQL restarted")
    state = suite.wait_final(release_id, "COMPLETED", 240)
    check_deployed_exactly_once(suite, release_id, fleet)
    with open(worker_log, "rb") as f:
        f.seek(offset)
        retried = f.read().decode(errors="replace").count("Activity failure.")
    if not retried:
        raise Failure("no activity failed while PostgreSQL was down: the restart proved nothing")
    after = suite.audit(release_id)
    after_ids = {e["id"]: e for e in after}
    lost = [e for e in before if after_ids.get(e["id"]) != e]
    if lost:
        raise Failure(f"audit rows lost or changed across the restart: {lost}")
    commands = [(e["action"], e["operator"], e["reason"]) for e in after
                if e["action"] in ("pause", "resume")]
    if len(commands) != 2:
        raise Failure(f"the operator commands' audit rows: {commands}")
    gated = {int(e["detail"].split()[1]) for e in after
             if e["action"] == "gate" and e["reason"].startswith("PASS")}
    waves = set(range(1, state["waveCount"] + 1))
    if not waves <= gated:
        raise Failure(f"waves without a passing gate row in the audit log: {sorted(waves - gated)}")
    return (f"{retried} activity attempts failed and were retried; {len(after)} audit rows, the "
            f"{len(before)} written before the restart intact, every wave's passing gate there")


def scenario_rollback(suite):
    service = f"bad{suite.tag}"
    fleet = suite.seed(service)
    # Wave 1's target stays healthy; from wave 2 on the new build fails ten times as often.
    with suite.pusher.lock:
        suite.pusher.degraded[service] = 2
    release_id = suite.start_release(service)
    state = suite.wait_final(release_id, "ROLLED_BACK", 240)
    calls, applied = suite.receiver.snapshot(release_id)
    deployed = per_target(applied, "deploy")
    rolled = per_target(applied, "rollback")
    if not deployed:
        raise Failure("nothing was deployed before the rollback")
    if set(rolled) != set(deployed) or any(n != 1 for n in rolled.values()):
        raise Failure(f"rollbacks per target {rolled} do not match the deployed targets {deployed}")
    touched = sorted(t for c in calls for t in c["targets"] if fleet[t] in CRITICAL)
    if touched:
        raise Failure(f"finance- or safety-critical targets touched: {touched}")
    last = max(c["wave"] for c in applied if c["action"] == "deploy")
    if last < 2:
        raise Failure(f"rolled back after wave {last}, before the degraded wave 2 was deployed")
    order = [c["wave"] for c in applied if c["action"] == "rollback"]
    if order != sorted(order, reverse=True):
        raise Failure(f"waves rolled back in the order {order}, not in reverse")
    left = [t for t in fleet if suite.receiver.runs_new_build(t)]
    if left:
        raise Failure(f"still on the new build after the rollback: {left}")
    return (f"rolled back after wave {last}: {len(rolled)} targets rolled back once each, waves "
            f"{order}, no critical target touched ({state['outcomeReason']})")


def command(suite, release_id, action, reason, operator="e2e-operator"):
    """The command as the operator token, whose name (e2e-operator) is what gets recorded."""
    deadline = time.time() + 30
    while True:
        status, body = suite.api("POST", f"/releases/{release_id}/{action}",
                                 {"reason": reason}, role="operator")
        if status == 200:
            log(f"{action} by {operator} ({reason}): {body.get('status')}")
            return body
        if time.time() > deadline:
            raise Failure(f"{action} answered {status}: {body}")
        time.sleep(1)


def payloads(node):
    """A history event with every payload's data decoded from base64 (JSON where it is JSON)."""
    if isinstance(node, dict):
        if isinstance(node.get("data"), str) and "metadata" in node:
            try:
                text = base64.b64decode(node["data"]).decode()
                return json.loads(text)
            except ValueError:
                return node["data"]
        return {k: payloads(v) for k, v in node.items()}
    if isinstance(node, list):
        return [payloads(v) for v in node]
    return node


def scenario_operator_commands(suite):
    service = f"ops{suite.tag}"
    fleet = suite.seed(service)
    tier = os.environ.get("E2E_APPROVAL_TIER", "finance-critical")
    release_id = suite.start_release(service, {"approvalTiers": [tier]})
    suite.wait_wave(release_id, 1, "BAKING")
    commands = [("pause", "CHG-7 hold for the change board"),
                ("resume", "CHG-7 change board agreed")]
    for action, reason in commands:
        command(suite, release_id, action, reason)
    # The first wave with a target of the approval tier must wait for an approval first.
    unapproved = []
    deadline = time.time() + 180
    while True:
        state = suite.release(release_id)
        if state["status"] == "AWAITING_APPROVAL" and len(commands) == 2:
            commands.append(("approve", "CHG-7 finance sign-off"))
            command(suite, release_id, *commands[-1])
        if len(commands) == 2:
            _, applied = suite.receiver.snapshot(release_id)
            unapproved = sorted({t for c in applied if c["action"] == "deploy"
                                 for t in c["targets"] if fleet[t] == tier})
        if state["status"] in FINAL or time.time() > deadline:
            break
        time.sleep(0.3)
    suite.wait_final(release_id, "COMPLETED", 60)
    raw = suite.temporal("workflow", "show", "--workflow-id", f"release-{release_id}",
                         "--output", "json")
    with open(os.path.join(suite.work, f"history-{release_id}.json"), "w") as f:
        f.write(raw)
    # Each command is a Workflow Update: its Accepted event carries the request (operator,
    # reason) as a payload, base64 in the JSON form.
    updates = [json.dumps(payloads(event)) for event in json.loads(raw).get("events", [])
               if "workflowExecutionUpdateAcceptedEventAttributes" in event]
    for action, reason in commands:
        if not any(reason in u and "e2e-operator" in u for u in updates):
            raise Failure(f"{action} with operator e2e-operator and reason '{reason}' is in no "
                          f"WorkflowExecutionUpdateAccepted event of the history ({len(updates)} "
                          f"such events)")
    query = f"WaveguardService='{service}' AND WaveguardStatus='COMPLETED'"
    deadline = time.time() + 30
    while f"release-{release_id}" not in suite.temporal("workflow", "list", "--query", query):
        if time.time() > deadline:
            raise Failure(f"temporal workflow list --query \"{query}\" does not find the release")
        time.sleep(1)
    suite.last_completed = release_id
    if unapproved:
        _, applied = suite.receiver.snapshot(release_id)
        first = min(c["wave"] for c in applied if c["action"] == "deploy"
                    and any(fleet[t] == tier for t in c["targets"]))
        wave = next(w for w in state["waves"] if w["index"] == first)
        raise Failure(
            f"product bug: policy approvalTiers [{tier}] deployed {unapproved} without "
            f"an approval: the release never waited (AWAITING_APPROVAL), since approval is checked "
            f"against each wave's highest tier only and wave {first}, which holds them, is "
            f"{wave['highestTier']} (pause and resume are in the history with operator and reason; "
            f"list --query finds the release)")
    return "pause, resume and approve in history with operator and reason; list --query finds it"


def scenario_web_ui(suite):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise Failure("no chromium on PATH (Debian: apt-get install chromium)")
    release_id = getattr(suite, "last_completed", None)
    if release_id is None:
        service = f"ui{suite.tag}"
        suite.seed(service)
        release_id = suite.start_release(service)
        suite.wait_final(release_id, "COMPLETED", 240)
    url = (f"http://127.0.0.1:{suite.ui_port}/namespaces/default/workflows/"
           f"release-{release_id}")
    flags = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={os.path.join(suite.work, 'chromium')}",
             "--virtual-time-budget=15000"]
    dom = subprocess.run(flags + ["--dump-dom", url], capture_output=True, text=True, timeout=90)
    with open(os.path.join(suite.work, "web-ui.html"), "w") as f:
        f.write(dom.stdout)
    if f"release-{release_id}" not in dom.stdout or "Completed" not in dom.stdout:
        raise Failure(f"the Web UI page at {url} does not show release-{release_id} as Completed "
                      f"(DOM in {suite.work}/web-ui.html)")
    shot = os.path.join(suite.out, "web-ui-release-history.png")
    subprocess.run(flags + [f"--screenshot={shot}", "--window-size=1440,1800", url],
                   capture_output=True, text=True, timeout=90)
    with open(shot, "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            raise Failure(f"{shot} is not a PNG")
    if suite.update_docs:
        os.makedirs(os.path.dirname(DOCS_SCREENSHOT), exist_ok=True)
        shutil.copyfile(shot, DOCS_SCREENSHOT)
        log(f"wrote {DOCS_SCREENSHOT}")
    return f"the Web UI shows release-{release_id} Completed; screenshot {shot}"


SCENARIOS = {
    "good-release": scenario_good_release,
    "worker-kill": scenario_worker_kill,
    "temporal-restart": scenario_temporal_restart,
    "postgres-restart": scenario_postgres_restart,
    "rollback": scenario_rollback,
    "operator-commands": scenario_operator_commands,
    "web-ui": scenario_web_ui,
}
# Each scenario's time bound, in seconds, from the start of its stack to its verdict.
BOUNDS = {"good-release": 300, "worker-kill": 420, "temporal-restart": 360,
          "postgres-restart": 360, "rollback": 300, "operator-commands": 360, "web-ui": 360}


def on_alarm(signum, frame):
    raise TimeBound()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", metavar="scenario",
                        help=f"any of {', '.join(SCENARIOS)} (default: all, in this order)")
    parser.add_argument("--jar", required=True)
    parser.add_argument("--temporal-cli", required=True)
    parser.add_argument("--out", default=os.environ.get("E2E_OUT"),
                        help="folder for logs and the screenshot (default: a new temporary one)")
    parser.add_argument("--update-docs-screenshot", action="store_true",
                        default=os.environ.get("E2E_UPDATE_DOCS_SCREENSHOT") == "1",
                        help=f"also write the Web UI screenshot to {DOCS_SCREENSHOT}")
    args = parser.parse_args()
    names = args.scenarios or list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s) {unknown}; known: {', '.join(SCENARIOS)}")

    out = os.path.abspath(args.out) if args.out else tempfile.mkdtemp(prefix="waveguard-e2e.")
    os.makedirs(out, exist_ok=True)
    # PostgreSQL runs as the postgres user when we are root: it must reach its folder in here.
    os.chmod(out, 0o755)
    # Every process runs from a copy: a rebuild of the tree rewrites api/target/waveguard.jar in
    # place, under JVMs still loading classes from it.
    jar = os.path.join(out, "waveguard.jar")
    shutil.copyfile(args.jar, jar)

    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    signal.signal(signal.SIGALRM, on_alarm)
    suite = Suite(out, jar, args.temporal_cli)
    suite.out = out
    suite.update_docs = args.update_docs_screenshot
    results = []
    began = time.time()
    log(f"output in {out}; Temporal :{suite.temporal_port} (Web UI :{suite.ui_port}), "
        f"PostgreSQL :{suite.pg_port}, API :{suite.api_port}, receiver {suite.receiver.url}")
    try:
        for name in names:
            start = time.time()
            signal.alarm(BOUNDS[name])
            try:
                suite.ensure_stack()
                detail = SCENARIOS[name](suite)
                verdict = "PASS"
            except TimeBound:
                verdict, detail = "FAIL", f"ran past its time bound of {BOUNDS[name]} s"
            except Failure as error:
                verdict, detail = "FAIL", str(error)
            except Exception as error:
                verdict, detail = "FAIL", f"{type(error).__name__}: {error}"
                traceback.print_exc()
            finally:
                signal.alarm(0)
            elapsed = time.time() - start
            results.append((name, verdict, elapsed, detail))
            print(f"{verdict} {name} ({elapsed:.0f} s): {detail}", flush=True)
            if verdict == "FAIL":
                # The next scenario starts on a fresh stack.
                for release in list(suite.receiver.calls)[-1:]:
                    suite.show_history(release["releaseId"])
                signal.alarm(120)
                try:
                    suite.stop_all()
                finally:
                    signal.alarm(0)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        results.append(("(interrupted)", "FAIL", 0, ""))
    finally:
        signal.alarm(0)
        suite.close()
    failed = [r for r in results if r[1] != "PASS"]
    total = time.time() - began
    print(f"e2e: {len(results) - len(failed)} of {len(results)} scenarios passed in {total:.0f} s; "
          f"logs and screenshot in {out}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

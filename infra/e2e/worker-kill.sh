#!/usr/bin/env bash
# End to end: a release survives `kill -9` of the worker process running it, and still deploys
# every target exactly once.
#
# Starts PostgreSQL (`./waveguard dev-postgres`), Temporal, an API-only `server` and a `worker`,
# seeds a fleet over HTTP, starts a release, kills the worker with SIGKILL while wave 2 bakes,
# starts a new worker, waits for COMPLETED and checks deploy counts with `verify-deployments`.
# Prints PASS or FAIL and exits 0 or 1. Everything it starts is stopped on exit.
#
# Which Temporal:
#   (default)                          ./waveguard dev-temporal: Temporal's Java test server in a
#                                      process of its own; workers run with sticky execution off,
#                                      since that server never moves a task off a dead worker's
#                                      sticky queue (WAVEGUARD_WORKER_STICKY=true shows the hang)
#   E2E_TEMPORAL=cli                   temporal server start-dev (SQLite) from the temporal CLI
#                                      (on PATH or ~/go/bin/temporal)
#   TEMPORAL_ADDRESS=host:port         a server that is already running; Waveguard's server
#                                      registers its search attributes there on start
# Other knobs: E2E_TIMEOUT (seconds to wait for COMPLETED after the restart, default 120),
#              E2E_KEEP=1 (keep logs even on PASS), WAVEGUARD_JAR (run this jar, no build).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
wg="$root/waveguard"
config="$root/api/config/waveguard.yml"
work="$(mktemp -d "${TMPDIR:-/tmp}/waveguard-e2e.XXXXXX")"
completion_timeout="${E2E_TIMEOUT:-120}"
pids=()
result=FAIL

log() { printf '%s e2e: %s\n' "$(date +%H:%M:%S)" "$*"; }

cleanup() {
  local pid
  # Newest first: workers and server before Temporal and PostgreSQL.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    pid="${pids[i]}"
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ "$result" == PASS && -z "${E2E_KEEP:-}" ]]; then
    rm -rf "$work"
  else
    echo "logs: $work"
  fi
  echo "$result"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  log "FAILED: $*"
  exit 1
}

# A port nothing listens on right now.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# wait_for_log FILE PATTERN SECONDS PID
wait_for_log() {
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    kill -0 "$4" 2>/dev/null || fail "process $4 exited; see $1"
    ((SECONDS < deadline)) || fail "'$2' not in $1 within $3 s"
    sleep 0.5
  done
}

# start NAME CMD...: runs CMD in the background with its output in $work/NAME.log; sets $pid.
start() {
  local name="$1"
  shift
  "$@" >"$work/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  log "started $name (pid $pid)"
}

# Every /api/v1 call carries the admin token made below with `waveguard token create`.
api() { curl -sS --max-time 30 -H "Authorization: Bearer $token" "$@"; }

release_field() { api "http://127.0.0.1:$api_port/api/v1/releases/$release_id" | jq -r "$1"; }

# ---- build once, and run every process from a copy: a rebuild of the tree while this runs (by
# anyone) rewrites api/target/waveguard.jar in place, under JVMs still loading classes from it.
# A WAVEGUARD_JAR given by the caller is used as it is, without a build.
if [[ -z "${WAVEGUARD_JAR:-}" ]]; then
  "$wg" -h >/dev/null
fi
cp "${WAVEGUARD_JAR:-$root/api/target/waveguard.jar}" "$work/waveguard.jar"
export WAVEGUARD_JAR="$work/waveguard.jar"

# ---- PostgreSQL --------------------------------------------------------------------------------
pg_port="$(free_port)"
start postgres "$wg" dev-postgres --port "$pg_port"
wait_for_log "$work/postgres.log" "PostgreSQL ready" 120 "$pid"

# ---- Temporal ------------------------------------------------------------------------------------
if [[ -n "${TEMPORAL_ADDRESS:-}" ]]; then
  temporal_address="$TEMPORAL_ADDRESS"
  temporal_kind="external server at $temporal_address"
elif [[ "${E2E_TEMPORAL:-}" == cli ]]; then
  temporal_cli="$(command -v temporal || echo "$HOME/go/bin/temporal")"
  [[ -x "$temporal_cli" ]] || fail "E2E_TEMPORAL=cli but no temporal CLI on PATH or in ~/go/bin"
  temporal_port="$(free_port)"
  start temporal "$temporal_cli" server start-dev --headless --ip 127.0.0.1 \
    --port "$temporal_port" --http-port "$(free_port)" --metrics-port "$(free_port)" \
    --db-filename "$work/temporal.db" --log-level warn \
    --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal
  temporal_address="127.0.0.1:$temporal_port"
  temporal_kind="temporal server start-dev (SQLite) at $temporal_address"
  deadline=$((SECONDS + 60))
  until "$temporal_cli" operator cluster health --address "$temporal_address" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || fail "temporal server exited; see $work/temporal.log"
    ((SECONDS < deadline)) || fail "temporal server not healthy within 60 s"
    sleep 0.5
  done
else
  temporal_port="$(free_port)"
  start temporal "$wg" dev-temporal --port "$temporal_port"
  wait_for_log "$work/temporal.log" "Temporal test server ready" 60 "$pid"
  temporal_address="127.0.0.1:$temporal_port"
  temporal_kind="./waveguard dev-temporal (Java test server) at $temporal_address"
  # The test server never times out a task on a dead worker's sticky queue, so the workflow task
  # after the kill would wait forever; workers must not ask for one. WAVEGUARD_WORKER_STICKY=true
  # reproduces that.
  export WAVEGUARD_WORKER_STICKY="${WAVEGUARD_WORKER_STICKY:-false}"
fi
log "Temporal: $temporal_kind; worker sticky execution: ${WAVEGUARD_WORKER_STICKY:-true}"

# ---- Waveguard: API-only server and a separate worker, on the example configuration -------------
api_port="$(free_port)"
export TEMPORAL_ADDRESS="$temporal_address"
export WAVEGUARD_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/waveguard"
export WAVEGUARD_DB_USER=waveguard
export WAVEGUARD_PORT="$api_port"
export WAVEGUARD_ADMIN_PORT="$(free_port)"
# A queue of its own, so an external server's leftovers from earlier runs never meet this run.
export WAVEGUARD_TASK_QUEUE="e2e-$(date +%s)-$$"
# Enough simulated traffic that gates decide within a 3-second bake.
export WAVEGUARD_SIMULATED_REQUESTS_PER_MINUTE=600000
# 3-second bakes give a one-target wave 3 latency points, not the 20 of a ten-minute bake.
export WAVEGUARD_GATE_LATENCY_MIN_SAMPLES=3

"$wg" db migrate "$config" >"$work/migrate.log" 2>&1 || fail "db migrate failed; see $work/migrate.log"
log "schema migrated"
token="$("$wg" token create --name e2e-worker-kill --role admin "$config" 2>"$work/token.log")" ||
  fail "token create failed; see $work/token.log"
log "API token issued (e2e-worker-kill, admin)"

start server env WAVEGUARD_WORKER_ENABLED=false "$wg" server "$config"
server_pid="$pid"
deadline=$((SECONDS + 90))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$api_port/api/v1/releases")" == 200 ]]; do
  kill -0 "$server_pid" 2>/dev/null || fail "server exited; see $work/server.log"
  ((SECONDS < deadline)) || fail "API not up within 90 s"
  sleep 0.5
done
log "API up on :$api_port (no worker inside)"

start worker-1 "$wg" worker "$config"
worker_pid="$pid"
wait_for_log "$work/worker-1.log" "release worker polling" 90 "$worker_pid"

# ---- fleet and release -----------------------------------------------------------------------
service=checkout
tiers=(low low low low low low low low low low
  standard standard standard standard standard standard standard standard
  finance-critical finance-critical finance-critical finance-critical
  safety-critical safety-critical)
for i in "${!tiers[@]}"; do
  id="$(printf '%s-cell-%03d' "$service" $((i + 1)))"
  code="$(api -o /dev/null -w '%{http_code}' -X PUT "http://127.0.0.1:$api_port/api/v1/targets/$id" \
    -H 'Content-Type: application/json' \
    -d "{\"service\": \"$service\", \"segment\": \"eu\", \"tier\": \"${tiers[i]}\", \"size\": 1.0}")"
  [[ "$code" == 201 || "$code" == 200 ]] || fail "PUT target $id answered $code"
done
log "seeded ${#tiers[@]} targets over HTTP"

release_id="e2e-$(date +%s)"
# 24 targets in growing waves of 3 s bake each. The fleet has no release history, so a
# trust-weighted release would rightly hold before the standard tier (nothing vouches for it yet);
# this script is about surviving kill -9, so it uses the waves strategy, and the per-wave gate with
# fixed 3 s bakes (the sequential gate's entry bounds would make the run's length depend on
# telemetry; its own durability is covered by the workflow tests and recorded histories).
code="$(api -o "$work/start.json" -w '%{http_code}' -X POST "http://127.0.0.1:$api_port/api/v1/releases" \
  -H 'Content-Type: application/json' \
  -d "{\"releaseId\": \"$release_id\", \"service\": \"$service\", \"version\": \"1.4.0\",
       \"strategy\": \"waves\",
       \"policy\": {\"gateMode\": \"per-wave\", \"bakeSeconds\": 3, \"waveGrowthFactor\": 2,
                    \"minRequestsPerCohort\": 1000}}")"
[[ "$code" == 202 ]] || fail "start answered $code: $(cat "$work/start.json")"
log "started release $release_id"

# ---- kill -9 the worker while wave 2 bakes -----------------------------------------------------
deadline=$((SECONDS + 60))
until [[ "$(release_field '.waves[1].status // empty')" == BAKING ]]; do
  ((SECONDS < deadline)) || fail "wave 2 not BAKING within 60 s: $(release_field '.status')"
  sleep 0.2
done
kill -KILL "$worker_pid"
wait "$worker_pid" 2>/dev/null || true
log "wave 2 BAKING: killed worker-1 (pid $worker_pid) with SIGKILL"
sleep 5
log "after 5 s without a worker: $(release_field '"\(.status), wave \(.currentWave)/\(.waveCount), waiting for: \(.waitingFor)"')"

start worker-2 "$wg" worker "$config"
wait_for_log "$work/worker-2.log" "release worker polling" 90 "$pid"

# ---- the release must finish on the new worker --------------------------------------------------
deadline=$((SECONDS + completion_timeout))
status=""
while :; do
  status="$(release_field '.status')"
  case "$status" in
    COMPLETED) break ;;
    ROLLED_BACK | ABORTED | FAILED) fail "release ended $status: $(release_field '.outcomeReason')" ;;
  esac
  if ((SECONDS >= deadline)); then
    java -cp "$WAVEGUARD_JAR" "$root/infra/e2e/ShowHistory.java" \
      "$temporal_address" "release-$release_id" >"$work/history.txt" 2>&1 || true
    log "history at the stuck point (last 12 events; all in $work/history.txt):"
    tail -12 "$work/history.txt"
    fail "release still $status ${completion_timeout} s after the new worker started"
  fi
  sleep 1
done
log "release $release_id COMPLETED after the worker was killed and replaced"
java -cp "$WAVEGUARD_JAR" "$root/infra/e2e/ShowHistory.java" \
  "$temporal_address" "release-$release_id" >"$work/history.txt" 2>&1 || true

"$wg" verify-deployments "$config" "$release_id" 2>&1 | tee "$work/verify.log" |
  sed 's/^/    /' || true
grep -q "every target deployed exactly once" "$work/verify.log" ||
  fail "deploy counts are wrong; see $work/verify.log"

result=PASS

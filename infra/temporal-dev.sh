#!/usr/bin/env bash
# A local Temporal dev server for Waveguard, with its Web UI:   infra/temporal-dev.sh start|stop|status
#
#   start    runs `temporal server start-dev` in the background on loopback, with a persistent
#            SQLite file (releases survive a restart), every Waveguard search attribute registered
#            and the Web UI on :8233; returns once the server answers its health check
#   stop     stops it (SIGTERM, then SIGKILL after 20 s); the database file stays
#   status   says whether it runs, where, and where its Web UI and log are
#   path     prints the temporal CLI it uses (building it first when needed)
#
# The CLI: $WAVEGUARD_TEMPORAL_CLI, else `temporal` on PATH, else one built before into the cache
# folder or ~/go/bin. Where none is found and Go is present, it is built once into the cache folder
# with `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` (about 4 minutes; later tags
# cannot be go-installed).
#
# Knobs: TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233), WAVEGUARD_STATE_DIR (where the database,
# log and pid file live; default ~/.local/state/waveguard/temporal), WAVEGUARD_CACHE_DIR (where the
# CLI is built; default ~/.cache/waveguard), TEMPORAL_START_TIMEOUT (seconds, default 60).
set -euo pipefail

CLI_MODULE="github.com/temporalio/cli/cmd/temporal@v1.5.1"
# The same names and types as io.waveguard.workflows.release.ReleaseSearchAttributes
# (SearchAttributesScriptTest keeps the two lists equal).
SEARCH_ATTRIBUTES=(
  WaveguardService=Keyword
  WaveguardVersion=Keyword
  WaveguardStatus=Keyword
  WaveguardStrategy=Keyword
  WaveguardWave=Int
)

port="${TEMPORAL_PORT:-7233}"
ui_port="${TEMPORAL_UI_PORT:-8233}"
state="${WAVEGUARD_STATE_DIR:-$HOME/.local/state/waveguard/temporal}"
cache="${WAVEGUARD_CACHE_DIR:-$HOME/.cache/waveguard}"
pidfile="$state/temporal.pid"
logfile="$state/temporal.log"
address="127.0.0.1:$port"

say() { printf 'temporal-dev: %s\n' "$*"; }
die() { printf 'temporal-dev: %s\n' "$*" >&2; exit 1; }

# The CLI to use, building it when there is none and Go is present.
cli() {
  local candidate
  for candidate in "${WAVEGUARD_TEMPORAL_CLI:-}" "$(command -v temporal 2>/dev/null || true)" \
    "$cache/bin/temporal" "$HOME/go/bin/temporal"; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then
      echo "$candidate"
      return 0
    fi
  done
  if ! command -v go >/dev/null 2>&1; then
    die "no temporal CLI and no Go toolchain to build one. Install Go and run this again, or get the
temporal CLI (https://docs.temporal.io/cli) and put it on PATH or in WAVEGUARD_TEMPORAL_CLI."
  fi
  say "building the temporal CLI once into $cache/bin (go install $CLI_MODULE, a few minutes)" >&2
  mkdir -p "$cache/bin"
  GOBIN="$cache/bin" go install "$CLI_MODULE" >&2
  echo "$cache/bin/temporal"
}

running_pid() {
  local pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

healthy() {
  "$1" operator cluster health --address "$address" --command-timeout 2s 2>/dev/null | grep -q SERVING
}

start() {
  local temporal pid deadline args=()
  if pid="$(running_pid)"; then
    say "already running (pid $pid) on $address; Web UI http://127.0.0.1:$ui_port"
    return 0
  fi
  temporal="$(cli)"
  mkdir -p "$state"
  for attribute in "${SEARCH_ATTRIBUTES[@]}"; do
    args+=(--search-attribute "$attribute")
  done
  # setsid: the server outlives this script and a Ctrl-C in the terminal that started it.
  # SQLite with a write-ahead log: several times faster starts than its default rollback journal,
  # and still every committed transaction kept when the server is killed (docs/operations.md).
  setsid "$temporal" server start-dev \
    --ip 127.0.0.1 --port "$port" --ui-port "$ui_port" \
    --db-filename "$state/temporal.db" --log-level warn \
    --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
    "${args[@]}" >>"$logfile" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pidfile"
  deadline=$((SECONDS + ${TEMPORAL_START_TIMEOUT:-60}))
  until healthy "$temporal"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      tail -n 20 "$logfile" >&2 || true
      die "the server exited during start; its log: $logfile"
    fi
    ((SECONDS < deadline)) || die "not healthy within ${TEMPORAL_START_TIMEOUT:-60} s; log: $logfile"
    sleep 0.5
  done
  say "running (pid $pid) on $address, database $state/temporal.db"
  say "Web UI http://127.0.0.1:$ui_port/namespaces/default/workflows"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pidfile"
    say "not running"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 80); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  say "stopped (pid $pid); the database $state/temporal.db stays"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    say "running (pid $pid) on $address; Web UI http://127.0.0.1:$ui_port; log $logfile"
  else
    say "not running (start it with: infra/temporal-dev.sh start)"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  path) cli ;;
  *)
    echo "usage: infra/temporal-dev.sh start|stop|status|path" >&2
    exit 2
    ;;
esac

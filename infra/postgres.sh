#!/usr/bin/env bash
# A local PostgreSQL server for Waveguard:   infra/postgres.sh start|stop|status
#
#   start    initialises a cluster on first use, starts it on loopback only, and creates the
#            `waveguard` role and database that api/config/waveguard.yml expects
#            (jdbc:postgresql://localhost:5432/waveguard, user waveguard); waits until it accepts
#            connections
#   stop     stops it (fast shutdown); the data stays
#   status   says whether it runs and where
#
# The server comes from the OS packages (Debian/Ubuntu: `postgresql`); when it is missing and this
# runs as root with apt-get, it is installed. PostgreSQL refuses to run as root, so as root the
# server runs as the package's `postgres` user, with its data under /var/lib/waveguard/postgres.
#
# Authentication: with WAVEGUARD_DB_PASSWORD set, the role gets that password and TCP logins need
# it (scram-sha-256); without, loopback logins are trusted, which is for a developer's machine only.
#
# Knobs: PGPORT (5432), WAVEGUARD_STATE_DIR (default ~/.local/state/waveguard, or /var/lib/waveguard
# as root; the cluster lives in its postgres/ folder), WAVEGUARD_DB_NAME and WAVEGUARD_DB_USER
# (both waveguard).
set -euo pipefail

port="${PGPORT:-5432}"
db="${WAVEGUARD_DB_NAME:-waveguard}"
user="${WAVEGUARD_DB_USER:-waveguard}"
if ((EUID == 0)); then
  state="${WAVEGUARD_STATE_DIR:-/var/lib/waveguard}/postgres"
else
  state="${WAVEGUARD_STATE_DIR:-$HOME/.local/state/waveguard}/postgres"
fi
data="$state/data"
sockets="$state/run"
logfile="$state/postgres.log"

say() { printf 'postgres: %s\n' "$*"; }
die() { printf 'postgres: %s\n' "$*" >&2; exit 1; }

# The newest installed server's bin folder, installing the package where we may.
bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -z "$dir" ]] && command -v pg_ctl >/dev/null 2>&1; then
    dir="$(dirname "$(command -v pg_ctl)")"
  fi
  if [[ -z "$dir" ]]; then
    if ((EUID == 0)) && command -v apt-get >/dev/null 2>&1; then
      say "installing the postgresql package" >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    else
      die "no PostgreSQL server found. Install it (Debian/Ubuntu: sudo apt-get install postgresql)
or point api/config/waveguard.yml at a server (WAVEGUARD_DB_URL)."
    fi
  fi
  echo "$dir"
}

# Runs a server binary as the user that owns the cluster.
as_owner() {
  if ((EUID == 0)); then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

psql_admin() {
  as_owner "$bin/psql" -h "$sockets" -p "$port" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

init_cluster() {
  mkdir -p "$state" "$sockets"
  touch "$logfile"
  if ((EUID == 0)); then
    id postgres >/dev/null 2>&1 || die "no postgres OS user; install the postgresql package"
    chown postgres "$state" "$sockets" "$logfile"
  fi
  [[ -f "$data/PG_VERSION" ]] && return 0
  say "initialising a cluster in $data"
  local auth=trust
  [[ -n "${WAVEGUARD_DB_PASSWORD:-}" ]] && auth=scram-sha-256
  # Local socket logins stay trusted for the cluster's owner (this script), TCP per $auth.
  as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host="$auth" \
    -E UTF8 --locale=C.UTF-8 >>"$logfile" 2>&1 || die "initdb failed; see $logfile"
}

running() {
  as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

ensure_database() {
  local password_sql=""
  if [[ -n "${WAVEGUARD_DB_PASSWORD:-}" ]]; then
    password_sql=" PASSWORD '${WAVEGUARD_DB_PASSWORD//\'/\'\'}'"
  fi
  if [[ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != 1 ]]; then
    psql_admin -c "CREATE ROLE \"$user\" LOGIN$password_sql"
  elif [[ -n "$password_sql" ]]; then
    psql_admin -c "ALTER ROLE \"$user\"$password_sql"
  fi
  if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]]; then
    psql_admin -c "CREATE DATABASE \"$db\" OWNER \"$user\""
  fi
}

start() {
  init_cluster
  if running; then
    say "already running on 127.0.0.1:$port (data $data)"
  else
    as_owner "$bin/pg_ctl" -D "$data" -l "$logfile" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $sockets" start >/dev/null ||
      die "did not start; see $logfile"
    say "running on 127.0.0.1:$port (data $data, log $logfile)"
  fi
  ensure_database
  say "database $db, user $user: jdbc:postgresql://127.0.0.1:$port/$db"
}

stop() {
  if [[ ! -f "$data/PG_VERSION" ]] || ! running; then
    say "not running"
    return 0
  fi
  as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  say "stopped; the data stays in $data"
}

status() {
  if [[ -f "$data/PG_VERSION" ]] && running; then
    say "running on 127.0.0.1:$port (data $data, log $logfile)"
  else
    say "not running (start it with: infra/postgres.sh start)"
    return 3
  fi
}

case "${1:-}" in
  start | stop | status) bin="$(bindir)" && "$1" ;;
  *)
    echo "usage: infra/postgres.sh start|stop|status" >&2
    exit 2
    ;;
esac

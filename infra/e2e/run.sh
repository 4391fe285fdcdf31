#!/usr/bin/env bash
# Waveguard's end-to-end suite on real processes:   infra/e2e/run.sh [scenario ...]
#
# Scenarios (default: all, in this order): good-release worker-kill temporal-restart
# postgres-restart rollback operator-commands web-ui. Each prints one PASS or FAIL line with its
# time; the exit status is non-zero when any failed. docs/operations.md, "End-to-end suite", says
# what each proves.
#
# Runs a Temporal dev server (infra/temporal-dev.sh), a PostgreSQL server (infra/postgres.sh), the
# packaged jar as an API-only server and a worker, a webhook receiver and a telemetry pusher (both
# in infra/e2e/suite.py), all on free loopback ports, and stops every one of them at the end.
#
# Needs: a JDK 17+, python3, the temporal CLI (on PATH, WAVEGUARD_TEMPORAL_CLI, or built once with
# Go by infra/temporal-dev.sh), PostgreSQL server binaries (infra/postgres.sh installs them as
# root), chromium for the web-ui scenario.
#
# Knobs: E2E_OUT=DIR (logs, histories and the screenshot; default a new folder under $TMPDIR),
#        E2E_UPDATE_DOCS_SCREENSHOT=1 or --update-docs-screenshot (also write the Web UI
#        screenshot to docs/images/web-ui-release-history.png), WAVEGUARD_JAR (run this jar as it
#        is, no build).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if ! cli="$(infra/temporal-dev.sh path 2>/tmp/e2e-temporal-cli.$$)"; then
  echo "e2e: SKIP every scenario: the temporal CLI cannot be had here:" >&2
  sed 's/^/  /' "/tmp/e2e-temporal-cli.$$" >&2
  rm -f "/tmp/e2e-temporal-cli.$$"
  exit 0
fi
rm -f "/tmp/e2e-temporal-cli.$$"

if [[ -z "${WAVEGUARD_JAR:-}" ]]; then
  ./waveguard -h >/dev/null   # builds api/target/waveguard.jar when it is missing or stale
fi
jar="${WAVEGUARD_JAR:-$root/api/target/waveguard.jar}"

exec python3 "$root/infra/e2e/suite.py" --jar "$jar" --temporal-cli "$cli" "$@"

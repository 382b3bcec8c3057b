#!/usr/bin/env bash
# Second command of the README: set up and run the whole suite — lint, Django checks, unit and integration
# tests, then the browser journeys in Debian's Chromium with axe-core. Extra arguments go to pytest.
# Runs on SQLite by default; set DATABASE_URL=postgres://... to run it against PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev

chromium=${LOKET_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "==> Installing Debian's chromium for the browser tests"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

export DJANGO_SETTINGS_MODULE=portal.settings.test
py=.venv/bin/python
echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> Django checks"
$py manage.py check
$py manage.py makemigrations --check --dry-run

# Two phases: the unit and integration tests spread over the machine's cores (pytest-xdist, each worker with its
# own test database; `--dist load` keeps pytest-django's order, transactional tests last), then the browser
# journeys one at a time (each drives a server and a browser of its own). A caller's -m EXPR narrows both phases.
workers=${LOKET_TEST_WORKERS:-$(nproc)}
mark=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -m) mark="$2"; shift 2 ;;
    -m*) mark="${1#-m}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
ran=0
run_phase() {
  local status=0
  $py -m pytest "$@" "${args[@]}" || status=$?
  if [ "$status" -eq 0 ]; then
    ran=1
  elif [ "$status" -ne 5 ]; then  # 5: this phase collected nothing, e.g. only journeys were asked for
    exit "$status"
  fi
}
echo "==> pytest, unit and integration on $workers workers (database: ${DATABASE_URL:-SQLite})"
run_phase -n "$workers" --dist load -m "not e2e${mark:+ and ($mark)}"
echo "==> pytest, browser journeys (database: ${DATABASE_URL:-SQLite})"
run_phase -m "e2e${mark:+ and ($mark)}" --durations=15  # the slowest journeys: where the suite's time goes
if [ "$ran" -eq 0 ]; then
  echo "pytest collected no tests: that counts as a failure." >&2
  exit 1
fi

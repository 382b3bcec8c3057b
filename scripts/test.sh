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

echo "==> pytest (database: ${DATABASE_URL:-SQLite})"
status=0
$py -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that counts as a failure." >&2
  exit 1
fi
exit "$status"

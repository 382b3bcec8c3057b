#!/usr/bin/env bash
# First command of the README: set up, load the demo municipality and serve it at http://127.0.0.1:8000
# on SQLite with the database task worker and the scheduler beside it. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-portal.settings.dev}
py=.venv/bin/python
$py manage.py migrate --no-input
$py manage.py demo

# The three process kinds of production: the task worker, the scheduler of periodic jobs, and the web server.
$py manage.py db_worker &
worker=$!
$py manage.py scheduler &
scheduler=$!
trap 'kill "$worker" "$scheduler" 2>/dev/null || true; wait "$worker" "$scheduler" 2>/dev/null || true' EXIT INT TERM

echo "==> Loket runs at http://127.0.0.1:8000 (editors: http://127.0.0.1:8000/cms/). Ctrl-C stops it."
$py manage.py runserver 127.0.0.1:8000

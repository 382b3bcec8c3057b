#!/usr/bin/env bash
# Back up the database (pg_dump custom format, or SQLite's online backup) and the public and private media,
# with a manifest of checksums, row counts and file hashes: bash scripts/backup.sh backups/$(date +%Y%m%d-%H%M)
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-portal.settings.dev}
exec .venv/bin/python manage.py backup "$@"

#!/usr/bin/env bash
# Restore a backup into an empty database and empty media folders (the same DATABASE_URL and LOKET_VAR_DIR,
# MEDIA_ROOT, PRIVATE_MEDIA_ROOT the portal uses), checked against its manifest: bash scripts/restore.sh backups/<folder>
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-portal.settings.dev}
exec .venv/bin/python manage.py restore "$@"

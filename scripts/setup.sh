#!/usr/bin/env bash
# Creates .venv and installs the pinned requirements (runtime, or runtime + dev with "dev").
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
requirements=requirements.txt
[ "${1:-}" = "dev" ] && requirements=requirements-dev.txt

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating .venv"
  "$python" -m venv .venv
fi
# Reinstall only when the requirements changed since the last successful install.
stamp=".venv/.installed-$(basename "$requirements" .txt)"
if [ ! -f "$stamp" ] || [ "$requirements" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  echo "==> Installing $requirements"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$requirements"
  touch "$stamp"
fi

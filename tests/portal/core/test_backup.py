"""A backup restores: the demo municipality plus uploaded files, backed up with scripts/backup.sh, wiped, and
restored with scripts/restore.sh into a fresh database and folders, comes back with every table's rows and every
file's hash. A damaged backup and a target that is not empty are refused before anything changes."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from portal.core.backup import folder_hashes

ROOT = Path(__file__).resolve().parents[3]
DATABASE = "loket_backup_test"


def _fresh_postgres(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    return urlunsplit(urlsplit(url)._replace(path=f"/{DATABASE}"))


def _run(env, *command, ok=True) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert (done.returncode == 0) == ok, done.stdout + done.stderr
    return done


def _rows(env) -> dict:
    script = "import json; from portal.core.backup import table_rows; print(json.dumps(table_rows()))"
    return json.loads(_run(env, sys.executable, "manage.py", "shell", "-c", script).stdout.strip().splitlines()[-1])


def test_backup_wipe_restore_gives_back_every_row_and_file(tmp_path):
    var = tmp_path / "var"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DEBUG": "false", "LOKET_VAR_DIR": str(var)}
    database_url = os.environ.get("DATABASE_URL", "")
    env["DATABASE_URL"] = _fresh_postgres(database_url) if database_url.startswith("postgres") else ""
    if not env["DATABASE_URL"]:
        del env["DATABASE_URL"]  # the embedded default: a SQLite file in the var folder
    for command in (["migrate", "--no-input"], ["demo"]):
        _run(env, sys.executable, "manage.py", *command)
    (var / "private" / "cases").mkdir(parents=True)
    (var / "private" / "cases" / "loonstrook.pdf").write_bytes(b"%PDF-1.4 " + os.urandom(50_000))
    (var / "media" / "images").mkdir(parents=True, exist_ok=True)
    (var / "media" / "images" / "stadhuis.jpg").write_bytes(os.urandom(20_000))
    rows, files = _rows(env), {name: folder_hashes(var / name) for name in ("media", "private")}
    assert rows["portal_auth_user"] > 0 and rows["wagtailcore_page"] > 0 and files["private"]

    backup = tmp_path / "backup"
    made = _run(env, "bash", "scripts/backup.sh", str(backup))
    assert "backup in" in made.stdout
    refused = _run(env, "bash", "scripts/restore.sh", str(backup), ok=False)
    assert "not empty" in refused.stderr, "restoring over live data is refused"

    damaged = tmp_path / "damaged"
    shutil.copytree(backup, damaged)
    archive = damaged / "private.tar.gz"
    archive.write_bytes(archive.read_bytes()[:-10] + b"0123456789")
    assert "damaged" in _run(env, "bash", "scripts/restore.sh", str(damaged), ok=False).stderr

    shutil.rmtree(var)  # the wipe: database file or schema, uploads, media
    if "DATABASE_URL" in env:
        env["DATABASE_URL"] = _fresh_postgres(database_url)
    restored = _run(env, "bash", "scripts/restore.sh", str(backup))
    assert "restored from" in restored.stdout, restored.stdout + restored.stderr
    assert _rows(env) == rows
    assert {name: folder_hashes(var / name) for name in ("media", "private")} == files

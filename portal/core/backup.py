"""Backup and restore of everything Loket keeps: the database (pg_dump's custom format on PostgreSQL, SQLite's
online backup on the embedded default) and the public and private media folders, with a manifest of SHA-256
checksums, the row count of every table and the hash of every file. A restore goes only into an empty database
and empty folders, checks the archive's checksums first, and afterwards checks rows and files against the
manifest, so "restored" means the same data came back."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


class RestoreRefused(Exception):
    """The backup is damaged or the target is not empty (nothing was changed), or what came back does not match
    the backup (the target then holds an incomplete restore: wipe it and try again)."""


@dataclass
class Summary:
    rows: int
    files: int
    seconds: float


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _libpq_env() -> dict:
    """The connection as libpq's environment variables: no password on a command line."""
    db = settings.DATABASES["default"]
    values = {"PGHOST": db.get("HOST"), "PGPORT": db.get("PORT"), "PGUSER": db.get("USER")}
    values |= {"PGPASSWORD": db.get("PASSWORD"), "PGDATABASE": db["NAME"]}
    return os.environ | {key: str(value) for key, value in values.items() if value}


def table_rows() -> dict[str, int]:
    """Every table's row count: what a restore must give back."""
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            # Names come from the database's own catalogue, quoted: no input reaches this query.
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def folder_hashes(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {str(path.relative_to(folder)): _sha256(path) for path in sorted(folder.rglob("*")) if path.is_file()}


def backup(target: Path) -> Summary:
    began = time.monotonic()
    target.mkdir(parents=True, exist_ok=False)
    if _is_postgres():
        database_file = "database.dump"
        subprocess.run(  # noqa: S603 - PostgreSQL's own tools, from PATH like psql; arguments are ours
            [  # noqa: S607
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target / database_file}",
            ],
            env=_libpq_env(),
            check=True,
        )
    else:
        database_file = "database.sqlite3"
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target / database_file)
        with copy:
            source.backup(copy)  # consistent even while the portal writes
        source.close()
        copy.close()
    rows = table_rows()
    files = {}
    for name, setting in FOLDERS.items():
        folder = Path(getattr(settings, setting))
        files[name] = folder_hashes(folder)
        with tarfile.open(target / f"{name}.tar.gz", "w:gz") as archive:
            if folder.exists():
                archive.add(folder, arcname=".")
    parts = [database_file, *(f"{name}.tar.gz" for name in FOLDERS)]
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": {"vendor": connection.vendor, "file": database_file, "rows": rows},
        "files": files,
        "checksums": {part: _sha256(target / part) for part in parts},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return Summary(rows=sum(rows.values()), files=sum(map(len, files.values())), seconds=time.monotonic() - began)


def _manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise RestoreRefused(f"no readable {MANIFEST} in {source}") from error
    for part, expected in manifest["checksums"].items():
        if not (source / part).is_file() or _sha256(source / part) != expected:
            raise RestoreRefused(f"{part} is missing or damaged (its checksum differs)")
    if manifest["database"]["vendor"] != connection.vendor:
        raise RestoreRefused(f"a {manifest['database']['vendor']} backup cannot go into {connection.vendor}")
    return manifest


def _check_empty() -> None:
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise RestoreRefused("the database is not empty: restore into a fresh database")
    for setting in FOLDERS.values():
        folder = Path(getattr(settings, setting))
        if folder.exists() and any(folder.iterdir()):
            raise RestoreRefused(f"{folder} is not empty: restore into fresh folders")


def restore(source: Path) -> Summary:
    began = time.monotonic()
    manifest = _manifest(source)
    if not _is_postgres():
        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _check_empty()
    database_file = source / manifest["database"]["file"]
    if _is_postgres():
        subprocess.run(  # noqa: S603 - as for pg_dump
            [  # noqa: S607
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--dbname",
                _libpq_env()["PGDATABASE"],
                str(database_file),
            ],
            env=_libpq_env(),
            check=True,
        )
    else:
        connection.close()
        target = Path(settings.DATABASES["default"]["NAME"])
        for leftover in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
            leftover.unlink(missing_ok=True)  # of the empty database just looked at; never mix with the copy
        shutil.copyfile(database_file, target)
    for name, setting in FOLDERS.items():
        folder = Path(getattr(settings, setting))
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / f"{name}.tar.gz") as archive:
            archive.extractall(folder, filter="data")
    rows = table_rows()
    if rows != manifest["database"]["rows"]:
        differ = sorted(
            t
            for t in rows.keys() | manifest["database"]["rows"].keys()
            if rows.get(t) != manifest["database"]["rows"].get(t)
        )
        raise RestoreRefused(f"the restore does not match the backup: rows differ in {', '.join(differ[:5])}")
    for name, setting in FOLDERS.items():
        if folder_hashes(Path(getattr(settings, setting))) != manifest["files"][name]:
            raise RestoreRefused(f"the restore does not match the backup: {name} files differ")
    return Summary(
        rows=sum(rows.values()), files=sum(map(len, manifest["files"].values())), seconds=time.monotonic() - began
    )

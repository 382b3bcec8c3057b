"""Replaying what a data loader did to the test database, instead of doing it again.

Loading the demo municipality (`manage.py demo`) takes some 3,000 queries — seconds — and hundreds of tests start
from it. The first load in a test process is real. What the database holds after it, every table's rows, is kept,
and a later test that asks for the same loader, on a database in exactly the same state, at the same moment (the
frozen clock's instant, or else the same hour), gets those rows written back. It sees what the loader would have
made; when anything differs (a fixture added rows first, another day), the loader runs for real.

Sequences are never rewound: on PostgreSQL they only go up, so a test's own rows never take a replayed row's id;
SQLite moves its AUTOINCREMENT counter past every id written.
"""

import hashlib
from collections.abc import Callable

from django.apps import apps
from django.db import connection
from django.utils import timezone
from freezegun.api import FakeDatetime

_kept: dict[tuple, dict[str, object]] = {}


def replay(name: str, load: Callable[[], object]) -> None:
    """Run `load`, or write back what it made the last time it started from this state at this moment."""
    tables = _tables()
    before = {table: _rows(table) for table in tables}
    key = (name, _moment(), _digest(before))
    if key in _kept:
        _write_back(_kept[key], before)
        return
    load()
    _kept[key] = {table: _rows(table) for table in tables}


def _moment() -> str:
    now = timezone.now()
    # A frozen clock (freezegun) may stand anywhere; the real one moves on while the run lasts.
    return now.isoformat() if type(now) is FakeDatetime else now.strftime("%Y-%m-%dT%H")


def _tables() -> list[str]:
    existing = set(connection.introspection.table_names())
    if connection.vendor == "sqlite":  # full-text tables are filled by triggers on the tables they index
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
            existing -= {name for (name,) in cursor.fetchall()}
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy and model._meta.db_table in existing
        }
    )


def _quoted(table: str) -> str:
    return connection.ops.quote_name(table)


def _rows(table: str):
    """A table's rows in a form that writes back exactly: COPY text on PostgreSQL, Python values on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {_quoted(table)} TO STDOUT") as copy:
                return b"".join(bytes(block) for block in copy)
        columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
        # ifnull(x, NULL) is x, as stored: an expression has no declared type for sqlite3 to convert it by.
        values = ", ".join(f"ifnull({connection.ops.quote_name(column)}, NULL)" for column in columns)
        cursor.execute(f"SELECT {values} FROM {_quoted(table)}")
        return tuple(columns), cursor.fetchall()


def _digest(rows_by_table: dict) -> str:
    digest = hashlib.sha256()
    for table, rows in rows_by_table.items():
        lines = sorted(rows.splitlines()) if isinstance(rows, bytes) else sorted(map(repr, rows[1]))
        digest.update(repr((table, lines)).encode())
    return digest.hexdigest()


def _write_back(kept: dict, before: dict) -> None:
    """Every table whose rows differ from what was kept: emptied, then filled with the kept rows."""
    changed = [table for table, rows in kept.items() if rows != before[table]]
    with connection.cursor() as cursor:
        for table in changed:
            cursor.execute(f"DELETE FROM {_quoted(table)}")
        for table in changed:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {_quoted(table)} FROM STDIN") as copy:
                    copy.write(kept[table])
                continue
            columns, rows = kept[table]
            if rows:
                names = ", ".join(map(connection.ops.quote_name, columns))
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {_quoted(table)} ({names}) VALUES ({marks})", rows)

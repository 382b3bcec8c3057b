"""The test suite's replay of the demo (tests/snapshot.py) gives a test the very rows the command makes."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from tests import snapshot
from tests.factories.users import EditorFactory


def _everything() -> dict:
    rows = {table: snapshot._rows(table) for table in snapshot._tables()}
    return {table: sorted(kept.splitlines() if isinstance(kept, bytes) else kept[1]) for table, kept in rows.items()}


def _demo() -> None:
    call_command("demo", stdout=io.StringIO())


def _must_not_load() -> None:
    pytest.fail("the loader ran, although the same state was loaded before")


def _in_savepoint(action):
    with transaction.atomic():
        action()
        state = _everything()
        transaction.set_rollback(True)
    return state


def test_a_written_back_demo_holds_exactly_the_rows_the_command_made(db):
    loaded = _in_savepoint(lambda: snapshot.replay("demo, checked", _demo))
    written_back = _in_savepoint(lambda: snapshot.replay("demo, checked", _must_not_load))
    assert written_back == loaded
    assert len(loaded["wagtailcore_page"]) > 10 and loaded["portal_auth_user"]


def test_a_database_that_holds_something_else_gets_the_real_loader(db):
    calls = []
    _in_savepoint(lambda: snapshot.replay("counted", lambda: calls.append("load")))
    _in_savepoint(lambda: snapshot.replay("counted", lambda: calls.append("load")))
    assert calls == ["load"]

    def after_a_new_user():
        EditorFactory()
        snapshot.replay("counted", lambda: calls.append("load"))

    _in_savepoint(after_a_new_user)
    assert calls == ["load", "load"]

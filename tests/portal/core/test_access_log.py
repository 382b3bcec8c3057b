"""The access log is append-only: the app cannot change or delete an entry, PostgreSQL refuses it too, and only
entries past their term are purged."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from portal.core.models import ACCESS_LOG_YEARS, AccessLogEntry, AppendOnly, audit
from tests.factories.cases import make_resident
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    resident = make_resident()
    audit(user=UserFactory(is_staff=True), action="view_resident", obj=resident, subject=resident, team="Burgerzaken")
    return AccessLogEntry.objects.get()


def _age(entry, *, days: int) -> None:
    """Backdates an entry as only a migration could (the app refuses, so does PostgreSQL's trigger: disabled)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending when the table is altered
            cursor.execute("ALTER TABLE core_accesslogentry DISABLE TRIGGER core_access_log_append_only")
        cursor.execute(
            "UPDATE core_accesslogentry SET at = %s WHERE id = %s", [timezone.now() - timedelta(days=days), entry.pk]
        )
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_accesslogentry ENABLE TRIGGER core_access_log_append_only")


def test_the_app_cannot_change_or_delete_an_entry(entry):
    entry.context = "niets aan de hand"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AccessLogEntry.objects.filter(pk=entry.pk).update(context="weg")
    with pytest.raises(AppendOnly):
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.get().context == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_a_change_or_early_delete_by_sql(entry):
    for sql in (
        "UPDATE core_accesslogentry SET context = 'weg'",
        "UPDATE core_accesslogentry SET team = ''",
        "DELETE FROM core_accesslogentry",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AccessLogEntry.objects.count() == 1


def test_deleting_a_staff_account_keeps_its_entries_without_the_name(entry):
    staff = entry.user
    staff.delete()
    kept = AccessLogEntry.objects.get()
    assert kept.user is None and kept.action == "view_resident" and kept.team == "Burgerzaken"


def test_only_entries_past_their_term_are_purged_and_a_rerun_does_nothing(entry):
    old = make_resident()
    audit(user=None, action="view_resident", obj=old, subject=old)
    past = AccessLogEntry.objects.exclude(pk=entry.pk).get()
    _age(past, days=366 * ACCESS_LOG_YEARS + 1)
    _age(entry, days=365 * ACCESS_LOG_YEARS - 30)
    call_command("access_log_purge", verbosity=0)
    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == [entry.pk]
    assert AccessLogEntry.objects.purge_expired() == 0

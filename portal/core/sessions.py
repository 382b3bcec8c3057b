"""The database session store with its two per-request statements prepared.

Every request of a logged-in resident loads the session and, when it changed (each wizard step), writes it back.
Django's store builds and compiles both statements as querysets each time (≈ 0.3 ms of Python); this store reads
through a prepared query (portal/core/prepared.py) and updates with one plain statement. Creating, deleting and
key rotation stay Django's own; the stored rows are the same, so switching `SESSION_ENGINE` back and forth keeps
everyone logged in.
"""

from datetime import datetime

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone

from portal.core.prepared import prepared


@prepared(session_key=str, now=datetime)
def _live_session(session_key, now):
    return Session.objects.filter(session_key=session_key, expire_date__gt=now)[:1]


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        rows = _live_session(session_key=self.session_key, now=timezone.now(), using=router.db_for_read(Session))
        if not rows:
            self._session_key = None
            return None
        return rows[0]

    def save(self, must_create=False):
        if self.session_key is None or must_create:
            return super().save(must_create=must_create)
        data = self._get_session(no_load=False)
        connection = connections[router.db_for_write(Session)]
        table = connection.ops.quote_name(Session._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET session_data = %s, expire_date = %s WHERE session_key = %s",  # noqa: S608
                [
                    self.encode(data),
                    connection.ops.adapt_datetimefield_value(self.get_expiry_date()),
                    self.session_key,
                ],
            )
            if cursor.rowcount != 1:
                raise UpdateError  # the session was deleted meanwhile (logged out elsewhere): as Django's store

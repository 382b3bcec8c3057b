"""The session store with prepared statements behaves as Django's database store: a resident stays logged in across
requests, an expired or deleted session logs nobody in, and rows written by either store are read by the other."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends import db as django_db_store
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.utils import timezone

from auth.backends import DigiDBackend
from auth.services import resident_get_or_create
from portal.core.sessions import SessionStore
from tests.helpers import login_resident

pytestmark = pytest.mark.django_db


def test_saved_data_is_read_back_by_a_new_store_and_by_djangos_own():
    store = SessionStore()
    store["answer"] = {"step": "twee", "values": [1, 2]}
    store.save()
    store["answer"] = {"step": "drie"}
    store.save()  # an update, the per-request path
    assert SessionStore(store.session_key)["answer"] == {"step": "drie"}
    assert django_db_store.SessionStore(store.session_key)["answer"] == {"step": "drie"}
    assert Session.objects.count() == 1


def test_a_session_written_by_djangos_store_is_read():
    theirs = django_db_store.SessionStore()
    theirs["x"] = "y"
    theirs.save()
    assert SessionStore(theirs.session_key)["x"] == "y"


def test_an_expired_session_is_not_loaded_and_gets_a_new_key():
    store = SessionStore()
    store["x"] = "secret"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    again = SessionStore(store.session_key)
    assert "x" not in again
    assert again.session_key is None


def test_an_unknown_key_loads_nothing():
    assert dict(SessionStore("x" * 32).items()) == {}


def test_saving_a_session_deleted_meanwhile_is_refused_not_recreated():
    """Logged out in another tab while this request ran: Django answers with SessionInterrupted (400)."""
    store = SessionStore()
    store["x"] = 1
    store.save()
    Session.objects.all().delete()
    store["x"] = 2
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.exists()


def test_the_expiry_is_moved_on_each_save():
    store = SessionStore()
    store.set_expiry(60)
    store.save()
    store.set_expiry(3600)
    store.save()
    expires = Session.objects.get().expire_date
    assert timedelta(minutes=59) < expires - timezone.now() <= timedelta(hours=1)


def test_the_login_backend_finds_active_residents_only():
    resident = resident_get_or_create(bsn="999990019")
    backend = DigiDBackend()
    assert backend.get_user(resident.pk) == resident
    assert backend.get_user(resident.pk + 1000) is None
    resident.is_active = False
    resident.save(update_fields=["is_active"])
    assert backend.get_user(resident.pk) is None


def test_a_logged_in_resident_stays_logged_in_through_the_site(client):
    resident = resident_get_or_create(bsn="999990019")
    login_resident(client, resident)
    for _ in range(2):
        response = client.get("/mijn/")
        assert response.status_code == 200
        assert response.wsgi_request.user == resident
    client.post("/uitloggen/")
    assert client.get("/mijn/").status_code == 302

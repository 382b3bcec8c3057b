import logging

from auth.services import resident_get_or_create
from portal.registries.stand_in.models import Person
from tests.helpers import login_resident

JAN = "999900006"


def test_a_resident_sees_what_the_brp_holds(client, registries):
    login_resident(client, resident_get_or_create(bsn=JAN))
    page = client.get("/mijn/gegevens/")
    html = page.content.decode()
    jan = Person.objects.get(bsn=JAN)
    assert page.status_code == 200
    assert "Jan Willem de Vries" in html
    assert jan.address.street in html
    assert "Maria Bakker" in html
    assert JAN not in html, "the BSN is not shown"
    assert "no-store" in page["Cache-Control"]


def test_registry_down_shows_the_fallback_and_logs_which_registry(client, registries, caplog):
    caplog.set_level(logging.WARNING)
    registries.failures["/registries/brp/"] = "timeout"
    login_resident(client, resident_get_or_create(bsn=JAN))
    page = client.get("/mijn/gegevens/")
    assert page.status_code == 200
    assert "We kunnen uw gegevens nu niet ophalen" in page.content.decode()
    assert any(getattr(record, "registry", "") == "brp" for record in caplog.records)
    assert JAN not in caplog.text


def test_someone_unknown_to_the_brp_is_told_so(client, registries):
    login_resident(client, resident_get_or_create(bsn="999900511"))
    assert "We vinden u niet" in client.get("/mijn/gegevens/").content.decode()


def test_anonymous_visitors_are_asked_to_log_in(client, db):
    response = client.get("/mijn/gegevens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")

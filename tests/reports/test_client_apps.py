"""Open311 apps in the admin: registered with a key shown once, a leaked key replaced, an app switched off."""

import pytest
from django.urls import reverse

from auth import roles
from portal.core.models import AccessLogEntry
from portal.reports.models import ClientApp, Report
from tests.reports.conftest import staff_member

LIST = reverse("reports_apps:list")


def _send(client, key):
    data = {"api_key": key, "service_code": "lantaarnpaal", "lat": "52.0925", "long": "5.1225", "description": "Kapot"}
    return client.post(reverse("open311_requests", kwargs={"fmt": "json"}), data)


def _key(page: str) -> str:
    return page.split('id="app-key"')[1].split('value="')[1].split('"')[0]


@pytest.fixture
def manager(client, team):
    return staff_member(client, teams=[team], role=roles.REPORT_MANAGER)


def test_a_manager_registers_an_app_and_sees_its_key_once(client, categories, manager, django_assert_max_num_queries):
    response = client.post(LIST, {"name": "  BuitenBeter "})
    key = _key(response.content.decode())
    assert response.status_code == 200 and "no-store" in response["Cache-Control"] and len(key) >= 40
    app = ClientApp.objects.get()
    assert app.name == "BuitenBeter" and key not in app.key_digest
    assert _send(client.__class__(), key).status_code == 201
    client.get(LIST)
    with django_assert_max_num_queries(17):
        page = client.get(LIST).content.decode()
    assert "BuitenBeter" in page and key not in page and "<td>1</td>" in page  # one report sent with it
    assert AccessLogEntry.objects.filter(object_type="clientapp", context="open311 app created").count() == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Geef de app een naam"),
        ("   ", "Geef de app een naam"),
        ("x" * 101, "hoogstens 100"),
        ("Bestaat", "bestaat al"),
    ],
)
def test_a_bad_name_is_refused_beside_the_field_and_nothing_is_made(client, manager, name, message):
    ClientApp.objects.create(name="Bestaat", key_digest="0" * 64)
    response = client.post(LIST, {"name": name})
    page = response.content.decode()
    assert response.status_code == 400 and message in page and 'id="app-key"' not in page
    assert ClientApp.objects.count() == 1


def test_a_new_key_replaces_the_old_one_at_once_and_an_app_switched_off_is_refused(client, categories, manager):
    old = _key(client.post(LIST, {"name": "BuitenBeter"}).content.decode())
    app = ClientApp.objects.get()
    response = client.post(reverse("reports_apps:new_key", kwargs={"pk": app.pk}))
    new = _key(response.content.decode())
    anyone = client.__class__()
    assert new != old and _send(anyone, old).status_code == 403 and _send(anyone, new).status_code == 201
    assert client.post(reverse("reports_apps:switch", kwargs={"pk": app.pk})).url == LIST
    assert "geen meldingen meer" in client.get(LIST).content.decode()
    assert _send(anyone, new).status_code == 403
    client.post(reverse("reports_apps:switch", kwargs={"pk": app.pk}))
    assert _send(anyone, new).status_code == 201 and Report.objects.count() == 2


def test_only_who_keeps_the_apps_may_touch_them(client, team):
    app = ClientApp.objects.create(name="BuitenBeter", key_digest="0" * 64)
    staff_member(client, teams=[team])  # handles reports, does not keep apps: back to the dashboard
    assert client.get(LIST).url == "/cms/"
    assert client.post(reverse("reports_apps:new_key", kwargs={"pk": app.pk})).url == "/cms/"
    assert ClientApp.objects.get().key_digest == "0" * 64
    staff_member(client, teams=[team], role=roles.REPORT_MANAGER)
    assert client.get(reverse("reports_apps:new_key", kwargs={"pk": app.pk})).status_code == 405
    assert client.post(reverse("reports_apps:switch", kwargs={"pk": 999999})).status_code == 404
    client.logout()
    assert "/cms/login/" in client.get(LIST).url

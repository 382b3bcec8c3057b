import base64
import re

import pytest
from django.core.cache import cache
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from tests.factories.users import EditorFactory

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _fresh_axes(db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    cache.clear()


def _password_login(client, username, password=PASSWORD):
    return client.post("/cms/login/", {"username": username, "password": password})


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_first_login_leads_to_setting_up_the_second_factor(client, db):
    editor = EditorFactory()
    assert _password_login(client, editor.username).status_code == 302
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cms/tweede-stap/instellen/")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    secret = re.search(r"data-totp-secret>([A-Z2-7 ]+)<", html).group(1).replace(" ", "")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert base64.b32decode(secret) == device.bin_key

    with freeze_time() as clock:
        wrong = client.post(response["Location"], {"token": "000000" if _code(device) != "000000" else "111111"})
        assert wrong.status_code == 400
        assert "Deze code klopt niet" in wrong.content.decode()
        assert client.get("/cms/").status_code == 302
        clock.tick(5)  # past the throttle delay that the wrong code started
        right = client.post(response["Location"], {"token": _code(device)})
    assert right.status_code == 302
    assert right["Location"] == "/cms/"
    assert client.get("/cms/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_later_logins_ask_for_a_code(client, db):
    editor = EditorFactory()
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    _password_login(client, editor.username)
    response = client.get("/cms/pages/")
    assert response["Location"] == "/cms/tweede-stap/?next=%2Fcms%2Fpages%2F"
    assert client.post(response["Location"], {"token": "12345a"}).status_code == 400
    done = client.post(response["Location"], {"token": _code(device)})
    assert done["Location"] == "/cms/pages/"
    assert client.get("/cms/pages/").status_code == 200


def test_the_code_page_never_redirects_outside_the_editor(client, db):
    editor = EditorFactory()
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    _password_login(client, editor.username)
    done = client.post("/cms/tweede-stap/?next=https://evil.example/", {"token": _code(device)})
    assert done["Location"] == "/cms/"


def test_repeated_wrong_codes_are_throttled(client, db):
    editor = EditorFactory()
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    _password_login(client, editor.username)
    for _ in range(3):
        client.post("/cms/tweede-stap/", {"token": "000001"})
    # Even the right code waits until the throttle delay has passed.
    assert client.post("/cms/tweede-stap/", {"token": _code(device)}).status_code == 400


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, db):
    editor = EditorFactory()
    for _ in range(5):
        assert _password_login(client, editor.username, "wrong-password").status_code in (200, 429)
    response = _password_login(client, editor.username)
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()


def test_failed_digid_callbacks_do_not_lock_anyone_out(client, db):
    from axes.models import AccessAttempt

    for _ in range(8):
        client.get("/inloggen/digid/terug/", {"code": "x", "state": "y"})
    assert not AccessAttempt.objects.exists()


def test_a_verified_editor_reaches_the_editor(editor_client):
    assert editor_client.get("/cms/").status_code == 200

from django.http import HttpResponse
from django.urls import path
from freezegun import freeze_time

from auth import loa
from auth.decorators import resident_required
from portal import urls as portal_urls
from tests.auth.conftest import login_at_idp, start_login


@resident_required(loa_at_least=loa.SUBSTANTIEEL)
def sensitive(request):
    return HttpResponse("gevoelige gegevens")


urlpatterns = [
    path("gevoelig/", sensitive),
    *portal_urls.urlpatterns,
]  # as they are: i18n_patterns are not for include()


def test_a_too_low_level_leads_to_step_up_with_an_explanation(client, idp, settings):
    settings.ROOT_URLCONF = "tests.auth.test_session_and_level"
    client.get(login_at_idp(client, start_login(client), acr=loa.BASIS))
    response = client.get("/gevoelig/")
    assert response.status_code == 302
    assert "niveau=" + loa.SUBSTANTIEEL.replace(":", "%3A") in response["Location"]
    explanation = client.get(response["Location"]).content.decode()
    assert "opnieuw inloggen" in explanation
    assert "DigiD Substantieel" in explanation

    authorize = start_login(client, "/gevoelig/", niveau=loa.SUBSTANTIEEL)
    assert "acr_values=" in authorize
    # The stand-in's session (Basis) is not enough: it asks again, at least at Substantieel.
    idp_login = client.get(authorize)["Location"]
    assert idp_login.startswith("/test-idp/inloggen/")
    too_low = client.post(idp_login, {"bsn": "999900006", "acr": loa.BASIS})
    assert too_low.status_code == 400
    assert "minstens" in too_low.content.decode()
    client.get(login_at_idp(client, authorize, acr=loa.SUBSTANTIEEL))
    assert client.get("/gevoelig/").content == b"gevoelige gegevens"


def test_fifteen_idle_minutes_end_the_session(client, log_in):
    with freeze_time("2026-11-23 10:00:00") as clock:
        log_in()
        clock.tick(14 * 60)
        assert client.get("/mijn/").status_code == 200  # activity: the clock starts again
        clock.tick(14 * 60)
        assert client.get("/mijn/").status_code == 200
        clock.tick(15 * 60 + 1)
        response = client.get("/mijn/")
        assert response.status_code == 302
        assert response["Location"].startswith("/sessie/verlopen/")
        assert "_auth_user_id" not in client.session
        assert "automatisch uitgelogd" in client.get(response["Location"]).content.decode()


def test_eight_hours_is_the_most_even_when_active(client, log_in):
    with freeze_time("2026-11-23 08:00:00") as clock:
        log_in()
        for _ in range(8 * 6 + 1):  # the last request comes 8 h 10 min after the login
            clock.tick(10 * 60)
            response = client.get("/mijn/")
        assert response.status_code == 302
        assert response["Location"].startswith("/sessie/verlopen/")


def test_the_keep_alive_answers_whether_the_session_lives(client, log_in):
    assert client.post("/sessie/verlengen/").json() == {"authenticated": False}
    log_in()
    assert client.post("/sessie/verlengen/").json() == {"authenticated": True}
    assert client.get("/sessie/verlengen/").status_code == 405


def test_the_warning_dialog_is_on_every_page_for_a_resident_only(client, log_in):
    assert b"session-timeout-dialog" not in client.get("/inloggen/").content
    log_in()
    page = client.get("/mijn/").content.decode()
    assert 'id="session-timeout-dialog"' in page
    assert 'data-session-idle-seconds="900"' in page

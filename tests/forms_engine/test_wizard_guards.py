"""What a form must survive: tampering, another resident's draft, a form changed halfway, a registry that is
down, the daily limit, too low a DigiD level, and no login at all where the form allows it."""

import logging

import pytest

from auth import loa
from auth.services import resident_get_or_create
from forms_engine.models import Draft, Submission
from tests import testserver
from tests.factories.cases import make_resident
from tests.factories.forms import make_form
from tests.forms_engine.helpers import FormSession, date_parts, flatten
from tests.forms_engine.test_wizard import _new_address, _step_one
from tests.helpers import login_resident


@pytest.fixture
def registries(monkeypatch):
    return testserver.install(monkeypatch)


@pytest.fixture
def jan(client, demo_site, registries):
    resident = resident_get_or_create(bsn="999900006")
    login_resident(client, resident)
    return resident


@pytest.mark.parametrize(
    "tamper",
    [
        {"loket_form_X-current_step": "bestaat-niet"},
        {"loket_form_X-current_step": "meeverhuizers_stap"},  # skipped by logic for this resident
        {"loket_form_X-current_step": "controle"},
        {"wizard_goto_step": "../../admin"},
        {},  # no management form at all
    ],
)
def test_a_tampered_step_is_a_400_and_the_answers_stay(client, jan, tamper):
    form = FormSession(client, "verhuizing")
    form.start()
    _step_one(form)
    _new_address(form, moving_along="nee")
    data = {key.replace("X", str(form.definition.pk)): value for key, value in tamper.items()}
    response = client.post(form.url, {**data, "meeverhuizers_stap-aantal_mee": "3"})
    assert response.status_code == 400
    assert "Uw eerdere antwoorden zijn bewaard" in response.content.decode()
    assert FormSession.current_step(client.get(form.url)) == "woning"


def test_a_post_without_a_started_form_goes_back_to_the_start(client, jan):
    form = FormSession(client, "verhuizing")
    response = form.post("over_u", {"email": "jan@example.org"})
    assert response.status_code == 302 and response["Location"] == form.url


def test_back_keeps_the_answers_and_the_summary_links_return_to_it(client, jan):
    form = FormSession(client, "verhuizing")
    form.start()
    _step_one(form)
    back = client.post(form.url, {"wizard_goto_step": "over_u"})
    assert 'value="jan@example.org"' in back.content.decode()
    _step_one(form)
    _new_address(form, moving_along="nee")
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        form.url,
        {
            f"{form.prefix}-current_step": "woning",
            "woning-woonsituatie": "Koopwoning",
            "woning-bewijs": SimpleUploadedFile("akte.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    change = client.get(form.url + "?stap=verhuizing&terug=controle")
    assert FormSession.current_step(change) == "verhuizing"
    after = form.post(
        "verhuizing",
        flatten(
            {
                "nieuw_adres": {"_0": "1235AC", "_1": "1", "_2": ""},
                "verhuisdatum": date_parts(2, 12, 2026),
                "meeverhuizers": "nee",
            }
        ),
    )
    assert FormSession.current_step(after) == "controle", "back to the summary, not through every step"
    assert "2 december 2026" in after.content.decode()
    # Now someone moves along: the newly needed step is asked before the summary.
    client.get(form.url + "?stap=verhuizing&terug=controle")
    along = _new_address(form, moving_along="ja")
    assert FormSession.current_step(along) == "meeverhuizers_stap"


def test_drafts_are_kept_resumable_and_private(client, jan):
    form = FormSession(client, "verhuizing")
    form.start()
    _step_one(form)
    draft = Draft.objects.get(resident=jan)
    assert draft.step_title == "Uw nieuwe adres"
    overview = client.get("/mijn/").content.decode()
    assert "Verhuizing doorgeven" in overview and f"/mijn/concepten/{draft.uuid}/" in overview
    client.session.flush()
    login_resident(client, jan)  # another device: an empty session
    resumed = client.get(f"/mijn/concepten/{draft.uuid}/")
    assert resumed.status_code == 302
    assert FormSession.current_step(client.get(resumed["Location"])) == "verhuizing"

    login_resident(client, make_resident())
    assert client.get(f"/mijn/concepten/{draft.uuid}/").status_code == 404
    assert client.post(f"/mijn/concepten/{draft.uuid}/verwijderen/").status_code == 404
    assert Draft.objects.filter(pk=draft.pk).exists()
    assert f"/mijn/concepten/{draft.uuid}/" not in client.get("/mijn/").content.decode()
    assert client.get("/mijn/concepten/niet-een-uuid/").status_code == 404


def test_expired_drafts_are_not_offered(client, jan):
    from datetime import timedelta

    from django.utils import timezone

    form = FormSession(client, "verhuizing")
    form.start()
    _step_one(form)
    Draft.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"/mijn/concepten/{Draft.objects.get().uuid}/").status_code == 404


def test_a_form_changed_halfway_is_finished_on_the_version_it_was_started_on(client, jan):
    form = FormSession(client, "uittreksel-brp")
    form.start()
    started_on = form.definition.live_revision_id
    definition = form.definition
    definition.name = "Uittreksel (nieuw)"
    steps = definition.steps.get_prep_value()
    steps[0]["value"]["fields"].append(
        {"type": "text", "value": {"key": "nieuw", "label": "Nieuwe vraag", "required": True}}
    )
    definition.steps = steps
    definition.save_revision().publish()
    response = form.post("uittreksel", {"soort": "Standaard", "aantal": "2", "doel": ""})
    assert FormSession.current_step(response) == "betaling", "the new required question is not asked"
    form.post("betaling", {"iban": ""})
    form.post("controle", {"declaration": "on"})
    submission = Submission.objects.get()
    assert submission.revision_id == started_on
    assert "nieuw" not in [f["key"] for f in submission.schema["steps"][0]["fields"]]
    assert submission.data["leges"] == pytest.approx(34.2), "the fee computed by the form's rule"
    assert FormSession.current_step(form.start()) == "uittreksel"
    assert "Nieuwe vraag" in client.get(form.url).content.decode(), "a new start uses the new version"


def test_a_registry_that_is_down_lets_the_resident_type_the_data(client, jan, registries, caplog):
    registries.failures["/registries/brp"] = "500"
    form = FormSession(client, "verhuizing")
    with caplog.at_level(logging.WARNING):
        html = form.start().content.decode()
    assert "konden niet al uw gegevens ophalen" in html
    assert 'name="over_u-naam"' in html and 'name="over_u-huidig_adres_0"' in html, "asked instead of known"
    assert 'name="over_u-geboortedatum_0"' in html
    failures = [r for r in caplog.records if r.getMessage() == "prefill failed"]
    assert failures and failures[0].plugin == "brp"
    assert "999900006" not in caplog.text


def test_the_daily_limit(client, jan):
    from portal.cases.models import CaseType  # noqa: F401 - the demo case types exist

    make_form(
        slug="eenmaal",
        max_submissions_per_day=1,
        steps=[
            {
                "type": "step",
                "value": {
                    "key": "s",
                    "title": "S",
                    "fields": [{"type": "text", "value": {"key": "t", "label": "T", "required": True}}],
                },
            }
        ],
    )
    form = FormSession(client, "eenmaal")
    form.start()
    form.post("s", {"t": "x"})
    assert form.post("controle", {"declaration": "on"}).status_code == 302
    again = form.start()
    assert again.status_code == 429 and "vandaag al 1 keer" in again.content.decode()


def test_a_higher_digid_level_is_asked_for(client, jan):
    make_form(slug="hoog", required_loa=loa.SUBSTANTIEEL)
    response = client.get("/formulieren/hoog/")
    assert response.status_code == 302 and "niveau=" in response["Location"]


def test_an_anonymous_form_needs_no_login_and_asks_what_it_cannot_know(client, demo_site, registries):
    make_form(
        slug="anoniem",
        login_required=False,
        required_loa="",
        steps=[
            {
                "type": "step",
                "value": {
                    "key": "s",
                    "title": "Melding",
                    "fields": [
                        {
                            "type": "text",
                            "value": {
                                "key": "naam",
                                "label": "Naam",
                                "required": True,
                                "prefill": "brp.volledige_naam",
                                "prefill_mode": "readonly",
                            },
                        }
                    ],
                },
            }
        ],
    )
    form = FormSession(client, "anoniem")
    html = form.start().content.decode()
    assert 'name="s-naam"' in html
    assert registries.calls_to("/registries/brp") == 0
    form.post("s", {"naam": "Piet"})
    form.post("controle", {"declaration": "on"})
    assert Submission.objects.get().resident is None
    other = client.__class__()
    assert other.get("/formulieren/anoniem/ontvangen/").status_code == 404, "the confirmation is not guessable"


def test_unpublished_and_unknown_forms_are_not_found(client, jan):
    make_form(slug="concept", publish=False)
    assert client.get("/formulieren/concept/").status_code == 404
    assert client.get("/formulieren/bestaat-niet/").status_code == 404


def test_the_purge_keeps_promises_about_how_long_unfinished_forms_are_kept(client, jan):
    import io
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.utils import timezone
    from freezegun import freeze_time

    from forms_engine.models import Upload

    form = FormSession(client, "verhuizing")
    form.start()
    _step_one(form)
    _new_address(form)
    client.post(
        form.url,
        {
            f"{form.prefix}-current_step": "woning",
            "woning-woonsituatie": "Huurwoning",
            "woning-bewijs": SimpleUploadedFile("akte.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    upload = Upload.objects.get()
    path = upload.file.path
    call_command("forms_purge", stdout=io.StringIO())
    assert Draft.objects.count() == 1 and Upload.objects.count() == 1, "nothing young is touched"
    with freeze_time(timezone.now() + timedelta(days=32)):
        out = io.StringIO()
        call_command("forms_purge", stdout=out)
        call_command("forms_purge", stdout=io.StringIO())  # again: nothing left to do, no error
    assert "Purged 1 expired drafts" in out.getvalue()
    assert not Draft.objects.exists() and not Upload.objects.exists()
    import os

    assert not os.path.exists(path)

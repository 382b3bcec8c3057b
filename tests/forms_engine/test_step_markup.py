"""A step's items as the resident gets them: information blocks, what the registries know, composite questions as
fieldsets with one labelled box per part, optional questions marked, and the errors linked to their question."""

import pytest
from bs4 import BeautifulSoup

from auth.services import resident_get_or_create
from forms_engine.demo import field, step
from tests import testserver
from tests.factories.forms import make_form
from tests.forms_engine.helpers import FormSession
from tests.helpers import login_resident

EVIL = '"><img src=x onerror=alert(1)>'
CONTENT = {"type": "content", "value": {"key": "info", "text": f"Let op:\nregel 2 {EVIL}", "style": "warning"}}


@pytest.fixture
def form(client, demo_site, monkeypatch):
    testserver.install(monkeypatch)
    login_resident(client, resident_get_or_create(bsn="999900006"))
    make_form(
        slug="onderdelen",
        steps=[
            step(
                "een",
                "Alles",
                [
                    {
                        "type": "content",
                        "value": {"key": "info", "text": f"Let op:\nregel 2 {EVIL}", "style": "warning"},
                    },
                    field("text", "naam", "Naam", prefill="brp.volledige_naam", prefill_mode="readonly"),
                    field("date", "datum", "Datum", required=False, help_text="Bijvoorbeeld 1 12 2026."),
                    field("address", "adres", "Nieuw adres"),
                    field("checkboxes", "kosten", f"Kosten {EVIL}", options=["Zorg", EVIL]),
                    field("select", "keuze", "Keuze", options=["x", "y"]),
                ],
            )
        ],
    )
    return FormSession(client, "onderdelen")


def _page(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_each_kind_of_item_is_shown_as_the_resident_expects(form):
    page = _page(form.start())
    content = page.select_one(".loket-form-content")
    assert "utrecht-alert--warning" in content["class"]
    assert content.find("br") and "<img" not in str(content)
    known = page.select_one(".loket-known")
    assert "Jan Willem de Vries" in known.text and "basisregistraties" in known.text
    assert not page.select('input[name="een-naam"]')  # known, not asked

    date = page.select_one('[data-field="datum"] fieldset')
    assert date.legend.text.strip() == "Datum (niet verplicht)"
    assert date["aria-describedby"] == "id_een-datum-hint"
    boxes = date.select("input")
    assert [box["name"] for box in boxes] == ["een-datum_0", "een-datum_1", "een-datum_2"]
    assert [box["maxlength"] for box in boxes] == ["2", "2", "4"]
    assert all(page.select_one(f'label[for="{box["id"]}"]') for box in boxes)

    address = page.select_one('[data-field="adres"] fieldset')
    assert "niet verplicht" not in address.legend.text
    assert address.select_one('input[name="een-adres_0"]')["autocomplete"] == "postal-code"
    assert "Basisregistratie Adressen" in address.text

    costs = page.select_one('[data-field="kosten"] fieldset')
    assert "<img" not in str(costs) and EVIL in costs.legend.text
    assert [box["value"] for box in costs.select('input[type="checkbox"]')] == ["Zorg", EVIL]


def test_errors_are_linked_to_their_question_and_the_typed_parts_stay(form):
    form.start()
    page = _page(form.post("een", {"datum_0": "40", "datum_1": "1", "datum_2": "2026", "adres_0": "zz", "keuze": "q"}))
    date = page.select_one('[data-field="datum"] fieldset')
    assert date["aria-describedby"] == "id_een-datum-hint id_een-datum-error"
    assert page.select_one("#id_een-datum-error").text.strip()
    assert [box.get("aria-invalid") for box in date.select("input")] == ["true"] * 3
    assert [box["value"] for box in date.select("input")] == ["40", "1", "2026"]
    address = page.select_one('[data-field="adres"] fieldset')
    assert [box.get("aria-invalid") for box in address.select("input")] == ["true", "true", None]  # addition optional
    assert page.select_one('[data-field="kosten"] fieldset')["aria-describedby"] == "id_een-kosten-error"
    select = page.select_one('select[name="een-keuze"]')
    assert select["aria-invalid"] == "true" and "utrecht-select--invalid" in select["class"]


def test_only_a_step_that_asks_for_a_file_is_sent_as_multipart(client, form):
    """A browser then sends the other steps as a plain form post, which costs the server less to read."""
    assert _page(form.start()).select_one("form.loket-form").get("enctype") is None
    make_form(slug="bestand", steps=[step("een", "Bewijs", [field("file", "bewijs", "Bewijs")])])
    page = _page(FormSession(client, "bestand").start())
    assert page.select_one("form.loket-form")["enctype"] == "multipart/form-data"

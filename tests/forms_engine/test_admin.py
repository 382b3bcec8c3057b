"""Editors build forms in Wagtail: steps and fields as blocks, rules as checked JSON, drafts and publishing."""

import html
import json
import re

import pytest

from forms_engine.demo import field, step
from forms_engine.models import FormDefinition
from tests.forms_engine.admin_data import admin_post_data

ADD_URL = "/cms/snippets/forms_engine/formdefinition/add/"

THREE_STEPS = [
    step(
        "gegevens",
        "Uw gegevens",
        [
            field("address", "adres", "Uw adres", prefill="brp.adres", prefill_mode="readonly"),
            field("date", "geboren", "Geboortedatum", prefill="brp.geboortedatum", prefill_mode="hidden"),
            field("yesno", "kinderen", "Heeft u kinderen?"),
        ],
    ),
    step("kinderen_stap", "Uw kinderen", [field("textarea", "namen", "Namen van de kinderen")]),
    step(
        "bijlage",
        "Bijlage",
        [
            field("radio", "soort", "Soort bewijs", options=["Loonstrook", "Uitkering"]),
            field("file", "bewijs", "Bewijs", file_types=["pdf", "png"], max_size_mb=5, max_files=2),
        ],
    ),
]
RULES = [{"when": {"!": {"var": "kinderen"}}, "then": "skip_step", "target": "kinderen_stap"}]


def test_the_add_screen_opens(editor_client, demo_site):
    response = editor_client.get(ADD_URL)
    assert response.status_code == 200
    assert "Vooraf invullen uit" in response.content.decode()


def test_an_editor_builds_and_publishes_a_three_step_form(editor_client, demo_site):
    response = editor_client.post(
        ADD_URL, admin_post_data(name="Toeslag", slug="toeslag", steps=THREE_STEPS, rules=RULES)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    definition = FormDefinition.objects.get(slug="toeslag")
    assert definition.live and definition.live_revision is not None
    schema = definition.build_schema()
    assert [s["key"] for s in schema["steps"]] == ["gegevens", "kinderen_stap", "bijlage"]
    assert schema["steps"][0]["fields"][0]["prefill_mode"] == "readonly"
    assert schema["steps"][2]["fields"][0]["options"] == ["Loonstrook", "Uitkering"]
    assert schema["steps"][2]["fields"][1]["file_types"] == ["pdf", "png"]
    assert schema["rules"] == RULES
    history = editor_client.get(f"/cms/snippets/forms_engine/formdefinition/history/{definition.pk}/")
    assert history.status_code == 200


def test_wrong_rules_are_shown_to_the_editor_and_nothing_is_saved(editor_client, demo_site):
    rules = [{"when": {"==": [{"var": "bestaat_niet"}, 1]}, "then": "show", "target": "namen"}]
    response = editor_client.post(ADD_URL, admin_post_data(name="Fout", slug="fout", steps=THREE_STEPS, rules=rules))
    assert response.status_code == 200
    assert "onbekende vraag bestaat_niet" in response.content.decode()
    data = admin_post_data(name="Fout", slug="fout", steps=THREE_STEPS, rules=[])
    data["rules"] = "{niet: json"
    assert "JSON" in editor_client.post(ADD_URL, data).content.decode()
    assert not FormDefinition.objects.filter(slug="fout").exists()


def test_duplicate_names_are_shown_at_the_steps(editor_client, demo_site):
    steps = [step("een", "Een", [field("text", "naam", "Naam"), field("text", "naam", "Naam nog eens")])]
    response = editor_client.post(ADD_URL, admin_post_data(name="Dubbel", slug="dubbel", steps=steps, rules=[]))
    assert response.status_code == 200
    assert "keer voorkomen: naam" in response.content.decode()  # in the block editor's error data
    assert not FormDefinition.objects.filter(slug="dubbel").exists()


def test_a_draft_change_does_not_reach_residents_until_published(editor_client, demo_site):
    editor_client.post(ADD_URL, admin_post_data(name="Toeslag", slug="toeslag", steps=THREE_STEPS, rules=RULES))
    definition = FormDefinition.objects.get(slug="toeslag")
    live_revision = definition.live_revision_id
    edit = f"/cms/snippets/forms_engine/formdefinition/edit/{definition.pk}/"
    response = editor_client.post(
        edit, admin_post_data(name="Toeslag 2", slug="toeslag", steps=THREE_STEPS, rules=RULES, publish=False)
    )
    assert response.status_code == 302
    definition.refresh_from_db()
    assert definition.live_revision_id == live_revision and definition.has_unpublished_changes


def test_a_resident_completes_the_form_the_editor_built(editor_client, client, demo_site, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from auth.services import resident_get_or_create
    from forms_engine.models import Submission
    from tests import testserver
    from tests.forms_engine.helpers import FormSession
    from tests.helpers import login_resident

    testserver.install(monkeypatch)
    editor_client.post(ADD_URL, admin_post_data(name="Toeslag", slug="toeslag", steps=THREE_STEPS, rules=RULES))
    login_resident(client, resident_get_or_create(bsn="999900006"))
    form = FormSession(client, "toeslag")
    first = form.start().content.decode()
    assert "Marktstraat 1" in first and "Dit weten we al van u" in first
    assert 'name="gegevens-geboren_0"' not in first
    assert FormSession.current_step(form.post("gegevens", {"kinderen": "nee"})) == "bijlage"
    client.post(
        form.url,
        {
            f"{form.prefix}-current_step": "bijlage",
            "bijlage-soort": "Loonstrook",
            "bijlage-bewijs": SimpleUploadedFile("loon.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    assert form.post("controle", {"declaration": "on"}).status_code == 302
    submission = Submission.objects.get()
    assert submission.revision_id == FormDefinition.objects.get(slug="toeslag").live_revision_id
    assert submission.data["adres"]["straat"] == "Marktstraat" and submission.data["geboren"]
    assert submission.data["kinderen"] is False and "namen" not in submission.data
    assert submission.data["soort"] == "Loonstrook" and submission.data["bewijs"][0]["name"] == "loon.pdf"


LIST_URL = "/cms/snippets/forms_engine/formdefinition/"


def test_the_forms_listing_opens_and_publishing_lands_on_it(editor_client, demo_site):
    listing = editor_client.get(LIST_URL)
    assert listing.status_code == 200
    assert "Verhuizing doorgeven" in listing.content.decode()
    response = editor_client.post(
        ADD_URL, admin_post_data(name="Toeslag", slug="toeslag", steps=THREE_STEPS, rules=RULES), follow=True
    )
    assert response.redirect_chain[-1][0] == LIST_URL and response.status_code == 200
    assert "Toeslag" in response.content.decode()


def test_the_editor_shows_the_rule_builder_and_the_name_helpers(editor_client, demo_site):
    definition = FormDefinition.objects.get(slug="verhuizing")
    page = editor_client.get(f"{LIST_URL}edit/{definition.pk}/").content.decode()
    assert "data-rule-builder" in page and "js/rule-builder.js" in page and "js/form-editor.js" in page
    assert "Regel toevoegen" in page and "Geavanceerd: de regels als JsonLogic" in page
    assert "Vraag toevoegen" in page and "Stap toevoegen" in page, "the add buttons' words reach the script"
    assert _editor_config(page)["frozen_keys"] == [], "no submissions yet: nothing is frozen"


def _editor_config(page: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-form-editor="([^"]*)"', page).group(1)))


def _stored_steps(definition) -> list[dict]:
    """The form's steps as the editor posts them back, block ids included."""
    schema = definition.build_schema()
    return [
        {
            "id": step_block.id,
            "value": {
                **step_schema,
                "fields": [
                    {
                        "id": item.id,
                        "type": spec["type"],
                        "value": {key: value for key, value in spec.items() if key != "type" and value is not None},
                    }
                    for item, spec in zip(step_block.value["fields"], step_schema["fields"], strict=True)
                ],
            },
        }
        for step_block, step_schema in zip(definition.steps, schema["steps"], strict=True)
    ]


@pytest.fixture
def sent_form(editor_client, demo_site):
    from forms_engine.models import Submission

    editor_client.post(ADD_URL, admin_post_data(name="Toeslag", slug="toeslag", steps=THREE_STEPS, rules=RULES))
    definition = FormDefinition.objects.get(slug="toeslag")
    Submission.objects.create(form=definition, schema=definition.build_schema(), data={"kinderen": False})
    return definition


def test_names_are_frozen_once_residents_sent_the_form(editor_client, sent_form):
    steps = _stored_steps(sent_form)
    config = _editor_config(editor_client.get(f"{LIST_URL}edit/{sent_form.pk}/").content.decode())
    assert config["slug_frozen"] and {"kinderen", "kinderen_stap", "soort"} <= set(config["frozen_keys"])

    steps[0]["value"]["fields"][2]["value"]["key"] = "heeft_kinderen"
    response = editor_client.post(
        f"{LIST_URL}edit/{sent_form.pk}/",
        admin_post_data(name="Toeslag", slug="toeslag-nieuw", steps=steps, rules=[]),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "de korte naam blijft toeslag" in page
    assert "kinderen \\u2192 heeft_kinderen" in page, "named beside the steps (in the block editor's data)"
    sent_form.refresh_from_db()
    assert sent_form.slug == "toeslag" and "kinderen" in sent_form.keys_by_block().values()


def test_with_submissions_questions_can_still_be_added_and_removed(editor_client, sent_form):
    steps = _stored_steps(sent_form)
    del steps[1]  # the children's step goes
    steps[0]["value"]["fields"].append(field("text", "opmerking", "Opmerking", required=False))
    response = editor_client.post(
        f"{LIST_URL}edit/{sent_form.pk}/", admin_post_data(name="Toeslag", slug="toeslag", steps=steps, rules=[])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    sent_form.refresh_from_db()
    keys = set(sent_form.keys_by_block().values())
    assert "opmerking" in keys and "kinderen_stap" not in keys and "kinderen" in keys


def test_a_rule_may_show_a_step(editor_client, demo_site):
    rules = [{"when": {"==": [{"var": "kinderen"}, True]}, "then": "show_step", "target": "kinderen_stap"}]
    response = editor_client.post(
        ADD_URL, admin_post_data(name="Toeslag", slug="toeslag", steps=THREE_STEPS, rules=rules)
    )
    assert response.status_code == 302
    assert FormDefinition.objects.get(slug="toeslag").rules == rules


def test_the_preview_shows_every_step_with_a_personas_prefill(editor_client, demo_site, monkeypatch):
    from tests import testserver

    testserver.install(monkeypatch)
    preview = "/cms/snippets/forms_engine/formdefinition/preview/"
    data = admin_post_data(name="Toeslag", slug="toeslag", steps=THREE_STEPS, rules=RULES, publish=False)
    assert editor_client.post(preview, data).json()["is_valid"]

    anonymous = editor_client.get(preview, {"mode": ""})
    page = anonymous.content.decode()
    assert anonymous.status_code == 200 and "Stap 3 van 3: Bijlage" in page
    assert "zo ziet een inwoner dit formulier" in page and "Marktstraat" not in page
    assert (
        anonymous["X-Frame-Options"] == "SAMEORIGIN"
        and "frame-ancestors 'self'" in anonymous["Content-Security-Policy"]
    )

    as_jan = editor_client.get(preview, {"mode": "persona-0"}).content.decode()
    assert "zo ziet een ingelogde inwoner" in as_jan
    assert "Marktstraat 1" in as_jan and "Dit weten we al van u" in as_jan, "Jan de Vries' address, read-only"
    assert "alleen gevraagd als de regels" in as_jan, "the children's step is conditional"
    assert not FormDefinition.objects.filter(slug="toeslag").exists(), "a preview saves nothing"
    for unknown in ("persona-99", "persona-x", "persona--1", "999900006"):
        page = editor_client.get(preview, {"mode": unknown}).content.decode()
        assert "zo ziet een inwoner dit formulier" in page and "Marktstraat" not in page, "unknown: nobody's data"


def test_pages_outside_the_editors_preview_may_not_be_framed(client, demo_site):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_destinations_are_chosen_as_blocks_and_stored_as_the_plain_list(editor_client, demo_site):
    mailbox = {"type": "email", "to": "burgerzaken@voorbeeldstad.example", "mode": "link", "password_env": ""}
    hook = {"type": "webhook", "url": "https://ontvanger.voorbeeldstad.example/hook", "secret_env": "HOOK_SECRET"}
    response = editor_client.post(
        ADD_URL,
        admin_post_data(name="Toeslag", slug="toeslag", steps=THREE_STEPS, rules=RULES, destinations=[mailbox, hook]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    definition = FormDefinition.objects.get(slug="toeslag")
    assert definition.destinations == [mailbox, hook]
    assert [kind for kind, _options in definition.registration_targets()] == ["email", "webhook"]
    edit = editor_client.get(f"{LIST_URL}edit/{definition.pk}/").content.decode()
    assert "burgerzaken@voorbeeldstad.example" in edit and "HOOK_SECRET" in edit, "the blocks show what is stored"
    assert "E-mail aan een afdeling" in edit and "Zaak in een ZGW Zaken API" in edit, "every kind can be chosen"


@pytest.mark.parametrize(
    ("destination", "problem"),
    [
        ({"type": "webhook", "url": "http://ontvanger.example/hook", "secret_env": "X"}, "https-adres"),
        ({"type": "email", "to": "burgerzaken@voorbeeldstad.example", "mode": "encrypted_pdf"}, "password_env"),
        (
            {
                "type": "zgw",
                "api_root": "https://zaken.example/api/v1",
                "zaaktype": "https://catalogi.example/zaaktypen/1",
                "client_id": "loket",
                "secret_env": "ZGW_SECRET",
                "bronorganisatie": "12",
                "verantwoordelijke_organisatie": "002220647",
            },
            "RSIN van 9 cijfers",
        ),
    ],
)
def test_a_destinations_wrong_settings_are_shown_and_nothing_is_saved(editor_client, demo_site, destination, problem):
    response = editor_client.post(
        ADD_URL,
        admin_post_data(name="Fout", slug="fout", steps=THREE_STEPS, rules=[], destinations=[destination]),
    )
    assert response.status_code == 200
    assert problem in response.content.decode()
    assert not FormDefinition.objects.filter(slug="fout").exists()

from forms_engine.demo import field, step
from forms_engine.models import FormDefinition

ALL_TYPES_STEPS = [
    step(
        "alles",
        "Alle soorten vragen",
        [
            field("text", "tekst", "Tekst", max_length=20, regex="^[A-Za-z ]*$", regex_message="Alleen letters."),
            field("textarea", "lang", "Lange tekst", max_length=500),
            field("number", "getal", "Getal", min_value="1", max_value="99"),
            field("currency", "bedrag", "Bedrag", min_value="0", max_value="10000"),
            field("date", "datum", "Datum", range="past"),
            field("email", "email", "E-mail"),
            field("phone", "telefoon", "Telefoon"),
            field("address", "adres", "Adres"),
            field("iban", "iban", "IBAN"),
            field("bsn", "bsn", "BSN"),
            field("radio", "keuze", "Keuze", options=["Een", "Twee"]),
            field("checkboxes", "vinkjes", "Vinkjes", options=["Rood", "Groen"]),
            field("select", "lijst", "Lijst", options=["A", "B"]),
            field("yesno", "janee", "Ja of nee"),
            field("file", "bestand", "Bestand", file_types=["pdf", "png"], max_size_mb=1, max_files=2),
        ],
    )
]

VALID_ANSWERS = {
    "tekst": "Jan",
    "lang": "Een verhaal.",
    "getal": "12",
    "bedrag": "1.250,50",
    "datum_0": "17",
    "datum_1": "3",
    "datum_2": "1985",
    "email": "jan@example.org",
    "telefoon": "06 12345678",
    "adres_0": "1235AC",
    "adres_1": "1",
    "adres_2": "",
    "iban": "NL91 ABNA 0417 1643 00",
    "bsn": "999900006",
    "keuze": "Een",
    "vinkjes": ["Rood"],
    "lijst": "B",
    "janee": "ja",
}


def make_form(*, slug="alle-vragen", steps=None, rules=None, publish=True, **options) -> FormDefinition:
    definition = FormDefinition(
        slug=slug,
        name=options.pop("name", "Alle vragen"),
        steps=steps if steps is not None else ALL_TYPES_STEPS,
        rules=rules or [],
        live=False,
        **options,
    )
    definition.full_clean()
    definition.save()
    if publish:
        definition.save_revision().publish()
        definition.refresh_from_db()
    return definition

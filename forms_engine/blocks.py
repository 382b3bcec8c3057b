"""What editors build a form from: steps holding fields, one block type per field type.

The blocks only describe a form; `forms_engine.schema` turns a published revision into plain JSON that the
wizard runs on, so a submission can always be read against the exact form the resident saw."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError

KEY_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9_]{0,49}$",
    _("Alleen kleine letters, cijfers en _, beginnend met een letter (bijvoorbeeld geboortedatum)."),
)
PREFILL_MODES = [
    ("editable", _("Invullen en laten wijzigen")),
    ("readonly", _("Tonen als 'Dit weten we al van u' (niet te wijzigen)")),
    ("hidden", _("Niet vragen als we het weten (wel opslaan)")),
]
FILE_TYPES = [("pdf", "PDF"), ("jpg", "JPG"), ("png", "PNG")]


def prefill_choices():
    from forms_engine.prefill.registry import registry

    choices = [("", _("Geen"))]
    for plugin in registry:
        for attribute, label in plugin.get_available_attributes():
            choices.append((f"{plugin.identifier}.{attribute}", f"{plugin.verbose_name}: {label}"))
    return choices


KEY_HELP = _("Uniek in dit formulier; volgt de vraag terwijl u typt. De opgeslagen gegevens gebruiken deze naam.")


class BaseFieldBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Vraag"), max_length=200)
    key = blocks.CharBlock(label=_("Technische naam"), max_length=50, validators=[KEY_VALIDATOR], help_text=KEY_HELP)
    help_text = blocks.CharBlock(label=_("Toelichting"), required=False, max_length=500)
    required = blocks.BooleanBlock(label=_("Verplicht"), required=False, default=True)
    prefill = blocks.ChoiceBlock(
        label=_("Vooraf invullen uit"),
        choices=prefill_choices,
        required=False,
        help_text=_("Uit de basisregistraties."),
    )
    prefill_mode = blocks.ChoiceBlock(label=_("Als we het al weten"), choices=PREFILL_MODES, default="editable")

    class Meta:
        icon = "form"


class TextFieldBlock(BaseFieldBlock):
    min_length = blocks.IntegerBlock(label=_("Minimaal aantal tekens"), required=False, min_value=0)
    max_length = blocks.IntegerBlock(label=_("Maximaal aantal tekens"), required=False, min_value=1, max_value=1000)
    regex = blocks.CharBlock(label=_("Patroon (reguliere expressie)"), required=False, max_length=200)
    regex_message = blocks.CharBlock(label=_("Foutmelding bij het patroon"), required=False, max_length=200)

    def clean(self, value):
        value = super().clean(value)
        if value.get("regex"):
            import re

            try:
                re.compile(value["regex"])
            except re.error as error:
                raise blocks.StructBlockValidationError(
                    {"regex": ValidationError(_("Dit patroon klopt niet: %(error)s") % {"error": error})}
                ) from error
            if not value.get("regex_message"):
                raise blocks.StructBlockValidationError(
                    {"regex_message": ValidationError(_("Schrijf wat de inwoner fout deed als het patroon niet past."))}
                )
        return value


class TextareaFieldBlock(BaseFieldBlock):
    max_length = blocks.IntegerBlock(label=_("Maximaal aantal tekens"), required=False, min_value=1, max_value=10000)


class NumberFieldBlock(BaseFieldBlock):
    min_value = blocks.DecimalBlock(label=_("Minimaal"), required=False)
    max_value = blocks.DecimalBlock(label=_("Maximaal"), required=False)
    decimals = blocks.IntegerBlock(label=_("Decimalen"), required=False, min_value=0, max_value=4, default=0)


class CurrencyFieldBlock(BaseFieldBlock):
    min_value = blocks.DecimalBlock(label=_("Minimaal bedrag"), required=False)
    max_value = blocks.DecimalBlock(label=_("Maximaal bedrag"), required=False)


class DateFieldBlock(BaseFieldBlock):
    range = blocks.ChoiceBlock(
        label=_("Toegestane datums"),
        choices=[("any", _("Alle")), ("past", _("Vandaag of eerder")), ("future", _("Vandaag of later"))],
        default="any",
    )


class ChoiceFieldBlock(BaseFieldBlock):
    options = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("Antwoordmogelijkheden"), min_num=1)


class FileFieldBlock(BaseFieldBlock):
    file_types = blocks.MultipleChoiceBlock(label=_("Toegestane bestanden"), choices=FILE_TYPES, default=["pdf"])
    max_size_mb = blocks.IntegerBlock(label=_("Maximaal per bestand (MB)"), min_value=1, max_value=20, default=10)
    max_files = blocks.IntegerBlock(label=_("Maximaal aantal bestanden"), min_value=1, max_value=10, default=1)


class ContentBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Tekst"))
    key = blocks.CharBlock(label=_("Technische naam"), max_length=50, validators=[KEY_VALIDATOR], help_text=KEY_HELP)
    style = blocks.ChoiceBlock(
        label=_("Soort"), choices=[("info", _("Uitleg")), ("warning", _("Waarschuwing"))], default="info"
    )

    class Meta:
        icon = "doc-full"
        label = _("Tekst tussen de vragen")


FIELD_BLOCKS = [
    ("text", TextFieldBlock(label=_("Tekst (één regel)"))),
    ("textarea", TextareaFieldBlock(label=_("Tekst (meerdere regels)"))),
    ("number", NumberFieldBlock(label=_("Getal"))),
    ("currency", CurrencyFieldBlock(label=_("Bedrag in euro"))),
    ("date", DateFieldBlock(label=_("Datum"))),
    ("email", BaseFieldBlock(label=_("E-mailadres"))),
    ("phone", BaseFieldBlock(label=_("Telefoonnummer"))),
    ("address", BaseFieldBlock(label=_("Adres (postcode en huisnummer)"))),
    ("iban", BaseFieldBlock(label=_("IBAN"))),
    ("bsn", BaseFieldBlock(label=_("BSN"))),
    ("radio", ChoiceFieldBlock(label=_("Keuze (één antwoord)"))),
    ("checkboxes", ChoiceFieldBlock(label=_("Keuze (meer antwoorden)"))),
    ("select", ChoiceFieldBlock(label=_("Keuzelijst"))),
    ("yesno", BaseFieldBlock(label=_("Ja of nee"))),
    ("file", FileFieldBlock(label=_("Bestand"))),
    ("content", ContentBlock()),
]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel van de stap"), max_length=120)
    key = blocks.CharBlock(label=_("Technische naam"), max_length=50, validators=[KEY_VALIDATOR], help_text=KEY_HELP)
    fields = blocks.StreamBlock(FIELD_BLOCKS, label=_("Vragen"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Stap")


class StepsBlock(blocks.StreamBlock):
    step = StepBlock()

    def clean(self, value):
        from forms_engine.schema import duplicate_keys

        value = super().clean(value)
        steps = [
            {"key": step.value["key"], "fields": [{"key": f.value["key"]} for f in step.value["fields"]]}
            for step in value
        ]
        duplicates = duplicate_keys({"steps": steps})
        if duplicates:
            message = _("Elke technische naam mag maar één keer voorkomen: %(names)s.") % {
                "names": ", ".join(sorted(duplicates))
            }
            raise StreamBlockValidationError(non_block_errors=ErrorList([ValidationError(message)]))
        return value

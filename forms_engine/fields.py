"""Form fields for each field type of the schema: validation, the JSON an answer is stored as, and how an answer
reads back on the check-your-answers page and the receipt."""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from localflavor.generic.forms import IBANFormField
from localflavor.nl.forms import NLBSNFormField
from phonenumber_field.formfields import PhoneNumberField

from portal.core.digits import ascii_digits
from portal.core.translations import Text, interpolate
from portal.core.uploads import MultipleFileField
from portal.registries.bag import BagClient, normalise_house_number, normalise_postcode
from portal.registries.base import InvalidQuery, RegistryUnavailable

TEXT_LIMIT = 1000
TEXTAREA_LIMIT = 10000
MIME_BY_TYPE = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


class DateInput(forms.MultiWidget):
    """Day, month and year as three boxes (the GOV.UK and NL Design System pattern), not a browser picker."""

    template_name = "forms_engine/widgets/date.html"

    def __init__(self):
        attrs = {"inputmode": "numeric", "autocomplete": "off"}
        super().__init__([forms.TextInput(attrs=attrs) for _part in range(3)])

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else ""  # the error summary links to the day box

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DutchDateField(forms.MultiValueField):
    widget = DateInput

    def __init__(self, *, allowed="any", **kwargs):
        self.allowed = allowed
        parts = [forms.CharField(max_length=4, required=False) for _part in range(3)]
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, values):
        if not values or not any(values):
            return None
        day, month, year = (ascii_digits(str(v or "")).strip() for v in values)
        if not all(re.fullmatch(r"[0-9]{1,4}", part) for part in (day, month, year)) or len(year) != 4:
            raise ValidationError(_("Vul een datum in met dag, maand en jaar in cijfers, bijvoorbeeld 17 3 1985."))
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(_("Deze datum bestaat niet.")) from error
        today = timezone.localdate()
        if value.year < 1900:
            raise ValidationError(_("Vul een datum na 1900 in."))
        if self.allowed == "past" and value > today:
            raise ValidationError(_("Deze datum mag niet in de toekomst liggen."))
        if self.allowed == "future" and value < today:
            raise ValidationError(_("Deze datum mag niet in het verleden liggen."))
        return value


class AddressInput(forms.MultiWidget):
    template_name = "forms_engine/widgets/address.html"

    def __init__(self):
        super().__init__(
            [
                forms.TextInput(attrs={"autocomplete": "postal-code", "maxlength": 7}),
                forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 5}),
                forms.TextInput(attrs={"maxlength": 5}),
            ]
        )

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else ""

    def decompress(self, value):
        if isinstance(value, dict):
            return [value.get("postcode"), value.get("huisnummer"), value.get("toevoeging")]
        return [None, None, None]


class AddressField(forms.MultiValueField):
    """Postcode and house number; the BAG fills in street and city. When the BAG cannot answer, the address is
    taken as typed (and marked unchecked) rather than blocking the resident."""

    widget = AddressInput

    def __init__(self, **kwargs):
        parts = [forms.CharField(max_length=length, required=False) for length in (10, 10, 5)]
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, values):
        if not values or not any(values):
            return None
        postcode, number, addition = (ascii_digits(str(v or "")).strip() for v in (values + [None] * 3)[:3])
        try:
            postcode, number = normalise_postcode(postcode), normalise_house_number(number)
        except InvalidQuery as error:
            raise ValidationError(str(error)) from error
        letter, suffix = "", ""
        if addition:
            if re.fullmatch(r"[A-Za-z]", addition):
                letter = addition.upper()
            elif re.fullmatch(r"[A-Za-z0-9]{1,4}", addition.lstrip("-")):
                suffix = addition.lstrip("-")
            else:
                raise ValidationError(
                    _("Een toevoeging is een letter of hoogstens 4 letters of cijfers, zoals A of 2h.")
                )
        address = {"postcode": postcode, "huisnummer": number, "toevoeging": addition, "straat": "", "woonplaats": ""}
        try:
            found = BagClient().lookup(postcode, number, letter, suffix)
        except RegistryUnavailable:
            return {**address, "gecontroleerd": False}
        except InvalidQuery as error:
            raise ValidationError(str(error)) from error
        if not found:
            raise ValidationError(_("We vinden geen adres met deze postcode en dit huisnummer. Kloppen ze?"))
        return {**address, "straat": found[0].street, "woonplaats": found[0].city, "gecontroleerd": True}


class AsciiDigitsMixin:
    """Reads full-width and other scripts' digits as ASCII before the field's own checks (see portal/core/digits)."""

    def to_python(self, value):
        return super().to_python(ascii_digits(value) if isinstance(value, str) else value)


class BSNField(AsciiDigitsMixin, NLBSNFormField):
    pass


class AsciiIBANField(AsciiDigitsMixin, IBANFormField):
    pass


class CurrencyField(forms.DecimalField):
    """Euro amounts as people type them: '1.250,50', '1250.5', '€ 12'."""

    def to_python(self, value):
        if isinstance(value, str):
            text = value.strip().replace("€", "").replace(" ", "")
            if "," in text:
                text = text.replace(".", "").replace(",", ".")
            value = text
        return super().to_python(value)


class DutchNumberField(forms.DecimalField):
    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=[("ja", _("Ja")), ("nee", _("Nee"))],
            coerce=lambda value: value == "ja",
            widget=forms.RadioSelect,
            empty_value=None,
            **kwargs,
        )

    def prepare_value(self, value):
        if isinstance(value, bool):
            return "ja" if value else "nee"
        return value


class FormFileField(MultipleFileField):
    def __init__(self, *, file_types, max_size_mb, max_files, **kwargs):
        self.allowed = {MIME_BY_TYPE[t]: t for t in file_types if t in MIME_BY_TYPE}
        self.max_bytes = max_size_mb * 1024 * 1024
        self.max_files = max_files
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(f".{t}" for t in self.allowed.values()) + "," + ",".join(self.allowed)
        if max_files > 1:
            self.widget.attrs["multiple"] = True

    def clean(self, data, initial=None):
        from portal.core.uploads import check_upload

        files = super().clean(data, initial)
        if len(files) > self.max_files:
            raise ValidationError(
                _("U kunt hier hoogstens %(count)s bestand(en) meesturen.") % {"count": self.max_files}
            )
        checked, errors = [], []
        for uploaded in files:
            try:
                checked.append(check_upload(uploaded, allowed=self.allowed, max_bytes=self.max_bytes))
            except ValidationError as error:
                errors.append(f"{uploaded.name[:60]}: {error.messages[0]}")
        if errors:
            raise ValidationError(errors)
        return checked


CHOICE_TYPES = {"radio", "select", "checkboxes", "yesno"}


class PatternValidator(RegexValidator):
    """The editor's message for a pattern, as written: a Dutch one on an English page stays marked as Dutch (a
    message with the typed value filled in would lose that, and the editor's message has no place for it)."""

    def __call__(self, value):
        try:
            super().__call__(value)
        except ValidationError:
            raise ValidationError(conditional_escape(self.message), code=self.code) from None


@functools.lru_cache(maxsize=8)
def _error_texts(language: str | None) -> dict[str, str]:
    """Every field's error texts in one language, looked up once (a step of 95 questions asked gettext 190 times
    per request)."""
    return {
        "fill_in": _("Vul ‘%(label)s’ in."),
        "choose": _("Kies een antwoord bij ‘%(label)s’."),
        "invalid_choice": _("Kies een van de antwoorden bij ‘%(label)s’."),
    }


def _common(spec: dict, required: bool) -> dict:
    choice = spec["type"] in CHOICE_TYPES
    # The question inside the message keeps its language: a Dutch question in an English message is marked.
    texts, label = _error_texts(get_language()), {"label": spec["label"]}
    errors = {"required": interpolate(texts["choose"] if choice else texts["fill_in"], label)}
    if choice:
        errors["invalid_choice"] = errors["invalid_list"] = interpolate(texts["invalid_choice"], label)
    return {
        "label": spec["label"],
        "help_text": spec.get("help_text", ""),
        "required": required,
        "error_messages": errors,
    }


def build_field(spec: dict, *, required: bool) -> forms.Field:
    """The Django form field for a schema field (not for 'content', which asks nothing)."""
    kind = spec["type"]
    kwargs = _common(spec, required)
    if kind == "text":
        validators = []
        if spec.get("regex"):
            validators.append(PatternValidator(spec["regex"], spec.get("regex_message") or _("Dit klopt niet.")))
        return forms.CharField(
            max_length=min(spec.get("max_length") or TEXT_LIMIT, TEXT_LIMIT),
            min_length=spec.get("min_length") or None,
            validators=validators,
            **kwargs,
        )
    if kind == "textarea":
        limit = min(spec.get("max_length") or TEXTAREA_LIMIT, TEXTAREA_LIMIT)
        return forms.CharField(max_length=limit, widget=forms.Textarea(attrs={"rows": 5}), **kwargs)
    if kind in ("number", "currency"):
        decimals = 2 if kind == "currency" else int(spec.get("decimals") or 0)
        field_class = CurrencyField if kind == "currency" else DutchNumberField
        field = field_class(
            max_digits=15,
            decimal_places=decimals,
            min_value=_decimal(spec.get("min_value")),
            max_value=_decimal(spec.get("max_value")),
            localize=False,
            **kwargs,
        )
        field.widget = forms.TextInput(attrs={"inputmode": "decimal" if decimals else "numeric"})
        return field
    if kind == "date":
        return DutchDateField(allowed=spec.get("range") or "any", **kwargs)
    if kind == "email":
        return forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}), **kwargs)
    if kind == "phone":
        return PhoneNumberField(region="NL", widget=forms.TextInput(attrs={"autocomplete": "tel"}), **kwargs)
    if kind == "address":
        return AddressField(**kwargs)
    if kind == "iban":
        kwargs["error_messages"]["invalid"] = _("Dit is geen geldig IBAN. Het ziet eruit als NL91 ABNA 0417 1643 00.")
        return AsciiIBANField(**kwargs)
    if kind == "bsn":
        kwargs["error_messages"]["invalid"] = _(
            "Dit is geen geldig burgerservicenummer: 9 cijfers die de elfproef halen."
        )
        return BSNField(widget=forms.TextInput(attrs={"inputmode": "numeric"}), **kwargs)
    if kind in ("radio", "select"):
        if kind == "select":
            return forms.ChoiceField(choices=[("", _("Maak een keuze")), *option_choices(spec)], **kwargs)
        return forms.ChoiceField(choices=option_choices(spec), widget=forms.RadioSelect, **kwargs)
    if kind == "checkboxes":
        return forms.MultipleChoiceField(choices=option_choices(spec), widget=forms.CheckboxSelectMultiple, **kwargs)
    if kind == "yesno":
        return YesNoField(**kwargs)
    if kind == "file":
        return FormFileField(
            file_types=spec.get("file_types") or ["pdf"],
            max_size_mb=int(spec.get("max_size_mb") or 10),
            max_files=int(spec.get("max_files") or 1),
            **kwargs,
        )
    raise ValueError(f"unknown field type {kind!r}")


def option_choices(spec: dict) -> list[tuple[str, str]]:
    """(value, what the resident reads) of a choice question's answers: the value is the Dutch form's answer, the
    same in every language; a form read in another language has the answers' texts in "option_labels"."""
    options = spec.get("options", [])
    return list(zip(options, spec.get("option_labels") or options, strict=False))


def _decimal(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def to_json(spec: dict, value):
    """A cleaned value as it is stored (and as logic rules see it)."""
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value) if spec["type"] != "currency" else str(value.quantize(Decimal("0.01")))
    if spec["type"] == "phone":
        return value.as_e164 if value else ""
    if spec["type"] == "iban":
        return str(value).replace(" ", "").upper()
    return value


def display(spec: dict, value) -> str:
    """An answer as the resident reads it back; an answer stored in an unexpected shape reads as it is stored,
    so a receipt or summary never fails on it."""
    if value in (None, "", []):
        return _("Niet ingevuld")
    try:
        return _display(spec, value)
    except (ArithmeticError, TypeError, ValueError, KeyError, AttributeError):
        return str(value)


def _display(spec: dict, value) -> str:
    kind = spec["type"]
    if kind == "date":
        try:
            return date_filter(datetime.date.fromisoformat(value), "j F Y")
        except (TypeError, ValueError):
            return str(value)
    if kind == "yesno":
        return _("Ja") if value else _("Nee")
    if kind in ("radio", "select"):
        return dict(option_choices(spec)).get(value, value)
    if kind == "checkboxes":
        labels = dict(option_choices(spec))
        chosen = [labels.get(item, item) for item in value]
        languages = {getattr(label, "lang", None) for label in chosen}
        joined = ", ".join(chosen)
        return Text(joined, languages.pop()) if len(languages) == 1 and None not in languages else joined
    if kind == "currency":
        return "€ " + f"{Decimal(value):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    if kind == "number" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    if kind == "address" and isinstance(value, dict):
        street = f"{value.get('straat') or ''} {value.get('huisnummer')}{value.get('toevoeging') or ''}".strip()
        postcode = value.get("postcode", "")
        return f"{street}, {postcode[:4]} {postcode[4:]} {value.get('woonplaats') or ''}".strip()
    if kind == "phone":
        try:
            return phonenumbers.format_number(phonenumbers.parse(value, "NL"), phonenumbers.PhoneNumberFormat.NATIONAL)
        except phonenumbers.NumberParseException:
            return str(value)
    if kind == "iban":
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    if kind == "file":
        return ", ".join(f"{item['name']} ({filesizeformat(item['size'])})" for item in value)
    return str(value)

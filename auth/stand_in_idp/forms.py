from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from auth import loa
from auth.services import validate_bsn, validate_kvk_number
from auth.stand_in_idp.personas import companies, personas
from portal.core.digits import ascii_digits


class _AtLeastLevel:
    """The level field starts at, and refuses anything below, the level the relying party asked for."""

    level_satisfies = staticmethod(loa.satisfies)
    level_label = staticmethod(loa.label)

    def __init__(self, *args, minimum_acr: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.minimum_acr = minimum_acr
        if minimum_acr:
            self.fields["acr"].initial = minimum_acr

    def clean_acr(self):
        acr = self.cleaned_data["acr"]
        if self.minimum_acr and not self.level_satisfies(acr, self.minimum_acr):
            level = self.level_label(self.minimum_acr)
            raise ValidationError(_("Deze dienst vraagt minstens: %(level)s.") % {"level": level})
        return acr


class PersonaLoginForm(_AtLeastLevel, forms.Form):
    persona = forms.ChoiceField(
        label=_("Kies een persoon"),
        required=False,
        widget=forms.RadioSelect,
        choices=lambda: [(p.bsn, f"{p.name} — {p.situation}") for p in personas()],
    )
    bsn = forms.CharField(
        label=_("Of typ een burgerservicenummer"),
        help_text=_("9 cijfers; het nummer moet de elfproef doorstaan."),
        required=False,
        max_length=9,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    acr = forms.ChoiceField(
        label=_("Betrouwbaarheidsniveau"), choices=loa.LEVELS, initial=loa.MIDDEN, widget=forms.RadioSelect
    )

    def clean_bsn(self):
        value = self.cleaned_data["bsn"].strip()
        return validate_bsn(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("persona") and not cleaned.get("bsn") and "bsn" not in self.errors:
            self.add_error("persona", _("Kies een persoon of typ een burgerservicenummer."))
        return cleaned

    @property
    def chosen_bsn(self) -> str:
        return self.cleaned_data.get("bsn") or self.cleaned_data.get("persona", "")


class CompanyLoginForm(_AtLeastLevel, forms.Form):
    """The eHerkenning stand-in: for which company (and, if the authorisation is limited to one, which branch) an
    employee logs in, who they are (the broker turns that into a pseudonym), and at which level."""

    company = forms.ChoiceField(
        label=_("Kies een bedrijf"),
        required=False,
        widget=forms.RadioSelect,
        choices=lambda: [(c.kvk_number, f"{c.name} — {c.situation} ({c.kvk_number})") for c in companies()],
    )
    kvk_number = forms.CharField(
        label=_("Of typ een KvK-nummer"),
        help_text=_("8 cijfers."),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    branch_number = forms.CharField(
        label=_("Vestigingsnummer (alleen als uw machtiging voor één vestiging geldt)"),
        help_text=_("12 cijfers. Leeg: u handelt voor het hele bedrijf."),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    employee = forms.EmailField(
        label=_("Uw e-mailadres als medewerker"),
        help_text=_("De makelaar geeft de gemeente hiervan alleen een versleutelde code door, niet het adres zelf."),
        max_length=200,
    )
    acr = forms.ChoiceField(
        label=_("Betrouwbaarheidsniveau"), choices=loa.EH_LEVELS, initial=loa.EH3, widget=forms.RadioSelect
    )

    level_satisfies = staticmethod(loa.eh_satisfies)
    level_label = staticmethod(loa.eh_label)

    def clean_kvk_number(self):
        value = self.cleaned_data["kvk_number"].strip()
        return validate_kvk_number(value) if value else ""

    def clean_branch_number(self):
        value = ascii_digits(self.cleaned_data["branch_number"]).strip()
        if value and (len(value) != 12 or not value.isascii() or not value.isdigit()):
            raise ValidationError(_("Een vestigingsnummer bestaat uit 12 cijfers."))
        return value

    def clean(self):
        cleaned = super().clean()
        kvk_number = cleaned.get("kvk_number") or cleaned.get("company")
        if not kvk_number and "kvk_number" not in self.errors:
            self.add_error("company", _("Kies een bedrijf of typ een KvK-nummer."))
        branch = cleaned.get("branch_number")
        known = {c.kvk_number: c for c in companies()}
        if branch and kvk_number in known and branch not in dict(known[kvk_number].branches):
            self.add_error("branch_number", _("Dit bedrijf heeft geen vestiging met dit nummer."))
        return cleaned

    @property
    def chosen_kvk_number(self) -> str:
        return self.cleaned_data.get("kvk_number") or self.cleaned_data.get("company", "")


class MandateChoiceForm(forms.Form):
    """Whom to act for: one of the register's entries for this person or organisation and this service."""

    mandate = forms.TypedChoiceField(label=_("Namens wie handelt u?"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = {entry.pk: entry for entry in entries}
        self.fields["mandate"].choices = [
            (entry.pk, f"{entry.representee_name} — {entry.kind_label}") for entry in entries
        ]
        self.fields["mandate"].error_messages["required"] = _("Kies voor wie u handelt.")
        self.fields["mandate"].error_messages["invalid_choice"] = _(
            "Voor deze persoon bent u niet (meer) gemachtigd voor deze dienst."
        )

    @property
    def chosen(self):
        return self.entries[self.cleaned_data["mandate"]]

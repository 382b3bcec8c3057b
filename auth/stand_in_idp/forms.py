from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from auth import loa
from auth.services import validate_bsn
from auth.stand_in_idp.personas import personas


class PersonaLoginForm(forms.Form):
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

    def __init__(self, *args, minimum_acr: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.minimum_acr = minimum_acr
        if minimum_acr:
            self.fields["acr"].initial = minimum_acr

    def clean_bsn(self):
        value = self.cleaned_data["bsn"].strip()
        return validate_bsn(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("persona") and not cleaned.get("bsn") and "bsn" not in self.errors:
            self.add_error("persona", _("Kies een persoon of typ een burgerservicenummer."))
        if self.minimum_acr and cleaned.get("acr") and not loa.satisfies(cleaned["acr"], self.minimum_acr):
            raise ValidationError(
                {"acr": _("Deze dienst vraagt minstens: %(level)s.") % {"level": loa.label(self.minimum_acr)}}
            )
        return cleaned

    @property
    def chosen_bsn(self) -> str:
        return self.cleaned_data.get("bsn") or self.cleaned_data.get("persona", "")

from django import forms
from django.utils.translation import gettext_lazy as _


class SatisfactionForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Hoe tevreden bent u?"),
        choices=[
            (5, _("Zeer tevreden")),
            (4, _("Tevreden")),
            (3, _("Neutraal")),
            (2, _("Ontevreden")),
            (1, _("Zeer ontevreden")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe tevreden u bent."),
            "invalid_choice": _("Kies een van de antwoorden."),
        },
    )
    comment = forms.CharField(
        label=_("Wilt u nog iets kwijt? (niet verplicht)"),
        help_text=_(
            "Zet hier geen persoonlijke gegevens in; een BSN, IBAN, e-mailadres of telefoonnummer halen we weg."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Gebruik niet meer dan %(limit_value)d tekens (u gebruikte er %(show_value)d).")
        },
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=2000)
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

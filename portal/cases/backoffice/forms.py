from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from auth.services import validate_bsn
from portal.cases.models import Case, StatusType


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Zaaknummer"), required=False, max_length=20)
    case_type = forms.ModelChoiceField(label=_("Zaaktype"), queryset=None, required=False)
    state = forms.ChoiceField(
        label=_("Toestand"),
        required=False,
        choices=[
            ("", _("Alle open zaken")),
            ("overdue", _("Te laat")),
            ("waiting", _("Wacht op inwoner")),
            ("closed", _("Afgesloten")),
        ],
    )

    def __init__(self, *args, case_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_type"].queryset = case_types


class StatusForm(forms.Form):
    status_type = forms.ModelChoiceField(label=_("Nieuwe status"), queryset=StatusType.objects.none())
    public_text = forms.CharField(
        label=_("Toelichting voor de inwoner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leeg: de vaste tekst van de status. Geen persoonsgegevens van anderen."),
    )
    internal_note = forms.CharField(
        label=_("Interne notitie"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    result = forms.CharField(label=_("Resultaat (bij afsluiten)"), required=False, max_length=200)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status_type"].queryset = case.case_type.status_types.all()
        self.fields["status_type"].label_from_instance = lambda status: status.name


class InformationRequestForm(forms.Form):
    question = forms.CharField(
        label=_("Vraag aan de inwoner"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    deadline = forms.DateField(label=_("Uiterste datum"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise forms.ValidationError(_("Kies een datum in de toekomst."))
        return deadline


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(label=_("Bericht"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000)


class RegisterCaseForm(forms.Form):
    """A case for a resident who came to the counter or phoned: they will see it online too."""

    bsn = forms.CharField(
        label=_("Burgerservicenummer"), max_length=9, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    case_type = forms.ModelChoiceField(label=_("Zaaktype"), queryset=None)
    channel = forms.ChoiceField(
        label=_("Kanaal"), choices=[c for c in Case.Channel.choices if c[0] != Case.Channel.ONLINE]
    )

    def __init__(self, *args, case_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_type"].queryset = case_types

    def clean_bsn(self):
        return validate_bsn(self.cleaned_data["bsn"])


class InternalNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Interne notitie"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen zichtbaar voor medewerkers."),
    )

import re
import unicodedata

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from portal.core.uploads import check_upload
from portal.profile.models import ContactPreferences
from portal.profile.services import BRP_CORRECTION_SUBJECTS


class ContactPreferencesForm(forms.ModelForm):
    phone = PhoneNumberField(
        label=_("Mobiel nummer"),
        required=False,
        region="NL",
        help_text=_("Bijvoorbeeld 06 12345678. Alleen nodig als u een sms wilt krijgen."),
        error_messages={"invalid": _("Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    class Meta:
        model = ContactPreferences
        fields = ["email", "phone", "notify_by_email", "notify_by_sms"]
        labels = {
            "email": _("E-mailadres"),
            "notify_by_email": _("Stuur mij een e-mail als er een nieuw bericht is"),
            "notify_by_sms": _("Stuur mij een sms als er een nieuw bericht is"),
        }
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}
        help_texts = {
            "email": _("We gebruiken het alleen om te laten weten dat er iets voor u klaarstaat."),
        }
        error_messages = {"email": {"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")}}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("notify_by_email") and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Vul uw e-mailadres in, of zet de e-mail bij een nieuw bericht uit."))
        phone = cleaned.get("phone")
        if cleaned.get("notify_by_sms") and "phone" not in self.errors:
            if not phone:
                self.add_error("phone", _("Vul uw mobiele nummer in, of zet de sms bij een nieuw bericht uit."))
            elif phonenumbers.number_type(phone) not in (
                phonenumbers.PhoneNumberType.MOBILE,
                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
            ):
                self.add_error("phone", _("Een sms kan alleen naar een mobiel nummer, bijvoorbeeld 06 12345678."))
        return cleaned


class BrpCorrectionForm(forms.Form):
    """'Klopt er iets niet?' beside the BRP data: which data, what is wrong, and a document that shows it."""

    subject = forms.ChoiceField(
        label=_("Welke gegevens kloppen niet?"),
        choices=BRP_CORRECTION_SUBJECTS,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies welke gegevens niet kloppen."),
            "invalid_choice": _("Kies een van de mogelijkheden."),
        },
    )
    explanation = forms.CharField(
        label=_("Wat is er niet juist, en wat moet het zijn?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Bijvoorbeeld: mijn tweede voornaam is Maria, niet Marie."),
        error_messages={
            "required": _("Leg uit wat er niet klopt."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    document = forms.FileField(
        label=_("Bewijsstuk (niet verplicht)"),
        required=False,
        help_text=_("Bijvoorbeeld een geboorteakte of paspoort. PDF, JPG of PNG, hoogstens 10 MB."),
        error_messages={"empty": _("Dit bestand is leeg.")},
    )

    def clean_explanation(self):
        text = self.cleaned_data["explanation"].strip()
        if not text:
            raise forms.ValidationError(_("Leg uit wat er niet klopt."))
        return text

    def clean_document(self):
        uploaded = self.cleaned_data["document"]
        return check_upload(uploaded) if uploaded else None


class VerificationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Bevestigingscode"),
        max_length=20,
        help_text=_("De 6 cijfers uit het bericht dat we u stuurden."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}),
        error_messages={
            "required": _("Vul de code van 6 cijfers in."),
            "max_length": _("De code heeft 6 cijfers, bijvoorbeeld 123456."),
        },
    )

    def clean_code(self):
        # Digits as a phone keyboard or a copied message may give them: full-width, with spaces or a dash.
        code = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", self.cleaned_data["code"]))
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError(_("De code heeft 6 cijfers, bijvoorbeeld 123456."))
        return code


class AccountCloseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik heb gelezen wat er gebeurt en wil mijn account opheffen"),
        error_messages={"required": _("Vink aan dat u uw account wilt opheffen, of ga terug naar Mijn gegevens.")},
    )

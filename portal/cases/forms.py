from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.core.uploads import MultipleFileField, check_upload

MAX_FILES = 5


class FilesForm(forms.Form):
    files = MultipleFileField(
        label=_("Bestanden"),
        required=False,
        help_text=_("PDF, JPG of PNG, hoogstens 10 MB per bestand en %(count)s bestanden.") % {"count": MAX_FILES},
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise ValidationError(_("U kunt hoogstens %(count)s bestanden meesturen.") % {"count": MAX_FILES})
        checked, errors = [], []
        for uploaded in files:
            try:
                checked.append(check_upload(uploaded))
            except ValidationError as error:
                errors.append(f"{uploaded.name[:60]}: {error.messages[0]}")
        if errors:
            raise ValidationError(errors)
        return checked


class InformationAnswerForm(FilesForm):
    answer = forms.CharField(
        label=_("Uw antwoord"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    field_order = ["answer", "files"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Distinct from the case's own document upload on the same page.
        self.fields["files"].label = _("Bestanden bij uw antwoord")


class CaseQuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Uw vraag over deze zaak"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Het team dat uw aanvraag behandelt, antwoordt via uw berichten."),
    )

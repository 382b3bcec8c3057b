from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.uploads import MultipleFileField, check_uploads

MAX_FILES = 5


class FilesForm(forms.Form):
    files = MultipleFileField(
        label=_("Bestanden"),
        required=False,
        help_text=_("PDF, JPG of PNG, hoogstens 10 MB per bestand en %(count)s bestanden.") % {"count": MAX_FILES},
    )

    def clean_files(self):
        return check_uploads(
            self.cleaned_data["files"],
            most=MAX_FILES,
            too_many=_("U kunt hoogstens %(count)s bestanden meesturen.") % {"count": MAX_FILES},
        )


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

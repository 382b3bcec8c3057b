from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.uploads import IMAGE_TYPES, MultipleFileField, check_uploads
from portal.notices.models import NoticePreference

MAX_PHOTOS = 5


class NoticePreferencesForm(forms.Form):
    """One choice per notice category."""

    def __init__(self, *args, choices: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {}
        for category, choice in choices:
            name = f"category_{category.pk}"
            self.categories[name] = category
            self.fields[name] = forms.ChoiceField(
                label=category.text.name,
                help_text=category.text.description,
                choices=NoticePreference.Choice.choices,
                initial=choice,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Maak een keuze."),
                    "invalid_choice": _("Kies een van de mogelijkheden."),
                },
            )

    def chosen(self) -> dict:
        return {self.categories[name]: value for name, value in self.cleaned_data.items()}


class WozCorrectionForm(forms.Form):
    floor_area = forms.IntegerField(
        label=_("Juiste oppervlakte in m²"),
        required=False,
        min_value=10,
        max_value=10_000,
        error_messages={
            "invalid": _("Vul de oppervlakte in als een heel getal, bijvoorbeeld 95."),
            "min_value": _("Een woning is minstens 10 m²."),
            "max_value": _("Vul de oppervlakte in m² in (hoogstens 10 000)."),
        },
        help_text=_("Alleen invullen als de geregistreerde oppervlakte niet klopt."),
    )
    build_year = forms.IntegerField(
        label=_("Juist bouwjaar"),
        required=False,
        min_value=1000,
        error_messages={
            "invalid": _("Vul het bouwjaar in als een jaartal, bijvoorbeeld 1978."),
            "min_value": _("Vul het bouwjaar in als een jaartal, bijvoorbeeld 1978."),
        },
        help_text=_("Alleen invullen als het geregistreerde bouwjaar niet klopt."),
    )
    dwelling_type = forms.CharField(
        label=_("Juiste soort woning"),
        required=False,
        max_length=60,
        help_text=_("Bijvoorbeeld tussenwoning, hoekwoning of appartement. Alleen invullen als het niet klopt."),
    )
    explanation = forms.CharField(
        label=_("Wat klopt er niet?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Leg uit wat er niet klopt.")},
        help_text=_("Bijvoorbeeld: de aanbouw uit 2019 is gesloopt, of de zolder is geen woonruimte."),
    )
    photos = MultipleFileField(
        label=_("Foto's (niet verplicht)"),
        required=False,
        help_text=_("JPG of PNG, hoogstens 10 MB per foto en %(count)s foto's.") % {"count": MAX_PHOTOS},
    )

    def clean_build_year(self):
        year = self.cleaned_data["build_year"]
        if year is not None and year > timezone.localdate().year + 1:
            raise ValidationError(_("Dat bouwjaar ligt in de toekomst."))
        return year

    def clean_photos(self):
        return check_uploads(
            self.cleaned_data["photos"],
            most=MAX_PHOTOS,
            allowed=IMAGE_TYPES,
            too_many=_("U kunt hoogstens %(count)s foto's meesturen.") % {"count": MAX_PHOTOS},
        )

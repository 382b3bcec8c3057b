from datetime import time

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from auth.services import validate_bsn
from portal.appointments.models import CeremonyType, Resource
from portal.appointments.wedding.planner import Choice, registrars
from portal.core.translations import Text, texts_of, with_texts

TIMES = [time(hour, minute) for hour in range(8, 21) for minute in (0, 30)]
OWN_REGISTRAR = "eigen"


class ChoiceForm(forms.Form):
    """The couple's choice, in the address so every alternative is a plain link and the answer can be shared."""

    ceremonie = forms.ModelChoiceField(
        label=_("Soort ceremonie"),
        queryset=CeremonyType.objects.all(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een soort ceremonie."),
            "invalid_choice": _("Kies een ceremonie uit de lijst."),
        },
    )
    datum = forms.DateField(
        label=_("Datum"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Kies een datum."), "invalid": _("Vul een bestaande datum in.")},
    )
    tijd = forms.TypedChoiceField(
        label=_("Tijd"),
        choices=[(t.strftime("%H:%M"), t.strftime("%H:%M")) for t in TIMES],
        coerce=lambda value: time.fromisoformat(value),
        error_messages={"required": _("Kies een tijd."), "invalid_choice": _("Kies een tijd uit de lijst.")},
    )
    zaal = forms.ModelChoiceField(
        label=_("Zaal of trouwlocatie"),
        queryset=Resource.objects.filter(kind=Resource.Kind.ROOM, active=True).select_related("location"),
        error_messages={"required": _("Kies een zaal."), "invalid_choice": _("Kies een zaal uit de lijst.")},
    )
    babs = forms.ChoiceField(
        label=_("Trouwambtenaar (BABS)"),
        error_messages={"required": _("Kies een trouwambtenaar."), "invalid_choice": _("Kies uit de lijst.")},
    )
    gasten = forms.IntegerField(
        label=_("Aantal gasten"),
        min_value=0,
        max_value=1000,
        help_text=_("Iedereen in de zaal, uzelf en de getuigen meegeteld."),
        error_messages={
            "required": _("Vul het aantal gasten in."),
            "invalid": _("Vul een aantal in, in cijfers."),
            "min_value": _("Het aantal gasten kan niet negatief zijn."),
            "max_value": _("Zoveel gasten passen in geen enkele zaal."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ceremonies = self.fields["ceremonie"]  # named as read in the interface's language
        ceremonies.queryset = with_texts(ceremonies.queryset)
        ceremonies.label_from_instance = lambda ceremony: ceremony.text.name
        rooms = self.fields["zaal"]
        rooms.queryset = with_texts(rooms.queryset).prefetch_related(*texts_of("location"))
        rooms.label_from_instance = room_label
        self.registrars = {str(r.pk): r for r in registrars()}
        self.fields["babs"].choices = [(pk, r.name) for pk, r in self.registrars.items()] + [
            (OWN_REGISTRAR, _("Een eigen trouwambtenaar (laten beëdigen)"))
        ]

    def choice(self) -> Choice:
        data = self.cleaned_data
        return Choice(
            ceremony=data["ceremonie"],
            day=data["datum"],
            at=data["tijd"],
            room=data["zaal"],
            registrar=self.registrars.get(data["babs"]),
            guests=data["gasten"],
        )


def room_label(room: Resource) -> Text:
    """A room as the list names it, with its location: in the interface's language where they have it (the room's
    language marks the lot, as an option holds text only)."""
    name = room.text.name
    return Text(f"{name} ({room.location.text.name})", name.lang) if room.location_id else name


class ReserveForm(forms.Form):
    partner_bsn = forms.CharField(
        label=_("Burgerservicenummer van uw partner"),
        max_length=9,
        help_text=_(
            "Uw partner bevestigt de melding daarna zelf met DigiD. Zonder bevestiging vervalt de "
            "reservering na 7 dagen."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Vul het burgerservicenummer van uw partner in.")},
    )
    own_registrar_name = forms.CharField(label=_("Naam van uw eigen trouwambtenaar"), max_length=150, required=False)

    def clean_partner_bsn(self):
        try:
            return validate_bsn(self.cleaned_data["partner_bsn"])
        except ValidationError:
            raise ValidationError(
                _("Dit is geen geldig burgerservicenummer: 9 cijfers die de elfproef halen.")
            ) from None


class MoveForm(forms.Form):
    """Moving a reservation asks only what the new choice needs and the reservation does not know yet."""

    own_registrar_name = forms.CharField(
        label=_("Naam van uw eigen trouwambtenaar"),
        max_length=150,
        error_messages={"required": _("Vul de naam in van de trouwambtenaar die u meebrengt.")},
    )

    def __init__(self, *args, wedding, choice, **kwargs):
        super().__init__(*args, **kwargs)
        if choice.registrar is not None or wedding.own_registrar_name:
            del self.fields["own_registrar_name"]

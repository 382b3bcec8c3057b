from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.appointments.models import Location
from portal.appointments.selectors import bookable_products, booking_window, desks_for
from portal.core.translations import with_texts

MAX_PERSONS_ASKED = 10


class SlotQueryForm(forms.Form):
    """What the resident chose so far, carried from step to step in the address (GET), checked at every step:
    a changed or shared link gets the same clear errors as the form itself."""

    products = forms.ModelMultipleChoiceField(
        label=_("Waarvoor wilt u een afspraak maken?"),
        queryset=bookable_products(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("U kunt meer dan één ding tegelijk regelen."),
        error_messages={
            "required": _("Kies waarvoor u een afspraak wilt maken."),
            "invalid_choice": _("Dit kunt u niet (meer) online afspreken. Kies uit de lijst."),
            "invalid_pk_value": _("Dit kunt u niet (meer) online afspreken. Kies uit de lijst."),
        },
    )
    persons = forms.TypedChoiceField(
        label=_("Voor hoeveel personen?"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, MAX_PERSONS_ASKED + 1)],
        initial=1,
        help_text=_("Komt u met gezinsleden die ook een document aanvragen? Tel ze mee."),
        error_messages={
            "required": _("Kies voor hoeveel personen de afspraak is."),
            "invalid_choice": _("Kies 1 tot en met 10 personen."),
        },
    )
    location = forms.ModelChoiceField(
        label=_("Waar wilt u langskomen?"),
        queryset=Location.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een locatie."),
            "invalid_choice": _("Deze locatie bestaat niet. Kies uit de lijst."),
        },
    )
    day = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"required": _("Kies een dag."), "invalid": _("Deze datum bestaat niet.")},
    )
    month = forms.DateField(
        required=False, input_formats=["%Y-%m"], error_messages={"invalid": _("Deze maand bestaat niet.")}
    )
    start = forms.DateTimeField(
        label=_("Tijd"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%M:%S%z"],
        error_messages={"required": _("Kies een tijd."), "invalid": _("Kies een van de getoonde tijden.")},
    )

    def __init__(self, *args, require=(), for_child=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in require:
            self.fields[name].required = True
        for name in ("products", "location"):  # named as read in the interface's language
            self.fields[name].queryset = with_texts(self.fields[name].queryset)
            self.fields[name].label_from_instance = lambda chosen: chosen.text.name
        if for_child:
            # A parent acting for their child (auth/acting.py): only what may be booked for a child.
            self.fields["products"].queryset = self.fields["products"].queryset.filter(for_children=True)

    def clean(self):
        data = super().clean()
        products = list(data.get("products") or [])
        if not products:
            return data
        data["products"] = products
        most = min(product.max_persons for product in products)
        if data.get("persons") and data["persons"] > most:
            self.add_error(
                "persons", _("Voor deze afspraak kunt u met hooguit %(most)s personen komen.") % {"most": most}
            )
        location = data.get("location")
        if location and not desks_for(products=products, location=location).exists():
            self.add_error("location", _("Op deze locatie kunt u hiervoor geen afspraak maken. Kies een andere."))
        first, last = booking_window(products=products)
        day = data.get("day") or (timezone.localtime(data["start"]).date() if data.get("start") else None)
        if day is not None and not first <= day <= last:
            field = "day" if data.get("day") else "start"
            if day < timezone.localdate():
                self.add_error(field, _("Deze dag is al voorbij. Kies een dag vanaf %(first)s.") % _days(first, last))
            else:
                self.add_error(
                    field, _("U kunt een afspraak maken van %(first)s tot en met %(last)s.") % _days(first, last)
                )
        return data


def _days(first: date, last: date) -> dict:
    return {"first": first.strftime("%d-%m-%Y"), "last": last.strftime("%d-%m-%Y")}


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=150,
        error_messages={"required": _("Vul uw naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Hier sturen we de bevestiging, met een link om te verplaatsen of te annuleren."),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.RegexField(
        label=_("Telefoonnummer (niet verplicht)"),
        regex=r"^\+?[0-9 ()-]{10,20}$",
        required=False,
        max_length=20,
        error_messages={"invalid": _("Vul een telefoonnummer in zoals 06 12345678.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class BlockForm(forms.Form):
    resource = forms.ModelChoiceField(label=_("Balie of medewerker"), queryset=None)
    day = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("Van"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Tot"), widget=forms.TimeInput(attrs={"type": "time"}))
    reason = forms.CharField(label=_("Reden"), max_length=120)

    def __init__(self, *args, resources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = resources

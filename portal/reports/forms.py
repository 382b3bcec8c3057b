from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from portal.core.digits import ascii_digits
from portal.core.uploads import IMAGE_TYPES, MultipleFileField, check_uploads
from portal.registries.bag import BagClient
from portal.registries.base import InvalidQuery, RegistryUnavailable
from portal.reports import geo
from portal.reports.models import DESCRIPTION_MAX
from portal.reports.services import MAX_PHOTOS


class DescriptionForm(forms.Form):
    description = forms.CharField(
        label=_("Wat is er aan de hand?"),
        help_text=_("Bijvoorbeeld: de lantaarnpaal voor huisnummer 12 brandt niet meer. Hoogstens %(max)d tekens.")
        % {"max": DESCRIPTION_MAX},
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Beschrijf wat er aan de hand is."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens (het zijn er nu %(show_value)d)."),
        },
    )


class CategoryForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Om wat voor melding gaat het?"),
        error_messages={
            "required": _("Kies de soort melding die het best past."),
            "invalid_choice": _("Kies een soort melding uit de lijst."),
        },
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.code, c.name) for main in groups for c in main.choices]


class PhotosForm(forms.Form):
    photos = MultipleFileField(
        label=_("Foto's (niet verplicht, tenzij de soort melding erom vraagt)"),
        help_text=_("JPG of PNG, hoogstens %(max)d foto's van elk 10 MB. Een plek in de foto vullen we voor u in.")
        % {"max": MAX_PHOTOS},
        required=False,
    )

    def __init__(self, *args, already: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.already = already

    def clean_photos(self):
        files = self.cleaned_data["photos"]
        locations = []
        for uploaded in files:
            locations.append(geo.photo_location(uploaded.read()))
            uploaded.seek(0)
        checked = check_uploads(
            files,
            most=MAX_PHOTOS - self.already,
            too_many=_("U kunt hoogstens %(max)d foto's meesturen.") % {"max": MAX_PHOTOS},
            allowed=IMAGE_TYPES,
        )
        return list(zip(checked, locations, strict=True))


def _number(value: str) -> str:
    return ascii_digits(value or "").strip().replace(",", ".")


class LocationForm(forms.Form):
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    house_number = forms.CharField(label=_("Huisnummer"), required=False, max_length=10)
    latitude = forms.CharField(
        label=_("Breedtegraad"), required=False, max_length=30, help_text=_("Bijvoorbeeld 52.0907.")
    )
    longitude = forms.CharField(
        label=_("Lengtegraad"), required=False, max_length=30, help_text=_("Bijvoorbeeld 5.1214.")
    )

    def clean(self):
        data = super().clean()
        postcode, number = data.get("postcode", "").strip(), data.get("house_number", "").strip()
        latitude, longitude = _number(data.get("latitude")), _number(data.get("longitude"))
        if postcode or number:
            if not (postcode and number):
                field = "house_number" if postcode else "postcode"
                self.add_error(field, _("Vul postcode én huisnummer in, of wijs de plek aan op de kaart."))
                return data
            try:
                addresses = BagClient().lookup(postcode, number)
            except InvalidQuery as error:
                self.add_error("postcode" if error.field == "postcode" else "house_number", str(error))
                return data
            except RegistryUnavailable:
                raise ValidationError(
                    _("Adressen opzoeken lukt nu niet. Wijs de plek aan op de kaart of vul de coördinaten in.")
                ) from None
            found = [a for a in addresses if a.latitude is not None and a.longitude is not None]
            if not found:
                self.add_error("house_number", _("Dit adres kennen we niet. Controleer postcode en huisnummer."))
                return data
            address = found[0]
            latitude, longitude = address.latitude, address.longitude
            data["street"] = address.street
            data["address"] = f"{address.street} {address.house_number}, {address.city}"
        elif not (latitude or longitude):
            raise ValidationError(
                _("Geef de plek op: een adres in de buurt, een punt op de kaart of de coördinaten."), code="required"
            )
        elif not (latitude and longitude):
            self.add_error("longitude" if latitude else "latitude", _("Vul zowel breedtegraad als lengtegraad in."))
            return data
        try:
            data["point"] = geo.checked_point(latitude, longitude)
        except ValidationError as error:
            self.add_error("postcode" if postcode else "latitude", error)
        return data


class ContactForm(forms.Form):
    contact_name = forms.CharField(label=_("Naam"), required=False, max_length=100)
    contact_email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        help_text=_("Dan laten we u weten wat er met uw melding gebeurt."),
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )
    contact_phone = PhoneNumberField(
        label=_("Telefoonnummer"),
        required=False,
        help_text=_("Voor als we een vraag hebben over de plek."),
        error_messages={"invalid": _("Vul een telefoonnummer in zoals 06 12345678.")},
    )


class FeedbackForm(forms.Form):
    solved = forms.TypedChoiceField(
        label=_("Is het probleem opgelost?"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )
    reason = forms.CharField(
        label=_("Wat is er nog niet goed?"),
        help_text=_("Nodig als u nee kiest. Hoogstens 1000 tekens."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("solved") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Vertel kort wat er nog niet goed is."))
        return data

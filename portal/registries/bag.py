"""Client for BAG address lookups by postcode and house number."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from portal.core.digits import ascii_digits
from portal.registries.base import InvalidQuery, RegistryClient, RegistryUnavailable

_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")


@dataclass(frozen=True)
class BagAddress:
    identification: str
    street: str
    house_number: int
    house_letter: str
    house_number_addition: str
    postcode: str
    city: str
    neighbourhood_code: str
    floor_area: int | None
    build_year: int | None
    use: str
    latitude: float | None
    longitude: float | None


def normalise_postcode(value: str) -> str:
    """'1234 ab' → '1234AB'; anything that is not a Dutch postcode is an InvalidQuery."""
    match = _POSTCODE.fullmatch(ascii_digits(value or "").strip()[:10])
    if not match:
        raise InvalidQuery("postcode", _("Vul een postcode in zoals 1234 AB."))
    return f"{match.group(1)}{match.group(2).upper()}"


def normalise_house_number(value) -> int:
    text = ascii_digits(str(value or "")).strip()
    if not re.fullmatch(r"[0-9]{1,5}", text) or int(text) < 1:
        raise InvalidQuery("huisnummer", _("Vul een huisnummer in met alleen cijfers, zoals 12."))
    return int(text)


class BagClient(RegistryClient):
    name = "bag"
    url_setting = "BAG_API_URL"

    def lookup(self, postcode: str, house_number, house_letter: str = "", addition: str = "") -> list[BagAddress]:
        params = {"postcode": normalise_postcode(postcode), "huisnummer": normalise_house_number(house_number)}
        if house_letter:
            if not re.fullmatch(r"[A-Za-z]", house_letter.strip()):
                raise InvalidQuery("huisletter", _("Een huisletter is één letter, zoals A."))
            params["huisletter"] = house_letter.strip().upper()
        if addition:
            if not re.fullmatch(r"[A-Za-z0-9]{1,4}", addition.strip()):
                raise InvalidQuery("huisnummertoevoeging", _("Een toevoeging is hoogstens 4 letters of cijfers."))
            params["huisnummertoevoeging"] = addition.strip()
        data = self._call("GET", "/adressen", params=params)
        try:
            return [
                BagAddress(
                    identification=item["nummeraanduidingIdentificatie"],
                    street=item["openbareRuimteNaam"],
                    house_number=int(item["huisnummer"]),
                    house_letter=item.get("huisletter", ""),
                    house_number_addition=item.get("huisnummertoevoeging", ""),
                    postcode=item["postcode"],
                    city=item["woonplaatsNaam"],
                    neighbourhood_code=item.get("wijkcode", ""),
                    floor_area=item.get("oppervlakte"),
                    build_year=item.get("bouwjaar"),
                    use=item.get("gebruiksdoel", ""),
                    latitude=item.get("latitude"),
                    longitude=item.get("longitude"),
                )
                for item in data["adressen"]
            ]
        except (KeyError, TypeError, ValueError) as error:
            raise RegistryUnavailable(self.name, f"unexpected answer ({type(error).__name__})") from error

"""Client for the WOZ objects a person owns."""

from dataclasses import dataclass
from datetime import date

from portal.registries.base import RegistryClient, RegistryUnavailable


@dataclass(frozen=True)
class WozObject:
    identification: str
    street: str
    house_number: int
    postcode: str
    city: str
    value: int
    reference_date: date
    draft_value: int | None
    dwelling_type: str
    floor_area: int | None
    build_year: int | None


class WozClient(RegistryClient):
    name = "woz"
    url_setting = "WOZ_API_URL"

    def owned_by(self, bsn: str) -> list[WozObject]:
        data = self._call("POST", "/wozobjecten", json_body={"burgerservicenummer": bsn})
        try:
            return [
                WozObject(
                    identification=item["wozObjectnummer"],
                    street=item["adres"]["openbareRuimteNaam"],
                    house_number=int(item["adres"]["huisnummer"]),
                    postcode=item["adres"]["postcode"],
                    city=item["adres"]["woonplaatsNaam"],
                    value=int(item["vastgesteldeWaarde"]),
                    reference_date=date.fromisoformat(item["waardepeildatum"]),
                    draft_value=item.get("conceptWaarde"),
                    dwelling_type=item.get("soortObject", ""),
                    floor_area=item["adres"].get("oppervlakte"),
                    build_year=item["adres"].get("bouwjaar"),
                )
                for item in data["wozObjecten"]
            ]
        except (KeyError, TypeError, ValueError) as error:
            raise RegistryUnavailable(self.name, f"unexpected answer ({type(error).__name__})") from error

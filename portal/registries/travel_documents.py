"""Client for a person's travel documents (passport, ID card)."""

from dataclasses import dataclass
from datetime import date

from portal.registries.base import RegistryClient, RegistryUnavailable


@dataclass(frozen=True)
class TravelDocument:
    kind: str  # PN passport, NI identity card
    kind_label: str
    number: str
    expires_on: date


class TravelDocumentsClient(RegistryClient):
    name = "travel_documents"
    url_setting = "TRAVEL_DOCUMENTS_API_URL"

    def for_person(self, bsn: str) -> list[TravelDocument]:
        data = self._call("POST", "/reisdocumenten", json_body={"burgerservicenummer": bsn})
        try:
            return [
                TravelDocument(
                    kind=item["soort"]["code"],
                    kind_label=item["soort"]["omschrijving"],
                    number=item["documentnummer"],
                    expires_on=date.fromisoformat(item["datumEindeGeldigheid"]),
                )
                for item in data["reisdocumenten"]
            ]
        except (KeyError, TypeError, ValueError) as error:
            raise RegistryUnavailable(self.name, f"unexpected answer ({type(error).__name__})") from error

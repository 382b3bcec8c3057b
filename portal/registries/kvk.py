"""Client for the KvK Handelsregister's API Basisprofiel: what the register says about a company, by KvK number."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from portal.registries.base import InvalidQuery, RegistryClient, RegistryUnavailable

KVK_NUMBER = re.compile(r"[0-9]{8}")


@dataclass(frozen=True)
class BranchAddress:
    street: str
    house_number: int | None
    house_letter: str
    house_number_addition: str
    postcode: str
    city: str
    full: str


@dataclass(frozen=True)
class Company:
    kvk_number: str
    name: str
    legal_form: str
    trade_names: tuple[str, ...]
    main_activity: str
    started_on: date | None
    ended_on: date | None
    main_branch_number: str
    address: BranchAddress | None
    employees: int

    @property
    def is_active(self) -> bool:
        return self.ended_on is None or self.ended_on > timezone.localdate()


def _date(value: str | None) -> date | None:
    """The KvK writes dates as yyyymmdd; a partly unknown date ("20100000") counts as unknown."""
    if not value or not re.fullmatch(r"[0-9]{8}", value):
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _visiting_address(addresses: list[dict]) -> BranchAddress | None:
    found = next((a for a in addresses if a.get("type") == "bezoekadres"), addresses[0] if addresses else None)
    if found is None:
        return None
    return BranchAddress(
        street=found.get("straatnaam", ""),
        house_number=found.get("huisnummer"),
        house_letter=found.get("huisletter", ""),
        house_number_addition=found.get("huisnummerToevoeging", ""),
        postcode=found.get("postcode", ""),
        city=found.get("plaats", ""),
        full=found.get("volledigAdres", ""),
    )


class KvkClient(RegistryClient):
    name = "kvk"
    url_setting = "KVK_API_URL"
    api_key_setting = "KVK_API_KEY"
    api_key_header = "apikey"

    def company(self, kvk_number: str) -> Company | None:
        """The company with this number, or None when the register does not know it."""
        if not isinstance(kvk_number, str) or not KVK_NUMBER.fullmatch(kvk_number):
            raise InvalidQuery("kvkNummer", "Een KvK-nummer bestaat uit 8 cijfers.")
        data = self._call("GET", f"/v1/basisprofielen/{kvk_number}", not_found=True)
        if data is None:
            return None
        try:
            main = data.get("_embedded", {}).get("hoofdvestiging") or {}
            owner = data.get("_embedded", {}).get("eigenaar") or {}
            activities = data.get("sbiActiviteiten", [])
            main_activity = next((a for a in activities if a.get("indHoofdactiviteit") == "Ja"), None)
            registration = data.get("materieleRegistratie") or {}
            return Company(
                kvk_number=data["kvkNummer"],
                name=data["naam"],
                legal_form=owner.get("rechtsvorm", ""),
                trade_names=tuple(item["naam"] for item in sorted(data.get("handelsnamen", []), key=_order)),
                main_activity=main_activity["sbiOmschrijving"] if main_activity else "",
                started_on=_date(registration.get("datumAanvang")),
                ended_on=_date(registration.get("datumEinde")),
                main_branch_number=main.get("vestigingsnummer", ""),
                address=_visiting_address(main.get("adressen") or owner.get("adressen") or []),
                employees=int(data.get("totaalWerkzamePersonen") or 0),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise RegistryUnavailable(self.name, f"unexpected answer ({type(error).__name__})") from error


def _order(trade_name: dict) -> int:
    return int(trade_name.get("volgorde", 0))

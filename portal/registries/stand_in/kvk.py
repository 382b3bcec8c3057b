"""The KvK Handelsregister stand-in, speaking the KvK's API Basisprofiel (`specs/kvk-basisprofiel-openapi.yaml`):
`GET /v1/basisprofielen/{kvkNummer}` and its `/eigenaar`, `/hoofdvestiging` and `/vestigingen`, with the API key in
the `apikey` header as the KvK has it. Errors come as the KvK sends them: `{"fout": [{"code", "omschrijving"}]}`.

As the real register, it never tells who owns a one-person company (no BSN, no name of the person): the
eHerkenning stand-in knows who may act for a company, the register only describes the company."""

import hmac
import re
from collections.abc import Callable

from django.conf import settings
from django.db.models import Prefetch
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from portal.registries.stand_in.models import Address, Branch, Company

HAL_JSON = "application/hal+json"
KVK_NUMBER = re.compile(r"[0-9]{8}")


def _json(body: dict, status: int = 200) -> JsonResponse:
    # The specification declares one answer per operation, in HAL JSON; the KvK's errors come in the same type.
    return JsonResponse(body, status=status, content_type=HAL_JSON)


def _fout(status: int, code: str, description: str) -> JsonResponse:
    return _json({"fout": [{"code": code, "omschrijving": description}]}, status=status)


def _date(value) -> str:
    return value.strftime("%Y%m%d") if value else ""


def _yes_no(value: bool) -> str:
    return "Ja" if value else "Nee"


def _full_address(address: Address) -> str:
    number = f"{address.house_number}{address.house_letter}"
    if address.house_number_addition:
        number += f"-{address.house_number_addition}"
    return f"{address.street} {number} {address.postcode} {address.city}"


def _address(address: Address, *, geo: bool) -> dict:
    document = {
        "type": "bezoekadres",
        "indAfgeschermd": "Nee",
        "volledigAdres": _full_address(address),
        "straatnaam": address.street,
        "huisnummer": address.house_number,
        "postcode": address.postcode,
        "plaats": address.city,
        "land": "Nederland",
    }
    if address.house_letter:
        document["huisletter"] = address.house_letter
    if address.house_number_addition:
        document["huisnummerToevoeging"] = address.house_number_addition
    if geo:
        document["geoData"] = {
            "addresseerbaarObjectId": address.object_identification,
            "nummerAanduidingId": address.identification,
            "gpsLatitude": float(address.latitude),
            "gpsLongitude": float(address.longitude),
        }
    return document


def _registration(company: Company) -> dict:
    registration = {"datumAanvang": _date(company.started_on)}
    if company.ended_on:
        registration["datumEinde"] = _date(company.ended_on)
    return registration


def _sbi(activities: list[dict]) -> list[dict]:
    return [
        {
            "sbiCode": activity["code"],
            "sbiOmschrijving": activity["description"],
            "indHoofdactiviteit": _yes_no(activity.get("main", False)),
        }
        for activity in activities
    ]


class _Links:
    """The HAL links of one company, absolute as the KvK gives them: `self` and `basisprofiel` are the profile,
    the others its sub-resources."""

    def __init__(self, request, company: Company):
        self.base = request.build_absolute_uri(
            reverse("registries_stand_in:kvk-basisprofiel", args=[company.kvk_number])
        )

    def __call__(self, *relations: str) -> list[dict]:
        return [
            {"rel": relation, "href": self.base if relation in ("self", "basisprofiel") else f"{self.base}/{relation}"}
            for relation in relations
        ]


def _branch(branch: Branch, company: Company, links: _Links, *, geo: bool) -> dict:
    return {
        "vestigingsnummer": branch.number,
        "kvkNummer": company.kvk_number,
        "indNonMailing": _yes_no(company.non_mailing),
        "formeleRegistratiedatum": _date(company.registered_on),
        "materieleRegistratie": _registration(company),
        "eersteHandelsnaam": branch.trade_name,
        "indHoofdvestiging": _yes_no(branch.is_main),
        "indCommercieleVestiging": _yes_no(branch.is_commercial),
        "voltijdWerkzamePersonen": branch.full_time_employees,
        "deeltijdWerkzamePersonen": branch.part_time_employees,
        "totaalWerkzamePersonen": branch.full_time_employees + branch.part_time_employees,
        "adressen": [_address(branch.address, geo=geo)],
        "websites": list(branch.websites),
        "sbiActiviteiten": _sbi(company.sbi_activities),
        "links": links("basisprofiel", "vestigingen"),
    }


def _owner(company: Company, links: _Links) -> dict:
    document = {"rechtsvorm": company.legal_form, "uitgebreideRechtsvorm": company.legal_form}
    if company.rsin:
        document["rsin"] = company.rsin
    if not company.branches.all():
        # Without branches, the register shows the legal entity's own addresses here (none in the stand-in).
        document["adressen"] = []
    document["links"] = links("eigenaar")
    return document


def _main_branch(company: Company) -> Branch | None:
    return next((branch for branch in company.branches.all() if branch.is_main), None)


def _profile(request, company: Company, *, geo: bool) -> dict:
    links = _Links(request, company)
    branches = company.branches.all()
    document = {
        "kvkNummer": company.kvk_number,
        "indNonMailing": _yes_no(company.non_mailing),
        "naam": company.name,
        "formeleRegistratiedatum": _date(company.registered_on),
        "materieleRegistratie": _registration(company),
        "totaalWerkzamePersonen": sum(b.full_time_employees + b.part_time_employees for b in branches),
        "handelsnamen": [{"naam": name, "volgorde": order} for order, name in enumerate(company.trade_names)],
        "sbiActiviteiten": _sbi(company.sbi_activities),
        "links": links("self", "eigenaar", "hoofdvestiging", "vestigingen"),
        "_embedded": {"eigenaar": _owner(company, links)},
    }
    if company.statutory_name:
        document["statutaireNaam"] = company.statutory_name
    main = _main_branch(company)
    if main is not None:
        document["_embedded"]["hoofdvestiging"] = _branch(main, company, links, geo=geo)
    return document


def _branch_list(request, company: Company, *, geo: bool) -> dict:
    links = _Links(request, company)
    branches = list(company.branches.all())
    commercial = sum(1 for branch in branches if branch.is_commercial)
    return {
        "kvkNummer": company.kvk_number,
        "aantalCommercieleVestigingen": commercial,
        "aantalNietCommercieleVestigingen": len(branches) - commercial,
        "totaalAantalVestigingen": len(branches),
        "vestigingen": [
            {
                "vestigingsnummer": branch.number,
                "kvkNummer": company.kvk_number,
                "eersteHandelsnaam": branch.trade_name,
                "indHoofdvestiging": _yes_no(branch.is_main),
                "indAdresAfgeschermd": "Nee",
                "indCommercieleVestiging": _yes_no(branch.is_commercial),
                "volledigAdres": _full_address(branch.address),
            }
            for branch in branches
        ],
        "links": links("vestigingen", "basisprofiel"),
    }


def _main_branch_document(request, company: Company, *, geo: bool) -> dict | None:
    main = _main_branch(company)
    return None if main is None else _branch(main, company, _Links(request, company), geo=geo)


def _owner_document(request, company: Company, *, geo: bool) -> dict:
    return _owner(company, _Links(request, company))


def _resource(build: Callable[..., dict | None]):
    """One operation of the Basisprofiel: key, number, company, then the document `build` makes of it."""

    @require_GET
    def view(request, kvk_number: str):
        given = request.headers.get("apikey", "")
        if not (given and hmac.compare_digest(given, settings.KVK_API_KEY)):
            return _fout(401, "IPD1002", "Geen geldige API-key meegegeven.")
        if not KVK_NUMBER.fullmatch(kvk_number):
            return _fout(400, "IPD0004", "Het KVK-nummer is niet valide: het bestaat uit 8 cijfers.")
        geo_data = request.GET.get("geoData", "false")
        if geo_data not in ("true", "false"):
            return _fout(400, "IPD1999", "De parameter geoData is true of false.")
        company = (
            Company.objects.filter(kvk_number=kvk_number)
            .prefetch_related(Prefetch("branches", Branch.objects.select_related("address")))
            .first()
        )
        document = None if company is None else build(request, company, geo=geo_data == "true")
        if document is None:
            return _fout(404, "IPD0005", "Het product is niet leverbaar voor dit KVK-nummer.")
        return _json(document)

    view.__name__ = build.__name__.lstrip("_")
    return view


basisprofiel = _resource(_profile)
eigenaar = _resource(_owner_document)
hoofdvestiging = _resource(_main_branch_document)
vestigingen = _resource(_branch_list)

"""HTTP APIs of the stand-in registries. Errors are problem+json as the Haal Centraal specifications have them."""

import hmac
import json
import re

from django.conf import settings
from django.db.models import Prefetch
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from auth.services import validate_bsn
from portal.registries.stand_in import brp
from portal.registries.stand_in.models import Address, Custody, Person, TravelDocument, WozObject

PROBLEM = "application/problem+json"
JSON = "application/json; charset=utf-8"
MAX_BODY = 64 * 1024
POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")


def _problem(request, status: int, title: str, code: str, invalid: list[dict] | None = None, detail: str = ""):
    body = {
        "type": f"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
        "title": title,
        "status": status,
        "instance": request.build_absolute_uri(request.path),
        "code": code,
    }
    if detail:
        body["detail"] = detail
    if invalid is not None:
        body["invalidParams"] = invalid
    return JsonResponse(body, status=status, content_type=PROBLEM)


def _invalid(name: str, code: str, reason: str) -> dict:
    return {
        "type": "https://www.vng.nl/realisatie/api/validaties/" + code,
        "name": name,
        "code": code,
        "reason": reason,
    }


def _authorised(request) -> bool:
    given = request.headers.get("X-Api-Key", "")
    return bool(given) and hmac.compare_digest(given, settings.LOKET_REGISTRY_API_KEY)


def _guarded(view):
    """API key, then a JSON body of reasonable size for POSTs."""

    def wrapper(request):
        if not _authorised(request):
            return _problem(request, 401, "Niet correct geauthenticeerd.", "authentication")
        if request.method == "POST":
            if not request.content_type or request.content_type != "application/json":
                return _problem(request, 415, "Media Type wordt niet ondersteund.", "unsupportedMediaType")
            if len(request.body) > MAX_BODY:
                return _problem(request, 400, "Het verzoek is te groot.", "tooLarge")
            try:
                request.json = json.loads(request.body)
            except (ValueError, UnicodeDecodeError):
                return _problem(request, 400, "Het verzoek is geen geldige JSON.", "invalidJson")
            if not isinstance(request.json, dict):
                return _problem(request, 400, "Het verzoek is geen JSON object.", "invalidJson")
        return view(request)

    wrapper.__name__ = view.__name__
    return csrf_exempt(wrapper)


def _bsn_problems(values, name="burgerservicenummer") -> list[dict]:
    if not isinstance(values, list) or not 1 <= len(values) <= 20:
        return [_invalid(name, "array", "Geef 1 tot 20 burgerservicenummers op.")]
    problems = []
    for value in values:
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{9}", value):
            problems.append(_invalid(name, "pattern", "Waarde voldoet niet aan patroon 0 9 9."))
        else:
            try:
                validate_bsn(value)
            except Exception:  # noqa: BLE001 - any failure is an invalid BSN
                problems.append(_invalid(name, "elfproef", "Waarde voldoet niet aan de elfproef."))
    return problems[:1]


@require_POST
@_guarded
def personen(request):
    """POST /personen with type RaadpleegMetBurgerservicenummer."""
    query = request.json
    if query.get("type") != "RaadpleegMetBurgerservicenummer":
        return _problem(
            request,
            400,
            "Een of meerdere parameters zijn niet correct.",
            "paramsValidation",
            [_invalid("type", "value", "Alleen RaadpleegMetBurgerservicenummer wordt ondersteund.")],
        )
    invalid = _bsn_problems(query.get("burgerservicenummer"))
    fields = query.get("fields")
    if not isinstance(fields, list) or not 1 <= len(fields) <= 130:
        invalid.append(_invalid("fields", "array", "Geef 1 tot 130 velden op."))
    elif any(not isinstance(field, str) or field not in brp.KNOWN_FIELDS for field in fields):
        invalid.append(_invalid("fields", "fields", "Parameter bevat een niet bestaande veldnaam."))
    if invalid:
        return _problem(request, 400, "Een of meerdere parameters zijn niet correct.", "paramsValidation", invalid)
    people = (
        Person.objects.filter(bsn__in=query["burgerservicenummer"], date_of_death__isnull=True)
        .select_related("address", "partner")
        .prefetch_related("children", "parents")
    )
    # Custody costs three more queries: only asked for when a field of it is.
    custody = any(field.split(".")[0] == "gezag" for field in fields)
    if custody:
        people = people.select_related("custody").prefetch_related(
            "custody__holders",
            Prefetch("custody_over", Custody.objects.select_related("minor")),
            "custody_over__holders",
            "custody_over__minor__parents",
        )
    today = timezone.localdate()
    documents = [brp.select(brp.person_document(person, today=today, custody=custody), fields) for person in people]
    return JsonResponse({"type": "RaadpleegMetBurgerservicenummer", "personen": documents}, content_type=JSON)


def _address_document(address: Address) -> dict:
    return {
        "nummeraanduidingIdentificatie": address.identification,
        "adresseerbaarObjectIdentificatie": address.object_identification,
        "openbareRuimteNaam": address.street,
        "huisnummer": address.house_number,
        "huisletter": address.house_letter,
        "huisnummertoevoeging": address.house_number_addition,
        "postcode": address.postcode,
        "woonplaatsNaam": address.city,
        "wijkcode": address.neighbourhood_code,
        "oppervlakte": address.floor_area,
        "bouwjaar": address.build_year,
        "gebruiksdoel": address.use,
        "latitude": float(address.latitude),
        "longitude": float(address.longitude),
    }


@require_GET
@_guarded
def adressen(request):
    """GET /adressen?postcode=1234AB&huisnummer=1[&huisletter=A][&huisnummertoevoeging=2]."""
    # Every parameter is checked as sent, never trimmed or cut short (a long value is refused, not read as its
    # first characters); an empty letter or addition is the same as none.
    postcode = request.GET.get("postcode", "")
    number = request.GET.get("huisnummer", "")
    invalid = []
    if not POSTCODE.fullmatch(postcode):
        invalid.append(_invalid("postcode", "pattern", "Waarde is geen geldige postcode."))
    if not (re.fullmatch(r"[0-9]{1,5}", number) and int(number) >= 1):
        invalid.append(_invalid("huisnummer", "integer", "Waarde is geen geldig huisnummer."))
    letter = request.GET.get("huisletter", "")
    addition = request.GET.get("huisnummertoevoeging", "")
    if letter and not re.fullmatch(r"[A-Za-z]", letter):
        invalid.append(_invalid("huisletter", "pattern", "Waarde is geen geldige huisletter."))
    if addition and not re.fullmatch(r"[0-9A-Za-z]{1,4}", addition):
        invalid.append(_invalid("huisnummertoevoeging", "pattern", "Waarde is geen geldige huisnummertoevoeging."))
    if invalid:
        return _problem(request, 400, "Een of meerdere parameters zijn niet correct.", "paramsValidation", invalid)
    addresses = Address.objects.filter(postcode=postcode.replace(" ", "").upper(), house_number=int(number))
    if letter:
        addresses = addresses.filter(house_letter__iexact=letter)
    if addition:
        addresses = addresses.filter(house_number_addition__iexact=addition)
    return JsonResponse({"adressen": [_address_document(address) for address in addresses.order_by("id")[:50]]})


def _one_bsn(request):
    invalid = _bsn_problems([request.json.get("burgerservicenummer")])
    if invalid:
        return None, _problem(
            request, 400, "Een of meerdere parameters zijn niet correct.", "paramsValidation", invalid
        )
    return request.json["burgerservicenummer"], None


@require_POST
@_guarded
def reisdocumenten(request):
    """POST /reisdocumenten {"burgerservicenummer": "..."}: the person's travel documents."""
    bsn, problem = _one_bsn(request)
    if problem:
        return problem
    documents = TravelDocument.objects.filter(person__bsn=bsn).order_by("expires_on")
    return JsonResponse(
        {
            "reisdocumenten": [
                {
                    "soort": {"code": document.kind, "omschrijving": document.get_kind_display()},
                    "documentnummer": document.number,
                    "datumUitgifte": document.issued_on.isoformat(),
                    "datumEindeGeldigheid": document.expires_on.isoformat(),
                }
                for document in documents
            ]
        }
    )


@require_POST
@_guarded
def woz_objecten(request):
    """POST /wozobjecten {"burgerservicenummer": "..."}: the WOZ objects the person owns."""
    bsn, problem = _one_bsn(request)
    if problem:
        return problem
    objects = WozObject.objects.filter(owner__bsn=bsn).select_related("address").order_by("identification")
    return JsonResponse(
        {
            "wozObjecten": [
                {
                    "wozObjectnummer": woz.identification,
                    "adres": _address_document(woz.address),
                    "vastgesteldeWaarde": woz.value,
                    "waardepeildatum": woz.reference_date.isoformat(),
                    "conceptWaarde": woz.draft_value,
                    "soortObject": woz.dwelling_type,
                }
                for woz in objects
            ]
        }
    )

"""The open data catalogue in DCAT-AP-NL (the Dutch profile of DCAT-AP that data.overheid.nl harvests), as JSON-LD:
one catalogue, a dataset per published table, and a CSV and a JSON distribution of each, licence CC0."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.opendata.models import Dataset

LICENSE = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
_EU = "http://publications.europa.eu/resource/authority"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
FORMATS = {"csv": ("CSV", "text/csv"), "json": ("JSON", "application/json")}

DATASETS = [
    {
        "name": Dataset.CASES,
        "title": _("Zaken: aantallen, servicenormen en doorlooptijden per maand"),
        "description": _(
            "Per zaaktype en maand van afhandeling: het aantal afgehandelde zaken, het deel binnen de servicenorm, "
            "de mediaan en het 90e percentiel van de doorlooptijd in kalenderdagen, en de gemiddelde tevredenheid. "
            "Maanden met minder dan 10 zaken of antwoorden worden zonder cijfers gepubliceerd."
        ),
        "keywords": [_("dienstverlening"), _("servicenorm"), _("doorlooptijd"), _("tevredenheid")],
    },
    {
        "name": Dataset.SATISFACTION,
        "title": _("Tevredenheid per klantreis per maand"),
        "description": _(
            "Per klantreis (aanvraag, afspraak, betaling, zaak, melding), onderwerp en maand: het aantal antwoorden "
            "op de vraag 'Hoe tevreden bent u?' (1 tot en met 5) en het gemiddelde. Minder dan 10 antwoorden: geen "
            "cijfers."
        ),
        "keywords": [_("dienstverlening"), _("tevredenheid"), _("klantreis")],
    },
]


def _text(value) -> dict:
    return {"@value": str(value), "@language": "nl"}


def catalogue(*, request, refreshed) -> dict:
    base = request.build_absolute_uri(reverse("opendata:index"))
    publisher = {"@type": "foaf:Agent", "foaf:name": settings.WAGTAIL_SITE_NAME}
    contact = {"@type": "vcard:Organization", "vcard:fn": settings.WAGTAIL_SITE_NAME, "vcard:hasURL": {"@id": base}}
    modified = {"@value": refreshed.finished_at.isoformat(), "@type": "xsd:dateTime"} if refreshed else None

    def dataset(entry: dict) -> dict:
        distributions = []
        for extension, (file_type, media_type) in FORMATS.items():
            url = request.build_absolute_uri(reverse(f"opendata:{extension}", kwargs={"dataset": entry["name"]}))
            distributions.append(
                {
                    "@id": url,
                    "@type": "dcat:Distribution",
                    "dct:title": _text(f"{entry['title']} ({file_type})"),
                    "dcat:accessURL": {"@id": url},
                    "dcat:downloadURL": {"@id": url},
                    "dct:format": {"@id": f"{_EU}/file-type/{file_type}"},
                    "dcat:mediaType": media_type,
                    "dct:license": {"@id": LICENSE},
                }
            )
        item = {
            "@id": f"{base}#{entry['name']}",
            "@type": "dcat:Dataset",
            "dct:identifier": f"{base}#{entry['name']}",
            "dct:title": _text(entry["title"]),
            "dct:description": _text(entry["description"]),
            "dcat:keyword": [_text(keyword) for keyword in entry["keywords"]],
            "dct:publisher": publisher,
            "dcat:contactPoint": contact,
            "dct:language": {"@id": f"{_EU}/language/NLD"},
            "dct:accrualPeriodicity": {"@id": f"{_EU}/frequency/DAILY"},
            "dct:accessRights": {"@id": f"{_EU}/access-right/PUBLIC"},
            "dcat:landingPage": {"@id": base},
            "dct:license": {"@id": LICENSE},
            "dcat:distribution": distributions,
        }
        if modified:
            item["dct:modified"] = modified
        return item

    return {
        "@context": CONTEXT,
        "@id": request.build_absolute_uri(reverse("opendata:catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": _text(_("Zo doen we het: open data over de dienstverlening")),
        "dct:description": _text(
            _("Cijfers over de dienstverlening van de gemeente, dagelijks berekend uit de zaken en antwoorden.")
        ),
        "dct:publisher": publisher,
        "dct:language": {"@id": f"{_EU}/language/NLD"},
        "dct:license": {"@id": LICENSE},
        "foaf:homepage": {"@id": base},
        "dcat:dataset": [dataset(entry) for entry in DATASETS],
    }

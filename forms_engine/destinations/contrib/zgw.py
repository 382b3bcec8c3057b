import os
import time

import jwt
import requests
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms_engine.destinations.base import Destination, PermanentError
from forms_engine.destinations.registry import registry

REQUIRED = ("api_root", "zaaktype", "client_id", "secret_env", "bronorganisatie", "verantwoordelijke_organisatie")
CRS = "EPSG:4326"


def zgw_token(*, client_id: str, secret: str) -> str:
    """The ZGW standard's JWT: HS256 with the client id as issuer and claim; no expiry claim, per the standard."""
    claims = {
        "iss": client_id,
        "iat": int(time.time()),
        "client_id": client_id,
        "user_id": "loket",
        "user_representation": "Loket",
    }
    return jwt.encode(claims, secret, algorithm="HS256", headers={"client_identifier": client_id})


@registry.register("zgw")
class ZgwDestination(Destination):
    """A zaak in a ZGW Zaken API (1.5), e.g. Open Zaak. The zaak's identificatie is the submission's reference, so
    a retry first looks the zaak up and never makes a second one. Options: {"api_root": ".../zaken/api/v1",
    "zaaktype": "<catalogi URL>", "client_id": "...", "secret_env": "ENV_NAME", "bronorganisatie": "RSIN",
    "verantwoordelijke_organisatie": "RSIN", "roltype_initiator": "<catalogi URL>" (optional),
    "roltype_belanghebbende": "<catalogi URL>" (optional)}.

    With `roltype_initiator`, whoever sent the form becomes the zaak's initiator: a resident by BSN, a business by
    KvK number (and branch), each with the authentication context of their login (level of assurance, and for
    eHerkenning the employee's pseudonym), so a case system can later show the zaak only at that level or higher.
    With a mandate, the one who acted is the initiator (gemachtigde) and the one acted for the belanghebbende.
    """

    verbose_name = gettext_lazy("Zaak in een ZGW Zaken API")

    def options_block(self):
        from wagtail import blocks

        return blocks.StructBlock(
            [
                ("api_root", blocks.URLBlock(label=gettext_lazy("Adres van de Zaken API"))),
                ("zaaktype", blocks.URLBlock(label=gettext_lazy("Zaaktype (adres in de Catalogi API)"))),
                ("client_id", blocks.CharBlock(label=gettext_lazy("Client-ID"))),
                ("secret_env", blocks.CharBlock(label=gettext_lazy("Omgevingsvariabele met het geheim"))),
                ("bronorganisatie", blocks.CharBlock(label=gettext_lazy("Bronorganisatie (RSIN)"), max_length=9)),
                (
                    "verantwoordelijke_organisatie",
                    blocks.CharBlock(label=gettext_lazy("Verantwoordelijke organisatie (RSIN)"), max_length=9),
                ),
                (
                    "roltype_initiator",
                    blocks.URLBlock(
                        label=gettext_lazy("Roltype initiator (adres in de Catalogi API)"),
                        required=False,
                        help_text=gettext_lazy("Leeg: de zaak krijgt geen initiator."),
                    ),
                ),
                (
                    "roltype_belanghebbende",
                    blocks.URLBlock(
                        label=gettext_lazy("Roltype belanghebbende (adres in de Catalogi API)"),
                        required=False,
                        help_text=gettext_lazy(
                            "Voor wie een gemachtigde of bewindvoerder het formulier invulde. Leeg: alleen de "
                            "gemachtigde wordt genoemd, als initiator."
                        ),
                    ),
                ),
            ],
            label=self.verbose_name,
        )

    def validate_options(self, options):
        missing = [name for name in REQUIRED if not options.get(name)]
        problems = [_("zgw: %(name)s ontbreekt.") % {"name": name} for name in missing]
        for name in ("bronorganisatie", "verantwoordelijke_organisatie"):
            value = str(options.get(name, ""))
            if value and not (value.isdigit() and len(value) == 9):
                problems.append(_("zgw: %(name)s is een RSIN van 9 cijfers.") % {"name": name})
        return problems

    def register_submission(self, *, submission, options, key):
        secret = os.environ.get(options.get("secret_env", ""), "")
        if not secret:
            raise PermanentError(f"ZGW secret {options.get('secret_env')!r} is not set")
        root = options["api_root"].rstrip("/")
        headers = {
            "Authorization": f"Bearer {zgw_token(client_id=options['client_id'], secret=secret)}",
            "Accept-Crs": CRS,
            "Accept": "application/json",
        }
        timeout = settings.REGISTRY_TIMEOUT_SECONDS
        found = requests.get(
            f"{root}/zaken",
            params={"identificatie": submission.reference, "bronorganisatie": options["bronorganisatie"]},
            headers=headers,
            timeout=timeout,
        )
        found.raise_for_status()
        existing = found.json().get("results", [])
        if existing:
            zaak, roles = existing[0]["url"], existing[0].get("rollen") or []
            return {"zaak": zaak, "found": True, **self._initiator(submission, options, root, headers, zaak, roles)}
        body = {
            "identificatie": submission.reference,
            "bronorganisatie": options["bronorganisatie"],
            "verantwoordelijkeOrganisatie": options["verantwoordelijke_organisatie"],
            "zaaktype": options["zaaktype"],
            "omschrijving": submission.form.name[:80],
            "toelichting": f"Aanvraag via Loket, kenmerk {submission.reference}",
            "registratiedatum": timezone.localdate(submission.created_at).isoformat(),
            "startdatum": timezone.localdate(submission.created_at).isoformat(),
            "kenmerken": [{"kenmerk": submission.reference, "bron": "Loket"}],
        }
        zaak = _create(f"{root}/zaken", body, headers)
        return {"zaak": zaak, "found": False, **self._initiator(submission, options, root, headers, zaak, [])}

    @staticmethod
    def _initiator(submission, options, root, headers, zaak, roles: list[str]) -> dict:
        """The zaak's roles for the submission (the initiator, and with a mandate the one acted for), each once: a
        retry finds, among the zaak's roles, those made before."""
        wanted = zaak_roles(
            submission,
            roltype=options.get("roltype_initiator", ""),
            roltype_represented=options.get("roltype_belanghebbende", ""),
            zaak=zaak,
        )
        if not wanted:
            return {}
        timeout = settings.REGISTRY_TIMEOUT_SECONDS
        made = {}
        for url in roles:
            found = requests.get(url, headers=headers, timeout=timeout)
            found.raise_for_status()
            made.setdefault(found.json().get("roltype"), url)
        result = {}
        for key, role in wanted.items():
            result[key] = made.get(role["roltype"]) or _create(f"{root}/rollen", role, headers)
        return result


def _create(url: str, body: dict, headers: dict) -> str:
    """POST a new resource; its URL. A refusal of the request itself (400, 403) will not change on a retry."""
    created = requests.post(
        url,
        json=body,
        headers={**headers, "Content-Crs": CRS, "Content-Type": "application/json"},
        timeout=settings.REGISTRY_TIMEOUT_SECONDS,
    )
    if created.status_code in (400, 403):
        raise PermanentError(f"ZGW answered {created.status_code} to {url.rsplit('/', 1)[-1]}")
    created.raise_for_status()
    return created.json()["url"]


def zaak_roles(submission, *, roltype: str, roltype_represented: str, zaak: str) -> dict[str, dict]:
    """The Zaken API's roles for a submission: {"rol": the initiator, "rol_belanghebbende": …}. Empty without a
    roltype or anyone to name.

    - Sent by a resident or a business for themselves: they are the initiator, with the authenticatieContext of
      their login, so a case system can later show the zaak only at that level or higher.
    - Sent with a mandate (DigiD Machtigen, bewindvoering): the one who acted is the initiator, as gemachtigde, with
      the representee and the mandate in the context; the one acted for is a second role, belanghebbende and
      machtiginggever (with `roltype_belanghebbende`), as the Zaken API 1.5 asks.
    - Filled in by staff for a resident: the resident, without a login context (there was no login of theirs), and
      the channel in the explanation."""
    party = submission.resident
    if not roltype or party is None:
        return {}
    document = submission.authentication_context()
    role = {"zaak": zaak, "roltype": roltype, "roltoelichting": "Aanvrager, via Loket"}
    if document is None:
        if not (submission.assisted_channel and party.is_resident):
            return {}
        explanation = f"Aanvrager; ingevuld door de gemeente ({submission.assisted_channel})"
        return {"rol": {**role, "roltoelichting": explanation, **_person(party.bsn)}}
    context = {"source": document["source"], "levelOfAssurance": document["levelOfAssurance"]}
    authorizee = document["authorizee"]
    legal = authorizee["legalSubject"]
    if document["source"] == "eherkenning":
        identification = {"kvkNummer": legal["identifier"]}
        if legal.get("branchNumber"):
            identification["vestigingsNummer"] = legal["branchNumber"]
        context["actingSubject"] = authorizee["actingSubject"]["identifier"]
        subject = {"betrokkeneType": "niet_natuurlijk_persoon", "betrokkeneIdentificatie": identification}
    else:
        subject = _person(legal["identifier"])
    if "representee" not in document:
        return {"rol": {**role, **subject, "authenticatieContext": context}}
    context |= {"representee": document["representee"], "mandate": document["mandate"]}
    roles = {
        "rol": {
            **role,
            **subject,
            "roltoelichting": "Gemachtigde van de aanvrager, via Loket",
            "indicatieMachtiging": "gemachtigde",
            "authenticatieContext": context,
        }
    }
    if roltype_represented:
        roles["rol_belanghebbende"] = {
            "zaak": zaak,
            "roltype": roltype_represented,
            "roltoelichting": "Aanvrager, vertegenwoordigd via Loket",
            "indicatieMachtiging": "machtiginggever",
            **_person(document["representee"]["identifier"]),
        }
    return roles


def _person(bsn: str) -> dict:
    return {"betrokkeneType": "natuurlijk_persoon", "betrokkeneIdentificatie": {"inpBsn": bsn}}

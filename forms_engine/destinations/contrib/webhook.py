import hashlib
import hmac
import json

import requests
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms_engine.destinations.base import Destination, PermanentError
from forms_engine.destinations.registry import registry

SIGNATURE_HEADER = "X-Loket-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@registry.register("webhook")
class WebhookDestination(Destination):
    """A JSON POST to a department's system, signed with HMAC-SHA256 over the body (header X-Loket-Signature) and
    carrying an Idempotency-Key that stays the same on every retry, so the receiver can take it once.
    Options: {"url": "https://...", "secret_env": "NAME_OF_THE_ENVIRONMENT_VARIABLE_WITH_THE_SECRET"} — the secret
    itself never sits in the form definition."""

    verbose_name = gettext_lazy("Webhook (JSON met HMAC-handtekening)")

    def options_block(self):
        from wagtail import blocks

        return blocks.StructBlock(
            [
                ("url", blocks.URLBlock(label=gettext_lazy("Adres (https) dat de aanvraag ontvangt"))),
                (
                    "secret_env",
                    blocks.CharBlock(
                        label=gettext_lazy("Omgevingsvariabele met het gedeelde geheim"),
                        help_text=gettext_lazy(
                            "Voor de handtekening (X-Loket-Signature); het geheim zelf staat hier nooit."
                        ),
                    ),
                ),
            ],
            label=self.verbose_name,
        )

    def validate_options(self, options):
        problems = []
        url = str(options.get("url", ""))
        if not url.startswith("https://") and not (settings.DEBUG and url.startswith("http://")):
            problems.append(_("webhook: 'url' moet een https-adres zijn."))
        if not options.get("secret_env"):
            problems.append(_("webhook: 'secret_env' noemt de omgevingsvariabele met het geheim."))
        return problems

    def register_submission(self, *, submission, options, key):
        import os

        secret = os.environ.get(options.get("secret_env", ""), "")
        if not secret:
            raise PermanentError(f"webhook secret {options.get('secret_env')!r} is not set")
        payload = {
            "reference": submission.reference,
            "form": submission.form.slug,
            "submitted_at": submission.created_at,
            "language": submission.language,
            "data": submission.data,
            "attachments": [upload.as_answer() for upload in submission.uploads.all()],
        }
        body = json.dumps(payload, cls=DjangoJSONEncoder, sort_keys=True).encode()
        response = requests.post(
            options["url"],
            data=body,
            headers={
                "Content-Type": "application/json",
                SIGNATURE_HEADER: signature(secret, body),
                IDEMPOTENCY_HEADER: key,
            },
            timeout=settings.REGISTRY_TIMEOUT_SECONDS,
        )
        if 400 <= response.status_code < 500 and response.status_code not in (408, 409, 425, 429):
            raise PermanentError(f"webhook answered {response.status_code}")
        if response.status_code >= 300:
            raise RuntimeError(f"webhook answered {response.status_code}")
        return {"status": response.status_code}

import io
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms_engine.destinations.base import Destination, PermanentError
from forms_engine.destinations.registry import registry
from forms_engine.receipt import receipt_upload

MODES = ("link", "encrypted_pdf")


def _encrypted(pdf: bytes, password: str) -> bytes:
    import pikepdf

    output = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.save(output, encryption=pikepdf.Encryption(owner=password, user=password, R=6))
    return output.getvalue()


@registry.register("email")
class EmailDestination(Destination):
    """A department mailbox hears of the request. The mail itself holds no personal data: either a link to the
    back office ("link"), or the receipt as a password-protected PDF ("encrypted_pdf"; the password comes from
    the environment variable named in "password_env"). Options: {"to": "team@gemeente.nl", "mode": "link"}.
    The Message-ID is derived from the registration key, so a resent mail is recognisably the same one."""

    verbose_name = gettext_lazy("E-mail aan een afdeling")

    def options_block(self):
        from wagtail import blocks

        return blocks.StructBlock(
            [
                ("to", blocks.EmailBlock(label=gettext_lazy("Mailbox van de afdeling"))),
                (
                    "mode",
                    blocks.ChoiceBlock(
                        label=gettext_lazy("Wat de mail bevat"),
                        choices=[
                            ("link", gettext_lazy("Een link naar de backoffice (geen persoonsgegevens)")),
                            ("encrypted_pdf", gettext_lazy("Het ontvangstbewijs als PDF met wachtwoord")),
                        ],
                        default="link",
                    ),
                ),
                (
                    "password_env",
                    blocks.CharBlock(
                        label=gettext_lazy("Omgevingsvariabele met het wachtwoord van de PDF"),
                        required=False,
                        help_text=gettext_lazy("Alleen bij de PDF; het wachtwoord zelf staat nooit in het formulier."),
                    ),
                ),
            ],
            label=self.verbose_name,
        )

    def validate_options(self, options):
        problems = []
        try:
            validate_email(options.get("to", ""))
        except ValidationError:
            problems.append(_("email: 'to' moet een geldig e-mailadres zijn."))
        if options.get("mode", "link") not in MODES:
            problems.append(_("email: 'mode' is link of encrypted_pdf."))
        if options.get("mode") == "encrypted_pdf" and not options.get("password_env"):
            problems.append(_("email: 'password_env' noemt de omgevingsvariabele met het wachtwoord."))
        return problems

    def register_submission(self, *, submission, options, key):
        mode = options.get("mode", "link")
        body = _(
            "Er is een aanvraag binnengekomen: %(form)s, kenmerk %(reference)s.\n\n"
            "Bekijk en behandel hem in de backoffice: %(url)s"
        ) % {
            "form": submission.form.name,
            "reference": submission.reference,
            "url": f"{settings.LOKET_PUBLIC_URL}{settings.LOKET_ADMIN_PREFIX}zaken/?q={submission.reference}",
        }
        message = EmailMessage(
            subject=_("Nieuwe aanvraag %(reference)s") % {"reference": submission.reference},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[options["to"]],
            headers={"Message-ID": f"<{key}@loket>"},
        )
        if mode == "encrypted_pdf":
            password = os.environ.get(options.get("password_env", ""), "")
            if not password:
                raise PermanentError(f"mail password {options.get('password_env')!r} is not set")
            receipt = receipt_upload(submission)
            message.attach(receipt.name, _encrypted(receipt.content.read(), password), "application/pdf")
        message.send()
        return {"to_domain": options["to"].rsplit("@", 1)[-1], "mode": mode}

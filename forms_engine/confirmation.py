"""The resident's confirmation mail: the reference and what happens next, in plain text and HTML — never the
answers, never a BSN. Editors write the text per form with three placeholders."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from forms_engine.models import Submission

PLACEHOLDERS = ("formulier", "kenmerk", "datum")


def _address(submission: Submission) -> str:
    if submission.resident is not None:
        from portal.profile.selectors import verified_email

        email = verified_email(resident=submission.resident)
        if email:
            return email
    fields = {f["key"]: f for step in submission.schema["steps"] for f in step["fields"]}
    return next((value for key, value in submission.data.items() if fields.get(key, {}).get("type") == "email"), "")


def confirmation_text(submission: Submission) -> str:
    values = {
        "formulier": submission.form.text.name,
        "kenmerk": submission.reference,
        "datum": date_filter(timezone.localtime(submission.created_at), "j F Y H:i"),
    }
    texts = submission.form.text
    template = texts.confirmation_email or _(
        "We hebben uw aanvraag ‘{formulier}’ ontvangen op {datum}.\n\nUw kenmerk is {kenmerk}."
    )
    text = template
    for name in PLACEHOLDERS:  # plain replacement: an editor's text cannot reach anything else
        text = text.replace("{" + name + "}", values[name])
    if not texts.confirmation_email and texts.confirmation_text:
        text += "\n\n" + texts.confirmation_text
    if submission.payment_status == Submission.PaymentStatus.OPEN:
        text += "\n\n" + _pay_later_text(submission)
    return text


def _pay_later_text(submission: Submission) -> str:
    from forms_engine.payment import PAY_LINK_DAYS, pay_link_token, submission_amount_cents
    from portal.payments.templatetags.payments import euros

    url = settings.LOKET_PUBLIC_URL + reverse("forms_engine:pay", kwargs={"token": pay_link_token(submission)})
    return _(
        "Heeft u nog niet betaald? Betaal dan %(amount)s via deze link (%(days)s dagen geldig): %(url)s\n"
        "We behandelen uw aanvraag zodra u heeft betaald."
    ) % {"amount": euros(submission_amount_cents(submission)), "days": PAY_LINK_DAYS, "url": url}


def confirmation_send(*, submission_id: int) -> str:
    with transaction.atomic():
        submission = (
            Submission.objects.select_for_update(of=("self",)).select_related("form", "resident").get(pk=submission_id)
        )
        if submission.confirmation_sent_at is not None:
            return "already sent"
        address = _address(submission)
        if not address:
            return "no address"
        with translation.override(submission.language or "nl"):
            text = confirmation_text(submission)
            subject = _("Bevestiging: %(form)s (%(reference)s)") % {
                "form": submission.form.text.name,
                "reference": submission.reference,
            }
            context = {"text": text, "municipality": settings.WAGTAIL_SITE_NAME, "submission": submission}
            html = render_to_string("forms_engine/confirmation_email.html", context)
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
        message.attach_alternative(html, "text/html")
        Submission.objects.filter(pk=submission.pk).update(confirmation_sent_at=timezone.now())
        message.send()  # inside the lock: a duplicate task waits, then sees it was sent
    return "sent"

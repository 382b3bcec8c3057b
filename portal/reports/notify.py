"""Telling reporters and followers what happened: an inbox message for those logged in with DigiD, a mail with a
signed link for the others. The mail names the report and its new status only: what staff wrote is read on the
report's page, so no personal data travels by mail."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from portal.core.translations import Text
from portal.inbox.language import in_language_of
from portal.inbox.services import message_send
from portal.reports.models import Report, Update


def _subject(report: Report, update: Update) -> str:
    return _("Uw melding %(reference)s: %(status)s") % {
        "reference": report.reference,
        "status": Report.Status(update.status).label if update.status else _("nieuw bericht"),
    }


def update_notify(*, update_id: int) -> str:
    from portal.reports.services import follow_token

    with transaction.atomic():
        update = Update.objects.select_for_update().select_related("report__category").get(pk=update_id)
        if update.notified_at is not None:
            return "already sent"
        report = update.report
        page = reverse("reports:detail", kwargs={"uuid": report.uuid})
        residents, mails = [], []
        if report.resident_id:
            residents.append(report.resident)
        elif report.contact_email:
            mails.append((report.contact_email, follow_token(report)))
        for follower in report.followers.select_related("resident"):
            if follower.resident_id:
                residents.append(follower.resident)
            elif follower.email:
                mails.append((follower.email, follow_token(report, follower)))
        for resident in residents:
            with in_language_of(resident):
                message_send(
                    resident=resident,
                    subject=_subject(report, update),
                    body=Text(update.public_text, settings.LANGUAGE_CODE)  # the handler's own words, in Dutch
                    if update.public_text
                    else _("De status van uw melding is nu: %(status)s.") % {"status": update.get_status_display()},
                    link_url=page,
                    link_text=_("Bekijk de melding"),
                )
        update.notified_at = timezone.now()
        update.save(update_fields=["notified_at"])
        for address, token in mails:
            transaction.on_commit(
                lambda address=address, token=token: report_mail_send.enqueue(
                    update_id=update.pk, address=address, token=token
                )
            )
    return f"{len(residents)} messages, {len(mails)} mails"


@task()
def report_mail_send(update_id: int, address: str, token: str) -> str:
    update = Update.objects.select_related("report__category").get(pk=update_id)
    link = settings.LOKET_PUBLIC_URL + reverse("reports:follow", kwargs={"token": token})
    body = render_to_string(
        "reports/email/update.txt",
        {"report": update.report, "update": update, "link": link, "sender": settings.WAGTAIL_SITE_NAME},
    )
    send_mail(_subject(update.report, update), body, None, [address])
    return "sent"

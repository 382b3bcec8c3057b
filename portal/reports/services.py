"""Writing reports: one transaction each, validated, residents told after the commit (as a task)."""

import hashlib
import secrets
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.cases.workdays import add_working_days
from portal.core.models import audit
from portal.core.storage import private_storage
from portal.core.uploads import CheckedUpload
from portal.reports import geo, selectors
from portal.reports.models import (
    DESCRIPTION_MAX,
    Category,
    ClientApp,
    Feedback,
    Follower,
    Photo,
    Report,
    ReportNumber,
    Update,
)
from portal.reports.tasks import report_update_notify

MAX_PHOTOS = 5
REOPEN_DAYS = 14
LINK_SALT = "reports.follow"
LINK_MAX_AGE = 365 * 24 * 3600

# Which status staff may set from which: a closed report is reopened by its reporter (or by staff), never silently.
TRANSITIONS = {
    Report.Status.RECEIVED: {Report.Status.IN_PROGRESS, Report.Status.PLANNED, Report.Status.CLOSED},
    Report.Status.IN_PROGRESS: {Report.Status.PLANNED, Report.Status.CLOSED},
    Report.Status.PLANNED: {Report.Status.IN_PROGRESS, Report.Status.CLOSED},
    Report.Status.REOPENED: {Report.Status.IN_PROGRESS, Report.Status.PLANNED, Report.Status.CLOSED},
    Report.Status.CLOSED: {Report.Status.REOPENED},
    Report.Status.MERGED: set(),
}


def next_reference(year: int) -> str:
    ReportNumber.objects.get_or_create(year=year)
    number = ReportNumber.objects.select_for_update().get(year=year)
    number.last += 1
    number.save(update_fields=["last"])
    return f"MOR-{year}-{number.last:06d}"


def _update(*, report: Report, kind: str, status: str = "", public_text: str = "", internal_text: str = "", by=None):
    update = Update(
        report=report, kind=kind, status=status, public_text=public_text, internal_text=internal_text, by=by
    )
    update.full_clean()
    update.save()
    if status or public_text:
        transaction.on_commit(lambda: report_update_notify.enqueue(update_id=update.pk))
    return update


def report_create(
    *,
    category: Category,
    description: str,
    latitude,
    longitude,
    address: str = "",
    street: str = "",
    photos: list[CheckedUpload] = (),
    resident=None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    source: str = Report.Source.WEB,
    client_app=None,
    answers: list[dict] = (),
    auth_context: dict | None = None,
) -> Report:
    """Register a report, routed to its category's team, due after the category's handling time."""
    errors = {}
    if category.parent_id is None or not category.is_active:
        errors["category"] = _("Kies een soort melding uit de lijst.")
    description = (description or "").strip()
    if not description:
        errors["description"] = _("Beschrijf wat er aan de hand is.")
    elif len(description) > DESCRIPTION_MAX:
        errors["description"] = _("Gebruik hoogstens %(max)d tekens.") % {"max": DESCRIPTION_MAX}
    try:
        latitude, longitude = geo.checked_point(latitude, longitude)
    except ValidationError as error:
        errors["location"] = error.messages[0]
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = _("U kunt hoogstens %(max)d foto's meesturen.") % {"max": MAX_PHOTOS}
    elif category.photo_required and not photos:
        errors["photos"] = _("Voor deze soort melding hebben we een foto nodig.")
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    district = selectors.district_at(latitude, longitude)
    with transaction.atomic():
        report = Report(
            reference=next_reference(today.year),
            category=category,
            team_id=selectors.team_for(category, district),
            district=district,
            description=description,
            latitude=latitude,
            longitude=longitude,
            address=address[:200],
            street=street[:100],
            resident=resident,
            contact_name=contact_name,
            contact_email=contact_email,
            contact_phone=contact_phone,
            source=source,
            client_app=client_app,
            answers=list(answers),
            due_on=add_working_days(today, category.handling_days),
            auth_context=auth_context or {},
        )
        report.full_clean()
        report.save()
        for photo in photos:
            Photo.objects.create(
                report=report, file=photo.content, name=photo.name, content_type=photo.content_type, size=photo.size
            )
        _update(
            report=report,
            kind=Update.Kind.STATUS,
            status=Report.Status.RECEIVED,
            public_text=_("We hebben uw melding ontvangen. We laten het u weten als er iets verandert."),
        )
    return report


def report_follow(*, report: Report, resident=None, email: str = "") -> Follower:
    """ "This is mine too": the resident (or an e-mail address) hears what happens to the report. Idempotent."""
    if not report.is_open:
        raise ValidationError(_("Deze melding is al afgehandeld. Doe een nieuwe melding als het probleem er nog is."))
    if resident is not None and report.resident_id == resident.pk:
        raise ValidationError(_("Dit is uw eigen melding."))
    if resident is not None:
        follower, _created = Follower.objects.get_or_create(report=report, resident=resident)
        return follower
    follower = Follower(report=report, email=email)
    follower.full_clean()
    follower.save()
    return follower


def report_set_status(*, report: Report, status: str, public_text: str = "", by) -> Update:
    """Staff move a report on; the reporter and the followers are told (with the text, if any)."""
    if status not in TRANSITIONS.get(report.status, set()):
        raise ValidationError(
            {
                "status": _("Van '%(from)s' kan een melding niet naar '%(to)s'.")
                % {
                    "from": report.get_status_display(),
                    "to": Report.Status(status).label if status in Report.Status.values else status,
                }
            }
        )
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        report.status = status
        report.closed_at = timezone.now() if status == Report.Status.CLOSED else None
        report.save(update_fields=["status", "closed_at", "updated_at"])
        update = _update(report=report, kind=Update.Kind.STATUS, status=status, public_text=public_text, by=by)
        audit(
            user=by,
            action="change",
            obj=report,
            context=f"status {status}",
            subject=report.resident,
            team=report.team.name,
        )
    return update


def report_add_note(*, report: Report, text: str, by) -> Update:
    if not (text or "").strip():
        raise ValidationError({"internal_text": _("Schrijf een notitie.")})
    with transaction.atomic():
        update = _update(report=report, kind=Update.Kind.NOTE, internal_text=text.strip(), by=by)
        audit(user=by, action="change", obj=report, context="note", subject=report.resident, team=report.team.name)
    return update


def report_merge(*, duplicate: Report, into: Report, by) -> Report:
    """The duplicate is closed as merged; its reporter and followers follow the report it was merged into."""
    if duplicate.pk == into.pk:
        raise ValidationError({"into": _("Een melding kan niet met zichzelf worden samengevoegd.")})
    if not duplicate.is_open or not into.is_open:
        raise ValidationError({"into": _("Alleen open meldingen kunnen worden samengevoegd.")})
    with transaction.atomic():
        residents = set(into.followers.exclude(resident=None).values_list("resident_id", flat=True))
        residents.add(into.resident_id)
        for follower in duplicate.followers.all():
            if follower.resident_id is None or follower.resident_id not in residents:
                follower.report = into
                follower.save(update_fields=["report"])
                residents.add(follower.resident_id)
            else:
                follower.delete()
        if duplicate.resident_id and duplicate.resident_id not in residents:
            Follower.objects.create(report=into, resident_id=duplicate.resident_id)
        elif duplicate.resident_id is None and duplicate.contact_email:
            Follower.objects.create(report=into, email=duplicate.contact_email)
        duplicate.status = Report.Status.MERGED
        duplicate.merged_into = into
        duplicate.closed_at = timezone.now()
        duplicate.save(update_fields=["status", "merged_into", "closed_at", "updated_at"])
        _update(
            report=duplicate,
            kind=Update.Kind.MERGE,
            status=Report.Status.MERGED,
            public_text=_(
                "Iemand anders meldde hetzelfde. We handelen het af onder melding %(reference)s; u hoort "
                "daarover van ons."
            )
            % {"reference": into.reference},
            by=by,
        )
        audit(
            user=by,
            action="change",
            obj=duplicate,
            context=f"merged into {into.reference}",
            subject=duplicate.resident,
            team=into.team.name,
        )
    return into


def report_feedback(*, report: Report, solved: bool, reason: str = "") -> Feedback:
    """The reporter says whether it is solved; "no" within the reopen period reopens the report for the team."""
    if report.status != Report.Status.CLOSED or report.closed_at is None:
        raise ValidationError(_("U kunt pas reageren als de melding is afgehandeld."))
    if timezone.now() > report.closed_at + timedelta(days=REOPEN_DAYS):
        raise ValidationError(
            _("Reageren kan tot %(days)d dagen na het afhandelen. Is het probleem er nog? Doe dan een nieuwe melding.")
            % {"days": REOPEN_DAYS}
        )
    reason = (reason or "").strip()
    if not solved and not reason:
        raise ValidationError({"reason": _("Vertel kort wat er nog niet goed is.")})
    try:
        with transaction.atomic():
            feedback = Feedback(report=report, solved=solved, reason=reason[:1000], closed_at=report.closed_at)
            feedback.full_clean(validate_constraints=False)
            feedback.save()
            _update(report=report, kind=Update.Kind.FEEDBACK, internal_text=reason)
            if not solved:
                report.status = Report.Status.REOPENED
                report.closed_at = None
                report.save(update_fields=["status", "closed_at", "updated_at"])
                _update(
                    report=report,
                    kind=Update.Kind.STATUS,
                    status=Report.Status.REOPENED,
                    public_text=_("U liet weten dat het probleem niet is opgelost. We pakken de melding opnieuw op."),
                )
    except IntegrityError:
        raise ValidationError(_("U heeft hierop al gereageerd.")) from None
    return feedback


def follow_token(report: Report, follower: Follower | None = None) -> str:
    """A signed link for someone without a login (the anonymous reporter or a follower by e-mail)."""
    return signing.dumps([str(report.uuid), follower.pk if follower else 0], salt=LINK_SALT)


def report_for_token(token: str) -> tuple[Report | None, bool]:
    """The report a link is for (None if forged, expired or the follower was merged away), and whether the
    link is the reporter's own (only the reporter answers "is it solved?")."""
    try:
        report_uuid, follower_id = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None, False
    reports = Report.objects.filter(uuid=report_uuid)
    if follower_id:
        reports = reports.filter(followers__pk=follower_id)
    return reports.select_related("category__parent").first(), not follower_id


def client_app_create(*, name: str, by=None) -> tuple[ClientApp, str]:
    """A new Open311 app and its API key, shown once: only its digest is stored."""
    key = secrets.token_urlsafe(32)
    app = ClientApp(name=(name or "").strip(), key_digest=client_key_digest(key))
    app.full_clean()
    app.save()
    audit(user=by, action="change", obj=app, context="open311 app created")
    return app, key


def client_app_new_key(*, app: ClientApp, by) -> str:
    """A new key for an app (the old one stops working at once), shown once."""
    key = secrets.token_urlsafe(32)
    app.key_digest = client_key_digest(key)
    app.save(update_fields=["key_digest"])
    audit(user=by, action="change", obj=app, context="open311 key replaced")
    return key


def client_app_set_active(*, app: ClientApp, active: bool, by) -> None:
    app.is_active = active
    app.save(update_fields=["is_active"])
    audit(user=by, action="change", obj=app, context=f"open311 app {'on' if active else 'off'}")


def client_key_digest(key: str) -> str:
    # Keys are 256 random bits: a plain digest cannot be guessed back, and lookups stay one indexed query.
    return hashlib.sha256(key.encode()).hexdigest()


DRAFTS = "reports/drafts"


def draft_photos_purge(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Photos of reports never sent: a draft lives in a session of at most 8 hours, so a day-old copy is orphaned."""
    storage = private_storage()
    try:
        _folders, names = storage.listdir(DRAFTS)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - older_than
    removed = 0
    for name in names:
        path = f"{DRAFTS}/{name}"
        if storage.get_modified_time(path) < cutoff:
            storage.delete(path)
            removed += 1
    return removed

"""The parts of a data download for what Loket's apps keep today. New apps register their own part the same way
(`portal.profile.export.register`), from their AppConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from portal.profile.export import PartData, register, rows


@register("gegevens", _("Uw gegevens: uit de BRP, uw account en hoe u van ons wilt horen"))
def profile_part(resident) -> PartData:
    from portal.profile.selectors import contact_preferences_for_resident
    from portal.registries.base import RegistryUnavailable
    from portal.registries.brp import BrpClient

    try:
        person = BrpClient().person(resident.bsn)
    except RegistryUnavailable:
        person = None
    preferences = contact_preferences_for_resident(resident=resident)
    record = {
        "brp": _person(person),
        "account": {
            "aangemaakt": resident.date_joined,
            "laatst_ingelogd": resident.last_login,
            "taal": resident.language,
        },
        "contact": {
            "e_mailadres": preferences.email,
            "e_mailadres_bevestigd": preferences.email_verified,
            "mobiel_nummer": preferences.phone.as_e164 if preferences.phone else "",
            "mobiel_nummer_bevestigd": preferences.phone_verified,
            "e_mail_bij_nieuw_bericht": preferences.notify_by_email,
            "sms_bij_nieuw_bericht": preferences.notify_by_sms,
        },
    }
    return PartData(records=[record])


def _person(person) -> dict | None:
    if person is None:
        return None
    residence = person.residence
    return {
        "burgerservicenummer": person.bsn,
        "naam": person.full_name,
        "geboortedatum": person.birth_date,
        "geboorteplaats": person.birth_place,
        "nationaliteiten": person.nationalities,
        "adres": None
        if residence is None
        else {
            "straat": residence.street,
            "huisnummer": f"{residence.house_number}{residence.house_letter}"
            + (f"-{residence.house_number_addition}" if residence.house_number_addition else ""),
            "postcode": residence.postcode,
            "woonplaats": residence.city,
            "sinds": residence.since,
        },
        "partners": [partner.full_name for partner in person.partners],
        "kinderen": [{"naam": child.full_name, "geboortedatum": child.birth_date} for child in person.children],
    }


@register("aanvragen", _("Formulieren die u stuurde, met uw antwoorden en ontvangstbewijzen"))
def submissions_part(resident) -> PartData:
    from forms_engine.models import Submission, Upload

    submissions = Submission.objects.filter(resident=resident).select_related("form").order_by("created_at")
    records, files = [], []
    for submission in submissions:
        records.append(
            {
                "kenmerk": submission.reference,
                "formulier": submission.form.name,
                "verstuurd_op": submission.created_at,
                "taal": submission.language,
                "antwoorden": submission.data,
                "betaling": submission.payment_status,
            }
        )
        if submission.receipt:
            files.append((f"{submission.reference}/ontvangstbewijs.pdf", submission.receipt))
    for upload in Upload.objects.filter(submission__resident=resident).select_related("submission"):
        files.append((f"{upload.submission.reference}/{upload.uuid}-{upload.name}", upload.file))
    return PartData(records=records, files=files)


@register("zaken", _("Uw zaken: statussen, vragen en antwoorden, documenten"))
def cases_part(resident) -> PartData:
    from portal.cases.models import Case, ContactMoment

    cases = (
        Case.objects.filter(resident=resident)
        .select_related("case_type")
        .prefetch_related("status_changes__status_type", "information_requests", "documents", "contact_moments")
        .order_by("created_at")
    )
    records, files = [], []
    for case in cases:
        records.append(
            {
                "zaaknummer": case.identification,
                "soort": case.case_type.name,
                "ontvangen_op": case.created_at,
                "kanaal": case.channel,
                "verwacht_klaar_op": case.expected_on,
                "afgesloten_op": case.closed_at,
                "resultaat": case.result,
                # what the resident was told; staff's internal notes are not personal data of the resident's own
                "statussen": [
                    {"status": change.status_type.name, "op": change.set_at, "toelichting": change.public_text}
                    for change in case.status_changes.all()
                ],
                "vragen": [
                    {"vraag": q.question, "uiterlijk": q.deadline, "antwoord": q.answer, "beantwoord_op": q.answered_at}
                    for q in case.information_requests.all()
                ],
                "contactmomenten": [
                    {"soort": moment.kind, "kanaal": moment.channel, "op": moment.at}
                    | ({"tekst": moment.text} if moment.kind == ContactMoment.Kind.ANSWER else {})
                    for moment in case.contact_moments.all()
                ],
                "documenten": [
                    {"naam": document.name, "van_u": document.from_resident, "op": document.created_at}
                    for document in case.documents.all()
                ],
            }
        )
        files += [(f"{case.identification}/{d.uuid}-{d.name}", d.file) for d in case.documents.all()]
    return PartData(records=records, files=files)


@register("berichten", _("Berichten in uw berichtenbox"))
def messages_part(resident) -> PartData:
    from portal.inbox.models import Attachment, Message

    messages = Message.objects.filter(resident=resident).select_related("case").order_by("created_at")
    records = rows(
        messages,
        onderwerp="subject",
        bericht="body",
        zaak="case__identification",
        ontvangen_op="created_at",
        gelezen_op="read_at",
    )
    files = [
        (f"{attachment.message.uuid}/{attachment.name}", attachment.file)
        for attachment in Attachment.objects.filter(message__resident=resident).select_related("message")
    ]
    return PartData(records=records, files=files)


@register("afspraken", _("Afspraken en huwelijken"))
def appointments_part(resident) -> PartData:
    from portal.appointments.models import Booking, Wedding

    bookings = [
        {
            "soort": "afspraak",
            "producten": [product.name for product in booking.products.all()],
            "locatie": booking.location.name,
            "begint_om": booking.starts_at,
            "status": booking.state,
            "naam": booking.name,
            "e_mailadres": booking.email,
            "telefoonnummer": booking.phone,
            "gemaakt_op": booking.created_at,
        }
        for booking in Booking.objects.filter(resident=resident).select_related("location").prefetch_related("products")
    ]
    weddings = rows(
        Wedding.objects.filter(resident=resident) | Wedding.objects.filter(partner=resident),
        ceremonie="ceremony_type__name",
        begint_om="starts_at",
        gasten="guests",
        status="state",
        bevestigd_op="confirmed_at",
        betaald_op="paid_at",
        gemaakt_op="created_at",
    )
    return PartData(records=bookings + [{"soort": "huwelijk", **wedding} for wedding in weddings])


@register("voormeldingen", _("Berichten die de gemeente u uit zichzelf stuurde, en uw keuzes daarvoor"))
def notices_part(resident) -> PartData:
    from portal.notices.models import Notice, NoticePreference

    notices = rows(
        Notice.objects.filter(resident_key=resident.bsn_digest).order_by("created_at"),
        onderwerp="rule__name",
        over="period",
        kanaal="channel",
        gemaakt_op="created_at",
        bezorgd_op="delivered_at",
    )
    choices = rows(NoticePreference.objects.filter(resident=resident), categorie="category__name", keuze="choice")
    return PartData(
        records=[{"soort": "voormelding", **notice} for notice in notices]
        + [{"soort": "keuze", **choice} for choice in choices]
    )


@register("betalingen", _("Betalingen en terugbetalingen"))
def payments_part(resident) -> PartData:
    from portal.payments.models import Payment

    return PartData(
        records=rows(
            Payment.objects.filter(resident=resident).order_by("created_at"),
            kenmerk="reference",
            omschrijving="description",
            bedrag_in_centen="amount_cents",
            terugbetaald_in_centen="refunded_cents",
            stand="state",
            aangemaakt_op="created_at",
            betaald_op="paid_at",
        )
    )


@register("inzage", _("Wie uw gegevens bekeek, en waarom"))
def access_part(resident) -> PartData:
    from portal.profile.access import describe
    from portal.profile.selectors import access_log_for_resident, case_numbers_for_resident

    entries = list(access_log_for_resident(resident=resident))
    numbers = case_numbers_for_resident(
        resident=resident, uuids={entry.object_id for entry in entries if entry.object_type == "case"}
    )
    return PartData(
        records=[{"op": item.at, "wat": item.what, "waarom": item.why} for item in describe(entries, numbers)]
    )

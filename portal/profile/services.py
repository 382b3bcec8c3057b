from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.cases.models import Case, CaseType, ContactMoment
from portal.cases.services import case_create
from portal.core.uploads import CheckedUpload
from portal.profile.models import ContactPreferences


@transaction.atomic
def contact_preferences_update(*, resident, email: str, phone, notify_by_email: bool, notify_by_sms: bool):
    preferences, _created = ContactPreferences.objects.select_for_update().get_or_create(resident=resident)
    preferences.email = email
    preferences.phone = phone or ""
    preferences.notify_by_email = notify_by_email
    preferences.notify_by_sms = notify_by_sms
    preferences.full_clean()
    preferences.save()
    return preferences


BRP_CORRECTION_SUBJECTS = [
    ("naam", gettext_lazy("Naam")),
    ("geboorte", gettext_lazy("Geboortedatum of geboorteplaats")),
    ("adres", gettext_lazy("Adres")),
    ("nationaliteit", gettext_lazy("Nationaliteit")),
    ("partner", gettext_lazy("Partner")),
    ("kinderen", gettext_lazy("Kinderen")),
    ("anders", gettext_lazy("Iets anders")),
]


def brp_correction_case_type() -> CaseType | None:
    """The case type corrections of BRP data become, as configured (LOKET_BRP_CORRECTION_CASE_TYPE); None if absent."""
    return CaseType.objects.filter(name=settings.LOKET_BRP_CORRECTION_CASE_TYPE).first()


@transaction.atomic
def brp_correction_request(*, resident, subject: str, explanation: str, document: CheckedUpload | None) -> Case:
    """The resident reports that their BRP data are wrong (`subject`: a key of BRP_CORRECTION_SUBJECTS): a case for
    the team that keeps the BRP, with what is wrong in the resident's words and the document beside it. Raises
    CaseType.DoesNotExist when none is configured."""
    case_type = brp_correction_case_type()
    if case_type is None:
        raise CaseType.DoesNotExist(settings.LOKET_BRP_CORRECTION_CASE_TYPE)
    case = case_create(case_type=case_type, resident=resident, documents=[document] if document else [])
    with translation.override(settings.LANGUAGE_CODE):  # staff read it in Dutch, whatever language the resident used
        label = str(dict(BRP_CORRECTION_SUBJECTS)[subject])
        text = _("Gegevens: %(subject)s\nToelichting: %(text)s") % {"subject": label, "text": explanation}
    ContactMoment.objects.create(case=case, kind=ContactMoment.Kind.ANSWER, text=text)
    return case

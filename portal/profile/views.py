from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from auth.decorators import resident_required
from portal.core.models import audit_lookup
from portal.profile.access import describe
from portal.profile.forms import AccountCloseForm, BrpCorrectionForm, ContactPreferencesForm, VerificationCodeForm
from portal.profile.models import VerificationCode
from portal.profile.selectors import (
    access_log_for_resident,
    case_numbers_for_resident,
    contact_preferences_for_resident,
    data_export_for_download,
    has_open_verification_code,
    latest_data_export,
)
from portal.profile.services import (
    CODE_LIFETIME,
    CodeCheck,
    CodeNotSent,
    account_close,
    brp_correction_case_type,
    brp_correction_request,
    contact_preferences_update,
    data_export_request,
    verification_code_check,
    verification_code_send,
)
from portal.registries.base import RegistryUnavailable
from portal.registries.brp import BrpClient


@resident_required
def my_details(request):
    """What the BRP holds about the resident. If the BRP cannot answer, the page says so instead of failing."""
    try:
        person = BrpClient().person(request.user.bsn)
        audit_lookup(resident=request.user, registries=["BRP"], action="lookup_profile")
        unavailable = False
    except RegistryUnavailable:
        person, unavailable = None, True
    return render(
        request,
        "profile/my_details.html",
        {
            "person": person,
            "unavailable": unavailable,
            "preferences": contact_preferences_for_resident(resident=request.user),
        },
    )


@resident_required
def contact_preferences(request):
    preferences = contact_preferences_for_resident(resident=request.user)
    form = ContactPreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST":
        if form.is_valid():
            change = contact_preferences_update(resident=request.user, **form.cleaned_data)
            messages.success(request, _("Uw contactvoorkeuren zijn opgeslagen."))
            sent = [channel for channel in change.to_verify if _send_code(request, channel)]
            if sent:
                return redirect("profile:verify_contact", channel=CHANNEL_SLUGS[sent[0]])
            return redirect("profile:my_details")
        return render(request, "profile/contact_preferences.html", {"form": form}, status=400)
    return render(request, "profile/contact_preferences.html", {"form": form})


CHANNEL_SLUGS = {VerificationCode.Channel.EMAIL: "e-mail", VerificationCode.Channel.SMS: "sms"}


def _send_code(request, channel: str) -> bool:
    """Sends a verification code; when none could go out, says why and when to try again."""
    try:
        verification_code_send(resident=request.user, channel=channel)
    except CodeNotSent as refused:
        if refused.retry_after_minutes:
            text = _("U heeft te vaak om een code gevraagd. Probeer het over %(minutes)d minuten opnieuw.")
            messages.error(request, text % {"minutes": refused.retry_after_minutes})
        else:
            messages.error(request, _("Het versturen van de code lukte niet. Probeer het later opnieuw."))
        return False
    return True


CODE_ERRORS = {
    CodeCheck.EXPIRED: gettext_lazy("Deze code is niet meer geldig. Vraag een nieuwe code aan."),
    CodeCheck.SPENT: gettext_lazy("U heeft te vaak een verkeerde code ingevuld. Vraag een nieuwe code aan."),
}


@resident_required
def verify_contact(request, channel):
    """The resident types the code sent to their new address; until then nothing is sent there. A POST with
    action=resend sends a new code (the button beside an unverified address in Mijn gegevens leads here too)."""
    channel = next((key for key, slug in CHANNEL_SLUGS.items() if slug == channel), None)
    if channel is None:
        raise Http404
    preferences = contact_preferences_for_resident(resident=request.user)
    if not preferences.address(channel):
        return redirect("profile:contact_preferences")
    if preferences.is_verified(channel):
        messages.info(request, _("Dit adres is al bevestigd."))
        return redirect("profile:my_details")
    form = VerificationCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and request.POST.get("action") == "resend":
        if _send_code(request, channel):
            messages.success(request, _("We hebben een nieuwe code gestuurd."))
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        result = verification_code_check(resident=request.user, channel=channel, code=form.cleaned_data["code"])
        if result.outcome is CodeCheck.VERIFIED:
            messages.success(request, _("Bedankt, uw adres is bevestigd."))
            other = next(
                (c for c in CHANNEL_SLUGS if has_open_verification_code(resident=request.user, channel=c)), None
            )
            if other:
                return redirect("profile:verify_contact", channel=CHANNEL_SLUGS[other])
            return redirect("profile:my_details")
        error = CODE_ERRORS.get(result.outcome) or _(
            "Deze code klopt niet. Controleer de cijfers; u kunt het nog %(count)d keer proberen."
        ) % {"count": result.attempts_left}
        form.add_error("code", error)
    return render(
        request,
        "profile/verify_contact.html",
        {
            "form": form,
            "channel": channel,
            "address": preferences.phone.as_national if channel == VerificationCode.Channel.SMS else preferences.email,
            "code_sent": has_open_verification_code(resident=request.user, channel=channel),
            "minutes": int(CODE_LIFETIME.total_seconds() // 60),
        },
        status=400 if form.errors else 200,
    )


@resident_required
def brp_correction(request):
    """'Klopt er iets niet?': the resident says which BRP data are wrong; it becomes a case for the BRP team. Without a
    configured case type the page says where to go instead, and accepts nothing."""
    available = brp_correction_case_type() is not None
    posted = request.method == "POST"
    form = BrpCorrectionForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and available and form.is_valid():
        case = brp_correction_request(
            resident=request.user,
            subject=form.cleaned_data["subject"],
            explanation=form.cleaned_data["explanation"],
            document=form.cleaned_data["document"],
        )
        messages.success(
            request,
            _("Uw melding is ontvangen als zaak %(number)s. U hoort van ons in Mijn Loket.")
            % {"number": case.identification},
        )
        return redirect("profile:my_details")
    return render(
        request, "profile/brp_correction.html", {"form": form, "available": available}, status=400 if posted else 200
    )


ACCESSES_PER_PAGE = 25


@resident_required
def access_log(request):
    """'Wie heeft mijn gegevens bekeken': from the access log, which team looked at what and why, and which
    registries were asked on the resident's behalf; newest first, a page at a time."""
    page = Paginator(access_log_for_resident(resident=request.user), ACCESSES_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    entries = list(page.object_list)
    cases = {entry.object_id for entry in entries if entry.object_type == "case"}
    numbers = case_numbers_for_resident(resident=request.user, uuids=cases) if cases else {}
    return render(request, "profile/access_log.html", {"page": page, "accesses": describe(entries, numbers)})


@resident_required
def data_download(request):
    """'Download mijn gegevens': asks for a zip of everything kept about the resident, which a task makes; a
    message in the inbox says when it is ready. It stays downloadable for a week."""
    if request.method == "POST":
        data_export_request(resident=request.user, language=translation.get_language())
        messages.success(request, _("We maken uw download. U krijgt een bericht in Mijn Loket zodra hij klaarstaat."))
        return redirect("profile:data_download")
    return render(request, "profile/data_download.html", {"export": latest_data_export(resident=request.user)})


@resident_required
def data_download_file(request, uuid):
    export = data_export_for_download(resident=request.user, uuid=uuid)
    if export is None:
        raise Http404
    name = f"mijn-gegevens-{timezone.localdate(export.ready_at):%Y-%m-%d}.zip"
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=name, content_type="application/zip")


@resident_required
def close_account(request):
    """Closing the account: what goes at once and what the law makes us keep, confirmed, then done and logged out
    (at DigiD too)."""
    from auth.views import logout

    form = AccountCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        account_close(resident=request.user)
        messages.success(request, _("Uw account is opgeheven. Wat we niet hoeven te bewaren, is verwijderd."))
        return logout(request)
    return render(request, "profile/close_account.html", {"form": form}, status=400 if form.errors else 200)

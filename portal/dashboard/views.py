from django.conf import settings
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.utils import timezone

from auth import acting, eherkenning, loa
from auth.backends import SESSION_LOA
from auth.decorators import resident_required
from forms_engine.selectors import published_forms
from forms_engine.views import form_url
from portal.appointments.models import Wedding
from portal.core.translations import interface_language, texts_of, with_texts
from portal.dashboard import selectors


@resident_required(business=True)
def overview(request):
    """Mijn Loket: what needs the resident, and what is under way."""
    on_behalf = acting.acting(request)
    if on_behalf is not None and on_behalf.from_login:
        return _mandate_overview(request, on_behalf)
    if request.user.is_business:
        return _business_overview(request)
    # Acting for a child (auth/acting.py): the child's appointments only, what the mandate covers; the banner says
    # so on every page.
    resident, now = acting.subject(request), timezone.now()
    bookings = selectors.upcoming_bookings(resident_id=resident.pk, now=now)
    prefetch_related_objects(bookings, *texts_of("products", "location"))  # named in the interface's language
    context = {
        "loa_label": loa.label(request.session.get(SESSION_LOA, "")),
        "bookings": bookings,
        "today": timezone.localdate(now),
        "acting": on_behalf,
    }
    if on_behalf is None:
        weddings = selectors.weddings(resident_id=resident.pk, bsn_digest=resident.bsn_digest)
        prefetch_related_objects(weddings, *texts_of("ceremony_type", "room"))
        context |= {
            "open_cases": selectors.open_cases(resident_id=resident.pk),
            "open_questions": selectors.open_questions(resident_id=resident.pk),
            "drafts": selectors.drafts(resident_id=resident.pk, now=now),
            "submissions": selectors.recent_submissions(resident_id=resident.pk),
            "weddings": weddings,
            "weddings_to_confirm": [
                w for w in weddings if w.resident_id != resident.pk and w.state == Wedding.State.PROVISIONAL
            ],
            "recent_messages": selectors.recent_messages(resident_id=resident.pk),
        }
        _named_in_interface_language(context)
    return _page(request, context)


def _named_in_interface_language(context) -> None:
    """What the lists name from editors' texts (forms, case types, statuses), in the interface's language: each
    kind's texts in one query, whichever lists it is in; none in the default language."""
    if interface_language() == settings.LANGUAGE_CODE:
        return
    cases, questions = context["open_cases"], context["open_questions"]
    for objects in (
        [item.form for item in [*context["drafts"], *context["submissions"]]],
        [case.case_type for case in cases] + [question.case.case_type for question in questions],
        [case.current_status.status_type for case in cases if case.current_status_id],
    ):
        if objects:
            prefetch_related_objects(objects, "translations")


def _business_overview(request):
    """Mijn Loket of a business logged in with eHerkenning: the company's requests, cases, messages and reports;
    appointments and weddings are a person's, not a company's."""
    company, now = request.user, timezone.now()
    context = {
        "business": {
            "name": eherkenning.company_name(request),
            "kvk_number": company.kvk_number,
            "branch_number": eherkenning.login_context(request).get("branch_number", ""),
            "loa_label": loa.eh_label(request.session.get(SESSION_LOA, "")),
        },
        "today": timezone.localdate(now),
        "open_cases": selectors.open_cases(resident_id=company.pk),
        "open_questions": selectors.open_questions(resident_id=company.pk),
        "drafts": selectors.drafts(resident_id=company.pk, now=now),
        "submissions": selectors.recent_submissions(resident_id=company.pk),
        "recent_messages": selectors.recent_messages(resident_id=company.pk),
    }
    _named_in_interface_language(context)
    return _page(request, context)


def _mandate_overview(request, on_behalf):
    """Logged in with a mandate for one service (DigiD Machtigen, bewindvoering): the forms of that service, and
    nothing else of the person acted for; their cases and messages are outside the mandate."""
    forms = [
        {"name": form.text.name, "url": form_url(form)}
        for form in with_texts(published_forms().filter(mandate_service=on_behalf.service).only("name", "slug"))
    ]
    return _page(request, {"acting": on_behalf, "mandate_forms": forms})


def _page(request, context: dict):
    """A Jinja2 page (jinja2/dashboard/overview.html): several times faster than Django's templates, issue 25."""
    return render(request, "dashboard/overview.html", context, using="jinja2")

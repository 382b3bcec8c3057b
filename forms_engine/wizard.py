"""The resident's side of a form: a django-formtools SessionWizardView driven by the published revision the
resident started on, with prefill, server-side logic, check-your-answers, drafts and a stored submission."""

import logging
from collections import OrderedDict
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View
from formtools.wizard.storage import get_storage
from formtools.wizard.views import SessionWizardView, StepsHelper
from wagtail.models import Revision

from auth import acting, loa
from auth import context as auth_context
from auth.backends import SESSION_LOA
from auth.decorators import _to_login
from forms_engine import assist, selectors, services
from forms_engine import fields as field_types
from forms_engine.forms import CheckForm, StepForm
from forms_engine.logic import step_skipped
from forms_engine.payment import PURPOSE as PAYMENT_PURPOSE
from forms_engine.prefill.registry import prefill_for_form
from forms_engine.schema import CompiledForm
from forms_engine.translation import compiled_in
from portal.core.translations import interface_language
from portal.core.uploads import CheckedUpload

logger = logging.getLogger(__name__)
CHECK = "controle"
SESSION_LAST_SUBMISSION = "loket_last_submission"


@lru_cache(maxsize=128)
def compiled_revision(revision_id: int) -> tuple[CompiledForm, object]:
    """A published revision never changes, so its compiled schema is kept per process."""
    revision = Revision.objects.get(pk=revision_id)
    definition = revision.as_object()
    return CompiledForm.from_schema(definition.build_schema()), revision


def _jsonable(value):
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _login_refused(request, definition, on_behalf=None):
    """None when the one logged in may fill in this form; else the login page (not logged in, or too low a level)
    or a refusal that says who the form is for (a resident on a form for businesses, or the reverse). Someone who
    acts for another person may fill in only a form of the service their mandate is for."""
    user, level = request.user, request.session.get(SESSION_LOA, "")
    service = str(definition.mandate_service) if definition.mandate_service else ""
    if on_behalf is not None:
        if not on_behalf.from_login or not service or on_behalf.service != service:
            context = {"definition": definition, "acting": on_behalf}
            response = render(request, "forms_engine/mandate_refused.html", context, status=403)
            patch_cache_control(response, private=True, no_store=True)
            return response
        if getattr(user, "is_business", False):  # a bewindvoerder's organisation, at the form's eHerkenning level
            ok = loa.eh_satisfies(level, definition.eherkenning_loa)
        else:
            ok = loa.satisfies(level, definition.required_loa or loa.BASIS)
        return None if ok else _login_refused_again(request, definition, service)
    if getattr(user, "is_business", False):
        if not definition.accepts_eherkenning:
            return _for_others(request, definition)
        return (
            None
            if loa.eh_satisfies(level, definition.eherkenning_loa)
            else _to_login(request, definition.eherkenning_loa)
        )
    if getattr(user, "is_resident", False):
        if not definition.accepts_digid:
            return _for_others(request, definition)
        if definition.required_loa and not loa.satisfies(level, definition.required_loa):
            return _to_login(request, definition.required_loa)
        return None
    if definition.logins == definition.Logins.EHERKENNING:  # asked at once at the level the form needs
        return _to_login(request, definition.eherkenning_loa, means=("eherkenning",))
    if definition.logins == definition.Logins.BOTH:
        return _to_login(request, means=("digid", "eherkenning"), service=service, eh_acr=definition.eherkenning_loa)
    return _to_login(request, means=("digid",), service=service, eh_acr=definition.eherkenning_loa)


def _login_refused_again(request, definition, service):
    """Logged in with a mandate, but at too low a level: the login page, with the logins for someone else."""
    return _to_login(request, definition.required_loa, service=service, eh_acr=definition.eherkenning_loa)


def _for_others(request, definition):
    response = render(request, "forms_engine/login_refused.html", {"definition": definition}, status=403)
    patch_cache_control(response, private=True, no_store=True)
    return response


class FormWizard(SessionWizardView):
    template_name = "forms_engine/step.html"  # jinja2/: every request of the wizard renders it (issue 25)
    template_engine = "jinja2"
    form_list = [("placeholder", CheckForm)]  # replaced per request by the definition's steps

    def dispatch(self, request, *args, definition, base_url: str, **kwargs):
        self.definition, self.base_url = definition, base_url
        # Staff filling in for a resident (forms_engine/assist.py): the resident's form, the employee's session.
        self.assisting = assist.current(request) if assist.SESSION in request.session else None
        # Someone acting for another person (auth/acting.py): the form is that person's, if the mandate covers it.
        self.on_behalf = acting.acting(request) if acting.SESSION_ACTING in request.session else None
        if self.assisting is not None:
            if not definition.accepts_digid:
                return _for_others(request, definition)
            self.resident = self.assisting.resident
        elif self.on_behalf is not None and request.user.is_authenticated:
            refused = _login_refused(request, definition, self.on_behalf)
            if refused is not None:
                return refused
            self.resident = self.on_behalf.representee
        else:
            if definition.login_required:
                refused = _login_refused(request, definition)
                if refused is not None:
                    return refused
            # Whom the submission is for: a resident, or a business that logged in with eHerkenning.
            self.resident = request.user if getattr(request.user, "is_party", False) else None
        self.prefix = f"loket_form_{definition.pk}"
        self.storage = get_storage(self.storage_name, self.prefix, request, None)
        revision_id = self.storage.extra_data.get("revision")
        if revision_id is None or (request.method == "GET" and "opnieuw" in request.GET):
            if not definition.live or definition.live_revision_id is None:
                return render(request, "forms_engine/unavailable.html", {"definition": definition}, status=404)
            revision_id = definition.live_revision_id
        base, self.revision = compiled_revision(revision_id)
        self.compiled = compiled_in(base, revision_id, self._translation(), interface_language())
        self.form_list = OrderedDict((key, StepForm) for key in self.compiled.step_keys)
        self.form_list[CHECK] = CheckForm
        self.condition_dict = {
            key: (lambda wizard, key=key: not step_skipped(wizard.compiled, key, wizard.logic_data()))
            for key in self.compiled.step_keys
        }
        self.steps = StepsHelper(self)
        # WizardView.dispatch would build its storage from the class's form list; ours is per definition.
        response = View.dispatch(self, request, *args, **kwargs)
        self.storage.update_response(response)
        if self.resident is not None:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def _translation(self):
        """The form's texts in the interface's language (None in the default one, or without them), fetched with
        the form so that `definition.text` asks nothing more."""
        language = interface_language()
        if language == settings.LANGUAGE_CODE:
            return None
        prefetch_related_objects([self.definition], "translations")
        return next((row for row in self.definition.translations.all() if row.language == language), None)

    # -- state ---------------------------------------------------------------------------------------------------

    @property
    def extra(self) -> dict:
        return self.storage.extra_data

    def logic_data(self) -> dict:
        data = dict(self.extra.get("prefill", {}))
        for answers in self.extra.get("answers", {}).values():
            data.update(answers)
        return data

    def _start(self):
        self.storage.reset()
        self.storage.current_step = self.steps.first
        values, failed = ({}, [])
        if self.resident is not None:
            values, failed = prefill_for_form(
                compiled=self.compiled,
                resident=self.resident,
                loa=self.request.session.get(SESSION_LOA, ""),
                form_name=self.definition.name,
                by=self.request.user if self.resident != self.request.user else None,
            )
        self.storage.extra_data = {
            "revision": self.revision.pk,
            "party": self._party(),
            "answers": {},
            "prefill": {key: _jsonable(value) for key, value in values.items()},
            "prefill_failed": failed,
        }

    def _party(self):
        """Whom this session's answers are for; see _for_someone_else."""
        return self.resident.pk if self.resident is not None else None

    def _for_someone_else(self) -> bool:
        """Whether the answers in the session were started for another person than the one the form is for now
        (the resident logged in for someone with a mandate, chose a child, or staff took another resident): then
        they start again, so one person's prefilled data never ends up in another's form."""
        return "party" in self.extra and self.extra["party"] != self._party()

    def first_unanswered(self) -> str:
        answered = self.extra.get("answers", {})
        return next((key for key in self.get_form_list() if key != CHECK and key not in answered), CHECK)

    # -- formtools hooks -----------------------------------------------------------------------------------------

    def get_prefix(self, request, *args, **kwargs):
        return self.prefix

    def get_form_kwargs(self, step=None):
        if step == CHECK:
            return {}
        context = self.logic_data()
        stored = self.extra.get("answers", {}).get(step, {})
        return {
            "compiled": self.compiled,
            "step_key": step,
            "context": context,
            "prefill": self.extra.get("prefill", {}),
            "stored": stored,
        }

    def get(self, request, *args, **kwargs):
        limited = self._over_daily_limit()
        if limited:
            return limited
        restart = self.storage.current_step is None or self.extra.get("revision") is None or self._for_someone_else()
        if restart or "opnieuw" in request.GET:
            self._start()
            return self.render(self.get_form())
        wanted = request.GET.get("stap")
        if self._reachable(wanted):
            self.storage.current_step = wanted
            self.extra["return_to_check"] = request.GET.get("terug") == CHECK
        elif self.storage.current_step not in self.get_form_list():
            self.storage.current_step = self.first_unanswered()
        return self.render_goto_step(self.storage.current_step)

    def post(self, *args, **kwargs):
        if self.storage.current_step is None or self.extra.get("revision") is None or self._for_someone_else():
            messages.warning(
                self.request, _("Uw sessie was verlopen. Begin opnieuw; wat u eerder opsloeg, staat in Mijn Loket.")
            )
            return HttpResponseRedirect(self.base_url)
        goto = self.request.POST.get("wizard_goto_step")
        if goto:
            return self.render_goto_step(goto) if goto in self.get_form_list() else self._bad_request()
        if not self._reachable(self.request.POST.get(f"{self.prefix}-current_step")):
            return self._bad_request()
        return super().post(*args, **kwargs)

    def _reachable(self, step) -> bool:
        """A step the resident may be on: in the form (not skipped by logic) and not beyond the first unanswered."""
        form_list = list(self.get_form_list())
        return step in form_list and form_list.index(step) <= form_list.index(self.first_unanswered())

    def _bad_request(self):
        context = {"definition": self.definition, "base_url": self.base_url}
        return render(self.request, "forms_engine/bad_step.html", context, status=400)

    def process_step(self, form):
        if isinstance(form, StepForm):
            answers = form.answers()
            for key, value in answers.items():
                if value and isinstance(value, list) and isinstance(value[0], CheckedUpload):
                    answers[key] = [services.upload_store(field_key=key, checked=item).as_answer() for item in value]
            self.extra.setdefault("answers", {})[self.steps.current] = answers
            self.storage.extra_data = self.extra
        return super().process_step(form)

    def process_step_files(self, form):
        return {}  # files were checked and kept as Uploads in process_step; the session holds no file data

    def render_next_step(self, form, **kwargs):
        self._save_draft()
        if self.extra.pop("return_to_check", False):
            return self.render_goto_step(self.first_unanswered())
        return super().render_next_step(form, **kwargs)

    def _save_draft(self):
        if self.resident is None or self.assisting is not None or self.on_behalf is not None:
            return  # staff finish at the counter, a mandate lasts this session: no draft for later
        step = self.steps.next if self.steps.next else self.steps.current
        title = _("Controleren") if step == CHECK else self.compiled.step(step)["title"]
        services.draft_save(
            form=self.definition,
            resident=self.resident,
            revision=self.revision,
            state={**self.storage.data, self.storage.step_key: step},  # resume where they are going next
            step_title=title,
        )

    def render_goto_step(self, goto_step, **kwargs):
        if goto_step == CHECK and self.first_unanswered() != CHECK:
            goto_step = self.first_unanswered()
        return super().render_goto_step(goto_step, **kwargs)

    def _over_daily_limit(self):
        limit = self.definition.max_submissions_per_day
        if (
            limit
            and self.resident is not None
            and selectors.submissions_today(form=self.definition, resident=self.resident) >= limit
        ):
            return render(
                self.request, "forms_engine/limit.html", {"definition": self.definition, "limit": limit}, status=429
            )
        return None

    def _auth_context(self) -> dict:
        if self.assisting is not None:
            return assist.auth_context(self.request, self.assisting)
        return auth_context.for_request(self.request) if self.resident is not None else {}

    def done(self, form_list, form_dict=None, **kwargs):
        limited = self._over_daily_limit()
        if limited:
            return limited
        data, prefilled = {}, []
        answered = self.extra.get("answers", {})
        for key in form_dict:
            if key == CHECK:
                continue
            data.update(answered.get(key, {}))
        for key, spec in self.compiled.fields.items():
            if key in data and spec.get("prefill") and key in self.extra.get("prefill", {}):
                prefilled.append(key)
        submission = services.submission_create(
            form=self.definition,
            revision=self.revision,
            schema=self.compiled.schema,
            data=data,
            prefilled=prefilled,
            resident=self.resident,
            language=interface_language(),
            auth_context=self._auth_context(),
        )
        self.request.session[SESSION_LAST_SUBMISSION] = str(submission.uuid)
        confirmation_url = f"{self.base_url}ontvangen/"
        if submission.payment_status == submission.PaymentStatus.OPEN and self.assisting is None:
            # (Filled in by staff: the resident pays at the counter or later under Betalingen, not in staff's browser.)
            # Stored first, then off to the bank: whatever happens there, the request is kept.
            from portal.payments.views import to_checkout

            return to_checkout(
                self.request, purpose=PAYMENT_PURPOSE, purpose_id=str(submission.uuid), back_url=confirmation_url
            )
        return HttpResponseRedirect(confirmation_url)

    # -- rendering -----------------------------------------------------------------------------------------------

    def progress(self) -> tuple[int, int, bool]:
        """(this step's number, the number of steps, whether that number is a maximum). While a step that rules
        show or skip still lies ahead, the count is every step that can still come ("ten hoogste"): it can only
        shrink as the resident answers, never jump up the way "2 van 4" becoming "3 van 5" would."""
        current = self.steps.current
        number = list(self.get_form_list()).index(current) + 1
        every_step = list(self.form_list)
        ahead = every_step[every_step.index(current) + 1 :]
        conditional = self.compiled.skip_rules.keys() | self.compiled.show_step_rules.keys()
        if any(key in conditional for key in ahead):
            return number, number + len(ahead), True
        return number, len(self.get_form_list()), False

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step_number, step_count, count_can_shrink = self.progress()
        context.update(
            {
                "definition": self.definition,
                "base_url": self.base_url,
                "step_number": step_number,
                "step_count": step_count,
                "count_can_shrink": count_can_shrink,
                "is_check": self.steps.current == CHECK,
                "step_title": _("Controleer uw antwoorden")
                if self.steps.current == CHECK
                else self.compiled.step(self.steps.current)["title"],
                "form_name": self.definition.text.name,
                "form_intro": self.definition.text.intro,
                "prefill_failed": bool(self.extra.get("prefill_failed")),
                "resident": self.resident,
                "assisting": self.assisting,
                "on_behalf": self.on_behalf,
                "mandate_login_url": self._mandate_login_url(),
                "previous_step": self.steps.prev,
            }
        )
        if self.steps.current == CHECK:
            context["summary"] = self.summary()
        elif isinstance(form, StepForm):
            context["stored_files"] = {
                key: value
                for key, value in self.extra.get("answers", {}).get(self.steps.current, {}).items()
                if key in form.fields and form.fields[key].spec["type"] == "file"
            }
        return context

    def _mandate_login_url(self) -> str:
        """For a form that may be filled in for someone else, on its first step: the way to log in for them."""
        definition = self.definition
        if not definition.mandate_service or self.on_behalf is not None or self.assisting is not None:
            return ""
        query = {
            "next": self.base_url,
            "dienst": str(definition.mandate_service),
            "niveau_eh": definition.eherkenning_loa,
        }
        return f"{reverse('portal_auth:login')}?{urlencode(query)}"

    def summary(self) -> list[dict]:
        """Every answer as the resident gave it, per step, with a link to change it."""
        answered = self.extra.get("answers", {})
        steps = []
        for key in self.get_form_list():
            if key == CHECK:
                continue
            answers = answered.get(key, {})
            rows = [
                {
                    "label": spec["label"],
                    "value": field_types.display(spec, answers[spec["key"]]),
                }
                for spec in self.compiled.step(key)["fields"]
                if spec["key"] in answers and spec["type"] != "content"
            ]
            steps.append({"key": key, "title": self.compiled.step(key)["title"], "rows": rows})
        return steps


def form_view(request, *, definition, base_url: str):
    return FormWizard.as_view()(request, definition=definition, base_url=base_url)

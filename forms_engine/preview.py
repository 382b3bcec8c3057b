"""'Voorbeeld' in the form editor: every step as a resident would see it, before anything is published, with
the prefill of a fictional persona where the registries are the stand-in (never a real person's data)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from forms_engine.forms import StepForm
from forms_engine.prefill.registry import prefill_for_form
from forms_engine.schema import CompiledForm
from portal.core.crypto import bsn_digest, encrypt

ANONYMOUS = ""


def _personas():
    if not settings.LOKET_STAND_IN_REGISTRIES:
        return []
    from auth.stand_in_idp.personas import personas

    return personas()


def preview_modes() -> list[tuple[str, str]]:
    """Modes are addressed by position, so no BSN travels in the preview's address."""
    modes = [(ANONYMOUS, _("Zonder inloggen"))]
    modes += [
        (f"persona-{number}", _("Ingelogd als %(name)s (%(situation)s)") % {"name": p.name, "situation": p.situation})
        for number, p in enumerate(_personas())
    ]
    return modes


def _preview_resident(mode: str):
    """An unsaved resident for the persona, so prefill reads the stand-in as for a real login."""
    if not mode.startswith("persona-"):
        return None
    found = _personas()
    number = int(mode.removeprefix("persona-")) if mode.removeprefix("persona-").isdigit() else -1
    if not 0 <= number < len(found):
        return None
    bsn = found[number].bsn
    return get_user_model()(username="voorbeeld", bsn_digest=bsn_digest(bsn), bsn_encrypted=encrypt(bsn))


def preview_context(definition, mode: str) -> dict:
    compiled = CompiledForm.from_schema(definition.build_schema())
    resident = _preview_resident(mode)
    known, failed = prefill_for_form(compiled=compiled, resident=resident)
    steps = [
        {
            "number": number,
            "title": step["title"],
            "conditional": step["key"] in compiled.show_step_rules or step["key"] in compiled.skip_rules,
            "form": StepForm(
                compiled=compiled, step_key=step["key"], context=known, prefill=known, stored={}, prefix=step["key"]
            ),
        }
        for number, step in enumerate(compiled.steps, start=1)
    ]
    return {"definition": definition, "steps": steps, "resident": resident, "prefill_failed": bool(failed)}

import logging

from portal.core.models import audit_lookup
from portal.core.registry import Registry
from portal.registries.base import RegistryUnavailable

logger = logging.getLogger(__name__)
registry = Registry()


def prefill(*, resident, wanted: dict[str, list[str]], loa: str = "") -> tuple[dict[str, dict], list[str]]:
    """Values per plugin for a form session: {plugin: {attribute: value}}, and the plugins that failed.

    One call per plugin, whatever the number of fields that use it; a failing registry leaves its fields
    empty (the form asks the resident) and is logged by name only."""
    values: dict[str, dict] = {}
    failed: list[str] = []
    for name, attributes in wanted.items():
        if not attributes:
            continue
        try:
            values[name] = registry[name].get_prefill_values(
                resident=resident, attributes=sorted(set(attributes)), loa=loa
            )
        except RegistryUnavailable as error:
            logger.warning("prefill failed", extra={"plugin": name, "registry": error.registry, "reason": error.reason})
            failed.append(name)
    return values, failed


def prefill_for_form(
    *, compiled, resident, loa: str = "", form_name: str = "", by=None
) -> tuple[dict[str, object], list[str]]:
    """{question key: known value} for every prefilled question of a form, and the plugins that failed. With
    `form_name` (a real form session, not an editor's preview), the registries asked are recorded as a lookup on
    the resident's behalf, for that form, by `by` when someone else fills it in for them."""
    wanted: dict[str, list[str]] = {}
    by_field = {}
    for spec in compiled.fields.values():
        if spec.get("prefill") and "." in spec["prefill"]:
            plugin, attribute = spec["prefill"].split(".", 1)
            wanted.setdefault(plugin, []).append(attribute)
            by_field[spec["key"]] = (plugin, attribute)
    if not wanted or resident is None:
        return {}, []
    values, failed = prefill(resident=resident, wanted=wanted, loa=loa)
    asked = list(dict.fromkeys(name for plugin in wanted for name in registry[plugin].registries))
    if form_name and asked:
        audit_lookup(resident=resident, registries=asked, action="lookup_prefill", context=form_name, by=by)
    known = {
        key: values[plugin][attribute]
        for key, (plugin, attribute) in by_field.items()
        if attribute in values.get(plugin, {})
    }
    return known, failed

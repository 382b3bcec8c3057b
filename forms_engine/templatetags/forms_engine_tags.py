from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms_engine import fields as field_types
from portal.core.html import conditional_escape, format_html, format_html_join, linebreaksbr
from portal.core.templatetags.loket_fields import Parts, choices, fieldset, form_field, text
from portal.core.translations import lang_attr

register = template.Library()


@register.filter
def parts(bound_field) -> list:
    """The values of a composite field's boxes (day/month/year, postcode/number/addition), as typed or stored."""
    value = bound_field.value()
    if not isinstance(value, list | tuple):
        value = bound_field.field.widget.decompress(value)
    return [("" if item is None else item) for item in value]


@register.filter
def answer(value, spec) -> str:
    return field_types.display(spec, value)


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


# -- a step's questions ---------------------------------------------------------------------------------------------
# In Python like the site's `{% form_field %}` (portal/core/templatetags/loket_fields.py): a step renders every
# question on each request of the wizard, and the template version of this cost ≈ 1 ms a step.

_PARTS = {
    # kind: (block class, [(part, label, inputmode, autocomplete, maxlength, marked invalid with the field)])
    "date": (
        "loket-date",
        [
            ("day", gettext_lazy("Dag"), "numeric", None, 2, True),
            ("month", gettext_lazy("Maand"), "numeric", None, 2, True),
            ("year", gettext_lazy("Jaar"), "numeric", None, 4, True),
        ],
    ),
    "address": (
        "loket-address",
        [
            ("postcode", gettext_lazy("Postcode"), None, "postal-code", 7, True),
            ("number", gettext_lazy("Huisnummer"), "numeric", None, 5, True),
            ("addition", gettext_lazy("Toevoeging"), None, None, 5, False),
        ],
    ),
}


def _boxes(field, kind: str, invalid: bool) -> SafeString:
    """The boxes of a date (day, month, year) or an address (postcode, number, addition), each with its label."""
    block, boxes = _PARTS[kind]
    values = parts(field)
    html = format_html_join(
        "",
        '<div class="{}__part"><label class="utrecht-form-label" for="{}_{}">{}</label>'
        '<input class="utrecht-textbox utrecht-textbox--html-input {}__{}{}" type="text"{}{} maxlength="{}" '
        'name="{}_{}" id="{}_{}" value="{}"{}></div>',
        (
            (
                block,
                field.auto_id,
                index,
                label,
                block,
                suffix,
                mark_safe(" utrecht-textbox--invalid") if invalid and marked else "",
                format_html(' inputmode="{}"', inputmode) if inputmode else "",
                format_html(' autocomplete="{}"', autocomplete) if autocomplete else "",
                maxlength,
                field.html_name,
                index,
                field.auto_id,
                index,
                text(values[index] if index < len(values) else ""),
                mark_safe(' aria-invalid="true"') if invalid and marked else "",
            )
            for index, (suffix, label, inputmode, autocomplete, maxlength, marked) in enumerate(boxes)
        ),
    )
    html = format_html('<div class="{}">{}</div>', block, html)
    if kind == "address":
        html += format_html(
            '<p class="utrecht-form-field-description">{}</p>',
            _("Straat en woonplaats zoeken we op in de Basisregistratie Adressen."),
        )
    return html


def _question(field, spec: dict, stored_files) -> SafeString:
    kind = spec["type"]
    if kind in ("date", "address", "checkboxes"):
        shared = Parts(field)
        legend = conditional_escape(field.label)
        if not field.field.required_answer:
            legend += format_html(' <span class="loket-optional">({})</span>', _("niet verplicht"))
        body = choices(field, "checkbox") if kind == "checkboxes" else _boxes(field, kind, shared.invalid)
        return fieldset(shared, legend, body)
    html = form_field(field)
    stored = (stored_files or {}).get(spec["key"]) if kind == "file" else None
    if stored:
        html += format_html(
            '<p class="utrecht-paragraph loket-uploaded">{} {}. {}</p>',
            _("Al toegevoegd:"),
            answer(stored, spec),
            _("Kiest u nieuwe bestanden, dan vervangen die deze."),
        )
    return html


def _known(item: dict, note: str) -> SafeString:
    label, value = item["spec"]["label"], answer(item["value"], item["spec"])
    html = format_html(
        '<div class="loket-known"><p class="utrecht-paragraph loket-known__label"{}><strong>{}</strong></p>'
        '<p class="utrecht-paragraph loket-known__value"{}>{}</p>',
        lang_attr(label),
        str(label),
        lang_attr(value),
        str(value),
    )
    if note:
        html += format_html('<p class="utrecht-form-field-description">{}</p>', note)
    return html + mark_safe("</div>")


@register.simple_tag
def step_items(form, stored_files=None) -> SafeString:
    """A step's items in order: information blocks, what the registries already know, computed values, and the
    questions (each in a `loket-question` wrapper the live rules show and hide). An editor's text written in another
    language than the interface's (not translated yet) is marked with its `lang`."""
    out = []
    for item in form.items:
        kind = item["kind"]
        if kind == "content":
            spec = item["spec"]
            out.append(
                format_html(
                    '<div class="utrecht-alert utrecht-alert--{} loket-form-content"><p class="utrecht-paragraph"{}>{}'
                    "</p></div>",
                    "warning" if spec.get("style") == "warning" else "info",
                    lang_attr(spec.get("text")),
                    linebreaksbr(str(spec.get("text", ""))),
                )
            )
        elif kind == "known":
            out.append(_known(item, _("Dit weten we al van u uit de basisregistraties.")))
        elif kind == "computed":
            out.append(_known(item, ""))
        else:
            out.append(
                format_html(
                    '<div class="loket-question" data-field="{}">{}</div>',
                    item["key"],
                    _question(item["field"], item["spec"], stored_files),
                )
            )
    return format_html_join("", "{}", ((html,) for html in out))

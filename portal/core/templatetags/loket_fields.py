"""One form field as the NL Design System (Utrecht) markup: label or legend, hint, error and control, linked for
assistive technology. `{% form_field form.email %}` in every template.

Written in Python rather than as an included template: a page of a form renders many fields, and Django's
template engine spent ≈ 0.15 ms on each (the include, its `with`, a dozen conditions and lookups); this is ≈ 0.02
ms. Values are shown as the template engine would show them (localized, escaped unless marked safe).
"""

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from portal.core.html import conditional_escape, format_html, format_html_join
from portal.core.translations import lang_attr

register = template.Library()

FILE_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
FILE_WIDGETS = {"multiplefile", "clearablefile", "file"}
# Written by the renderer itself; a widget's attrs of the same name are not repeated.
OWN_ATTRIBUTES = {"class", "type", "name", "id", "value", "maxlength", "aria-describedby", "aria-invalid"}


def text(value) -> str:
    """A value as `{{ value }}` shows it: local time, localized numbers and dates, escaped unless safe."""
    if value is None:
        return ""
    return conditional_escape(str(localize(template_localtime(value))))


class Parts:
    """What every field's markup shares: the hint and error paragraphs and the attributes pointing at them."""

    def __init__(self, field):
        self.errors = field.errors
        self.help_text = field.help_text
        self.hint_id, self.error_id = f"{field.auto_id}-hint", f"{field.auto_id}-error"

    @property
    def invalid(self) -> bool:
        return bool(self.errors)

    def fieldset_described(self) -> SafeString:
        """` aria-describedby="…"` naming the hint and the error, when there are any."""
        ids = ([self.hint_id] if self.help_text else []) + ([self.error_id] if self.errors else [])
        return format_html(' aria-describedby="{}"', " ".join(ids)) if ids else mark_safe("")

    def described(self) -> SafeString:
        """The same for a control, with ` aria-invalid="true"` when it has an error."""
        return format_html("{}{}", self.fieldset_described(), mark_safe(' aria-invalid="true"') if self.errors else "")

    def hint_and_error(self) -> SafeString:
        hint = error = ""
        if self.help_text:
            hint = format_html('<p class="utrecht-form-field-description" id="{}">{}</p>', self.hint_id, self.help_text)
        if self.errors:
            messages = format_html_join(" ", "{}", ((message,) for message in self.errors))
            error = format_html('<p class="utrecht-form-field-error-message" id="{}">{}</p>', self.error_id, messages)
        return format_html("{}{}", hint, error)


def choices(field, kind: str) -> SafeString:
    """Radio buttons or check boxes, one Utrecht form field each."""
    if kind == "radio":
        wrapper, input_class, label_class = "radio", "utrecht-radio-button", "utrecht-form-label--radio"
    else:
        wrapper, input_class, label_class = "checkbox", "utrecht-checkbox", "utrecht-form-label--checkbox"
    name = field.html_name
    return format_html_join(
        "",
        '<div class="utrecht-form-field utrecht-form-field--{} loket-choice"><input class="{} {}--html-input" '
        'type="{}" name="{}" id="{}" value="{}"{}><label class="utrecht-form-label {}" for="{}">{}</label></div>',
        (
            (
                wrapper,
                input_class,
                input_class,
                kind,
                name,
                choice.id_for_label,
                text(choice.data["value"]),
                mark_safe(" checked") if choice.data["selected"] else "",
                label_class,
                choice.id_for_label,
                choice.choice_label,
            )
            for choice in field
        ),
    )


def fieldset(parts: Parts, legend: SafeString, body: SafeString) -> SafeString:
    """A question of several controls: a fieldset whose legend is the question."""
    return format_html(
        '<fieldset class="utrecht-form-fieldset loket-field{}"{}>'
        '<legend class="utrecht-form-fieldset__legend utrecht-form-label">{}</legend>{}{}</fieldset>',
        mark_safe(" utrecht-form-fieldset--invalid loket-field--invalid") if parts.invalid else "",
        parts.fieldset_described(),
        legend,
        parts.hint_and_error(),
        body,
    )


def _control(field, parts: Parts, widget_type: str) -> SafeString:
    widget = field.field.widget
    invalid = parts.invalid
    max_length = getattr(field.field, "max_length", None)
    maxlength = format_html(' maxlength="{}"', max_length) if max_length else ""
    if widget_type == "textarea":
        return format_html(
            '<textarea class="utrecht-textarea utrecht-textarea--html-textarea loket-textarea{}" name="{}" id="{}" '
            'rows="{}"{}{}>{}</textarea>',
            mark_safe(" utrecht-textarea--invalid") if invalid else "",
            field.html_name,
            field.id_for_label,
            widget.attrs.get("rows") or 5,
            maxlength,
            parts.described(),
            text(field.value()),
        )
    if widget_type == "select":
        options = format_html_join(
            "",
            '<option value="{}"{}{}>{}</option>',
            (
                # An option holds text only: a label in another language is marked on the option itself.
                (
                    text(choice.data["value"]),
                    mark_safe(" selected") if choice.data["selected"] else "",
                    lang_attr(choice.choice_label),
                    str(choice.choice_label),
                )
                for choice in field
            ),
        )
        return format_html(
            '<select class="utrecht-select utrecht-select--html-select{}" name="{}" id="{}"{}>{}</select>',
            mark_safe(" utrecht-select--invalid") if invalid else "",
            field.html_name,
            field.id_for_label,
            parts.described(),
            options,
        )
    if widget_type in FILE_WIDGETS:
        return format_html(
            '<input class="loket-file" type="file" name="{}" id="{}"{} accept="{}"{}>',
            field.html_name,
            field.id_for_label,
            mark_safe(" multiple") if widget_type == "multiplefile" else "",
            FILE_ACCEPT,
            parts.described(),
        )
    extra = format_html_join(
        "", ' {}="{}"', ((name, text(value)) for name, value in widget.attrs.items() if name not in OWN_ATTRIBUTES)
    )
    return format_html(
        '<input class="utrecht-textbox utrecht-textbox--html-input{}" type="{}" name="{}" id="{}" value="{}"{}{}{}>',
        mark_safe(" utrecht-textbox--invalid") if invalid else "",
        getattr(widget, "input_type", None) or "text",
        field.html_name,
        field.id_for_label,
        text(field.value()),
        maxlength,
        extra,
        parts.described(),
    )


@register.simple_tag
def form_field(field) -> SafeString:
    """The whole field: a fieldset for a choice of several, a check box with its label after it, or label, hint,
    error and control."""
    parts = Parts(field)
    widget_type = field.widget_type
    if widget_type in ("radioselect", "checkboxselectmultiple"):
        kind = "radio" if widget_type == "radioselect" else "checkbox"
        return fieldset(parts, conditional_escape(field.label), choices(field, kind))
    if widget_type == "checkbox":
        return format_html(
            '<div class="utrecht-form-field utrecht-form-field--checkbox loket-field loket-choice{}">'
            '<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" name="{}" id="{}"{}{}>'
            '<label class="utrecht-form-label utrecht-form-label--checkbox" for="{}">{}</label>{}</div>',
            mark_safe(" utrecht-form-field--invalid loket-field--invalid") if parts.invalid else "",
            field.html_name,
            field.id_for_label,
            mark_safe(" checked") if field.value() else "",
            parts.described(),
            field.id_for_label,
            field.label,
            parts.hint_and_error(),
        )
    return format_html(
        '<div class="utrecht-form-field loket-field{}"><label class="utrecht-form-label" for="{}">{}</label>{}{}</div>',
        mark_safe(" utrecht-form-field--invalid loket-field--invalid") if parts.invalid else "",
        field.id_for_label,
        field.label,
        parts.hint_and_error(),
        _control(field, parts, widget_type),
    )

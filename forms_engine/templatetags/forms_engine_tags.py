from django import template

from forms_engine import fields as field_types

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

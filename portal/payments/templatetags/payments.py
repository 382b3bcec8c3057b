from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euros(cents) -> str:
    """1710 → "€ 17,10" in Dutch, "€ 17.10" in English. Whole cents in; Decimal, never a float, on the way."""
    if cents is None or cents == "":
        return ""
    return "€ " + number_format(Decimal(int(cents)) / 100, decimal_pos=2, force_grouping=True)

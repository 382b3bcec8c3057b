from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def staff_name(user) -> str:
    """How a staff member is named on every back-office screen: full name, else user name."""
    if user is None:
        return _("het systeem")
    return user.get_full_name() or user.get_username()

"""Texts in a language other than the page's, in Django templates (portal/core/translations.py)."""

from django import template
from django.conf import settings

from portal.core.translations import Text, lang_attr

register = template.Library()


@register.filter
def in_site_language(value):
    """A text written in the site's own language whatever the page's (a case handler's words): marked as such on a
    page in another language."""
    return Text(value, settings.LANGUAGE_CODE) if value else value


@register.simple_tag
def lang_of(text) -> str:
    """` lang="nl"` for the element around a `Text` in another language than the page's, where the text itself goes
    through a filter that escapes it without asking (`linebreaks`)."""
    return lang_attr(text)

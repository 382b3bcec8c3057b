"""The language an address is in: the default language's addresses have no prefix, another language's start with
its code (/en/...: the pages, portal/urls.py)."""

from django.conf import settings
from django.urls import get_script_prefix


def language_from_path(path: str) -> str | None:
    """The language of an address by its prefix, or None for an address without one."""
    first = path.removeprefix(get_script_prefix()).split("/", 1)[0]
    if first != settings.LANGUAGE_CODE and first in dict(settings.LANGUAGES):
        return first
    return None


def in_language(path: str, language: str) -> str:
    """An address with a prefix of another language than `language` taken off; any other address as it is."""
    prefixed = language_from_path(path)
    if prefixed is None or prefixed == language:
        return path
    prefix = get_script_prefix()
    return prefix + path.removeprefix(prefix).removeprefix(prefixed).removeprefix("/")

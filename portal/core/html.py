"""Django's `conditional_escape`, `format_html`, `format_html_join` and `linebreaksbr` with the same output, for the
markup written in Python that every request of a form renders (portal/core/templatetags/loket_fields.py, a step's
questions): Django's own pass every argument through `keep_lazy`'s wrapper, which cost more than the escaping itself
(≈ 7.7 µs a `format_html` against ≈ 2.6 µs, 25 to 30 of them a step; issue 25)."""

from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString


def conditional_escape(value) -> SafeString:
    """Escaped as Django escapes it (`&quot;`, `&#x27;`), unless it is already safe; a lazy text is translated."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return SafeString(escape(str(value)))


def format_html(template: str, *args, **kwargs) -> SafeString:
    return SafeString(
        template.format(*map(conditional_escape, args), **{key: conditional_escape(v) for key, v in kwargs.items()})
    )


def format_html_join(separator: str, template: str, rows: Iterable) -> SafeString:
    return SafeString(conditional_escape(separator).join(format_html(template, *row) for row in rows))


def linebreaksbr(value) -> SafeString:
    """Django's `|linebreaksbr` with autoescaping: every kind of line end a `<br>`, the text escaped."""
    text = conditional_escape(value).replace("\r\n", "\n").replace("\r", "\n")
    return SafeString(text.replace("\n", "<br>"))

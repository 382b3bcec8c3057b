"""portal.core.html gives exactly Django's output: the fields of every form are written with it."""

import pytest
from django.template.defaultfilters import linebreaksbr as django_linebreaksbr
from django.utils import html as django_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy, override

from portal.core import html

VALUES = [
    'Jan\'s "huis" <script>alert(1)</script> & co',
    mark_safe("<strong>al veilig</strong>"),
    gettext_lazy("Dag"),
    12.5,
    None,
    "regel één\r\nregel twee\rregel drie\nregel vier",
    "",
]


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_escaping_and_line_breaks_read_as_django_s(value, language):
    with override(language):
        escaped = html.conditional_escape(value)
        assert escaped == django_html.conditional_escape(value) and isinstance(escaped, SafeData)
        assert html.linebreaksbr(value) == django_linebreaksbr(value, autoescape=True)
        assert isinstance(html.linebreaksbr(value), SafeData)


def test_formatted_markup_reads_as_django_s_and_stays_safe_when_joined():
    template = '<label for="{}" title="{title}">{}</label>'
    for value in VALUES:
        ours = html.format_html(template, value, value, title=value)
        assert ours == django_html.format_html(template, value, value, title=value) and isinstance(ours, SafeData)
    rows = [(value,) for value in VALUES]
    assert html.format_html_join(", ", "<i>{}</i>", rows) == django_html.format_html_join(", ", "<i>{}</i>", rows)
    # Escaped text joined to markup stays markup: escaped once, never twice.
    legend = html.conditional_escape("Datum & tijd") + html.format_html("<span>{}</span>", "(niet verplicht)")
    assert isinstance(legend, SafeData)
    assert html.format_html("<legend>{}</legend>", legend) == (
        "<legend>Datum &amp; tijd<span>(niet verplicht)</span></legend>"
    )

"""`{% asset %}` gives the URL `{% static %}` gives, also after the static settings change."""

from django.template import engines
from django.test import override_settings

BOTH = engines["django"].from_string(
    "{% load static assets %}{% static 'css/loket.css' %}|{% asset 'css/loket.css' %}|{% asset 'a b&c.js' %}"
)


def _urls() -> list[str]:
    return BOTH.render({}).split("|")


def test_the_same_url_as_static_escaped_the_same_way():
    static, asset, odd = _urls()
    assert asset == static == "/static/css/loket.css"
    assert odd == "/static/a%20b%26c.js"


def test_a_changed_static_url_is_followed():
    _urls()  # remembered under the first setting
    with override_settings(STATIC_URL="/assets/"):
        static, asset, _odd = _urls()
        assert asset == static == "/assets/css/loket.css"
    assert _urls()[1] == "/static/css/loket.css"

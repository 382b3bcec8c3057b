"""Jinja2 for the site's frame and the hottest pages (issue 25): the same markup and the same translation catalogue
as Django's templates, rendered several times faster.

The frame (jinja2/base.html) is the one frame of every page. A Jinja2 page extends it directly; a Django template
extends templates/base.html, which hands its blocks, rendered by Django, to the same frame (`{% jinja_frame %}` in
portal/core/templatetags/jinja_tags.py).

What Django's template language does by itself is done here on purpose: `_()` is Django's gettext, so `makemessages`
finds the strings (`{{ _("...") }}` is Django template syntax too) and the catalogue is shared; the `date` and
`time` filters write what Django's do, given the time in the current time zone as Django's templates give it them
(`date` takes a shortcut for the formats the pages use, below). A name that is not there reads as empty, as in
Django's templates (`ChainableUndefined`). Unlike Django's templates, the context processors' names win over a view's
own: a view does not use theirs (`user`, `request`, `messages`, `chrome`, ...)."""

import datetime
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import date, time
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.dateformat import re_formatchars
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.html import json_script
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext
from markupsafe import Markup

from jinja2 import ChainableUndefined, Environment, pass_context
from portal.core.html import linebreaksbr
from portal.core.templatetags.assets import asset
from portal.core.templatetags.loket_fields import form_field
from portal.core.translations import lang_attr

_functions: dict = {}


def register_functions(**functions) -> None:
    """An app's own functions for Jinja2 templates (`{{ kept_header() }}`), registered from its `ready()`: the
    plumbing does not import the apps."""
    _functions.update(functions)


def environment(**options) -> Environment:
    options.pop("autoescape", None)  # always on, whatever the settings say
    options.pop("undefined", None)  # Django's backend would set Undefined, or DebugUndefined under DEBUG
    env = Environment(autoescape=True, undefined=ChainableUndefined, **options)
    env.globals.update(
        _=gettext,
        url=url,
        get_language=get_language,
        asset=asset,
        csrf_field=csrf_field,
        form_field=form_field,
        lang_attr=lang_attr,
        **_functions,
    )
    env.filters.update(
        date=lambda value, arg=None: _date(template_localtime(value), arg),
        time=lambda value, arg=None: time(template_localtime(value), arg),
        linebreaksbr=linebreaksbr,
        json_script=json_script,
        plain=str,  # a `Text` without its own `lang` mark, for where the element around it is marked (lang_attr)
    )
    return env


# Django's `date` filter works out the language and translates a month's and a day's name anew for each value
# (≈ 20 µs; Mijn Loket shows eight dates). A format made of these letters only is written from names translated
# once per language; any other format, and anything that is not a date, goes to Django's filter.
_DATE_PARTS = {
    "j": lambda value, names: str(value.day),
    "d": lambda value, names: f"{value.day:02d}",
    "n": lambda value, names: str(value.month),
    "m": lambda value, names: f"{value.month:02d}",
    "F": lambda value, names: names[0][value.month],
    "l": lambda value, names: names[1][value.weekday()],
    "Y": lambda value, names: f"{value.year:04d}",
}
_date_names: dict[str, tuple[dict, dict]] = {}


@lru_cache(maxsize=64)
def _date_format(arg: str) -> tuple | None:
    """A format's pieces (a letter's function, or text as it stands), or None when Django's filter must write it."""
    if "\\" in arg:
        return None
    pieces = []
    for index, piece in enumerate(re_formatchars.split(arg)):
        if index % 2 == 0:
            if piece:
                pieces.append(piece)
        elif piece in _DATE_PARTS:
            pieces.append(_DATE_PARTS[piece])
        else:
            return None
    return tuple(pieces)


def _date(value, arg=None) -> str:
    pieces = _date_format(arg) if isinstance(arg, str) and arg and isinstance(value, datetime.date) else None
    if pieces is None:
        return date(value, arg)
    language = get_language()
    names = _date_names.get(language)
    if names is None:
        names = _date_names[language] = (
            {k: str(v) for k, v in MONTHS.items()},
            {k: str(v) for k, v in WEEKDAYS.items()},
        )
    return "".join(piece if isinstance(piece, str) else piece(value, names) for piece in pieces)


class _Catalogue(dict):
    """A language's texts as the templates ask them, each translated by Django once: a template's texts are
    literal, so the answer never changes while the process runs."""

    def __missing__(self, message: str) -> str:
        translated = self[message] = gettext(message)
        return translated


_catalogues: dict[str, _Catalogue] = {}


def translation_context(request) -> dict:
    """A context processor of the Jinja2 engine: `_` looked up in the page's language once per page instead of once
    per text (Django's `gettext` finds the active language anew on every call; Mijn Loket has ≈ 45 texts)."""
    language = get_language()
    catalogue = _catalogues.get(language)
    if catalogue is None:
        catalogue = _catalogues[language] = _Catalogue()
    return {"_": catalogue.__getitem__}


@receiver(setting_changed)
def _forget_catalogues(*, setting, **kwargs):
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"}:
        _catalogues.clear()
        _date_names.clear()


@pass_context
def csrf_field(context) -> Markup:
    """`{% csrf_token %}`: the form token as Django's templates write it, from the same `csrf_token` (on a page the
    public cache may keep, its placeholder: cms/public_cache.py)."""
    return Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(context.get("csrf_token", ""))


def url(name: str, *args) -> str:
    """`{% url %}`: the address of a named view. One without arguments is worked out once per URL configuration,
    script prefix and language, as Django's own resolver would give it every time."""
    if args:
        return reverse(name, args=args)
    return _fixed_url(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language())


@lru_cache(maxsize=512)
def _fixed_url(name: str, urlconf, prefix: str, language: str) -> str:
    return reverse(name, urlconf=urlconf)

"""Editors' texts that residents read (a product's name, what to bring, a location's name) in the site's other
languages: one row per language beside the object, kept in the same editor screen. Where a translation is missing,
the default language's text is shown and says which language it is in, so that a page in another interface
language marks it (WCAG 3.1.2, language of parts) and never shows an empty label.

    class Product(Translatable, ClusterableModel):
        TRANSLATED = ("name", "description")

    class ProductTranslation(TextTranslation):
        product = ParentalKey(Product, related_name="translations", on_delete=models.CASCADE)
        name = models.CharField(..., blank=True)

    {{ product.text.name }}   -> "Passport" in English, or <span lang="nl">Paspoort aanvragen</span> without one

Lists prefetch "translations" for the interface's other languages; the default language asks nothing.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Orderable


def other_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def interface_language() -> str:
    """The language being written in now, one of the site's; the default one outside a request or a translation."""
    language = get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def with_texts(queryset):
    """A queryset of `Translatable` objects with their rows in the interface's language fetched along (one query
    for the lot); as it is in the default language, which needs none."""
    if interface_language() == settings.LANGUAGE_CODE:
        return queryset
    return queryset.prefetch_related("translations")


def texts_of(*relations: str) -> list[str]:
    """For `prefetch_related`: the related objects' rows in the interface's language; none in the default one."""
    if interface_language() == settings.LANGUAGE_CODE:
        return []
    return [f"{relation}__translations" for relation in relations]


class Text(str):
    """A text and the language it is written in. In an HTML template it is marked with `lang` where that is not
    the interface's language; in plain text (mail, a PDF's metadata) it is just the text."""

    lang: str

    def __new__(cls, value: str, lang: str):
        text = super().__new__(cls, value)
        text.lang = lang
        return text

    def __html__(self) -> str:
        if not self or self.lang == interface_language():
            return str(conditional_escape(str(self)))
        return format_html('<span lang="{}">{}</span>', self.lang, str(self))


def lang_attr(text) -> str:
    """` lang="nl"` for an element holding a `Text` written in another language than the interface's: where the
    text is put in an attribute or through a filter that escapes it without asking (`linebreaksbr`)."""
    lang = getattr(text, "lang", None)
    if not text or lang is None or lang == interface_language():
        return ""
    return format_html(' lang="{}"', lang)


def interpolate(message: str, values: dict) -> SafeString:
    """A translated message with values put in (`%(name)s`), for HTML: each escaped, and a `Text` written in another
    language than the interface's marked with its `lang` ("in <span lang="nl">Trouwkamer</span>")."""
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(conditional_escape(message) % escaped)  # noqa: S308 - the message and every value escaped


def joined(separator: str, texts, *, dutch) -> Text:
    """Texts put together in one line ("Change of address: In progress"): in their language when they share one,
    else wholly in the default language (`dutch`, the same texts as written there) rather than two in one line."""
    languages = {getattr(text, "lang", settings.LANGUAGE_CODE) for text in texts}
    if len(languages) == 1:
        return Text(separator.join(texts), languages.pop())
    return Text(separator.join(dutch), settings.LANGUAGE_CODE)


class Texts:
    """An object's translated texts as read in one language, as attributes (`product.text.name`). Each is looked
    up when asked for, so a list that loaded only the names (`.only("name")`) loads nothing more."""

    def __init__(self, obj: "Translatable", language: str):
        self._obj, self._language = obj, language

    @cached_property
    def _row(self):
        if self._language == settings.LANGUAGE_CODE:
            return None
        return next((row for row in self._obj.translations.all() if row.language == self._language), None)

    def __getattr__(self, field: str) -> Text:
        if field not in self._obj.TRANSLATED:
            raise AttributeError(field)
        own = getattr(self._row, field, "") if self._row is not None else ""
        text = Text(own, self._language) if own else Text(getattr(self._obj, field), settings.LANGUAGE_CODE)
        setattr(self, field, text)
        return text


class Translatable:
    """A model with texts residents read (`TRANSLATED`) and rows of them in other languages (`translations`)."""

    TRANSLATED: tuple[str, ...] = ()

    @property
    def text(self) -> Texts:
        language = interface_language()
        cache = self.__dict__.setdefault("_texts", {})
        if language not in cache:
            cache[language] = Texts(self, language)
        return cache[language]


class TextTranslation(Orderable):
    """One row of an object's texts in another language than the site's own; an empty text shows the default
    language's. Concrete rows add the parent (`ParentalKey(..., related_name="translations")`), the texts, and a
    unique constraint on (parent, language)."""

    language = models.CharField(_("taal"), max_length=10, choices=other_languages)

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("vertaling")
        verbose_name_plural = _("vertalingen")

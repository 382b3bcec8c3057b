"""A process's slow first steps, taken once before it forks its workers, so that no resident waits for them.

Python and Django do much of their work on first use: a view's module is imported when its URL is first resolved, a
template is compiled when it is first rendered, a language's catalogues are read when it is first activated. Each
gunicorn worker paid that on its first requests, so the first residents after a start or a deploy waited: a first
login took 600-860 ms against 110-150 ms once warm, and under load (tests/bench/bench_load.py) every login in the
first four seconds took 0.7-2.4 s. gunicorn.conf.py runs the "web" steps once in the master with the application
loaded (`preload_app`), and the RQ worker (portal/core/tasks_rq.py) its "worker" steps before it forks a process per
job, so every fork starts from a warm state. The steps are listed in `settings.LOKET_WARM_UP`.

Nothing here opens a database or cache connection: a socket opened before the fork would be shared by the workers.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def run(kind: str) -> dict[str, int]:
    """The warm-up steps of a kind of process ("web" or "worker"), in order; what they counted, for the log."""
    report = {}
    for path in settings.LOKET_WARM_UP[kind]:
        report.update(import_string(path)() or {})
    return report


def web() -> dict[str, int]:
    """Import every view, compile every template of both engines, and per language read the catalogues and build
    the URL patterns' expressions and reverse lookup (≈ 0.12 s on a first `{% url %}`); returns how many of each, for
    the log."""
    resolver = get_resolver()
    counts = {"templates": 0}
    for engine in engines.all():
        for name in _template_names(engine):
            try:
                engine.get_template(name)
            except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError) as error:
                # A fragment that only compiles inside another template (or is no template at all): it is
                # compiled on first use, as before.
                logger.debug("not compiled ahead: %s (%s)", name, type(error).__name__)
            else:
                counts["templates"] += 1
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Inloggen")
            counts["urls"] = _walk(resolver)
            resolver.reverse_dict  # noqa: B018 - built on first access, per language
    counts["languages"] = len(settings.LANGUAGES)
    return counts


def _walk(resolver: URLResolver) -> int:
    """Every pattern, with its regular expression compiled (per language, on first use): this imports every included
    URLconf and every view module. Returns how many views."""
    count = 0
    for pattern in resolver.url_patterns:
        pattern.pattern.regex  # noqa: B018
        if isinstance(pattern, URLResolver):
            count += _walk(pattern)
        elif isinstance(pattern, URLPattern):
            count += 1
    return count


def _template_names(engine) -> list[str]:
    """The HTML templates in the engine's folders (its DIRS and, with APP_DIRS, each app's folder of its kind)."""
    names = set()
    for folder in map(Path, engine.template_dirs):
        if folder.is_dir():
            names.update(path.relative_to(folder).as_posix() for path in folder.rglob("*.html"))
    return sorted(names)

import io

import pytest
from django.core.management import call_command

from tests.factories.users import EditorFactory
from tests.snapshot import replay


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the cached site frame and registry answers of one test never leak
    into the next."""
    from django.core.cache import cache

    from forms_engine.translation import forget_compiled
    from forms_engine.wizard import compiled_revision

    cache.clear()
    compiled_revision.cache_clear()  # revision ids are reused once a test's transaction is rolled back
    forget_compiled()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's own language: a request in English leaves English active in the thread
    (Django's middleware does not switch it back), and code run outside a request would then write in it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def demo_site(db):
    """The demo municipality as `manage.py demo` loads it (replayed after the first load: tests/snapshot.py)."""
    replay("demo", lambda: call_command("demo", stdout=io.StringIO()))


@pytest.fixture
def registries(db, monkeypatch):
    """The stand-in registries with the demo personas, reached over (test-client) HTTP by the real clients."""
    from portal.registries.stand_in.demo import load_personas
    from tests import testserver

    replay("personas", load_personas)
    return testserver.install(monkeypatch)


@pytest.fixture
def editor(db):
    return EditorFactory()


@pytest.fixture
def editor_client(client, editor):
    """A client logged in to the editor as a staff member who passed the second factor."""
    from tests.helpers import login_staff

    login_staff(client, editor)
    return client


def pytest_collection_modifyitems(config, items):
    """Browser journeys run last: quick feedback first, and no Playwright event loop around Django tests."""
    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)

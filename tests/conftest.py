import io

import pytest
from django.core.management import call_command

from tests.factories.users import EditorFactory


@pytest.fixture
def demo_site(db):
    """The demo municipality as `manage.py demo` loads it."""
    call_command("demo", stdout=io.StringIO())


@pytest.fixture
def editor(db):
    return EditorFactory()


def pytest_collection_modifyitems(config, items):
    """Browser journeys run last: quick feedback first, and no Playwright event loop around Django tests."""
    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)

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

import pytest

from tests import testserver
from tests.reports.conftest import asked, categories, team  # noqa: F401 - report categories and questions, for Open311


@pytest.fixture
def registry(db, monkeypatch):
    """The demo's residents in the registry stand-ins, reached over `requests` through the test transport."""
    from portal.registries.stand_in.demo import load_personas

    load_personas()
    return testserver.install(monkeypatch)

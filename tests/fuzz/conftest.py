import pytest

from tests import testserver


@pytest.fixture
def registry(db, monkeypatch):
    """The demo's residents in the registry stand-ins, reached over `requests` through the test transport."""
    from portal.registries.stand_in.demo import load_personas

    load_personas()
    return testserver.install(monkeypatch)

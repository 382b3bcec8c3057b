import pytest
from django.core.cache import cache

from portal.registries.stand_in.demo import load_personas
from tests import testserver


@pytest.fixture
def registries(db, monkeypatch):
    """The stand-in registries with the demo personas, reached over (test-client) HTTP by the real clients."""
    cache.clear()
    load_personas()
    return testserver.install(monkeypatch)

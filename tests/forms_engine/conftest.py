import pytest

from auth.services import resident_get_or_create
from tests import testserver
from tests.helpers import login_resident

JAN = "999900006"


@pytest.fixture
def jan(client, demo_site, monkeypatch):
    """Jan de Vries of the demo, logged in, with the stand-in registries answering."""
    testserver.install(monkeypatch)
    resident = resident_get_or_create(bsn=JAN)
    login_resident(client, resident)
    return resident

import json
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from openapi_core import Config, OpenAPI


@pytest.fixture(scope="module")
def brp_spec():
    """The official Haal Centraal BRP Personen specification, to validate the stand-in's answers against."""
    spec = yaml.safe_load((Path(settings.BASE_DIR) / "specs" / "brp-personen-openapi.yaml").read_text())
    spec["servers"] = [{"url": "http://testserver/registries/brp"}]
    # problem+json is JSON; openapi-core needs to be told.
    return OpenAPI.from_dict(
        spec, config=Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    )

"""Whatever a client posts to a step of the demo forms, the answer is a page (200), a redirect or a clear 400 —
never a server error — and a bad post never loses the answers already given."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auth.services import resident_get_or_create
from forms_engine.demo import DEMO_FORMS as ALL_DEMO_FORMS
from tests import testserver
from tests.forms_engine.helpers import FormSession
from tests.helpers import login_resident

# The forms a resident fills in (the terrace permit is a business's, with eHerkenning: a resident is refused it).
DEMO_FORMS = [form for form in ALL_DEMO_FORMS if form.get("logins", "digid") != "eherkenning"]
FIELD_NAMES = sorted(
    {
        f"{step['value']['key']}-{field['value']['key']}{suffix}"
        for form in DEMO_FORMS
        for step in form["steps"]
        for field in step["value"]["fields"]
        for suffix in ("", "_0", "_1", "_2")
    }
)
nasty_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\x00",
            "9" * 5000,
            "-1",
            "1e999",
            "NaN",
            "٣",
            "31",
            "2",
            "1235AC",
            "ja",
            "nee",
            "Huurwoning",
        ]
    ),
)
posts = st.fixed_dictionaries(
    {},
    optional={
        "step": st.sampled_from(
            [
                "over_u",
                "verhuizing",
                "meeverhuizers_stap",
                "woning",
                "controle",
                "uittreksel",
                "betaling",
                "bestaat-niet",
                "",
                "../",
            ]
        ),
        "goto": st.sampled_from(["over_u", "woning", "controle", "x" * 300]),
        "fields": st.dictionaries(st.sampled_from(FIELD_NAMES), nasty_text, max_size=12),
    },
)


@pytest.fixture
def started(client, demo_site, monkeypatch):
    testserver.install(monkeypatch)
    login_resident(client, resident_get_or_create(bsn="999900006"))
    sessions = [FormSession(client, spec["slug"]) for spec in DEMO_FORMS]
    for session in sessions:
        session.start()
    sessions[0].post("over_u", {"email": "jan@example.org"})
    return sessions


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(post=posts, which=st.integers(min_value=0, max_value=len(DEMO_FORMS) - 1))
def test_no_step_post_is_a_server_error(client, started, post, which):
    form = started[which]
    data = dict(post.get("fields", {}))
    if "step" in post:
        data[f"{form.prefix}-current_step"] = post["step"]
    if "goto" in post:
        data["wizard_goto_step"] = post["goto"]
    response = client.post(form.url, data)
    assert response.status_code in (200, 302, 400), response.status_code
    if which == 0:
        kept = client.get(form.url + "?stap=over_u").content.decode()
        assert re.search(r'name="over_u-email"[^>]*value="[^"]+@[^"]+"', kept), "the e-mail given earlier is kept"

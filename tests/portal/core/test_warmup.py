"""A web process's warm-up (portal/core/warmup.py, run by gunicorn.conf.py before it forks its workers): afterwards a
first page compiles no template and builds no URL lookup, in either language, and the warm-up itself asks the
database nothing (a connection opened before the fork would be shared by the workers)."""

from unittest import mock

import pytest
from django.template import engines
from django.template.autoreload import reset_loaders
from django.template.base import Parser
from django.urls import clear_url_caches, get_resolver

import jinja2
from portal.core import warmup
from tests.factories.cases import make_resident
from tests.helpers import login_resident


def _compiling(*args, **kwargs):
    raise AssertionError("a template was compiled after the warm-up")


def _as_a_new_process():
    """Forget compiled templates and URL lookups, whatever tests ran before in this process."""
    reset_loaders()
    engines["jinja2"].env.cache.clear()
    clear_url_caches()


@pytest.fixture(scope="module")
def warmed():
    _as_a_new_process()
    return warmup.run("web")


def test_the_warm_up_imports_the_urls_compiles_the_templates_and_reads_both_languages(warmed):
    assert warmed["urls"] > 300
    assert warmed["templates"] > 300
    assert warmed["languages"] == 2
    assert {"nl", "en"} <= set(get_resolver()._reverse_dict), "addresses can be built in both languages"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_after_the_warm_up_a_first_page_compiles_no_template(warmed, client, db, language):
    login_resident(client, make_resident())
    client.cookies["django_language"] = language
    with mock.patch.object(Parser, "parse", _compiling), mock.patch.object(jinja2.Environment, "_parse", _compiling):
        # A whole Jinja2 page, and a Django page inside the Jinja2 frame.
        for path in ["/mijn/", "/mijn/zaken/"]:
            response = client.get(path)
            assert response.status_code == 200, path
            assert response.content.decode().startswith("<!DOCTYPE html>")


def test_the_warm_up_asks_the_database_nothing(db, django_assert_num_queries):
    # A query would open a connection before the fork, which every worker would then share.
    _as_a_new_process()
    with django_assert_num_queries(0):
        assert warmup.run("web")["templates"] > 300


def test_a_template_that_does_not_compile_on_its_own_is_left_for_its_first_use(settings, tmp_path):
    # A fragment, or a broken file an editor's theme left behind, must not keep the web process from starting.
    (tmp_path / "kapot.html").write_text("{% if %}")
    django_engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**django_engine, "DIRS": [*django_engine["DIRS"], str(tmp_path)]}, *settings.TEMPLATES[1:]]
    assert warmup.web()["templates"] > 300

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.models import Locale, Page, Revision, Site

from cms import demo_content
from cms.models import HomePage, MunicipalitySettings, ServicePage, TopTask


def _snapshot():
    return {
        "pages": sorted(Page.objects.filter(depth__gte=2).values_list("url_path", "title", "live")),
        "top_tasks": list(TopTask.objects.order_by("sort_order").values_list("page__slug", "title")),
        "settings": list(MunicipalitySettings.objects.values_list("site_id", "name", "phone")),
        "sites": list(Site.objects.values_list("hostname", "root_page__slug", "is_default_site")),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    }


def test_demo_loads_the_municipality(demo_site):
    dutch = Locale.objects.get(language_code="nl")
    assert HomePage.objects.filter(locale=dutch).count() == 1
    assert ServicePage.objects.live().filter(locale=dutch).count() == len(demo_content.SERVICES) == 13
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    assert MunicipalitySettings.for_site(site).accessibility_page.slug == "toegankelijkheidsverklaring"
    # Editors get history: every demo page was published through a revision.
    assert Revision.objects.count() >= Page.objects.filter(depth__gte=2).count()
    # Wagtail's placeholder welcome page is gone; beside the home page is only its English version.
    assert [
        page.specific.locale.language_code for page in Page.objects.filter(depth=2).exclude(pk=site.root_page_id)
    ] == ["en"]


def test_the_demo_leaves_no_job_that_fails(db, settings):
    """On a fresh install (the database-backed task worker, as the README's first command runs it) every job the
    demo sets off succeeds: none is left for a page it removed (Wagtail's welcome page), for the operator to find
    among the failed jobs. The jobs run here as the worker runs them, after the demo, inside the test's
    transaction (the worker itself would close the test's connection)."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    call_command("demo", stdout=io.StringIO())
    jobs = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert any(job.task_path.startswith(("wagtail.", "modelsearch.")) for job in jobs), "Wagtail's index jobs"
    failed = []
    for job in jobs:
        try:
            with transaction.atomic():
                job.task.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])
        except Exception as error:  # noqa: BLE001 - whatever a job raises is its failure
            failed.append((job.task_path, job.args_kwargs["args"], type(error).__name__))
    assert failed == []


def test_demo_run_twice_leaves_the_same_content(db):
    call_command("demo", stdout=io.StringIO())
    first = _snapshot()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert _snapshot() == first
    assert "0 pages created" in out.getvalue()


def test_demo_keeps_what_an_editor_changed(demo_site):
    page = ServicePage.objects.get(slug="paspoort")
    page.intro = "Door de redactie aangepast."
    page.save_revision().publish()
    call_command("demo", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.intro == "Door de redactie aangepast."


def test_demo_is_refused_where_not_allowed(db, settings):
    settings.LOKET_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="disabled"):
        call_command("demo", stdout=io.StringIO())
    assert not HomePage.objects.exists()

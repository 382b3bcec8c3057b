"""Loads the demo site. Idempotent: a page that exists (by slug under its parent) is left as the editor left it."""

import json

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms import demo_content as content
from cms import demo_content_en as english
from cms.models import (
    FormPage,
    HomePage,
    MunicipalitySettings,
    MunicipalityTranslation,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
    TopTask,
)


def _get_or_create_child(parent: Page, model, *, slug: str, **fields) -> tuple[Page, bool]:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    for name in ("body",):
        if name in fields:
            fields[name] = json.dumps(fields[name])
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _home_page() -> tuple[HomePage, bool]:
    home = HomePage.objects.first()
    if home is not None:
        return home, False
    root = Page.get_first_root_node()
    # Wagtail's first migration leaves a placeholder welcome page on the default site; ours replaces it.
    placeholder = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
    if placeholder is not None:
        # Out of the home page's way without save(): its signals would queue Wagtail's index jobs for a page
        # that is gone by the time a worker runs them (the operator's first sight: two failed jobs).
        Page.objects.filter(pk=placeholder.pk).update(slug="welkom-oud")
    home = HomePage(title=content.HOME["title"], intro=content.HOME["intro"], slug="home")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, home, content.MUNICIPALITY["name"]
    site.save()
    if placeholder is not None:
        placeholder.delete()
    return home, True


@transaction.atomic
def load_demo_site(log) -> dict[str, int]:
    created = 0
    home, was_created = _home_page()
    created += was_created

    index, was_created = _get_or_create_child(
        home,
        ServiceIndexPage,
        slug=content.SERVICE_INDEX["slug"],
        title=content.SERVICE_INDEX["title"],
        intro=content.SERVICE_INDEX["intro"],
        show_in_menus=True,
    )
    created += was_created

    services = {}
    for spec in content.SERVICES:
        service, was_created = _get_or_create_child(index, ServicePage, **spec)
        services[spec["slug"]] = service
        created += was_created
    log(f"  {len(services)} service pages")

    standard = {}
    for spec in content.STANDARD_PAGES:
        page, was_created = _get_or_create_child(home, StandardPage, **spec)
        standard[spec["slug"]] = page
        created += was_created

    if not home.top_tasks.exists():
        for order, (slug, title) in enumerate(content.TOP_TASKS):
            TopTask.objects.create(home=home, page=services[slug], title=title, sort_order=order)
        home.body = json.dumps(
            [
                {
                    "type": "link_list",
                    "value": {
                        "heading": "Meer van de gemeente",
                        "links": [
                            {"title": "Alle producten en diensten", "page": index.pk, "url": ""},
                            {"title": "Contact en openingstijden", "page": standard["contact"].pk, "url": ""},
                            {"title": "Overheid.nl", "page": None, "url": "https://www.overheid.nl/"},
                        ],
                    },
                },
            ]
        )
        home.save_revision().publish()

    site = Site.objects.get(root_page=home)
    municipality = MunicipalitySettings.for_site(site)
    if not municipality.pk or not municipality.phone:
        for field, value in content.MUNICIPALITY.items():
            setattr(municipality, field, value)
        municipality.contact_page = standard["contact"]
        municipality.accessibility_page = standard["toegankelijkheidsverklaring"]
        municipality.privacy_page = standard["privacyverklaring"]
        municipality.save()
    return {"pages_created": created}


def site_pages() -> int:
    """Every page of the site, in every language."""
    return Page.objects.filter(depth__gte=2).count()


def _english_version(page: Page, **fields) -> tuple[Page, bool]:
    """The page's English version, made as an editor makes it (Wagtail's "Translate": a copy in the English tree)
    and then written in English; one that exists is left as the editor left it."""
    locale = Locale.objects.get(language_code="en")
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing, False
    version = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(version, name, json.dumps(value) if name == "body" else value)
    version.save_revision().publish()
    return version, True


@transaction.atomic
def load_english_pages(log) -> int:
    """English versions of the home page, the menu's pages and the services residents come for most, with their
    form pages (after `forms_engine.demo.place_demo_forms`); the other pages stay Dutch only, as on a site
    halfway through translating."""
    home = HomePage.objects.filter(locale__language_code="nl").first()
    if home is None:
        return 0
    created = 0
    home_en, was_created = _english_version(home, **english.HOME)
    created += was_created
    if was_created:
        for task in home_en.top_tasks.select_related("page"):
            task.title = english.TOP_TASKS.get(task.page.slug, task.title)
            task.save(update_fields=["title"])
        links = home_en.body.raw_data
        for block in links:
            if block["type"] == "link_list":
                block["value"]["heading"] = english.HOME_LINKS_HEADING
                for link, title in zip(block["value"]["links"], english.HOME_LINKS, strict=True):
                    link["title"] = title
        home_en.body = json.dumps(list(links))
        home_en.save_revision().publish()
    dutch = {page.slug: page for page in Page.objects.descendant_of(home).filter(locale=home.locale).specific()}
    for slug, fields in english.PAGES.items():
        if slug in dutch:
            created += _english_version(dutch[slug], **fields)[1]
    for service_slug, title in english.FORM_PAGE_TITLES.items():
        form_page = FormPage.objects.child_of(dutch[service_slug]).first() if service_slug in dutch else None
        if form_page is not None:
            created += _english_version(form_page, title=title, **english.FORM_PAGE)[1]
    site = Site.objects.get(root_page=home)
    municipality = MunicipalitySettings.for_site(site)
    MunicipalityTranslation.objects.get_or_create(
        municipality=municipality, language="en", defaults=english.MUNICIPALITY
    )
    log(f"  {created} English pages")
    return created

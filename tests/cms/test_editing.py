"""What editors do in Wagtail: build pages from blocks, and only where they belong."""

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.blocks import LinkBlock
from cms.models import FormPage, HomePage, ServiceIndexPage, ServicePage, StandardPage
from forms_engine.models import FormDefinition


def test_page_types_only_go_where_they_belong():
    assert set(HomePage.allowed_subpage_models()) == {ServiceIndexPage, StandardPage}
    assert ServiceIndexPage.allowed_subpage_models() == [ServicePage]
    assert ServicePage.allowed_subpage_models() == [FormPage]
    assert ServicePage.allowed_parent_page_models() == [ServiceIndexPage]
    assert set(FormPage.allowed_parent_page_models()) == {ServicePage, StandardPage}
    assert FormPage.allowed_subpage_models() == []


def test_every_editor_facing_field_has_help_text_or_is_self_explanatory():
    for model in (HomePage, StandardPage, ServiceIndexPage, ServicePage, FormPage):
        own_fields = [f for f in model._meta.get_fields(include_parents=False) if getattr(f, "concrete", False)]
        for field in own_fields:
            if field.name.endswith("_ptr"):
                continue
            assert field.help_text or field.name in {"body", "costs"}, f"{model.__name__}.{field.name} lacks help text"


def test_an_editor_creates_a_service_page_with_blocks(editor_client, demo_site):
    client = editor_client
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    data = nested_form_data(
        {
            "title": "Hondenbelasting",
            "slug": "hondenbelasting",
            "intro": "Heeft u een hond? Dan betaalt u hondenbelasting.",
            "offers_online": "on",
            "online_url": "",
            "appointment_url": "",
            "body": streamfield(
                [
                    ("text", rich_text("<p>Per hond per jaar.</p>")),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "title": "Let op",
                            "text": rich_text("<p>Meld uw hond binnen 2 weken aan.</p>"),
                        },
                    ),
                    (
                        "steps",
                        {
                            "heading": "Zo werkt het",
                            "steps": {
                                "count": 1,
                                "0": {
                                    "deleted": "",
                                    "order": "0",
                                    "value": {"title": "Meld aan", "text": rich_text("")},
                                },
                            },
                        },
                    ),
                ]
            ),
            "costs": rich_text("<p>€ 120 per jaar.</p>"),
            "what_to_bring": rich_text(""),
            "lead_time": "Direct",
            "action-publish": "publish",
        }
    )
    response = client.post(f"/cms/pages/add/cms/servicepage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ServicePage.objects.get(slug="hondenbelasting")
    assert page.live
    assert [block.block_type for block in page.body] == ["text", "callout", "steps"]
    rendered = client.get(page.url).content.decode()
    assert "Meld uw hond binnen 2 weken aan." in rendered
    assert "Meld aan" in rendered


def test_an_editor_can_not_put_a_service_under_the_home_page(editor_client, demo_site):
    client = editor_client
    home = HomePage.objects.get(locale__language_code="nl")
    response = client.post(f"/cms/pages/add/cms/servicepage/{home.pk}/", {"title": "Verkeerd", "slug": "verkeerd"})
    # Wagtail answers with a redirect and a permission message, and nothing is created.
    assert response.status_code in (302, 403)
    assert not ServicePage.objects.filter(slug="verkeerd").exists()


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ({"title": "", "page": None, "url": ""}, "url"),
        ({"title": "Beide", "page": "PAGE", "url": "https://example.org/"}, "url"),
        ({"title": "", "page": None, "url": "https://example.org/"}, "title"),
    ],
)
def test_a_link_needs_exactly_one_target_and_a_text_for_external_links(demo_site, value, field):
    block = LinkBlock()
    if value["page"] == "PAGE":
        value = {**value, "page": Page.objects.get(slug="contact", locale__language_code="nl")}
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({**value, "page": value["page"].pk if value["page"] else None}))
    assert field in error.value.block_errors
    assert isinstance(error.value.block_errors[field], ValidationError)


def test_a_valid_link_passes(demo_site):
    block = LinkBlock()
    value = block.clean(
        block.to_python(
            {"title": "", "page": Page.objects.get(slug="contact", locale__language_code="nl").pk, "url": ""}
        )
    )
    assert value["page"].slug == "contact"


def _autosaves(response) -> bool:
    assert response.status_code == 200
    return re.search(r'data-controller="[^"]*\bw-autosave\b', response.content.decode()) is not None


def test_a_new_page_or_form_is_not_autosaved_but_an_existing_one_is(editor_client, demo_site):
    # Autosaving a new object races with the editor's "Publish": the publish could post to the add URL a second
    # time and create the object twice (cms/admin_views.py).
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    assert not _autosaves(editor_client.get(f"/cms/pages/add/cms/servicepage/{index.pk}/"))
    assert not _autosaves(editor_client.get("/cms/snippets/forms_engine/formdefinition/add/"))
    assert _autosaves(editor_client.get(f"/cms/pages/{index.pk}/edit/"))
    form = FormDefinition.objects.first()
    assert _autosaves(editor_client.get(f"/cms/snippets/forms_engine/formdefinition/edit/{form.pk}/"))


def test_the_add_page_view_still_needs_admin_access(client, demo_site):
    index = ServiceIndexPage.objects.get(locale__language_code="nl")
    response = client.get(f"/cms/pages/add/cms/servicepage/{index.pk}/")
    assert response.status_code == 302
    assert "/cms/login/" in response["Location"]

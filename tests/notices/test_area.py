"""Area notices: who lives inside gets it, who lives outside does not; a broken area is refused before sending."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from auth.services import resident_get_or_create
from portal.core.models import AccessLogEntry
from portal.notices.models import Notice, NoticeRule
from tests.factories.notices import AddressFactory, NoticeRuleFactory, PersonFactory
from tests.factories.users import UserFactory
from tests.helpers import login_staff
from tests.notices.conftest import run

# A square around (5.12, 52.09) .. (5.13, 52.10).
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[5.12, 52.09], [5.13, 52.09], [5.13, 52.10], [5.12, 52.10], [5.12, 52.09]]],
}


def living_at(lon: str, lat: str, **address):
    person = PersonFactory(address=AddressFactory(longitude=Decimal(lon), latitude=Decimal(lat), **address))
    return resident_get_or_create(bsn=person.bsn)


def area_rule(**area):
    return NoticeRuleFactory(
        kind=NoticeRule.Kind.AREA,
        subject="Werkzaamheden",
        body="Beste bewoner van {adres}, de weg gaat open.",
        link_url="",
        link_text="",
        **area,
    )


def received(user) -> bool:
    return Notice.objects.filter(resident=user).exists()


def test_residents_inside_a_polygon_get_it_those_outside_do_not_and_the_border_counts_as_inside(db):
    inside = living_at("5.125", "52.095")
    on_edge = living_at("5.130", "52.095")
    on_corner = living_at("5.120", "52.090")
    outside = living_at("5.131", "52.095")
    in_the_box_not_in_the_triangle = living_at("5.129", "52.099")
    rule = area_rule(area_geojson=json.dumps(SQUARE))
    triangle = area_rule(
        area_geojson=json.dumps(
            {"type": "Polygon", "coordinates": [[[5.12, 52.09], [5.13, 52.09], [5.12, 52.10], [5.12, 52.09]]]}
        )
    )
    run(rules=[rule, triangle])
    assert {n.resident for n in Notice.objects.filter(rule=rule)} == {
        inside,
        on_edge,
        on_corner,
        in_the_box_not_in_the_triangle,
    }
    assert received(inside) and not received(outside)
    assert not Notice.objects.filter(rule=triangle, resident=in_the_box_not_in_the_triangle).exists()
    assert Notice.objects.filter(rule=triangle, resident=inside).exists()


def test_postcodes_postcode_areas_and_neighbourhoods_select_their_residents(db):
    exact = living_at("4.0", "51.0", postcode="3511AB")
    same_area = living_at("4.0", "51.0", postcode="3512CD")
    neighbourhood = living_at("4.0", "51.0", postcode="9999ZZ", neighbourhood_code="WK999903")
    elsewhere = living_at("4.0", "51.0", postcode="3511AC", neighbourhood_code="WK999901")
    rule = area_rule(area_postcodes="3511 ab, 3512", area_neighbourhoods="WK999903")
    run(rules=[rule])
    assert received(exact) and received(same_area) and received(neighbourhood)
    assert not received(elsewhere)


@pytest.mark.parametrize(
    ("area", "message"),
    [
        (
            {
                "area_geojson": json.dumps(
                    {
                        **SQUARE,
                        "coordinates": [[[5.12, 52.09], [5.13, 52.10], [5.13, 52.09], [5.12, 52.10], [5.12, 52.09]]],
                    }
                )
            },
            "kruist zichzelf",
        ),
        ({"area_geojson": json.dumps({"type": "Polygon", "coordinates": []})}, "Het gebied is leeg"),
        (
            {
                "area_geojson": json.dumps(
                    {"type": "Polygon", "coordinates": [[[5.12, 52.09], [5.13, 52.09], [5.12, 52.09]]]}
                )
            },
            "Het gebied is leeg",
        ),
        (
            {
                "area_geojson": json.dumps(
                    {"type": "Polygon", "coordinates": [[[5.1, 52.0], [5.2, 52.0], [5.3, 52.0], [5.1, 52.0]]]}
                )
            },
            "op één lijn",
        ),
        ({"area_geojson": "{not json"}, "geen geldige GeoJSON"),
        ({"area_geojson": json.dumps({"type": "Point", "coordinates": [5.1, 52.0]})}, "één vlak"),
        (
            {"area_geojson": json.dumps({"type": "Polygon", "coordinates": [[["a", "b"], [1, 2], [3, 4]]]})},
            "geldige coördinaten",
        ),
        (
            {
                "area_geojson": json.dumps(
                    {"type": "Polygon", "coordinates": [[[52.09, 5.12], [52.1, 95.0], [52.2, 5.2], [52.09, 5.12]]]}
                )
            },
            "buiten de kaart",
        ),
        (
            {
                "area_geojson": json.dumps(
                    {"type": "Polygon", "coordinates": [[[i / 1e4, (i % 7) / 1e4] for i in range(2_100)]]}
                )
            },
            "te veel punten",
        ),
        ({"area_postcodes": "1234AB, <script>"}, "is geen postcode"),
        ({"area_postcodes": "0123AB"}, "is geen postcode"),
        ({"area_neighbourhoods": "BU12345678"}, "is geen wijkcode"),
        ({}, "Kies het gebied"),
    ],
)
def test_a_broken_or_empty_area_is_refused_with_a_clear_message(db, area, message):
    rule = NoticeRule(
        category=area_rule(area_postcodes="1234").category,
        kind=NoticeRule.Kind.AREA,
        name="x",
        subject="s",
        body="b",
        **area,
    )
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert message in str(error.value)


@pytest.fixture
def staff_client(client, db):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="notices"),
    )
    login_staff(client, staff)
    return client


def test_staff_preview_the_count_and_streets_before_sending(staff_client, django_capture_on_commit_callbacks):
    living_at("5.125", "52.095", street="Dijkweg")
    living_at("5.126", "52.095", street="Dijkweg")
    living_at("5.127", "52.095", street="Havenkade")
    living_at("6.0", "53.0", street="Verweg")
    rule = area_rule(area_geojson=json.dumps(SQUARE))
    url = f"/cms/voormeldingen/{rule.uuid}/verzenden/"
    page = staff_client.get(url).content.decode()
    assert "Dit bericht gaat naar 3 inwoners." in page
    assert "<td>Dijkweg</td><td>2</td>" in page and "<td>Havenkade</td><td>1</td>" in page
    assert "Verweg" not in page
    assert not Notice.objects.exists(), "a preview sends nothing"
    assert AccessLogEntry.objects.filter(object_id=str(rule.uuid), action="view").exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)
    assert response.status_code == 302
    assert Notice.objects.filter(rule=rule).count() == 3
    rule.refresh_from_db()
    assert rule.approved_at is not None
    assert staff_client.post(url).status_code == 400, "sent once; sending again is refused"


@override_settings(LOKET_AREA_NOTICE_CONFIRM_ABOVE=2)
def test_above_the_limit_a_second_confirmation_is_needed(staff_client, django_capture_on_commit_callbacks):
    for offset in range(3):
        living_at(f"5.12{offset + 1}", "52.095")
    rule = area_rule(area_geojson=json.dumps(SQUARE))
    url = f"/cms/voormeldingen/{rule.uuid}/verzenden/"
    assert "Bevestig dat u het bericht aan hen allemaal wilt sturen" in staff_client.get(url).content.decode()
    refused = staff_client.post(url)
    assert refused.status_code == 400
    assert "Dit bericht gaat naar 3 inwoners. Bevestig" in refused.content.decode()
    assert not Notice.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, {"large_confirmed": "on"}).status_code == 302
    assert Notice.objects.count() == 3


def test_a_self_intersecting_area_is_shown_as_an_error_and_cannot_be_sent(staff_client):
    living_at("5.125", "52.095")
    bow_tie = {**SQUARE, "coordinates": [[[5.12, 52.09], [5.13, 52.10], [5.13, 52.09], [5.12, 52.10], [5.12, 52.09]]]}
    rule = area_rule(area_geojson=json.dumps(bow_tie))
    url = f"/cms/voormeldingen/{rule.uuid}/verzenden/"
    response = staff_client.get(url)
    assert response.status_code == 400
    assert "kruist zichzelf" in response.content.decode()
    assert staff_client.post(url, {"large_confirmed": "on"}).status_code == 400
    rule.refresh_from_db()
    assert rule.approved_at is None and not Notice.objects.exists()


def test_an_area_with_nobody_in_it_cannot_be_sent(staff_client):
    rule = area_rule(area_postcodes="9998")
    response = staff_client.post(f"/cms/voormeldingen/{rule.uuid}/verzenden/")
    assert response.status_code == 400
    assert "In dit gebied woont niemand" in response.content.decode()


def test_only_staff_with_the_permission_send_area_notices(client, db):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_staff(client, staff)
    rule = area_rule(area_postcodes="1234")
    # The admin answers a missing permission by sending the user back to its dashboard.
    for response in (
        client.get(f"/cms/voormeldingen/{rule.uuid}/verzenden/"),
        client.post(f"/cms/voormeldingen/{rule.uuid}/verzenden/"),
        client.get("/cms/voormeldingen/"),
    ):
        assert (response.status_code, response["Location"]) == (302, "/cms/")
    rule.refresh_from_db()
    assert rule.approved_at is None


def test_the_rule_editor_shows_the_map_and_saves_a_drawn_area(staff_client):
    from tests.factories.notices import NoticeCategoryFactory

    category = NoticeCategoryFactory()
    page = staff_client.get("/cms/snippets/notices/noticerule/add/").content.decode()
    assert "data-area-map=" in page and "vendor/leaflet/leaflet.js" in page
    data = {
        "name": "Bouwplan",
        "category": category.pk,
        "kind": "area",
        "active": "on",
        "subject": "Vergunning aangevraagd",
        "body": "Bij u in de buurt.",
        "area_geojson": json.dumps(SQUARE),
        "document_kind": "",
        **{f"translations-{name}": value for name, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))},
    }
    response = staff_client.post("/cms/snippets/notices/noticerule/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    rule = NoticeRule.objects.get(name="Bouwplan")
    assert rule.area().polygon.area > 0 and rule.approved_at is None
    bow_tie = {**SQUARE, "coordinates": [[[5.12, 52.09], [5.13, 52.10], [5.13, 52.09], [5.12, 52.10], [5.12, 52.09]]]}
    response = staff_client.post(
        "/cms/snippets/notices/noticerule/add/", {**data, "name": "Fout", "area_geojson": json.dumps(bow_tie)}
    )
    assert response.status_code == 200
    assert "kruist zichzelf" in response.content.decode()
    assert not NoticeRule.objects.filter(name="Fout").exists()

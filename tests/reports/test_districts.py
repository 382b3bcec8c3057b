"""Districts: a part of town whose team takes some kinds of report, and a filter and map for staff."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.reports.models import District
from tests.factories.cases import TeamFactory
from tests.reports.conftest import make_report, staff_member

# A square around the demo town's centre (INSIDE), and one to its east.
CENTRE = [[[5.11, 52.08], [5.13, 52.08], [5.13, 52.10], [5.11, 52.10], [5.11, 52.08]]]
EAST = [[[5.14, 52.08], [5.16, 52.08], [5.16, 52.10], [5.14, 52.10], [5.14, 52.08]]]


def _district(name, ring, *, team=None, categories=(), order=0):
    district = District(name=name, boundary=json.dumps({"type": "Polygon", "coordinates": ring}), team=team)
    district.order = order
    district.full_clean()
    district.save()
    district.categories.set(categories)
    return district


@pytest.fixture
def centre_team(db):
    return TeamFactory(name="Wijkteam Centrum")


def test_a_report_in_a_district_goes_to_its_team_for_the_kinds_it_takes(categories, team, centre_team):
    centre = _district("Centrum", CENTRE, team=centre_team, categories=[categories["waste"]])
    _district("Oost", EAST)
    container = make_report(categories["container"])  # waste, in the centre: the centre's team
    lamp = make_report(categories["lamp"])  # lighting is not the centre team's: the category's team
    east = make_report(categories["container"], latitude=52.09, longitude=5.15)  # a district without a team
    outside = make_report(categories["container"], latitude=52.15, longitude=5.10)  # in town, in no district
    assert (container.team, container.district) == (centre_team, centre)
    assert (lamp.team, lamp.district) == (team, centre)
    assert (east.team, east.district.name) == (team, "Oost")
    assert (outside.team, outside.district) == (team, None)


def test_a_district_without_kinds_takes_them_all_and_the_first_in_order_wins(categories, team, centre_team):
    _district("Groot", CENTRE, order=2)
    first = _district("Centrum", CENTRE, team=centre_team, order=1)
    report = make_report(categories["lamp"])
    assert (report.team, report.district) == (centre_team, first)


@pytest.mark.parametrize(
    ("boundary", "message"),
    [
        ("", "niet leeg"),
        ("{nope", "onleesbaar"),
        ('{"type": "Point", "coordinates": [5.1, 52.1]}', "één vlak"),
        (json.dumps({"type": "Polygon", "coordinates": [[[5.1, 52.1], [5.2, 52.2], [5.1, 52.1]]]}), "leeg"),
        (
            json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}),
            "kruist zichzelf",
        ),
    ],
)
def test_a_district_needs_a_sound_polygon(db, boundary, message):
    with pytest.raises(ValidationError) as error:
        District(name="Wijk", boundary=boundary).full_clean()
    assert message in " ".join(error.value.message_dict["boundary"])


def test_staff_filter_by_district_and_see_the_found_reports_on_a_map(
    client, categories, team, django_assert_max_num_queries
):
    centre = _district("Centrum", CENTRE)
    _district("Oost", EAST)
    for _i in range(30):
        make_report(categories["lamp"])
    east = make_report(categories["lamp"], latitude=52.09, longitude=5.15)
    staff_member(client, teams=[team])
    url = reverse("reports_backoffice:list")
    client.get(url)
    with django_assert_max_num_queries(19):  # the admin frame is 15 of them, whatever the number of reports
        page = client.get(url).content.decode()
    assert page.count("<td>Centrum</td>") == 30 and page.count("<td>Oost</td>") == 1
    points = json.loads(page.split('id="report-map-points" type="application/json">')[1].split("</script>")[0])
    assert len(points) == 31 and {"url", "reference", "lat", "lon", "status", "late"} == set(points[0])
    assert {"reference": east.reference, "lat": 52.09, "lon": 5.15}.items() <= next(
        p for p in points if p["reference"] == east.reference
    ).items()
    page = client.get(url, {"district": centre.pk}).content.decode()
    assert page.count('name="reports"') == 30 and east.reference not in page
    assert client.get(url, {"district": "999999"}).status_code == 200  # an unknown district: the filter says so


def test_the_district_team_sees_its_reports_and_the_category_team_does_not(client, categories, team, centre_team):
    _district("Centrum", CENTRE, team=centre_team)
    report = make_report(categories["lamp"])
    staff_member(client, teams=[team])
    assert report.reference not in client.get(reverse("reports_backoffice:list")).content.decode()
    staff_member(client, teams=[centre_team])
    assert report.reference in client.get(reverse("reports_backoffice:list")).content.decode()

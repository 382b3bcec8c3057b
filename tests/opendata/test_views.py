import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from forms_engine.models import Submission
from forms_engine.wizard import SESSION_LAST_SUBMISSION
from portal.cases.models import Case
from portal.opendata.models import Journey, Satisfaction
from portal.opendata.services import JourneyRef, figures_refresh
from tests.factories.forms import make_form
from tests.helpers import login_resident
from tests.opendata.conftest import handled_case

LAST_MONTH = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


@pytest.fixture
def published(setting):
    """Last month: twelve moves (one late) and five extracts; refreshed."""
    received = datetime.combine(LAST_MONTH, datetime.min.time(), UTC) + timedelta(hours=9)
    for days in range(1, 13):
        handled_case(
            setting["moving"], setting["resident"], received=received, lead=timedelta(days=days), late=days == 12
        )
    for days in range(1, 6):
        handled_case(setting["extract"], setting["resident"], received=received, lead=timedelta(days=days))
    figures_refresh()
    return setting


def test_the_public_page_shows_the_refreshed_figures_with_chart_and_table(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):  # 4 for the figures, 6 for the frame
        response = client.get(reverse("opendata:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verhuizing" in html and "91,7 %" in html, "11 of 12 on time, Dutch notation"
    assert 'role="img"' in html and "grafiek-verhuizing-titel" in html
    assert "minder dan 10 zaken" in html, "five extracts are not shown"
    assert response["Content-Security-Policy"] and "unsafe-inline" not in response["Content-Security-Policy"]


def test_without_figures_the_page_says_so(client, db):
    response = client.get(reverse("opendata:index"))
    assert response.status_code == 200 and "Er zijn nog geen cijfers." in response.content.decode()


def test_csv_and_json_carry_the_same_rows_as_the_page(client, published):
    page = client.get(reverse("opendata:index")).content.decode()
    as_json = client.get(reverse("opendata:json", kwargs={"dataset": "zaken"})).json()
    response = client.get(reverse("opendata:csv", kwargs={"dataset": "zaken"}))
    assert response["Content-Type"].startswith("text/csv")
    as_csv = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert as_json["licentie"].startswith("http://creativecommons.org/publicdomain/zero/1.0")
    rows = as_json["rijen"]
    assert [row["zaaktype"] for row in rows] == [row["zaaktype"] for row in as_csv] == ["Uittreksel BRP", "Verhuizing"]
    moving = rows[1]
    assert moving["maand"] == f"{LAST_MONTH:%Y-%m}" and moving["afgehandeld"] == 12
    assert as_csv[1]["binnen_norm_procent"] == str(moving["binnen_norm_procent"]) == "91.7"
    assert str(moving["doorlooptijd_mediaan_dagen"]).replace(".", ",") in page
    assert rows[0]["afgehandeld"] is None and as_csv[0]["afgehandeld"] == "", "hidden in every format"


def test_the_catalogue_is_dcat_ap_nl_json_ld_pointing_at_working_downloads(client, published):
    response = client.get(reverse("opendata:catalogue"))
    assert response["Content-Type"].startswith("application/ld+json")
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog" and "dcat" in catalogue["@context"]
    datasets = catalogue["dcat:dataset"]
    assert {dataset["@type"] for dataset in datasets} == {"dcat:Dataset"} and len(datasets) == 2
    for dataset in datasets:
        assert dataset["dct:license"]["@id"] == "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
        assert dataset["dct:accrualPeriodicity"]["@id"].endswith("/frequency/DAILY")
        assert dataset["dct:modified"]["@type"] == "xsd:dateTime"
        for distribution in dataset["dcat:distribution"]:
            download = client.get(distribution["dcat:downloadURL"]["@id"].removeprefix("http://testserver"))
            assert download.status_code == 200
            assert download["Content-Type"].startswith(distribution["dcat:mediaType"])


@pytest.mark.parametrize("name", ["onbekend", "zaken2", "tevredenheid-x"])
def test_an_unknown_dataset_is_not_found(client, db, name):
    assert client.get(f"/open-data/{name}.csv").status_code == 404
    assert client.get(f"/open-data/{name}.json").status_code == 404


# The question at the end of a journey


@pytest.fixture
def closed_case(setting):
    case = handled_case(
        setting["moving"], setting["resident"], received=timezone.now() - timedelta(days=3), lead=timedelta(days=1)
    )
    return case


def _post(client, case, **data):
    ref = JourneyRef(Journey.CASE, str(case.uuid), case.case_type.name, case.case_type_id, case.case_type.team_id)
    return client.post(reverse("opendata:satisfaction"), {"token": ref.token(), **data})


def test_a_closed_case_asks_once_and_stores_the_answer_masked_and_unlinked(client, setting, closed_case):
    login_resident(client, setting["resident"])
    page = client.get(closed_case.get_absolute_url()).content.decode()
    assert "Hoe ging het?" in page and 'name="token"' in page
    response = _post(
        client,
        closed_case,
        score="4",
        comment="Bel me op 06-12345678, bsn 111222333",
        next=closed_case.get_absolute_url(),
    )
    assert response.status_code == 302 and response["Location"] == closed_case.get_absolute_url()
    answer = Satisfaction.objects.get()
    assert (answer.journey, answer.subject, answer.score, answer.team) == ("case", "Verhuizing", 4, setting["team"])
    assert answer.comment == "Bel me op [telefoonnummer], bsn [BSN]"
    assert not {"resident", "user", "bsn"} & {field.name for field in Satisfaction._meta.get_fields()}
    assert "Hoe ging het?" not in client.get(closed_case.get_absolute_url()).content.decode(), "asked once"

    again = _post(client, closed_case, score="1")
    assert again.status_code == 409 and Satisfaction.objects.get().score == 4, "a second answer is refused"


def test_an_open_case_does_not_ask(client, setting):
    case = Case.objects.create(
        identification="TEST-OPEN",
        case_type=setting["moving"],
        resident=setting["resident"],
        expected_on=timezone.localdate(),
    )
    login_resident(client, setting["resident"])
    assert "Hoe ging het?" not in client.get(case.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Kies hoe tevreden u bent."),
        ({"score": "6"}, "Kies een van de antwoorden."),
        ({"score": "0"}, "Kies een van de antwoorden."),
        ({"score": "vijf"}, "Kies een van de antwoorden."),
        ({"score": "3", "comment": "x" * 1001}, "Gebruik niet meer dan 1000 tekens"),
    ],
)
def test_a_wrong_answer_is_explained_and_the_comment_kept(client, closed_case, data, error):
    response = _post(client, closed_case, comment=data.pop("comment", "Mijn toelichting"), **data)
    html = response.content.decode()
    assert response.status_code == 400 and error in html
    assert "Mijn toelichting" in html or "x" * 1000 in html
    assert not Satisfaction.objects.exists()


@pytest.mark.parametrize("token", ["", "garbage", "W1siY2FzZSJd:forged:signature"])
def test_a_missing_or_forged_token_is_refused(client, db, token):
    response = client.post(reverse("opendata:satisfaction"), {"token": token, "score": "5"})
    assert response.status_code == 400 and "verlopen" in response.content.decode()
    assert not Satisfaction.objects.exists()


def test_a_token_older_than_30_days_is_refused(client, closed_case):
    with freeze_time(timezone.now() - timedelta(days=31)):
        token = JourneyRef(Journey.CASE, str(closed_case.uuid), "Verhuizing").token()
    response = client.post(reverse("opendata:satisfaction"), {"token": token, "score": "5"})
    assert response.status_code == 400 and not Satisfaction.objects.exists()


def test_a_foreign_return_address_is_not_followed(client, closed_case):
    response = _post(client, closed_case, score="5", next="https://evil.example/")
    assert response["Location"] == reverse("opendata:satisfaction_thanks")


def test_the_question_works_on_a_page_of_its_own(client, closed_case):
    token = JourneyRef(Journey.CASE, str(closed_case.uuid), "Verhuizing").token()
    response = client.get(reverse("opendata:satisfaction"), {"t": token})
    assert response.status_code == 200 and "Over: Verhuizing" in response.content.decode()
    assert client.post(reverse("opendata:satisfaction"), {"token": token, "score": "2"}).status_code == 302
    again = client.get(reverse("opendata:satisfaction"), {"t": token}).content.decode()
    assert "U heeft deze vraag al beantwoord" in again and 'name="score"' not in again, "a link opened again"


def test_the_form_confirmation_asks_about_the_form(client, setting):
    form = make_form(slug="melding", name="Melding verhuizing")
    submission = Submission.objects.create(form=form, schema=form.build_schema(), data={})
    session = client.session
    session[SESSION_LAST_SUBMISSION] = str(submission.uuid)
    session.save()
    url = reverse("forms_engine:confirmation", kwargs={"slug": "melding"})
    assert "Hoe ging het?" in client.get(url).content.decode()
    token = JourneyRef(Journey.FORM, str(submission.uuid), "Melding verhuizing").token()
    assert client.post(reverse("opendata:satisfaction"), {"token": token, "score": "5", "next": url}).status_code == 302
    assert Satisfaction.objects.get().subject == "Melding verhuizing"
    assert "Hoe ging het?" not in client.get(url).content.decode()


# Staff


def test_case_handlers_read_the_dashboard_and_others_do_not(client, published, django_assert_max_num_queries):
    from auth import roles
    from tests.factories.users import UserFactory
    from tests.helpers import login_staff

    Satisfaction.objects.create(
        journey="case",
        subject="Verhuizing",
        journey_key="k1",
        score=1,
        comment="Duurde te lang",
        team=published["team"],
    )
    handler = UserFactory(is_staff=True)
    roles.ensure_roles()
    roles.assign_role(handler, roles.CASE_HANDLER)
    login_staff(client, handler)
    with django_assert_max_num_queries(20):  # the admin frame is most of it
        response = client.get(reverse("opendata_dashboard"))
    html = response.content.decode()
    assert response.status_code == 200 and "Burgerzaken" in html and "Duurde te lang" in html
    assert "17 zaken, 94 % op tijd" in html, "the team handles moves and extracts: 16 of 17 on time"

    other = UserFactory(is_staff=True)
    roles.assign_role(other, roles.FINANCE)
    login_staff(client, other)
    assert client.get(reverse("opendata_dashboard")).status_code in (302, 403)

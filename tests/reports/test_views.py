import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from auth.services import resident_get_or_create
from portal.core.models import AccessLogEntry
from portal.core.storage import private_storage
from portal.core.uploads import IMAGE_TYPES, check_uploads
from portal.reports import services
from portal.reports.models import Follower, Photo, Report
from portal.reports.suggest import suggester_train
from tests.factories.cases import make_resident
from tests.factories.notices import AddressFactory
from tests.factories.users import UserFactory
from tests.helpers import login_resident
from tests.reports.conftest import INSIDE, PRIVATE, jpeg, make_report

STEP = "reports:step"


def _url(step):
    return reverse(STEP, kwargs={"step": step})


def _through_to_where(client, description="De lantaarnpaal bij de speeltuin brandt niet", category="lantaarnpaal"):
    client.get(reverse("reports:start"))
    assert client.post(_url("wat"), {"description": description}).url == _url("soort")
    assert client.post(_url("soort"), {"category": category}).url == _url("fotos")
    assert client.post(_url("fotos"), {}).url == _url("waar")


def _to_check(client, **contact):
    _through_to_where(client)
    assert client.post(_url("waar"), {"latitude": "52,0925", "longitude": "5.1225"}).url == _url("contact")
    assert client.post(_url("contact"), contact).url == _url("controle")


def test_an_anonymous_resident_reports_with_a_photo_whose_location_fills_in_where(
    client, categories, django_capture_on_commit_callbacks
):
    suggester_train()
    client.get(reverse("reports:start"))
    client.post(_url("wat"), {"description": "De straatlantaarn brandt niet meer"})
    page = client.get(_url("soort")).content.decode()
    assert 'value="lantaarnpaal" checked' in page and "voorstel" in page  # suggested, not chosen for them
    assert 'value="container-vol"' in page  # the whole tree stays selectable
    client.post(_url("soort"), {"category": "lantaarnpaal"})
    photo = SimpleUploadedFile("IMG_0001.JPG", jpeg(gps=(52.0931, 5.1199)), content_type="image/jpeg")
    assert client.post(_url("fotos"), {"photos": [photo]}).url == _url("waar")
    page = client.get(_url("waar")).content.decode()
    assert "uit uw foto" in page and 'value="52.0931"' in page and 'value="5.1199"' in page
    client.post(_url("waar"), {"latitude": "52.0931", "longitude": "5.1199"})
    client.post(_url("contact"), {"contact_email": "melder@example.org", "contact_phone": "06 12345678"})
    page = client.get(_url("controle")).content.decode()
    assert "De straatlantaarn brandt niet meer" in page and "IMG_0001.jpg" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("controle"), {})
    assert response.url == reverse("reports:sent")
    report = Report.objects.get()
    assert (report.category.code, report.latitude, report.longitude) == ("lantaarnpaal", 52.0931, 5.1199)
    assert report.contact_phone == "+31612345678" and report.resident is None
    stored = report.photos.get()
    with private_storage().open(stored.file.name) as file, Image.open(file) as image:
        assert dict(image.getexif()) == {}  # no camera, no position
    assert not private_storage().listdir("reports/drafts")[1]  # the draft's copy is gone
    page = client.get(reverse("reports:sent")).content.decode()
    assert report.reference in page and "/meldingen/volgen/" in page


def test_a_report_keeps_how_the_reporter_logged_in(client, categories, django_capture_on_commit_callbacks):
    from auth.services import company_get_or_create
    from tests.helpers import login_business

    company = company_get_or_create(kvk_number="90000001")
    login_business(client, company, branch="000090000001")
    _to_check(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("controle"), {})
    report = Report.objects.get()
    assert report.resident == company
    assert report.auth_context == {
        "source": "eherkenning",
        "loa": "urn:etoegang:core:assurance-class:loa3",
        "acting_subject": "medewerker-pseudoniem-1",
        "branch_number": "000090000001",
    }, "the company, the branch and the employee who reported it"
    assert report.authentication_context()["authorizee"]["actingSubject"]["identifier"] == "medewerker-pseudoniem-1"


def test_an_address_finds_the_spot_through_the_bag(client, categories, monkeypatch):
    from tests import testserver

    testserver.install(monkeypatch)
    AddressFactory(postcode="1234AB", house_number=7, street="Kerkstraat", latitude="52.091000", longitude="5.121000")
    _through_to_where(client)
    assert client.post(_url("waar"), {"postcode": "1234 ab", "house_number": "７"}).url == _url("contact")
    response = client.post(_url("waar"), {"postcode": "1234AB", "house_number": "99"})
    assert response.status_code == 400 and "kennen we niet" in response.content.decode()
    response = client.post(_url("waar"), {"postcode": "1234AB"})
    assert "postcode én huisnummer" in response.content.decode()
    client.post(_url("waar"), {"postcode": "1234AB", "house_number": "7"})
    client.post(_url("contact"), {})
    client.post(_url("controle"), {})
    report = Report.objects.get()
    assert (report.street, report.address, report.latitude) == ("Kerkstraat", "Kerkstraat 7, Voorbeeldstad", 52.091)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Geef de plek op"),
        ({"latitude": "52.37", "longitude": "4.89"}, "buiten de gemeente"),
        ({"latitude": "5.1225", "longitude": "52.0925"}, "omgewisseld"),
        ({"latitude": "NaN", "longitude": "5.12"}, "bestaan niet"),
        ({"latitude": "1e308", "longitude": "5.12"}, "bestaan niet"),
        ({"latitude": "52.09"}, "zowel breedtegraad als lengtegraad"),
        ({"latitude": "<script>", "longitude": "5"}, "kunnen we niet lezen"),
    ],
)
def test_a_wrong_place_is_answered_beside_the_field_and_kept(client, categories, data, message):
    _through_to_where(client)
    response = client.post(_url("waar"), data)
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    if data.get("latitude"):
        assert f'value="{data["latitude"].replace("<", "&lt;").replace(">", "&gt;")}"' in page
    assert "<script>" not in page.split("<main", 1)[1].split("</main>")[0]


def test_bad_descriptions_categories_and_photos_are_refused_with_a_clear_message(client, categories):
    client.get(reverse("reports:start"))
    assert "Beschrijf wat er aan de hand is" in client.post(_url("wat"), {"description": " "}).content.decode()
    response = client.post(_url("wat"), {"description": "x" * 1001})
    assert response.status_code == 400 and "hoogstens 1000 tekens" in response.content.decode()
    assert "x" * 1001 in response.content.decode()  # kept, to shorten
    client.post(_url("wat"), {"description": "Lamp kapot"})
    for code in ("bestaat-niet", "verlichting", ""):  # unknown, a main category, nothing
        assert client.post(_url("soort"), {"category": code}).status_code == 400
    client.post(_url("soort"), {"category": "lantaarnpaal"})
    pdf = SimpleUploadedFile("foto.jpg", b"%PDF-1.7\n" + b"0" * 100, content_type="image/jpeg")
    response = client.post(_url("fotos"), {"photos": [pdf]})
    assert response.status_code == 400 and "JPG, PNG" in response.content.decode()
    six = [SimpleUploadedFile(f"{i}.jpg", jpeg(), content_type="image/jpeg") for i in range(6)]
    response = client.post(_url("fotos"), {"photos": six})
    assert response.status_code == 400 and "hoogstens 5 foto" in response.content.decode()
    assert not Photo.objects.exists() and not Report.objects.exists()


def test_a_category_that_needs_a_photo_does_not_go_on_without_one(client, categories):
    categories["lamp"].photo_required = True
    categories["lamp"].save()
    client.get(reverse("reports:start"))
    client.post(_url("wat"), {"description": "Lamp kapot"})
    client.post(_url("soort"), {"category": "lantaarnpaal"})
    response = client.post(_url("fotos"), {})
    assert response.status_code == 400 and "foto nodig" in response.content.decode()


def test_a_step_opened_too_early_sends_the_resident_back(client, categories):
    client.get(reverse("reports:start"))
    assert client.get(_url("controle")).url == _url("wat")
    client.post(_url("wat"), {"description": "Lamp kapot"})
    assert client.get(_url("waar")).url == _url("soort")
    assert client.get(_url("onzin")).status_code == 404
    assert client.get(reverse("reports:sent")).url == reverse("reports:start")


def test_the_duplicate_hint_offers_to_follow_instead_of_reporting_again(client, categories):
    existing = services.report_create(
        category=categories["lamp"], description="Lamp", latitude=INSIDE[0] + 0.0002, longitude=INSIDE[1]
    )
    far = services.report_create(  # same category, 200 m away: not a hint
        category=categories["lamp"], description="Lamp", latitude=INSIDE[0] + 0.0018, longitude=INSIDE[1]
    )
    services.report_create(  # same place, other category: not a hint
        category=categories["container"], description="Vol", latitude=INSIDE[0], longitude=INSIDE[1]
    )
    _to_check(client, contact_email="buur@example.org")
    page = client.get(_url("controle")).content.decode()
    assert "Is dit al gemeld?" in page and page.count("Dit is ook mijn melding") == 1 and "22 meter" in page
    assert client.post(_url("controle"), {"follow": str(far.uuid)}).status_code == 404  # not offered
    response = client.post(_url("controle"), {"follow": str(existing.uuid)})
    assert response.url == reverse("reports:sent")
    assert Report.objects.count() == 3  # no new report
    assert Follower.objects.get().email == "buur@example.org"


def test_anonymous_sending_is_rate_limited_per_client(client, categories):
    with override_settings(LOKET_RATE_LIMITS={"report": "2/h"}):
        for _attempt in range(2):
            _to_check(client)
            assert client.post(_url("controle"), {}).status_code == 302
        _to_check(client)
        response = client.post(_url("controle"), {})
    assert response.status_code == 429 and "Retry-After" in response
    assert Report.objects.count() == 2


def test_the_report_page_is_for_its_reporter_and_followers_only(client, categories):
    reporter, follower, stranger = make_resident(), make_resident(), make_resident()
    report = make_report(categories["lamp"], description="Lamp", resident=reporter)
    services.report_follow(report=report, resident=follower)
    url = reverse("reports:detail", kwargs={"uuid": report.uuid})
    for person, status in ((reporter, 200), (follower, 200), (stranger, 404)):
        login_resident(client, person)
        assert client.get(url).status_code == status
    assert client.get(reverse("reports:follow", kwargs={"token": "nep"})).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login


def test_the_reporter_reopens_through_the_mailed_link_and_a_follower_cannot(client, categories, team):
    staff = UserFactory(is_staff=True)
    report = make_report(
        categories["lamp"],
        description="Lamp",
        contact_email="melder@example.org",
    )
    follower = services.report_follow(report=report, email="buur@example.org")
    services.report_set_status(report=report, status="afgehandeld", public_text="Gerepareerd.", by=staff)
    as_follower = reverse("reports:follow", kwargs={"token": services.follow_token(report, follower)})
    page = client.get(as_follower).content.decode()
    assert "Gerepareerd." in page and "Is het opgelost?" not in page
    as_reporter = reverse("reports:follow", kwargs={"token": services.follow_token(report)})
    response = client.get(as_reporter)
    assert "Is het opgelost?" in response.content.decode() and response["Cache-Control"] == "private, no-store"
    response = client.post(as_reporter, {"solved": "nee", "reason": ""})
    assert response.status_code == 400 and "Vertel kort" in response.content.decode()
    assert client.post(as_reporter, {"solved": "nee", "reason": "Nog steeds donker"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "heropend"
    assert "heropend" in client.get(as_reporter).content.decode().lower()


def test_a_handlers_own_words_are_marked_dutch_on_the_english_page(client, categories, team):
    from tests.appointments.test_languages import _marked

    report = make_report(categories["lamp"], description="Lamp", contact_email="melder@example.org")
    services.report_set_status(report=report, status="afgehandeld", public_text="Gerepareerd.", by=UserFactory())
    client.cookies["django_language"] = "en"
    page = client.get(reverse("reports:follow", kwargs={"token": services.follow_token(report)})).content.decode()
    assert '<html lang="en"' in page and set(_marked(page, "Gerepareerd.")) == {"nl"}


def test_mine_lists_own_and_followed_reports_at_a_constant_cost(client, categories, django_assert_max_num_queries):
    resident = make_resident()
    for _i in range(30):
        make_report(categories["lamp"], description="Lamp", resident=resident)
    followed = make_report(categories["container"], description="Vol")
    services.report_follow(report=followed, resident=resident)
    make_report(categories["lamp"], description="x")
    login_resident(client, resident)
    client.get(reverse("reports:mine"))  # the site's frame is cached after the first page
    with django_assert_max_num_queries(6):
        response = client.get(reverse("reports:mine"))
    page = response.content.decode()
    assert page.count("(gevolgd)") == 1 and "Pagina 1 van 2" in page


@pytest.fixture
def public_setup(reported, categories):
    merged = make_report(categories["lamp"], description="Lamp")
    services.report_merge(duplicate=merged, into=reported["shown"], by=UserFactory(is_staff=True))
    return {"shown": reported["shown"], "hidden": [reported["hidden"], merged]}


def test_the_public_list_shows_no_reporter_data_at_a_constant_cost(client, public_setup, django_assert_max_num_queries):
    client.get(reverse("reports:public_list"))  # the site's frame is cached after the first page
    with django_assert_max_num_queries(4):
        response = client.get(reverse("reports:public_list"))
    page = response.content.decode()
    assert "Lantaarnpaal kapot" in page and "Kerkstraat" in page and "1 melding" in page
    assert "Ratten" not in page.split("<main", 1)[1]
    for private in PRIVATE:
        assert private not in page
    closed = client.get(reverse("reports:public_list"), {"status": "closed"}).content.decode()
    assert "Er zijn geen meldingen" in closed and closed.count("<tr") == 0
    assert (
        client.get(reverse("reports:public_list"), {"soort": "onzin", "pagina": "999", "status": "<x>"}).status_code
        == 200
    )


def _features(client, **params):
    response = client.get(reverse("reports:public_geojson"), params)
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_the_geojson_holds_only_public_fields_and_pages(
    client, public_setup, categories, django_assert_max_num_queries
):
    bbox = "5.11,52.08,5.13,52.10"
    with django_assert_max_num_queries(3):
        data = _features(client, bbox=bbox)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 1
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [INSIDE[1], INSIDE[0]]}
    assert set(feature["properties"]) == {
        "reference",
        "category",
        "mainCategory",
        "status",
        "statusLabel",
        "created",
        "photos",
    }
    text = json.dumps(data, ensure_ascii=False)
    for private in PRIVATE:
        assert private not in text
    assert _features(client, bbox="5.0,52.0,5.01,52.01")["features"] == []
    # Photos appear only once staff approved them, and only through the public URL.
    photo = Photo.objects.create(
        report=public_setup["shown"], file="x.jpg", name="x.jpg", content_type="image/jpeg", size=1
    )
    assert _features(client, bbox=bbox)["features"][0]["properties"]["photos"] == []
    assert client.get(reverse("reports:public_photo", kwargs={"photo": photo.uuid})).status_code == 404
    photo.approved_public = True
    photo.save()
    assert _features(client, bbox=bbox)["features"][0]["properties"]["photos"] == [
        reverse("reports:public_photo", kwargs={"photo": photo.uuid})
    ]


def test_the_geojson_pages_by_500(client, categories, monkeypatch):
    from portal.reports import views

    monkeypatch.setattr(views, "MAP_PAGE_SIZE", 2)
    for _i in range(5):
        make_report(categories["lamp"], description="L")
    first = _features(client, bbox="5.11,52.08,5.13,52.10")
    assert len(first["features"]) == 2 and "pagina=2" in first["next"]
    last = _features(client, bbox="5.11,52.08,5.13,52.10", pagina="3")
    assert len(last["features"]) == 1 and "next" not in last


@pytest.mark.parametrize(
    "bbox", ["", "1,2,3", "a,b,c,d", "5.13,52.08,5.11,52.10", "nan,52,5.1,52.1", "0,0,10,10", "1e308,1,2,3"]
)
def test_a_bad_bbox_is_a_400_that_says_what_to_send(client, db, bbox):
    response = client.get(reverse("reports:public_geojson"), {"bbox": bbox})
    assert response.status_code == 400 and "bbox=minLon,minLat,maxLon,maxLat" in response.json()["error"]


def test_mijn_loket_links_to_the_residents_reports(client, resident, monkeypatch):
    from tests import testserver

    testserver.install(monkeypatch)
    login_resident(client, resident)
    page = client.get(reverse("dashboard:overview")).content.decode()
    assert f'href="{reverse("reports:mine")}"' in page


def test_after_saying_it_is_solved_the_reporter_is_asked_once_how_it_went(client, categories):
    from portal.opendata.models import Satisfaction

    staff = UserFactory(is_staff=True)
    report = make_report(categories["lamp"], description="Lamp")
    services.report_set_status(report=report, status="afgehandeld", by=staff)
    page_url = reverse("reports:follow", kwargs={"token": services.follow_token(report)})
    assert "Hoe ging het?" not in client.get(page_url).content.decode()  # first: is it solved?
    client.post(page_url, {"solved": "ja"})
    page = client.get(page_url).content.decode()
    assert "Hoe ging het?" in page and "Is het opgelost?" in page and "al gereageerd" in page
    token = page.split('name="token" value="')[1].split('"')[0]
    response = client.post(reverse("opendata:satisfaction"), {"token": token, "next": page_url, "score": "4"})
    assert response.status_code == 302 and response.url == page_url
    answer = Satisfaction.objects.get()
    assert (answer.journey, answer.subject, answer.score) == ("report", "Lantaarnpaal kapot", 4)
    assert "Hoe ging het?" not in client.get(page_url).content.decode()


def test_a_nul_character_in_the_public_filters_is_ignored(client, reported):
    assert client.get(reverse("reports:public_list"), {"soort": "\x00"}).status_code == 200
    assert (
        client.get(reverse("reports:public_geojson"), {"bbox": "5.11,52.08,5.13,52.10", "soort": "a\x00"}).status_code
        == 200
    )


def test_a_follower_sees_only_the_photos_staff_approved(client, categories):
    reporter, neighbour = make_resident(), make_resident()
    photo = SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg")
    checked = check_uploads([photo], most=1, too_many="", allowed=IMAGE_TYPES)
    report = make_report(categories["lamp"], resident=reporter, photos=checked)
    services.report_follow(report=report, resident=neighbour)
    stored = report.photos.get()
    url = reverse("reports:photo", kwargs={"uuid": report.uuid, "photo": stored.uuid})
    detail = reverse("reports:detail", kwargs={"uuid": report.uuid})
    login_resident(client, neighbour)
    assert client.get(url).status_code == 404 and url not in client.get(detail).content.decode()
    login_resident(client, reporter)
    assert client.get(url).status_code == 200 and url in client.get(detail).content.decode()
    Photo.objects.filter(pk=stored.pk).update(approved_public=True)
    login_resident(client, neighbour)
    assert client.get(url).status_code == 200 and url in client.get(detail).content.decode()


def test_a_logged_in_reporters_name_comes_from_the_brp_once_and_a_brp_that_is_down_asks_nothing(
    client, categories, registries
):
    jan = resident_get_or_create(bsn="999900006")
    login_resident(client, jan)
    _through_to_where(client)
    client.post(_url("waar"), {"latitude": "52.0925", "longitude": "5.1225"})
    for _visit in range(2):
        assert 'value="Jan Willem de Vries"' in client.get(_url("contact")).content.decode()
    assert registries.calls_to("/registries/brp") == 1
    assert AccessLogEntry.objects.filter(action="lookup_prefill", object_id="BRP").count() == 1
    client.get(reverse("reports:start"))
    cache.clear()  # the BRP's answer is no longer cached, and the BRP is down
    registries.down = True
    _through_to_where(client)
    client.post(_url("waar"), {"latitude": "52.0925", "longitude": "5.1225"})
    response = client.get(_url("contact"))
    page = response.content.decode()
    assert response.status_code == 200 and 'name="contact_name"' in page and "Jan Willem" not in page

"""The WOZ pre-notice (confirm or correct, a correction becomes a case), residents' choices, and the post room."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from auth.services import resident_get_or_create
from portal.cases.models import Case, ContactMoment
from portal.core.models import AccessLogEntry
from portal.notices.models import LetterBatch, NoticePreference, NoticeRule, WozReview
from tests.factories.cases import CaseTypeFactory, make_resident
from tests.factories.notices import NoticeCategoryFactory, NoticeRuleFactory, WozObjectFactory
from tests.factories.users import UserFactory
from tests.helpers import login_resident, login_staff
from tests.notices.conftest import passport_holder, run


@pytest.fixture
def woz_rule(db):
    return NoticeRuleFactory(
        kind=NoticeRule.Kind.WOZ,
        tax_year=2027,
        case_type=CaseTypeFactory(name="WOZ-correctie"),
        subject="Kloppen de gegevens van uw woning? (WOZ {belastingjaar})",
        body="Beste {naam}, controleer de gegevens.",
        link_url="/mijn/woz/",
        link_text="Gegevens controleren",
    )


@pytest.fixture
def owner(client, woz_rule):
    woz = WozObjectFactory(owner__address__floor_area=124, owner__address__build_year=1978)
    resident = resident_get_or_create(bsn=woz.owner.bsn)
    run()
    login_resident(client, resident)
    return resident


def _review(resident) -> WozReview:
    return WozReview.objects.get(resident_key=resident.bsn_digest)


def _photo(name="voorgevel.jpg", size=(40, 30)) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", size, "red").save(data, format="JPEG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/jpeg")


def test_the_owner_sees_the_registered_characteristics_and_confirms_them(client, owner):
    review = _review(owner)
    listing = client.get("/mijn/woz/")
    assert "no-store" in listing["Cache-Control"] and "private" in listing["Cache-Control"]
    assert review.address in listing.content.decode()
    page = client.get(f"/mijn/woz/{review.uuid}/").content.decode()
    for fact in ("tussenwoning", "124 m²", "1978", "424.000"):
        assert fact in page
    response = client.post(f"/mijn/woz/{review.uuid}/bevestigen/", follow=True)
    assert "U heeft bevestigd dat de gegevens van uw woning kloppen" in response.content.decode()
    review.refresh_from_db()
    assert review.status == WozReview.Status.CONFIRMED and review.answered_at is not None
    again = client.post(f"/mijn/woz/{review.uuid}/bevestigen/", follow=True)
    assert "U heeft deze gegevens al beantwoord" in again.content.decode()
    assert client.get(f"/mijn/woz/{review.uuid}/corrigeren/", follow=True).redirect_chain


def test_a_correction_with_photos_becomes_a_case_for_the_woz_team(client, owner, woz_rule):
    review = _review(owner)
    response = client.post(
        f"/mijn/woz/{review.uuid}/corrigeren/",
        {
            "floor_area": "98",
            "build_year": "",
            "explanation": "De aanbouw is in 2024 gesloopt.",
            "photos": [_photo(), _photo("achter.jpg")],
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    case = Case.objects.get()
    assert review.status == WozReview.Status.CORRECTED and review.case == case
    assert case.case_type == woz_rule.case_type and case.resident == owner
    assert sorted(case.documents.values_list("name", flat=True)) == ["achter.jpg", "voorgevel.jpg"]
    answer = case.contact_moments.get(kind=ContactMoment.Kind.ANSWER).text
    assert "Oppervlakte (m²): geregistreerd 124, volgens de eigenaar 98" in answer
    assert "Bouwjaar" not in answer and "De aanbouw is in 2024 gesloopt." in answer
    page = client.get(f"/mijn/woz/{review.uuid}/").content.decode()
    assert case.identification in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"explanation": ""}, "Leg uit wat er niet klopt."),
        ({"explanation": "   "}, "Leg uit wat er niet klopt."),
        ({"explanation": "x", "floor_area": "veel"}, "Vul de oppervlakte in als een heel getal"),
        ({"explanation": "x", "floor_area": "99999999"}, "hoogstens 10"),
        ({"explanation": "x", "build_year": "2999"}, "Dat bouwjaar ligt in de toekomst."),
        ({"explanation": "x" * 2001}, "2000"),
        ({"explanation": "x", "photos": [SimpleUploadedFile("a.jpg", b"%PDF-1.4 not an image")]}, "Dit soort bestand"),
        ({"explanation": "x", "photos": [SimpleUploadedFile("leeg.jpg", b"")]}, "leeg"),
        ({"explanation": "x", "photos": [_photo(f"{n}.jpg") for n in range(6)]}, "hoogstens 5 foto"),
    ],
)
def test_a_wrong_correction_is_answered_next_to_the_field_and_nothing_is_registered(client, owner, data, message):
    review = _review(owner)
    response = client.post(f"/mijn/woz/{review.uuid}/corrigeren/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Case.objects.exists()
    review.refresh_from_db()
    assert review.status == WozReview.Status.OPEN


def test_another_residents_woz_object_is_not_found(client, owner):
    review = _review(owner)
    login_resident(client, make_resident())
    for url in (f"/mijn/woz/{review.uuid}/", f"/mijn/woz/{review.uuid}/corrigeren/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/mijn/woz/{review.uuid}/bevestigen/").status_code == 404
    assert client.post(f"/mijn/woz/{review.uuid}/corrigeren/", {"explanation": "x"}).status_code == 404
    review.refresh_from_db()
    assert review.status == WozReview.Status.OPEN
    assert client.get("/mijn/woz/00000000-0000-4000-8000-000000000000/").status_code == 404
    assert client.get("/mijn/woz/niet-een-uuid/").status_code == 404


def test_staff_see_notices_per_channel_and_the_woz_answers(client, owner, woz_rule):
    second = WozObjectFactory()
    run()
    from portal.notices.services import woz_review_confirm

    woz_review_confirm(review=_review(owner))
    staff = UserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"), *Permission.objects.filter(content_type__app_label="notices")
    )
    login_staff(client, staff)
    page = client.get("/cms/voormeldingen/").content.decode()
    assert "1 bevestigd, 0 gecorrigeerd, 1 open" in page
    batch = LetterBatch.objects.get()
    assert batch.notices.get().postal_name.endswith(second.owner.surname)
    pdf = client.get(f"/cms/voormeldingen/brieven/{batch.uuid}/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(action="print", object_id=str(batch.uuid)).exists()
    client.post(f"/cms/voormeldingen/brieven/{batch.uuid}/verstuurd/")
    batch.refresh_from_db()
    assert batch.printed_by == staff


def test_the_overview_costs_a_fixed_number_of_queries(client, woz_rule, django_assert_max_num_queries):
    for _index in range(15):
        WozObjectFactory()
    NoticeRuleFactory()
    run()
    staff = UserFactory(is_staff=True, is_superuser=True)
    login_staff(client, staff)
    with django_assert_max_num_queries(20):
        assert client.get("/cms/voormeldingen/").status_code == 200


def test_residents_choose_per_category_and_a_wrong_choice_is_refused(client, db):
    travel = NoticeCategoryFactory(name="Reisdocumenten")
    works = NoticeCategoryFactory(name="Werkzaamheden")
    resident = passport_holder(expires_in=400)
    login_resident(client, resident)
    page = client.get("/mijn/voormeldingen/").content.decode()
    assert "Reisdocumenten" in page and "Werkzaamheden" in page
    fields = {f"category_{travel.pk}": "sms", f"category_{works.pk}": "off"}
    assert client.post("/mijn/voormeldingen/", fields).status_code == 302
    assert dict(NoticePreference.objects.filter(resident=resident).values_list("category__name", "choice")) == {
        "Reisdocumenten": "sms",
        "Werkzaamheden": "off",
    }
    refused = client.post("/mijn/voormeldingen/", {f"category_{travel.pk}": "<script>", f"category_{works.pk}": ""})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Kies een van de mogelijkheden." in html and "Maak een keuze." in html and "<script>" not in html
    assert NoticePreference.objects.get(resident=resident, category=travel).choice == "sms"
    client.logout()
    assert client.get("/mijn/voormeldingen/").status_code == 302


def test_residents_find_their_notice_choices_from_mijn_loket_and_mijn_gegevens(client, db, monkeypatch):
    from tests import testserver

    testserver.install(monkeypatch)
    login_resident(client, passport_holder(expires_in=400))
    for page in ("/mijn/", "/mijn/gegevens/"):
        response = client.get(page)
        assert response.status_code == 200
        assert 'href="/mijn/voormeldingen/"' in response.content.decode(), page

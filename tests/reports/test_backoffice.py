import pytest
from django.urls import reverse

from auth import roles
from portal.core.models import AccessLogEntry
from portal.reports import services
from portal.reports.models import Category, Photo, Report
from portal.reports.suggest import suggester_train
from tests.factories.cases import TeamFactory, make_resident
from tests.reports.conftest import jpeg, make_report, staff_member


def test_the_list_is_for_the_routed_team_only(client, categories, team):
    report = make_report(categories["lamp"], contact_name="Piet")
    staff_member(client, teams=[TeamFactory(name="Burgerzaken")])
    assert client.get(reverse("reports_backoffice:list")).status_code in (302, 403)
    assert client.get(reverse("reports_backoffice:detail", kwargs={"uuid": report.uuid})).status_code in (302, 403)
    client.logout()
    staff_member(client, teams=[team])
    page = client.get(reverse("reports_backoffice:list")).content.decode()
    assert report.reference in page


def test_a_handler_of_another_team_does_not_find_the_report(client, categories, team):
    report = make_report(categories["lamp"])
    other = TeamFactory(name="Groen")
    Category.objects.create(parent=categories["waste"], name="Boom", code="boom", team=other)
    staff_member(client, teams=[other])
    assert client.get(reverse("reports_backoffice:detail", kwargs={"uuid": report.uuid})).status_code == 404
    assert report.reference not in client.get(reverse("reports_backoffice:list")).content.decode()


def test_the_list_filters_and_costs_the_same_for_many_reports(client, categories, team, django_assert_max_num_queries):
    for _i in range(40):
        make_report(categories["lamp"])
    late = make_report(categories["container"])
    Report.objects.filter(pk=late.pk).update(due_on="2020-01-01")
    staff_member(client, teams=[team])
    client.get(reverse("reports_backoffice:list"))
    with django_assert_max_num_queries(19):  # the admin frame is 15, the district filter and map 2, whatever the count
        response = client.get(reverse("reports_backoffice:list"))
    assert response.content.decode().count('name="reports"') == 41
    page = client.get(reverse("reports_backoffice:list"), {"state": "overdue"}).content.decode()
    assert page.count('name="reports"') == 1 and "te laat" in page
    page = client.get(reverse("reports_backoffice:list"), {"category": categories["waste"].pk}).content.decode()
    assert page.count('name="reports"') == 1
    page = client.get(reverse("reports_backoffice:list"), {"q": late.reference.lower()}).content.decode()
    assert page.count('name="reports"') == 1
    assert client.get(reverse("reports_backoffice:list"), {"state": "<script>", "category": "x"}).status_code == 200


def test_bulk_status_change_moves_what_it_can_and_names_the_rest(client, categories, team):
    first, second, done = (
        make_report(categories["lamp"]),
        make_report(categories["lamp"]),
        make_report(categories["lamp"]),
    )
    user = staff_member(client, teams=[team])
    services.report_set_status(report=done, status="afgehandeld", by=user)
    response = client.post(
        reverse("reports_backoffice:list"),
        {"reports": [first.uuid, second.uuid, done.uuid], "status": "ingepland", "public_text": "Volgende week."},
        follow=True,
    )
    page = response.content.decode()
    assert "2 meldingen bijgewerkt" in page and done.reference in page
    assert set(Report.objects.filter(status="ingepland").values_list("pk", flat=True)) == {first.pk, second.pk}
    response = client.post(reverse("reports_backoffice:list"), {"reports": [], "status": "ingepland"})
    assert response.status_code == 400 and "Kies minstens één melding" in response.content.decode()
    foreign = make_report(Category.objects.create(parent=categories["waste"], name="B", code="b", team=TeamFactory()))
    response = client.post(reverse("reports_backoffice:list"), {"reports": [foreign.uuid], "status": "afgehandeld"})
    assert response.status_code == 400
    foreign.refresh_from_db()
    assert foreign.status == "gemeld"


def test_the_detail_is_logged_and_staff_handle_the_report(client, categories, team):
    resident = make_resident()
    report = make_report(categories["lamp"], resident=resident, contact_email="piet@example.org")
    user = staff_member(client, teams=[team])
    url = reverse("reports_backoffice:detail", kwargs={"uuid": report.uuid})
    page = client.get(url).content.decode()
    assert "piet@example.org" in page and "De lantaarnpaal brandt niet" in page
    entry = AccessLogEntry.objects.get(action="view_report")
    assert (entry.user, entry.team, entry.subject_digest) == (user, "Openbare ruimte", resident.bsn_digest)
    response = client.post(url, {"action": "status", "status": "ingepland", "public_text": "Maandag."})
    assert response.status_code == 302
    response = client.post(url, {"action": "status", "status": "heropend"})
    assert response.status_code == 400  # not a choice from "ingepland"
    assert client.post(url, {"action": "note", "internal_text": "Monteur gebeld."}).status_code == 302
    assert client.post(url, {"action": "note", "internal_text": " "}).status_code == 400
    page = client.get(url).content.decode()
    assert "Monteur gebeld." in page and "Maandag." in page
    report.refresh_from_db()
    assert report.status == "ingepland"
    # The resident reads the status and the message, never the internal note.
    from tests.helpers import login_resident

    login_resident(client, resident)
    page = client.get(reverse("reports:detail", kwargs={"uuid": report.uuid})).content.decode()
    assert "Maandag." in page and "Monteur gebeld." not in page


def test_staff_merge_a_duplicate_by_its_number(client, categories, team):
    stays, duplicate = make_report(categories["lamp"]), make_report(categories["lamp"], contact_email="b@example.org")
    staff_member(client, teams=[team])
    url = reverse("reports_backoffice:detail", kwargs={"uuid": duplicate.uuid})
    page = client.get(url).content.decode()
    assert stays.reference in page  # offered as nearby
    for wrong in ("MOR-1999-000001", "", duplicate.reference):
        response = client.post(url, {"action": "merge", "into": wrong})
        assert response.status_code == 400
    assert client.post(url, {"action": "merge", "into": stays.reference.lower()}).status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == "samengevoegd" and stays.followers.get().email == "b@example.org"


def test_staff_approve_photos_for_the_public_map(client, categories, team):
    from django.core.files.base import ContentFile

    from portal.core.uploads import CheckedUpload

    data = jpeg()
    photos = [CheckedUpload(ContentFile(data, name="a.jpg"), "a.jpg", "image/jpeg", len(data)) for _i in range(2)]
    report = make_report(categories["lamp"], photos=photos)
    staff_member(client, teams=[team])
    first, second = report.photos.all()
    assert (
        client.get(reverse("reports_backoffice:photo", kwargs={"uuid": report.uuid, "photo": first.uuid})).status_code
        == 200
    )
    url = reverse("reports_backoffice:detail", kwargs={"uuid": report.uuid})
    assert client.post(url, {"action": "photos", "approved": [str(second.uuid)]}).status_code == 302
    assert list(Photo.objects.filter(approved_public=True)) == [second]
    assert client.get(reverse("reports:public_photo", kwargs={"photo": second.uuid})).status_code == 200
    assert client.get(reverse("reports:public_photo", kwargs={"photo": first.uuid})).status_code == 404


@pytest.mark.parametrize("screen", ["list", "add", "edit"])
def test_the_category_screens_open_for_the_report_manager(client, categories, screen):
    staff_member(client, role=roles.REPORT_MANAGER)
    base = "/cms/snippets/reports/category/"
    url = {"list": base, "add": f"{base}add/", "edit": f"{base}edit/{categories['lamp'].pk}/"}[screen]
    assert client.get(url).status_code == 200


def test_a_category_tree_is_two_levels_deep(categories, team):
    from django.core.exceptions import ValidationError

    deeper = Category(parent=categories["lamp"], name="Te diep", code="te-diep", team=team)
    with pytest.raises(ValidationError, match="hoofdcategorie"):
        deeper.full_clean()


def test_the_report_manager_cannot_open_the_reports_of_a_team_they_are_not_in(client, categories):
    report = make_report(categories["lamp"])
    staff_member(client, role=roles.REPORT_MANAGER)
    assert client.get(reverse("reports_backoffice:detail", kwargs={"uuid": report.uuid})).status_code in (302, 403)


def test_retraining_learns_new_examples(categories, team):
    """A new category's examples count only once the suggester is retrained (as reports_train does daily)."""
    from portal.reports.suggest import suggestions_for

    suggester_train()
    Category.objects.create(
        parent=categories["waste"],
        name="Zwerfvuil",
        code="zwerfvuil",
        team=team,
        example_texts="zwerfvuil op straat\nblikjes en plastic\nrommel in de berm\nzwerfafval in het park",
    )
    before = [s.category.code for s in suggestions_for("overal zwerfvuil en blikjes")]
    assert "zwerfvuil" not in before
    suggester_train()
    assert suggestions_for("overal zwerfvuil en blikjes")[0].category.code == "zwerfvuil"


def test_a_report_by_a_business_says_so_to_staff(client, categories, team):
    from auth.services import company_get_or_create

    company = company_get_or_create(kvk_number="90000003")
    report = make_report(categories["lamp"], resident=company)
    staff_member(client, teams=[team])
    page = client.get(reverse("reports_backoffice:detail", kwargs={"uuid": report.uuid})).content.decode()
    assert "een bedrijf, ingelogd met eHerkenning (KvK-nummer 90000003)" in page
    assert "ingelogd met DigiD" not in page

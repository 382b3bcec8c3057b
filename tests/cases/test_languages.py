"""Case types in English (issue 22): a resident following a case in English reads its case type, statuses and their
texts in English where the municipality wrote them, and in Dutch, marked, where not; editors write them side by side
and see what is still missing."""

import pytest
from django.conf import settings

from portal.cases.models import CaseTypeTranslation, StatusTypeTranslation
from portal.cases.services import case_create, case_set_status
from tests.appointments.test_languages import _marked
from tests.cms.test_languages import DUTCH, _dutch_outside_lang_nl
from tests.factories.cases import CaseTypeFactory, make_resident
from tests.factories.users import EditorFactory
from tests.helpers import login_resident
from tests.side_by_side import fields_by_dutch, post_side_by_side

LIST_URL = "/cms/zaaktypen/teksten/"
OVERVIEW_URL = "/cms/vertalingen/"


@pytest.fixture
def moving(db):
    """A case type with English for its name and two of its three statuses."""
    case_type = CaseTypeFactory(name="Verhuizing")
    CaseTypeTranslation.objects.create(case_type=case_type, language="en", name="Change of address")
    received, in_progress, _done = case_type.status_types.order_by("order")
    StatusTypeTranslation.objects.create(
        status_type=received, language="en", name="Received", public_text="We have received your request."
    )
    StatusTypeTranslation.objects.create(status_type=in_progress, language="en", name="In progress")
    return case_type


def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _dutch(*case_types) -> set[str]:
    texts = {case_type.name for case_type in case_types}
    for case_type in case_types:
        for status in case_type.status_types.all():
            texts |= {status.name, status.public_text}
    return DUTCH | texts


def test_a_case_followed_in_english_reads_in_english_or_marked_dutch(client, moving):
    resident = make_resident()
    case = case_create(case_type=moving, resident=resident)
    case_set_status(case=case, status_type=moving.status_types.get(order=2), by=None)
    login_resident(_in_english(client), resident)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "<title>Change of address" in html and ">Change of address</h1>" in html
    assert "We have received your request." in html and "In progress" in html
    assert set(_marked(html, "Tekst bij In behandeling.")) == {"nl"}, "a status text without English: Dutch, marked"
    assert set(_marked(html, "Afgerond")) == {"nl"}, "an upcoming status without English"
    assert _dutch_outside_lang_nl(html, _dutch(moving)) == []
    cards = client.get("/mijn/zaken/").content.decode()
    assert "Change of address" in cards and "In progress" in cards
    assert _dutch_outside_lang_nl(cards, _dutch(moving)) == []


def test_english_costs_one_query_per_kind_of_text_not_per_case(client, moving, django_assert_max_num_queries):
    """Mijn Loket and the case list in English: the case types' and statuses' texts each in one query."""
    other = CaseTypeFactory(name="Uittreksel BRP")
    resident = make_resident()
    for case_type in (moving, other, moving):
        case_create(case_type=case_type, resident=resident)
    login_resident(_in_english(client), resident)
    for path, limit in (("/mijn/", 13), ("/mijn/zaken/", 12)):
        client.get(path)
        with django_assert_max_num_queries(limit):
            html = client.get(path).content.decode()
        assert "Change of address" in html and set(_marked(html, "Uittreksel BRP")) == {"nl"}, path


def test_dutch_stays_as_it_was(client, moving):
    resident = make_resident()
    case = case_create(case_type=moving, resident=resident)
    login_resident(client, resident)
    html = client.get(case.get_absolute_url()).content.decode()
    assert ">Verhuizing</h1>" in html and "Change of address" not in html and '<span lang="nl">' not in html


# -- editors ---------------------------------------------------------------------------------------------------------


def test_editors_see_what_each_case_type_still_lacks(editor_client, moving, django_assert_max_num_queries):
    for number in range(5):
        CaseTypeFactory(name=f"Zaaktype {number}")
    editor_client.get(OVERVIEW_URL)
    with django_assert_max_num_queries(24):  # two or three per kind of thing, and the session's
        html = editor_client.get(OVERVIEW_URL).content.decode()
    assert "3 van 7 teksten ontbreken" in html  # Verhuizing: two statuses' texts and a name
    assert html.count("7 van 7 teksten ontbreken") == 5
    assert f'href="{LIST_URL}{moving.pk}/en/"' in html


def test_an_editor_translates_a_case_type_beside_its_dutch(editor_client, moving):
    url = f"{LIST_URL}{moving.pk}/en/"
    page = editor_client.get(url).content.decode()
    boxes = fields_by_dutch(page)
    assert {"Verhuizing", "Ontvangen", "Tekst bij Afgerond."} <= set(boxes)
    response = post_side_by_side(editor_client, url, page, {"Afgerond": "Done", "Tekst bij Afgerond.": "All done."})
    assert response.status_code == 302
    done = StatusTypeTranslation.objects.get(status_type__case_type=moving, status_type__order=3)
    assert (done.name, done.public_text) == ("Done", "All done.")
    assert CaseTypeTranslation.objects.get(case_type=moving).name == "Change of address", "what was there stays"
    assert "Nog 1 tekst zonder vertaling" in editor_client.get(url).content.decode()


def test_a_name_too_long_is_refused_and_nothing_is_lost(editor_client, moving):
    url = f"{LIST_URL}{moving.pk}/en/"
    page = editor_client.get(url).content.decode()
    response = post_side_by_side(editor_client, url, page, {"Verhuizing": "x" * 121, "Afgerond": "Done"})
    assert response.status_code == 200 and "x" * 121 in response.content.decode()
    assert CaseTypeTranslation.objects.get(case_type=moving).name == "Change of address"
    assert not StatusTypeTranslation.objects.filter(name="Done").exists()


@pytest.mark.parametrize("path", ["999999/en/", "{pk}/nl/", "{pk}/de/"])
def test_unknown_case_types_and_languages_are_not_found(editor_client, moving, path):
    assert editor_client.get(LIST_URL + path.format(pk=moving.pk)).status_code == 404


def test_only_whoever_may_write_case_type_texts_opens_them(client, moving):
    from tests.cases.test_backoffice import _staff_client

    _staff_client(client)
    for url in (OVERVIEW_URL, f"{LIST_URL}{moving.pk}/en/"):
        assert client.get(url)["Location"] == "/cms/", url
    assert client.post(f"{LIST_URL}{moving.pk}/en/", {})["Location"] == "/cms/"


def test_the_editor_role_may_write_case_type_texts_and_case_handlers_may_not(db):
    from auth.roles import CASE_HANDLER, EDITOR, ensure_roles

    groups = ensure_roles()
    assert groups[EDITOR].permissions.filter(codename="translate_casetype").exists()
    assert not groups[CASE_HANDLER].permissions.filter(codename="translate_casetype").exists()


def test_the_demo_ships_every_case_type_in_english(db):
    from portal.cases.demo import load_case_types
    from portal.cases.models import CaseType, StatusType

    load_case_types()
    load_case_types()  # idempotent
    assert CaseTypeTranslation.objects.filter(language="en").count() == CaseType.objects.count()
    untranslated = StatusType.objects.exclude(translations__language="en")
    assert not untranslated.exists()
    assert not StatusTypeTranslation.objects.filter(language="en", public_text="").exists()


# -- what the resident is told ----------------------------------------------------------------------------------------


def _english_resident():
    from auth.services import account_language_set

    resident = make_resident()
    account_language_set(user=resident, language="en")
    return resident


def test_a_status_change_is_announced_in_english_and_a_dutch_text_is_marked_dutch(
    client, moving, django_capture_on_commit_callbacks
):
    resident = _english_resident()
    case = case_create(case_type=moving, resident=resident)
    with django_capture_on_commit_callbacks(execute=True):
        case_set_status(case=case, status_type=moving.status_types.get(order=2), by=EditorFactory())
    message = case.messages.get()
    assert message.subject == "Change of address: In progress"
    assert message.languages == {"subject": "en", "body": "nl"}, "the status has no English text: Dutch, said so"
    login_resident(_in_english(client), resident)
    for url in (message.get_absolute_url(), "/mijn/berichten/", "/mijn/"):
        html = client.get(url).content.decode()
        assert set(_marked(html, "Change of address: In progress")) == {"en"}, url
        assert _dutch_outside_lang_nl(html, _dutch(moving)) == [], url
    detail = client.get(message.get_absolute_url()).content.decode()
    assert set(_marked(detail, "Tekst bij In behandeling.")) == {"nl"}


def test_a_subject_half_translated_is_wholly_dutch_rather_than_two_languages(
    client, moving, django_capture_on_commit_callbacks
):
    resident = _english_resident()
    case = case_create(case_type=moving, resident=resident)
    with django_capture_on_commit_callbacks(execute=True):
        case_set_status(case=case, status_type=moving.status_types.get(order=3), by=EditorFactory())
    message = case.messages.get()
    assert (message.subject, message.languages["subject"]) == ("Verhuizing: Afgerond", "nl")
    login_resident(_in_english(client), resident)
    assert set(_marked(client.get("/mijn/berichten/").content.decode(), "Verhuizing: Afgerond")) == {"nl"}


def test_a_case_handlers_own_words_are_marked_dutch_in_the_timeline_and_the_inbox(
    client, moving, django_capture_on_commit_callbacks
):
    from portal.cases.services import case_message_to_resident

    resident = _english_resident()
    case = case_create(case_type=moving, resident=resident)
    staff = EditorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        case_set_status(
            case=case, status_type=moving.status_types.get(order=2), by=staff, public_text="We bellen u morgen."
        )
        case_message_to_resident(case=case, subject="Uw huurcontract", body="Stuur het contract opnieuw.", by=staff)
    login_resident(_in_english(client), resident)
    timeline = client.get(case.get_absolute_url()).content.decode()
    assert set(_marked(timeline, "We bellen u morgen.")) == {"nl"}
    inbox = client.get("/mijn/berichten/").content.decode()
    assert set(_marked(inbox, "Uw huurcontract")) == {"nl"}
    assert set(_marked(inbox, "Change of address: In progress")) == {"en"}
    staff_message = case.messages.get(subject="Uw huurcontract")
    detail = client.get(staff_message.get_absolute_url()).content.decode()
    assert set(_marked(detail, "Uw huurcontract")) == {"nl"}
    assert set(_marked(detail, "Stuur het contract opnieuw.")) == {"nl"}


def test_in_dutch_nothing_is_marked_and_older_messages_are_shown_as_they_were(client, moving):
    from portal.inbox.services import message_send

    resident = make_resident()
    case = case_create(case_type=moving, resident=resident)
    case_set_status(case=case, status_type=moving.status_types.get(order=2), by=None, public_text="Wij bellen u.")
    message_send(resident=resident, subject="Een bericht", body="Tekst.")
    older = message_send(resident=resident, subject="Van vroeger", body="Zonder taal.")
    older.languages = {}
    older.save()
    login_resident(client, resident)
    for url in ("/mijn/berichten/", older.get_absolute_url(), case.get_absolute_url(), "/mijn/"):
        assert 'lang="nl"' not in client.get(url).content.decode().split("<body", 1)[1], url
    login_resident(_in_english(client), resident)
    assert set(_marked(client.get("/mijn/berichten/").content.decode(), "Van vroeger")) == {"en"}, "unknown: unmarked"

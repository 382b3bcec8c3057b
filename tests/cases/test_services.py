from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from freezegun import freeze_time

from portal.cases.models import Case
from portal.cases.services import case_create, case_set_status
from portal.cases.workdays import add_working_days
from tests.factories.cases import CaseTypeFactory, make_resident


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday → Monday
        (date(2026, 12, 23), 2, date(2026, 12, 28)),  # over Christmas
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # Friday, then King's Day on Monday 27 April
        (date(2026, 5, 13), 1, date(2026, 5, 15)),  # Ascension Day
    ],
)
def test_service_norms_count_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


@freeze_time("2026-11-20 10:00")
def test_a_new_case_has_a_number_a_first_status_and_an_expected_date(db):
    case_type = CaseTypeFactory(service_norm_days=5)
    case = case_create(case_type=case_type, resident=make_resident())
    assert case.identification == "ZAAK-2026-000001"
    assert case.current_status.status_type.name == "Ontvangen"
    assert case.expected_on == date(2026, 11, 27)
    assert case_create(case_type=case_type, resident=make_resident()).identification == "ZAAK-2026-000002"


def test_numbers_start_again_each_year(db):
    case_type = CaseTypeFactory()
    with freeze_time("2026-12-31 12:00"):
        case_create(case_type=case_type, resident=make_resident())
    with freeze_time("2027-01-02 12:00"):
        assert case_create(case_type=case_type, resident=make_resident()).identification == "ZAAK-2027-000001"


def test_a_status_of_another_case_type_is_refused(db):
    case = case_create(case_type=CaseTypeFactory(), resident=make_resident())
    foreign = CaseTypeFactory().status_types.first()
    with pytest.raises(ValidationError):
        case_set_status(case=case, status_type=foreign, by=None)


def test_the_final_status_closes_the_case_and_nothing_follows(db):
    case = case_create(case_type=CaseTypeFactory(), resident=make_resident())
    final = case.case_type.status_types.get(is_final=True)
    case_set_status(case=case, status_type=final, by=None, public_text="Uw aanvraag is toegekend.")
    case.refresh_from_db()
    assert not case.is_open
    with pytest.raises(ValidationError):
        case_set_status(case=case, status_type=case.case_type.status_types.first(), by=None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_share_a_number():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    case_type = CaseTypeFactory()
    residents = [make_resident() for _ in range(20)]

    def register(resident):
        try:
            return case_create(case_type=case_type, resident=resident).identification
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(register, residents))
    assert len(set(numbers)) == 20
    assert Case.objects.count() == 20


def test_waiting_for_the_resident_suspends_the_service_norm(db):
    from portal.cases.services import information_request_answer, information_request_create

    with freeze_time("2026-11-16 09:00") as clock:  # Monday
        case = case_create(case_type=CaseTypeFactory(service_norm_days=5), resident=make_resident())
        assert case.expected_on == date(2026, 11, 23)
        info_request = information_request_create(
            case=case, question="Loonstrook?", deadline=date(2026, 11, 30), by=None
        )
        clock.move_to("2026-11-19 15:00")  # Thursday: three working days later
        information_request_answer(info_request=info_request, answer="Hier is hij.", files=[])
    case.refresh_from_db()
    assert case.suspended_days == 3
    assert case.expected_on == date(2026, 11, 26)

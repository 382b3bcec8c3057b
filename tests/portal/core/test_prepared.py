"""A prepared query answers exactly what its queryset answers, for every parameter value, on SQLite and PostgreSQL,
and refuses the shapes it cannot compile instead of answering wrongly."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef
from django.utils import timezone

from portal.cases.models import Case, InformationRequest
from portal.cases.services import case_create
from portal.core.prepared import prepared
from portal.inbox.models import Message
from tests.factories.cases import CaseTypeFactory, make_resident

pytestmark = pytest.mark.django_db


def _row(message: Message) -> tuple:
    return (message.pk, message.uuid, message.subject, message.created_at, message.read_at)


@prepared(resident_id=int)
def latest_messages(resident_id):
    return Message.objects.filter(resident_id=resident_id).only("uuid", "subject", "created_at", "read_at")[:3]


@prepared(resident_id=int, since=type(timezone.now()))
def messages_since(resident_id, since):
    return Message.objects.filter(resident_id=resident_id, created_at__gte=since).select_related("case__case_type")


@prepared(resident_id=int, subject=str)
def unread_with_subject(resident_id, subject):
    return Message.objects.filter(resident_id=resident_id, subject=subject, read_at__isnull=True)


@pytest.fixture
def two_residents():
    case_type = CaseTypeFactory()
    residents = [make_resident(), make_resident()]
    for number, resident in enumerate(residents):
        case = case_create(case_type=case_type, resident=resident)
        for index in range(5):
            Message.objects.create(
                resident=resident,
                subject=f"Bericht {number}-{index}",
                body="Tekst",
                case=case if index % 2 else None,
                read_at=timezone.now() if index == 4 else None,
            )
    return residents


def test_each_resident_gets_their_own_rows_as_the_queryset_gives_them(two_residents):
    for resident in two_residents:
        expected = [_row(m) for m in Message.objects.filter(resident=resident)[:3]]
        assert [_row(m) for m in latest_messages(resident_id=resident.pk)] == expected
    assert latest_messages(resident_id=0) == []


def test_joined_objects_are_there_and_an_empty_join_is_none(two_residents, django_assert_num_queries):
    resident = two_residents[0]
    since = timezone.now() - timedelta(hours=1)
    expected = list(Message.objects.filter(resident=resident, created_at__gte=since).select_related("case__case_type"))
    with django_assert_num_queries(1):
        got = messages_since(resident_id=resident.pk, since=since)
        names = [m.case.case_type.name if m.case else None for m in got]
    assert names == [m.case.case_type.name if m.case else None for m in expected]
    assert None in names and any(names)
    assert messages_since(resident_id=resident.pk, since=timezone.now() + timedelta(hours=1)) == []


def test_a_string_parameter_and_a_constant_beside_it(two_residents):
    resident = two_residents[1]
    assert [m.subject for m in unread_with_subject(resident_id=resident.pk, subject="Bericht 1-2")] == ["Bericht 1-2"]
    assert unread_with_subject(resident_id=resident.pk, subject="Bericht 1-4") == []  # read: the constant holds
    assert unread_with_subject(resident_id=resident.pk, subject="'; DROP TABLE inbox_message; --") == []
    assert Message.objects.count() == 10


def test_annotations_and_prefetches_come_along(two_residents):
    @prepared(resident_id=int)
    def cases_waiting(resident_id):
        waiting = InformationRequest.objects.filter(case=OuterRef("pk"), answered_at__isnull=True)
        cases = Case.objects.filter(resident_id=resident_id).annotate(waiting=Exists(waiting))
        return cases.prefetch_related("messages")

    resident = two_residents[0]
    case = Case.objects.get(resident=resident)
    assert [(c.pk, c.waiting, len(c.messages.all())) for c in cases_waiting(resident_id=resident.pk)] == [
        (case.pk, False, 2)
    ]
    InformationRequest.objects.create(case=case, question="Stuur uw loonstrook.", deadline=timezone.localdate())
    assert cases_waiting(resident_id=resident.pk)[0].waiting is True


@pytest.mark.django_db(transaction=True)
def test_another_thread_compiles_for_its_own_connection(two_residents):
    resident = two_residents[0]
    expected = [_row(m) for m in latest_messages(resident_id=resident.pk)]
    answers = []

    def other():
        from django.db import connection

        try:
            answers.append([_row(m) for m in latest_messages(resident_id=resident.pk)])
        finally:
            connection.close()

    thread = threading.Thread(target=other)
    thread.start()
    thread.join(timeout=30)
    assert answers == [expected]


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda resident_id: Message.objects.filter(resident_id=resident_id).values("subject"), "values()"),
        (lambda resident_id: Message.objects.filter(pk__in=[]), "match rows"),
        (lambda resident_id: Message.objects.all(), "do not reach the SQL"),
        (lambda resident_id: Message.objects.filter(pk=1 if resident_id else 2), "do not reach the SQL"),
    ],
)
def test_shapes_it_cannot_compile_are_refused_at_the_first_call(build, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        prepared(resident_id=int)(build)(resident_id=1)


def test_wrong_kinds_and_wrong_arguments_are_refused():
    with pytest.raises(ImproperlyConfigured, match="parameter is one of"):
        prepared(amount=float)
    with pytest.raises(TypeError, match="takes the parameters"):
        latest_messages(resident=1)

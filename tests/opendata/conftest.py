from datetime import datetime, timedelta
from itertools import count

import pytest
from django.utils import timezone

from portal.cases.models import Case
from tests.factories.cases import CaseTypeFactory, TeamFactory, make_resident

AMSTERDAM = timezone.get_fixed_timezone(60)  # winter time, as in the months these tests use
_numbers = count(1)


def handled_case(case_type, resident, *, received: datetime, lead: timedelta, late: bool = False) -> Case:
    """A case received at `received`, closed `lead` later, on time unless `late`."""
    closed = received + lead
    expected = timezone.localdate(closed) + timedelta(days=-1 if late else 0)
    case = Case.objects.create(
        identification=f"TEST-{next(_numbers):06d}",
        case_type=case_type,
        resident=resident,
        expected_on=expected,
        closed_at=closed,
    )
    Case.objects.filter(pk=case.pk).update(created_at=received)
    return case


@pytest.fixture
def setting(db):
    civil = TeamFactory(name="Burgerzaken")
    return {
        "team": civil,
        "moving": CaseTypeFactory(name="Verhuizing", team=civil, service_norm_days=5),
        "extract": CaseTypeFactory(name="Uittreksel BRP", team=civil, service_norm_days=3),
        "resident": make_resident(),
    }

from datetime import date, timedelta

import pytest
from freezegun import freeze_time

from auth.services import resident_get_or_create
from portal.notices.models import Notice, NoticeRule
from portal.notices.runner import notices_run
from tests.factories.notices import NoticeRuleFactory, PersonFactory, TravelDocumentFactory

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def clock():
    with freeze_time("2026-11-23 09:00:00", tz_offset=0) as frozen:
        yield frozen


@pytest.fixture
def passport_rule(db):
    return NoticeRuleFactory(name="Paspoort verloopt", document_kind=NoticeRule.DocumentKind.PASSPORT)


def passport_holder(*, expires_in: int, account: bool = True, **person):
    holder = PersonFactory(**person)
    TravelDocumentFactory(person=holder, expires_on=TODAY + timedelta(days=expires_in))
    return resident_get_or_create(bsn=holder.bsn) if account else holder


def run(**kwargs):
    return notices_run(today=TODAY, **kwargs)


def notices_for(user) -> list[Notice]:
    return list(Notice.objects.filter(resident_key=user.bsn_digest))

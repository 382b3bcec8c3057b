"""The runner turns rules into notices: once per resident and period, in bulk, on the channel the resident chose."""

import io
from datetime import date, timedelta

import pikepdf
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from auth.services import resident_get_or_create
from portal.inbox.models import Message
from portal.notices import runner
from portal.notices.letters import render_letter_batch
from portal.notices.models import LetterBatch, Notice, NoticePreference, NoticeRule
from portal.registries.stand_in.models import TravelDocument
from tests.factories.appointments import DeskFactory, LocationFactory, ProductFactory
from tests.factories.notices import NoticeRuleFactory, PersonFactory
from tests.factories.profile import ContactPreferencesFactory
from tests.helpers import assert_archival_and_accessible, login_resident
from tests.notices.conftest import TODAY, notices_for, passport_holder, run

SENT_SMS = []


class RecordingSmsBackend:
    def send(self, *, phone_number, text):
        SENT_SMS.append({"to": phone_number, "text": text})


def test_a_passport_expiring_in_40_days_gives_one_notice_with_a_working_booking_link(client, passport_rule):
    passport = ProductFactory(slug="paspoort", name="Paspoort")
    DeskFactory(products=[passport], location=LocationFactory(slug="stadhuis"))
    jan = passport_holder(expires_in=40)
    later = passport_holder(expires_in=200)

    for _attempt in range(3):
        run()

    [notice] = notices_for(jan)
    assert notice.period == f"PN-{(TODAY + timedelta(days=40)).isoformat()}"
    assert notices_for(later) == []
    [message] = Message.objects.filter(resident=jan)
    assert message.subject == "Uw paspoort verloopt op 2 januari 2027"
    assert "Beste Sam Jansen" in message.body

    login_resident(client, jan)
    page = client.get(message.get_absolute_url()).content.decode()
    assert 'href="/afspraak/?products=paspoort"' in page
    booking = client.get("/afspraak/?products=paspoort")
    assert booking.status_code == 200
    assert 'value="paspoort" checked' in booking.content.decode()


def test_documents_already_expired_or_of_another_kind_are_not_selected(passport_rule):
    expired = passport_holder(expires_in=-1)
    today = passport_holder(expires_in=0)
    last_day = passport_holder(expires_in=90)
    id_card = PersonFactory()
    id_card.travel_documents.create(kind="NI", number="NI0000001", issued_on=date(2017, 1, 1), expires_on=TODAY)
    run()
    assert notices_for(expired) == []
    assert len(notices_for(today)) == len(notices_for(last_day)) == 1
    assert not Notice.objects.filter(context__document="NI").exists()


def test_a_renewed_document_that_expires_again_later_is_a_new_period(passport_rule):
    jan = passport_holder(expires_in=40)
    run()
    first = Notice.objects.get(resident=jan)
    TravelDocument.objects.filter(person__bsn=jan.bsn).update(expires_on=TODAY + timedelta(days=60))
    run()
    assert Notice.objects.filter(resident=jan).count() == 2
    assert first.period != Notice.objects.filter(resident=jan).exclude(pk=first.pk).get().period


@pytest.mark.parametrize(
    ("choice", "inbox", "mails", "texts"),
    [
        (NoticePreference.Choice.OFF, 0, 0, 0),
        (NoticePreference.Choice.INBOX, 1, 0, 0),
        (NoticePreference.Choice.EMAIL, 1, 1, 0),
        (NoticePreference.Choice.SMS, 1, 0, 1),
        (None, 1, 1, 0),  # never chose: Mijn Loket and e-mail
    ],
)
@override_settings(LOKET_SMS_BACKEND="tests.notices.test_runner.RecordingSmsBackend")
def test_the_residents_choice_per_category_decides_whether_and_how(
    passport_rule, django_capture_on_commit_callbacks, choice, inbox, mails, texts
):
    SENT_SMS.clear()
    jan = passport_holder(expires_in=40)
    # Off for new messages in general: the category's own choice wins for notices.
    ContactPreferencesFactory(
        resident=jan, email="jan@example.org", phone="+31612345678", notify_by_email=False, notify_by_sms=False
    )
    if choice is not None:
        NoticePreference.objects.create(resident=jan, category=passport_rule.category, choice=choice)
    other_category = NoticeRuleFactory(name="Ander soort", link_url="", link_text="")
    NoticePreference.objects.create(resident=jan, category=other_category.category, choice="off")

    with django_capture_on_commit_callbacks(execute=True):
        run(rules=[passport_rule])
    with django_capture_on_commit_callbacks(execute=True):
        run()  # again, with the other category's rule: it is off there, and nothing is sent twice

    assert Message.objects.filter(resident=jan).count() == inbox
    assert len(mail.outbox) == mails
    assert len(SENT_SMS) == texts
    assert all("paspoort" not in message.body.lower() for message in mail.outbox), "no content in the e-mail"
    assert all(sms["to"] == "+31612345678" for sms in SENT_SMS)
    assert not Notice.objects.filter(rule=other_category).exists()


def test_residents_without_an_account_get_a_letter_and_later_a_copy_in_mijn_loket(passport_rule, client):
    offline = passport_holder(expires_in=40, account=False, first_names="Wim", surname="Offline")
    run()
    notice = Notice.objects.get(rule=passport_rule)
    assert notice.channel == Notice.Channel.LETTER and notice.resident is None
    assert notice.postal_name == "Wim Offline"
    assert notice.postal_address.splitlines()[1].endswith("Voorbeeldstad")
    batch = LetterBatch.objects.get()
    pdf = render_letter_batch(batch=batch)
    assert pdf.startswith(b"%PDF")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 1
    assert_archival_and_accessible(pdf)

    resident = resident_get_or_create(bsn=offline.bsn)
    login_resident(client, resident)  # the first login
    [copy] = Message.objects.filter(resident=resident)
    assert copy.subject.startswith("Uw paspoort verloopt")
    notice.refresh_from_db()
    assert notice.message == copy and notice.letter_batch == batch
    run()
    assert Message.objects.filter(resident=resident).count() == 1


@override_settings(LOKET_LETTER_BATCH_SIZE=2)
def test_letters_are_batched_for_the_post_room(passport_rule):
    for _index in range(5):
        passport_holder(expires_in=30, account=False)
    run()
    assert sorted(batch.notices.count() for batch in LetterBatch.objects.all()) == [1, 2, 2]


@override_settings(LOKET_NOTICE_BATCH_SIZE=2)
def test_a_crash_halfway_and_a_rerun_send_nothing_twice(passport_rule, monkeypatch):
    holders = [passport_holder(expires_in=10 + index) for index in range(5)]
    deliver = runner._deliver
    calls = []

    def crash_on_second_batch(rule, notices):
        calls.append(len(notices))
        if len(calls) == 2:
            raise RuntimeError("machine lost power")
        deliver(rule, notices)

    monkeypatch.setattr(runner, "_deliver", crash_on_second_batch)
    with pytest.raises(RuntimeError):
        run()
    assert Message.objects.count() == 2, "the first batch was delivered, the second rolled back"
    monkeypatch.setattr(runner, "_deliver", deliver)
    run()
    run()
    for holder in holders:
        assert Message.objects.filter(resident=holder).count() == 1
    assert Notice.objects.filter(delivered_at__isnull=True).count() == 0


def test_the_runner_works_in_bulk_not_per_resident(passport_rule):
    def queries_for(count):
        for _index in range(count):
            passport_holder(expires_in=20)
        with CaptureQueriesContext(connection) as context:
            run()
        return len(context)

    assert queries_for(10) == queries_for(40)


def test_a_dry_run_counts_and_sends_nothing(passport_rule):
    passport_holder(expires_in=40)
    passport_holder(expires_in=40, account=False)
    [outcome] = run(dry_run=True)
    assert outcome.selected == 2 and outcome.new == {"email": 1, "letter": 1}
    assert not Notice.objects.exists() and not Message.objects.exists()


def test_the_command_prints_counts_per_rule_and_refuses_unknown_rules(passport_rule):
    passport_holder(expires_in=40)
    out = io.StringIO()
    call_command("notices_run", "--dry-run", stdout=out)
    assert "Paspoort verloopt: selected 1, notified before 0, opted out 0, new 1 (email 1)" in out.getvalue()
    assert not Notice.objects.exists()
    out = io.StringIO()
    call_command("notices_run", "--rule", str(passport_rule.uuid), stdout=out)
    assert "delivered 1" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("notices_run", "--rule", "not-a-uuid")
    with pytest.raises(CommandError):
        call_command("notices_run", "--rule", "6f1c9a43-0000-4000-8000-000000000000")


def test_only_active_rules_within_their_dates_and_approved_area_notices_run(passport_rule):
    jan = passport_holder(expires_in=40, address__neighbourhood_code="WK999903")
    NoticeRuleFactory(active=False)
    NoticeRuleFactory(ends_on=TODAY - timedelta(days=1))
    NoticeRuleFactory(starts_on=TODAY + timedelta(days=1))
    area = NoticeRuleFactory(
        kind=NoticeRule.Kind.AREA, area_neighbourhoods="WK999903", subject="Werk", body="Werk in {adres}"
    )
    run()
    assert [notice.rule for notice in notices_for(jan)] == [passport_rule]
    NoticeRule.objects.filter(pk=area.pk).update(approved_at=timezone.now())
    run()
    assert {notice.rule for notice in notices_for(jan)} == {passport_rule, area}


def test_life_events_are_rules_turning_18_and_moving_in(db):
    almost_18 = resident_get_or_create(bsn=PersonFactory(birth_date=date(2008, 12, 10)).bsn)
    not_yet = resident_get_or_create(bsn=PersonFactory(birth_date=date(2009, 1, 30)).bsn)
    moved = resident_get_or_create(bsn=PersonFactory(address_since=TODAY - timedelta(days=3)).bsn)
    long_ago = resident_get_or_create(bsn=PersonFactory(address_since=date(2001, 1, 1)).bsn)
    NoticeRuleFactory(
        kind=NoticeRule.Kind.AGE, age=18, days_ahead=30, subject="Op {datum} wordt u {leeftijd}", body="Rijbewijs."
    )
    NoticeRuleFactory(kind=NoticeRule.Kind.MOVED_IN, days_ahead=30, subject="Welkom", body="Welkom op {adres}.")
    run()
    run()
    assert [m.subject for m in Message.objects.filter(resident=almost_18)] == ["Op 10 december 2026 wordt u 18"]
    assert not Message.objects.filter(resident=not_yet).exists()
    [welcome] = Message.objects.filter(resident=moved)
    assert welcome.body.startswith("Welkom op Marktstraat 1, ")
    assert not Message.objects.filter(resident=long_ago).exists()


def test_deceased_residents_and_residents_without_an_address_are_never_selected(passport_rule):
    deceased = passport_holder(expires_in=40, date_of_death=date(2026, 10, 1))
    emigrated = passport_holder(expires_in=40, address=None)
    run()
    assert notices_for(deceased) == notices_for(emigrated) == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("subject", "Uw {paspoort} verloopt", "Onbekend in deze tekst: {paspoort}"),
        ("link_url", "https://phishing.example/", "begint met één /"),
        ("link_url", "//phishing.example/", "begint met één /"),
        ("days_ahead", None, "Vul in hoeveel dagen"),
    ],
)
def test_rules_with_mistakes_are_refused_with_a_clear_message(db, field, value, message):
    rule = NoticeRuleFactory.build(category=NoticeRuleFactory().category, **{field: value})
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert message in str(error.value)


def test_the_demo_persona_with_a_passport_expiring_in_40_days_finds_the_notice_in_mijn_loket(demo_site):
    from django.contrib.auth import get_user_model

    jan = resident_get_or_create(bsn="999900006")
    [message] = Message.objects.filter(resident=jan, link_url="/afspraak/?products=paspoort")
    assert message.subject.startswith("Uw paspoort verloopt op")
    notices = Notice.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert Notice.objects.count() == notices, "loading the demo again sends nothing twice"
    assert get_user_model().objects.get(username="medewerker-belastingen").has_perm("notices.view_notice")
    assert get_user_model().objects.get(username="medewerker-burgerzaken").has_perm("appointments.change_booking")

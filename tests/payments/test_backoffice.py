"""Finance in the admin: find a payment, refund it with a reason (permission, audit-logged, never more than was
paid), and the day's export whose totals match what the provider holds."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.core.models import AccessLogEntry
from portal.payments import services
from portal.payments.contrib.stand_in.models import StandInPayment
from portal.payments.models import Payment, Refund
from tests.helpers import login_staff
from tests.payments.conftest import settle


@pytest.fixture
def paid(psp, demo_site, owed, django_capture_on_commit_callbacks):
    payment = services.payment_start(purpose="submission", purpose_id=str(owed.uuid))
    settle(payment, "paid")
    StandInPayment.objects.filter(pk=payment.provider_id).update(status_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        services.payment_sync(payment=payment, source="webhook")
    return Payment.objects.get(pk=payment.pk)


def staff(client, username):
    user = get_user_model().objects.get(username=username)
    login_staff(client, user)
    return user


def test_finance_finds_a_payment_by_its_reference_and_opens_it(client, paid, django_assert_max_num_queries):
    staff(client, "medewerker-financien")
    with django_assert_max_num_queries(20):
        listing = client.get("/cms/betalingen/", {"q": paid.reference})
    assert listing.status_code == 200 and paid.reference in listing.content.decode()
    assert paid.reference not in client.get("/cms/betalingen/", {"q": "BT-NONE-XXXX"}).content.decode()
    assert client.get("/cms/betalingen/", {"stand": "nonsense", "q": "x" * 5000}).status_code == 200
    detail = client.get(f"/cms/betalingen/{paid.uuid}/").content.decode()
    assert "€ 34,20" in detail and "Terugbetalen" in detail and "€ 0,29" in detail, "the provider's fee"


@pytest.mark.parametrize("username", ["redacteur", "medewerker-burgerzaken"])
def test_other_seats_do_not_see_payments(client, paid, username):
    staff(client, username)
    # Wagtail sends a seat without the permission back to the admin's dashboard.
    for url in ("/cms/betalingen/", f"/cms/betalingen/{paid.uuid}/", "/cms/betalingen/export/"):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, "/cms/"), url
    assert client.post(f"/cms/betalingen/{paid.uuid}/", {"amount": "1", "reason": "x"}).status_code == 302
    assert not Refund.objects.exists()


@pytest.mark.parametrize(
    ("amount", "reason", "message"),
    [
        ("", "Dubbel", "Vul het bedrag in."),
        ("abc", "Dubbel", "Vul een bedrag in euro"),
        ("12,345", "Dubbel", "Vul een bedrag in euro"),
        ("-5", "Dubbel", "Vul een bedrag in euro"),
        ("0", "Dubbel", "tussen € 0,01 en € 34,20"),
        ("34,21", "Dubbel", "tussen € 0,01 en € 34,20"),
        ("1" * 30, "Dubbel", "Vul een bedrag in euro"),
        ("10", "", "Geef een reden voor de terugbetaling."),
        ("10", " " * 10, "Geef een reden voor de terugbetaling."),
    ],
)
def test_a_wrong_refund_is_refused_next_to_the_field_and_the_input_kept(client, paid, amount, reason, message):
    staff(client, "medewerker-financien")
    response = client.post(f"/cms/betalingen/{paid.uuid}/", {"amount": amount, "reason": reason})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'aria-invalid="true"' in html
    assert not Refund.objects.exists()


def test_a_refund_is_made_logged_and_shown(client, paid):
    user = staff(client, "medewerker-financien")
    response = client.post(f"/cms/betalingen/{paid.uuid}/", {"amount": "１０,５", "reason": "Een exemplaar te veel"})
    assert response.status_code == 302
    refund = Refund.objects.get()
    assert (refund.amount_cents, refund.by, refund.reason) == (1050, user, "Een exemplaar te veel")
    assert Payment.objects.get(pk=paid.pk).state == "partially_refunded"
    entry = AccessLogEntry.objects.get(action="refund_payment")
    assert entry.user == user and entry.object_id == str(paid.uuid)
    detail = client.get(f"/cms/betalingen/{paid.uuid}/").content.decode()
    assert "Een exemplaar te veel" in detail and "€ 10,50" in detail


def test_the_daily_export_matches_the_provider(client, paid):
    staff(client, "medewerker-financien")
    services.payment_refund(payment=paid, amount_cents=500, reason='=HYPERLINK("http://evil")')
    Payment.objects.filter(pk=paid.pk).update(description="=cmd|' /C calc'!A0")
    response = client.get("/cms/betalingen/export/", {"datum": timezone.localdate().isoformat()})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["stand"] for row in rows] == ["partially_refunded", "refund"]
    assert rows[0]["grootboekrekening"] == "8300.10" and rows[0]["kosten"] == "0.29"
    assert rows[0]["product"].startswith("'="), "no formula runs in a spreadsheet"
    total = sum(int(row["bedrag"].replace(".", "")) for row in rows)
    provider = sum(payment.amount_cents for payment in StandInPayment.objects.filter(status="paid"))
    provider_refunds = sum(refund.amount_cents for refund in paid_refunds())
    assert total == provider - provider_refunds == 3420 - 500
    other_day = client.get("/cms/betalingen/export/", {"datum": "2020-01-01"})
    assert len(list(csv.DictReader(io.StringIO(other_day.content.decode())))) == 0
    assert client.get("/cms/betalingen/export/", {"datum": "not-a-date"}).status_code == 200, "today instead"


def paid_refunds():
    from portal.payments.contrib.stand_in.models import StandInRefund

    return StandInRefund.objects.all()

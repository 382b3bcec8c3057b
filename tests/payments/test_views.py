"""Paying as a resident meets it: the BRP extract form sends the resident to the bank once it is stored, the way
back tells how it went, a failed payment is paid again from Mijn Loket, and nobody pays or sees another's."""

import io
import re

import pytest
from django.core import mail
from pypdf import PdfReader

from auth.services import resident_get_or_create
from forms_engine.models import Registration, Submission
from forms_engine.payment import pay_link_token
from portal.cases.models import Case
from portal.payments.contrib.stand_in.models import StandInPayment
from portal.payments.models import Payment
from tests.factories.cases import make_resident
from tests.factories.profile import ContactPreferencesFactory
from tests.forms_engine.helpers import FormSession
from tests.helpers import assert_archival_and_accessible, login_resident
from tests.payments.conftest import settle

CHECKOUT = re.compile(r"^http://testserver(/psp/checkout/tr_\w+/)$")


@pytest.fixture
def jan(client, demo_site, psp):
    resident = resident_get_or_create(bsn="999900006")
    ContactPreferencesFactory(resident=resident, email="jan@example.org")
    login_resident(client, resident)
    return resident


def send_extract(client, *, aantal="2", tampered_fee=None):
    form = FormSession(client, "uittreksel-brp")
    form.start()
    answers = {"soort": "Standaard", "aantal": aantal, "doel": ""}
    if tampered_fee is not None:
        answers["leges"] = tampered_fee
    form.post("uittreksel", answers)
    form.post("betaling", {"iban": ""})
    return form.post("controle", {"declaration": "on"})


def checkout_path(response) -> str:
    assert response.status_code == 302, response.content[:500]
    match = CHECKOUT.match(response.url)
    assert match, response.url
    return match.group(1)


def pay_at_bank(client, path, outcome="paid"):
    return client.post(path, {"issuer": "ideal_INGBNL2A", "outcome": outcome})


def test_the_extract_is_stored_then_paid_then_registered(client, jan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        path = checkout_path(send_extract(client, tampered_fee="0,01"))
    submission = Submission.objects.get()
    assert submission.payment_status == "open" and not Registration.objects.exists(), "stored, waiting for the money"
    bank = client.get(path)
    assert bank.status_code == 200 and "€ 34,20" in bank.content.decode(), "the server's fee, not the page's"
    with django_capture_on_commit_callbacks(execute=True):
        back = pay_at_bank(client, path)
        assert back.status_code == 302 and "/betalen/" in back.url
        landing = client.get(back.url, follow=True)
    html = landing.content.decode()
    assert "Uw betaling is gelukt" in html and "Betaald" in html and submission.reference in html
    assert Payment.objects.get().state == "paid" and Payment.objects.get().transitions.count() == 1
    assert Submission.objects.get().payment_status == "paid"
    assert Case.objects.filter(submission_uuid=submission.uuid).exists(), "registered once paid"
    paid_mails = [message for message in mail.outbox if "Betaling ontvangen" in message.subject]
    assert len(paid_mails) == 1 and "999900006" not in paid_mails[0].body
    confirmation = [message for message in mail.outbox if "Bevestiging" in message.subject]
    assert confirmation and "/formulieren/betalen/" in confirmation[0].body, "a pay-later link in the confirmation"


def test_a_failed_payment_is_paid_again_from_mijn_loket(client, jan, django_capture_on_commit_callbacks):
    path = checkout_path(send_extract(client))
    with django_capture_on_commit_callbacks(execute=True):
        landing = client.get(pay_at_bank(client, path, outcome="failed").url, follow=True)
    assert "niet gelukt" in landing.content.decode()
    page = client.get("/mijn/betalingen/").content.decode()
    assert "Nog te betalen" in page and "Mislukt" in page and "€ 34,20" in page
    submission = Submission.objects.get()
    response = client.post("/mijn/betalingen/betalen/", {"purpose": "submission", "purpose_id": str(submission.uuid)})
    second = checkout_path(response)
    assert second != path and Payment.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.get(pay_at_bank(client, second).url)
    page = client.get("/mijn/betalingen/").content.decode()
    assert "Nog te betalen" not in page and "Betaalbewijs (PDF)" in page


def test_the_way_back_works_when_the_webhook_never_comes(client, jan, django_capture_on_commit_callbacks):
    path = checkout_path(send_extract(client))
    payment = Payment.objects.get()
    settle(payment, "paid")  # paid at the bank, no webhook
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/betalen/{payment.uuid}/terug/")
    assert Payment.objects.get().state == "paid" and path


def test_when_the_provider_is_down_the_resident_gets_a_clear_page_and_pays_later(client, jan, psp):
    psp.failures["/psp/"] = "refused"
    response = send_extract(client)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Betalen lukt nu niet" in html and "bewaard" in html
    assert Submission.objects.get().payment_status == "open" and not Payment.objects.exists()
    psp.failures.clear()
    assert "Nog te betalen" in client.get("/mijn/betalingen/").content.decode()


def test_the_confirmation_page_offers_to_pay_and_the_pay_link_works_without_login(client, jan, psp):
    checkout_path(send_extract(client))
    confirmation = client.get("/formulieren/uittreksel-brp/ontvangen/").content.decode()
    assert "Betalen met iDEAL" in confirmation and "€ 34,20" in confirmation
    submission = Submission.objects.get()
    client.logout()
    url = f"/formulieren/betalen/{pay_link_token(submission)}/"
    page = client.get(url)
    assert page.status_code == 200 and submission.reference in page.content.decode()
    assert "Molenweg" not in page.content.decode() and "Jan" not in page.content.decode(), "no answers on this page"
    checkout_path(client.post(url))


@pytest.mark.parametrize("token", ["garbage", "x" * 500, "eyJhIjoxfQ:1abc:def"])
def test_a_broken_pay_link_says_so(client, db, token):
    response = client.get(f"/formulieren/betalen/{token}/")
    assert response.status_code == 404 and "Deze betaallink werkt niet" in response.content.decode()


def test_nobody_pays_or_sees_another_resident_s_payment(client, jan, django_capture_on_commit_callbacks):
    path = checkout_path(send_extract(client))
    with django_capture_on_commit_callbacks(execute=True):
        client.get(pay_at_bank(client, path).url)
    payment = Payment.objects.get()
    submission = Submission.objects.get()
    assert client.get(f"/mijn/betalingen/{payment.uuid}/betaalbewijs.pdf").status_code == 200
    login_resident(client, make_resident())
    assert client.get(f"/mijn/betalingen/{payment.uuid}/betaalbewijs.pdf").status_code == 404
    assert payment.reference not in client.get("/mijn/betalingen/").content.decode()
    response = client.post("/mijn/betalingen/betalen/", {"purpose": "submission", "purpose_id": str(submission.uuid)})
    assert response.status_code == 404
    for body in ({}, {"purpose": "nonsense", "purpose_id": "x"}, {"purpose": "submission", "purpose_id": "' OR 1=1"}):
        assert client.post("/mijn/betalingen/betalen/", body).status_code == 404


def test_the_receipt_is_an_archivable_pdf_for_paid_payments_only(client, jan, django_capture_on_commit_callbacks):
    path = checkout_path(send_extract(client))
    payment = Payment.objects.get()
    assert client.get(f"/mijn/betalingen/{payment.uuid}/betaalbewijs.pdf").status_code == 404, "not paid yet"
    with django_capture_on_commit_callbacks(execute=True):
        client.get(pay_at_bank(client, path).url)
    response = client.get(f"/mijn/betalingen/{payment.uuid}/betaalbewijs.pdf")
    pdf = b"".join(response.streaming_content)
    assert_archival_and_accessible(pdf)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert payment.reference in text and "€ 34,20" in text and "iDEAL" in text
    assert response["Cache-Control"] == "private, no-store"


def test_the_bank_page_keeps_the_choice_when_no_bank_is_picked(client, jan):
    path = checkout_path(send_extract(client))
    response = client.post(path, {"issuer": "", "outcome": "paid"})
    assert response.status_code == 200 and "Kies uw bank." in response.content.decode()
    assert StandInPayment.objects.get().status == "open"


def test_the_payments_page_costs_the_same_for_2_or_40_payments(client, jan, django_assert_max_num_queries, owed):
    from portal.payments.models import Payment as PaymentModel

    for number in range(40):
        PaymentModel.objects.create(
            purpose="submission",
            purpose_id=f"p{number}",
            description="Uittreksel",
            amount_cents=1710,
            provider="mollie",
            provider_id=f"tr_x{number}",
            resident=jan,
            state="paid",
        )
    # The page's own: payments, their refunds, and what each purpose (forms, weddings) says is owed, less what is
    # paid; the frame's 8 (session, user, site, menu, inbox count).
    with django_assert_max_num_queries(13):
        assert client.get("/mijn/betalingen/").status_code == 200


def test_the_payments_page_asks_for_a_login(client, db):
    response = client.get("/mijn/betalingen/")
    assert response.status_code == 302 and "/inloggen/" in response.url


def test_what_is_paid_is_not_owed_even_before_the_request_hears_of_it(client, psp, owed, resident):
    from portal.payments import services

    login_resident(client, resident)
    payment = services.payment_start(purpose="submission", purpose_id=str(owed.uuid))
    settle(payment, "paid")
    services.payment_sync(payment=payment, source="return")  # the follow-up task has not run yet
    assert Submission.objects.get(pk=owed.pk).payment_status == "open"
    assert "Nog te betalen" not in client.get("/mijn/betalingen/").content.decode()

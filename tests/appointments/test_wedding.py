"""The wedding planner: an instant answer with the nearest alternatives, a provisional reservation that holds
room and registrar for 7 days, the partner's confirmation with their own DigiD, and expiry."""

import io
import re
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from portal.appointments.models import (
    CeremonyMoment,
    CeremonyType,
    Claim,
    Wedding,
)
from portal.appointments.services import SlotTaken
from portal.appointments.wedding.planner import Choice, instant_answer
from portal.appointments.wedding.services import (
    WeddingAlreadyHeld,
    wedding_cancel,
    wedding_confirm,
    wedding_move,
    wedding_reserve,
    weddings_expire,
)
from portal.cases.models import Case
from portal.registries.stand_in.demo import valid_bsns
from tests.appointments.conftest import at
from tests.factories.cases import make_resident
from tests.helpers import login_resident

pytestmark = pytest.mark.usefixtures("clock")
FRIDAY = date(2027, 1, 8)
PARTNER_BSN = "999990019"
OTHER_PARTNER_BSN = next(valid_bsns(999_960_000))


def _choice(ceremony, room, registrar, day=FRIDAY, at_time=time(11), guests=10):
    return Choice(ceremony=ceremony, day=day, at=at_time, room=room, registrar=registrar, guests=guests)


def _params(room, registrar) -> str:
    return f"ceremonie=eenvoudig&datum=2027-01-08&tijd=11:00&zaal={room.pk}&babs={registrar.pk}&gasten=10"


def test_a_free_moment_is_available_at_once(simple, rooms, registrars):
    answer = instant_answer(_choice(simple, rooms["small"], registrars["Anna"]))
    assert answer.available and not answer.alternatives


def test_a_taken_moment_offers_other_times_other_people_and_rooms_and_other_days(simple, rooms, registrars):
    from portal.appointments.services import block_create

    block_create(
        resource=registrars["Anna"],
        starts_at=at("2027-01-08", 11),
        ends_at=at("2027-01-08", 11, 30),
        reason="x",
        by=None,
    )
    answer = instant_answer(_choice(simple, rooms["small"], registrars["Anna"]))
    assert not answer.available and answer.taken and not answer.problems
    assert [c.at for c in answer.other_times] == [time(10, 30), time(11, 30), time(10)]
    # Anna is busy at 11:00 in any room; Bram is free in the same room.
    assert [(c.room.name, c.registrar.name) for c in answer.other_people_or_rooms] == [("Trouwkamer", "Bram")]
    # Anna works on Fridays and Saturdays; 1 January (a Friday) is a public holiday, so the city hall is closed.
    assert [(c.day, c.at) for c in answer.other_days] == [
        (date(2027, 1, 2), time(11)),
        (date(2027, 1, 9), time(11)),
        (date(2027, 1, 15), time(11)),
    ]


def test_a_held_room_and_registrar_are_both_unavailable_to_the_next_couple(simple, rooms, registrars):
    wedding_reserve(
        choice=_choice(simple, rooms["small"], registrars["Anna"]), resident=make_resident(), partner_bsn=PARTNER_BSN
    )
    answer = instant_answer(_choice(simple, rooms["small"], registrars["Anna"]))
    assert answer.taken
    assert answer.other_people_or_rooms == []  # the room is held and so is Anna: no single change helps
    assert answer.other_times and answer.other_days


def test_choices_that_can_never_work_say_why(simple, rooms, registrars):
    free = CeremonyType.objects.create(
        name="Gratis", slug="gratis", fee=0, duration_minutes=15, allows_own_registrar=False
    )
    free.rooms.set([rooms["small"]])
    CeremonyMoment.objects.create(ceremony_type=free, weekday=4, time=time(10))
    answer = instant_answer(_choice(free, rooms["large"], None, at_time=time(11), guests=100))
    assert not answer.available
    text = " ".join(answer.problems)
    assert "kan niet in Raadzaal" in text
    assert "trouwambtenaar van de gemeente" in text
    assert "vaste momenten" in text
    answer = instant_answer(_choice(free, rooms["small"], registrars["Anna"], at_time=time(11), guests=40))
    assert "passen 12 gasten" in " ".join(answer.problems)
    answer = instant_answer(_choice(free, rooms["small"], registrars["Anna"], day=date(2026, 11, 30)))
    assert "Trouwen kan van 07-12-2026" in " ".join(answer.problems)
    fixed = instant_answer(_choice(free, rooms["small"], registrars["Anna"], at_time=time(10), guests=5))
    assert fixed.available


def test_too_many_guests_for_the_room_offers_the_rooms_that_fit_then_and_nearby(simple, rooms, registrars):
    answer = instant_answer(_choice(simple, rooms["small"], registrars["Anna"], guests=20))
    assert answer.problems == ["In Trouwkamer passen 12 gasten."]
    assert [(c.room.name, c.at) for c in answer.other_people_or_rooms] == [("Raadzaal", time(11))]
    assert answer.other_times and all(c.room == rooms["large"] and c.day == FRIDAY for c in answer.other_times)
    assert answer.other_days and all(c.room == rooms["large"] and c.at == time(11) for c in answer.other_days)
    labels = [label for _, label in answer.labelled_alternatives()]
    assert labels[0] == "Zelfde moment in Raadzaal"
    assert labels[1] == "Dezelfde dag om 10:30 uur in Raadzaal"
    assert all(c.guests == 20 for c in answer.alternatives)


def test_guests_no_room_of_the_ceremony_holds_are_offered_another_ceremony(simple, rooms, registrars):
    free = CeremonyType.objects.create(name="Gratis", slug="gratis", fee=0, duration_minutes=15)
    free.rooms.set([rooms["small"]])
    answer = instant_answer(_choice(free, rooms["small"], registrars["Anna"], guests=20))
    assert "Voor 20 gasten is bij deze ceremonie geen zaal groot genoeg." in answer.problems
    assert [(c.ceremony, c.room, c.at) for c in answer.other_ceremonies] == [(simple, rooms["large"], time(11))]
    assert [label for _, label in answer.labelled_alternatives()] == ["Eenvoudig: zelfde moment in Raadzaal"]

    nowhere = instant_answer(_choice(free, rooms["small"], registrars["Anna"], guests=500))
    assert not nowhere.alternatives  # no room anywhere: the page says to choose differently


def test_the_planner_page_answers_without_javascript_and_as_a_fragment(client, simple, rooms, registrars):
    params = _params(rooms["small"], registrars["Anna"])
    page = client.get("/huwelijk/?" + params)
    assert page.status_code == 200 and "Dit kan" in page.content.decode()
    fragment = client.get("/huwelijk/?" + params + "&fragment=1").content.decode()
    assert "Dit kan" in fragment and "<html" not in fragment
    for wrong, message in (
        ("datum=2027-02-30", "Vul een bestaande datum in."),
        ("gasten=-1", "negatief"),
        ("gasten=veel", "in cijfers"),
        ("tijd=03:17", "Kies een tijd uit de lijst."),
        ("zaal=999999", "Kies een zaal uit de lijst."),
        ("ceremonie=<script>", "Kies een ceremonie uit de lijst."),
    ):
        name = wrong.split("=")[0]
        broken = re.sub(rf"{name}=[^&]*", wrong, params)
        response = client.get("/huwelijk/?" + broken)
        assert response.status_code == 400 and message in response.content.decode(), wrong


def test_reserving_holds_room_and_registrar_and_registers_the_notice_as_a_case(client, simple, rooms, registrars):
    resident = make_resident()
    login_resident(client, resident)
    params = _params(rooms["small"], registrars["Anna"])
    assert client.get("/huwelijk/reserveren/?" + params).status_code == 200
    response = client.post("/huwelijk/reserveren/?" + params, {"partner_bsn": "123"})
    assert response.status_code == 400 and "elfproef" in response.content.decode()
    response = client.post("/huwelijk/reserveren/?" + params, {"partner_bsn": resident.bsn})
    assert "niet het uwe" in response.content.decode()
    response = client.post("/huwelijk/reserveren/?" + params, {"partner_bsn": PARTNER_BSN})
    assert response.status_code == 302
    wedding = Wedding.objects.get()
    assert wedding.state == Wedding.State.PROVISIONAL and wedding.held_until.date() == date(2026, 11, 30)
    assert Claim.objects.filter(wedding=wedding).count() == 12  # 30 minutes, room and registrar
    assert Case.objects.get(pk=wedding.case_id).resident == resident
    assert wedding.authentication_context()["authorizee"]["legalSubject"]["identifier"] == resident.bsn
    assert "Ik bevestig" not in client.get(f"/mijn/huwelijk/{wedding.uuid}/").content.decode()

    stranger = make_resident()
    login_resident(client, stranger)
    assert client.get(f"/mijn/huwelijk/{wedding.uuid}/").status_code == 404
    assert client.post(f"/mijn/huwelijk/{wedding.uuid}/bevestigen/").status_code == 404


def test_the_partner_confirms_with_their_own_digid(client, simple, rooms, registrars):
    from auth.services import resident_get_or_create

    resident = make_resident()
    wedding = wedding_reserve(
        choice=_choice(simple, rooms["small"], registrars["Anna"]), resident=resident, partner_bsn=PARTNER_BSN
    )
    with pytest.raises(ValidationError):
        wedding_confirm(wedding=wedding, partner=resident)
    partner = resident_get_or_create(bsn=PARTNER_BSN)
    login_resident(client, partner)
    overview = client.get("/mijn/").content.decode()
    assert "Bevestig uw voorgenomen huwelijk" in overview
    response = client.post(f"/mijn/huwelijk/{wedding.uuid}/bevestigen/", follow=True)
    assert "U heeft het voorgenomen huwelijk bevestigd" in response.content.decode()
    wedding.refresh_from_db()
    assert wedding.state == Wedding.State.CONFIRMED and wedding.partner == partner
    assert wedding.held_until is not None, "still held: the fee of € 145 is to be paid within the 7 days"
    assert resident.messages.filter(subject__contains="bevestigd").exists()
    assert weddings_expire() == 0


def test_unconfirmed_reservations_expire_and_free_the_slot(simple, rooms, registrars, clock):
    resident = make_resident()
    choice = _choice(simple, rooms["small"], registrars["Anna"])
    wedding = wedding_reserve(choice=choice, resident=resident, partner_bsn=PARTNER_BSN)
    with pytest.raises(SlotTaken) as taken:
        wedding_reserve(choice=choice, resident=make_resident(), partner_bsn=OTHER_PARTNER_BSN)
    assert taken.value.alternatives
    clock.move_to("2026-11-30 10:00:01")
    call_command("appointments_run", stdout=io.StringIO())
    assert weddings_expire() == 0  # the command already did it; a second run does nothing
    wedding.refresh_from_db()
    assert wedding.state == Wedding.State.EXPIRED and not wedding.claims.exists()
    assert resident.messages.filter(subject__contains="verlopen").exists()
    from auth.services import resident_get_or_create

    with pytest.raises(ValidationError, match="verlopen"):
        wedding_confirm(wedding=wedding, partner=resident_get_or_create(bsn=PARTNER_BSN))
    assert instant_answer(choice).available


def test_an_own_registrar_needs_a_name_and_holds_only_the_room(simple, rooms, registrars):
    choice = _choice(simple, rooms["small"], None)
    with pytest.raises(ValidationError):
        wedding_reserve(choice=choice, resident=make_resident(), partner_bsn=PARTNER_BSN)
    wedding = wedding_reserve(
        choice=choice, resident=make_resident(), partner_bsn=PARTNER_BSN, own_registrar_name="Tante Jo"
    )
    assert set(wedding.claims.values_list("resource_id", flat=True)) == {rooms["small"].pk}
    assert wedding.starts_at == at("2027-01-08", 11)


def test_one_reservation_per_couple_whichever_partner_tries_again(simple, rooms, registrars, clock):
    from auth.services import resident_get_or_create

    resident = make_resident()
    first = wedding_reserve(
        choice=_choice(simple, rooms["small"], registrars["Anna"]), resident=resident, partner_bsn=PARTNER_BSN
    )
    later = _choice(simple, rooms["small"], registrars["Anna"], at_time=time(11, 30))
    with pytest.raises(WeddingAlreadyHeld) as again:
        wedding_reserve(choice=later, resident=resident, partner_bsn=OTHER_PARTNER_BSN)
    assert again.value.wedding == first
    partner = resident_get_or_create(bsn=PARTNER_BSN)
    with pytest.raises(WeddingAlreadyHeld):  # the partner, with someone else: still one of the couple
        wedding_reserve(choice=later, resident=partner, partner_bsn=OTHER_PARTNER_BSN)
    assert Wedding.objects.count() == 1 and not Claim.objects.filter(starts_at__gte=at("2027-01-08", 11, 30)).exists()

    clock.move_to("2026-11-30 10:00:01")  # the hold ran out (even before the expiry run): they may start again
    assert wedding_reserve(choice=later, resident=resident, partner_bsn=OTHER_PARTNER_BSN).state == "provisional"


def test_a_second_attempt_offers_to_move_the_reservation_and_moving_keeps_the_deadline(
    client, simple, rooms, registrars
):
    resident = make_resident()
    login_resident(client, resident)
    wedding = wedding_reserve(
        choice=_choice(simple, rooms["small"], registrars["Anna"]), resident=resident, partner_bsn=PARTNER_BSN
    )
    held_until = wedding.held_until
    later = _params(rooms["large"], registrars["Bram"]).replace("11:00", "14:00").replace("gasten=10", "gasten=30")
    offer = client.get("/huwelijk/reserveren/?" + later)
    html = offer.content.decode()
    assert offer.status_code == 409 and "U heeft al een huwelijksreservering" in html
    assert "Verplaats mijn reservering" in html and "Raadzaal" in html and "Trouwkamer" in html
    moved = client.post(f"/mijn/huwelijk/{wedding.uuid}/verplaatsen/?" + later, follow=True)
    assert "Uw reservering is verplaatst" in moved.content.decode()
    wedding.refresh_from_db()
    assert (wedding.room, wedding.registrar, wedding.guests) == (rooms["large"], registrars["Bram"], 30)
    assert wedding.starts_at == at("2027-01-08", 14) and wedding.held_until == held_until
    assert set(Claim.objects.filter(wedding=wedding).values_list("resource_id", flat=True)) == {
        rooms["large"].pk,
        registrars["Bram"].pk,
    }
    assert instant_answer(_choice(simple, rooms["small"], registrars["Anna"])).available  # the old moment is free


def test_moving_onto_a_taken_moment_keeps_the_reservation_and_offers_alternatives(client, simple, rooms, registrars):
    resident = make_resident()
    login_resident(client, resident)
    mine = wedding_reserve(
        choice=_choice(simple, rooms["small"], registrars["Anna"]), resident=resident, partner_bsn=PARTNER_BSN
    )
    wedding_reserve(
        choice=_choice(simple, rooms["large"], registrars["Bram"]),
        resident=make_resident(),
        partner_bsn=OTHER_PARTNER_BSN,
    )
    taken = client.post(f"/mijn/huwelijk/{mine.uuid}/verplaatsen/?" + _params(rooms["large"], registrars["Bram"]))
    assert taken.status_code == 409 and "Uw reservering is niet veranderd" in taken.content.decode()
    mine.refresh_from_db()
    assert mine.room == rooms["small"] and Claim.objects.filter(wedding=mine).count() == 12
    with pytest.raises(ValidationError):  # someone outside the couple
        wedding_move(wedding=mine, choice=_choice(simple, rooms["small"], registrars["Bram"]), by=make_resident())
    stranger = make_resident()
    login_resident(client, stranger)
    assert (
        client.get(
            f"/mijn/huwelijk/{mine.uuid}/verplaatsen/?" + _params(rooms["small"], registrars["Bram"])
        ).status_code
        == 404
    )


def test_the_couple_cancels_a_provisional_reservation_after_confirming_once(client, simple, rooms, registrars):
    from auth.services import resident_get_or_create

    resident = make_resident()
    wedding = wedding_reserve(
        choice=_choice(simple, rooms["small"], registrars["Anna"]), resident=resident, partner_bsn=PARTNER_BSN
    )
    partner = resident_get_or_create(bsn=PARTNER_BSN)
    login_resident(client, partner)  # either partner may cancel
    question = client.get(f"/mijn/huwelijk/{wedding.uuid}/annuleren/")
    assert "Weet u zeker" in question.content.decode() and "Trouwkamer" in question.content.decode()
    wedding.refresh_from_db()
    assert wedding.state == Wedding.State.PROVISIONAL, "asking is not cancelling"
    client.post(f"/mijn/huwelijk/{wedding.uuid}/annuleren/", {})  # without the confirmation nothing happens
    wedding.refresh_from_db()
    assert wedding.state == Wedding.State.PROVISIONAL
    done = client.post(f"/mijn/huwelijk/{wedding.uuid}/annuleren/", {"confirm": "yes"}, follow=True)
    assert "is geannuleerd" in done.content.decode()
    wedding.refresh_from_db()
    assert wedding.state == Wedding.State.CANCELLED and not wedding.claims.exists()
    assert resident.messages.filter(subject__contains="geannuleerd").exists()
    assert client.get(f"/mijn/huwelijk/{wedding.uuid}/annuleren/").status_code == 404  # gone from their list
    with pytest.raises(ValidationError):
        wedding_cancel(wedding=wedding, by=resident)


def test_a_confirmed_wedding_is_not_cancelled_online(client, simple, rooms, registrars):
    from auth.services import resident_get_or_create

    resident = make_resident()
    wedding = wedding_reserve(
        choice=_choice(simple, rooms["small"], registrars["Anna"]), resident=resident, partner_bsn=PARTNER_BSN
    )
    wedding_confirm(wedding=wedding, partner=resident_get_or_create(bsn=PARTNER_BSN))
    login_resident(client, resident)
    response = client.get(f"/mijn/huwelijk/{wedding.uuid}/annuleren/", follow=True)
    assert "via de gemeente" in response.content.decode()
    client.post(f"/mijn/huwelijk/{wedding.uuid}/annuleren/", {"confirm": "yes"})
    wedding.refresh_from_db()
    assert wedding.state == Wedding.State.CONFIRMED and wedding.claims.exists()


# -- the ceremony's fee, paid within the hold ------------------------------------------------------------------------


@pytest.fixture
def psp(monkeypatch):
    from tests import testserver

    return testserver.install(monkeypatch)


def _reserved_and_confirmed(simple, rooms, registrars):
    from auth.services import resident_get_or_create

    resident = make_resident()
    wedding = wedding_reserve(
        choice=_choice(simple, rooms["small"], registrars["Anna"]), resident=resident, partner_bsn=PARTNER_BSN
    )
    return wedding_confirm(wedding=wedding, partner=resident_get_or_create(bsn=PARTNER_BSN))


def _pay(wedding, django_capture_on_commit_callbacks):
    from portal.payments.services import payment_start, payment_sync
    from tests.payments.conftest import settle

    payment = payment_start(purpose="wedding", purpose_id=str(wedding.uuid))
    settle(payment, "paid")
    with django_capture_on_commit_callbacks(execute=True):
        return payment_sync(payment=payment, source="webhook")


def test_paid_and_confirmed_within_the_hold_the_wedding_stands(
    psp, simple, rooms, registrars, clock, django_capture_on_commit_callbacks
):
    wedding = _reserved_and_confirmed(simple, rooms, registrars)
    payment = _pay(wedding, django_capture_on_commit_callbacks)
    assert (payment.amount_cents, payment.state) == (14500, "paid")
    assert payment.description == "Eenvoudig op 8 januari 2027"
    wedding.refresh_from_db()
    assert wedding.paid_at is not None and wedding.held_until is None
    clock.move_to("2026-12-30 10:00")
    assert weddings_expire() == 0 and Wedding.objects.get(pk=wedding.pk).state == Wedding.State.CONFIRMED


def test_confirmed_but_not_paid_within_7_days_the_hold_lapses(simple, rooms, registrars, clock):
    wedding = _reserved_and_confirmed(simple, rooms, registrars)
    clock.move_to("2026-11-30 10:00:01")
    assert weddings_expire() == 1
    wedding.refresh_from_db()
    assert wedding.state == Wedding.State.EXPIRED and not wedding.claims.exists()
    assert wedding.resident.messages.filter(body__contains="niet binnen 7 dagen betaald").exists()


def test_a_fee_paid_after_the_hold_lapsed_is_refunded(
    psp, simple, rooms, registrars, clock, django_capture_on_commit_callbacks
):
    from portal.payments.models import Refund
    from portal.payments.services import payment_start, payment_sync
    from tests.payments.conftest import settle

    wedding = _reserved_and_confirmed(simple, rooms, registrars)
    payment = payment_start(purpose="wedding", purpose_id=str(wedding.uuid))
    clock.move_to("2026-11-30 10:00:01")
    weddings_expire()
    settle(payment, "paid")  # the bank confirms just too late
    with django_capture_on_commit_callbacks(execute=True):
        payment_sync(payment=payment, source="webhook")
    assert Refund.objects.get(payment=payment).amount_cents == 14500
    assert Wedding.objects.get(pk=wedding.pk).state == Wedding.State.EXPIRED


def test_the_couple_pays_from_the_wedding_page_and_nobody_else_can(client, psp, simple, rooms, registrars):
    wedding = _reserved_and_confirmed(simple, rooms, registrars)
    login_resident(client, wedding.resident)
    page = client.get(f"/mijn/huwelijk/{wedding.uuid}/").content.decode()
    assert "Kosten betalen" in page and "€ 145,00" in page
    response = client.post(f"/mijn/huwelijk/{wedding.uuid}/betalen/")
    assert response.status_code == 302 and "/psp/checkout/tr_" in response.url
    assert "Nog te betalen" in client.get("/mijn/betalingen/").content.decode()
    login_resident(client, make_resident())
    assert client.post(f"/mijn/huwelijk/{wedding.uuid}/betalen/").status_code == 404


def test_a_free_ceremony_asks_no_payment(client, rooms, registrars, clock):
    free = CeremonyType.objects.create(name="Gratis", slug="gratis-ceremonie", fee=0, duration_minutes=15)
    free.rooms.set(rooms.values())
    from auth.services import resident_get_or_create

    wedding = wedding_reserve(
        choice=_choice(free, rooms["small"], registrars["Anna"]), resident=make_resident(), partner_bsn=PARTNER_BSN
    )
    wedding = wedding_confirm(wedding=wedding, partner=resident_get_or_create(bsn=PARTNER_BSN))
    assert wedding.held_until is None, "confirmed and nothing to pay: it stands"
    login_resident(client, wedding.resident)
    assert "Kosten betalen" not in client.get(f"/mijn/huwelijk/{wedding.uuid}/").content.decode()


def test_the_couple_s_messages_are_in_the_resident_s_language(simple, rooms, registrars):
    """The partner confirms in Dutch; the resident who reserved reads both messages in their account's English."""
    from django.utils import translation

    from auth.services import resident_get_or_create

    resident = make_resident()
    resident.language = "en"
    resident.save(update_fields=["language"])
    first = wedding_reserve(
        choice=_choice(simple, rooms["small"], registrars["Anna"]), resident=resident, partner_bsn=PARTNER_BSN
    )
    partner = resident_get_or_create(bsn=PARTNER_BSN)
    with translation.override("nl"):
        wedding_cancel(wedding=first, by=partner)
    second = wedding_reserve(
        choice=_choice(simple, rooms["large"], registrars["Bram"]), resident=resident, partner_bsn=PARTNER_BSN
    )
    with translation.override("nl"):
        wedding_confirm(wedding=second, partner=partner)
        assert translation.get_language() == "nl", "the partner's own language is left as it was"
    subjects = list(resident.messages.order_by("pk").values_list("subject", flat=True))
    assert subjects[-2:] == [
        "Your provisional wedding reservation has been cancelled",
        "Your partner has confirmed the wedding",
    ]

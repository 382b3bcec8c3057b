"""The records team in the admin: destruction lists (review by one, approval by another), legal holds and the
retention per case type. Other seats see none of it."""

import pytest
from django.contrib.auth import get_user_model

from portal.cases.models import Case, CaseType
from portal.records.models import DestructionList, LegalHold
from portal.records.services import retention_run
from tests.helpers import login_staff

LISTS = "/cms/archief/vernietigingslijsten/"
HOLDS = "/cms/archief/bewaarplichten/"


def _as(client, username):
    user = get_user_model().objects.get(username=username)
    login_staff(client, user)
    return user


@pytest.fixture
def proposed(demo_site):
    """The demo's list: one extract closed fourteen months ago."""
    return DestructionList.objects.get()


def test_one_reviews_another_approves_and_the_list_stays_as_the_record(
    client, proposed, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    case = Case.objects.get(identification=proposed.items.get().identification)
    _as(client, "archivaris")
    with django_assert_max_num_queries(15):
        listing = client.get(LISTS)
    assert listing.status_code == 200 and proposed.number in listing.content.decode()
    with django_assert_max_num_queries(15):
        detail = client.get(f"{LISTS}{proposed.number}/").content.decode()
    assert case.identification in detail and "Uittreksel BRP" in detail and "Beoordeling afronden" in detail

    item = proposed.items.get()
    refused = client.post(f"{LISTS}{proposed.number}/", {"action": "review", f"keep_{item.pk}": "on"})
    assert refused.status_code == 400 and "Zeg waarom" in refused.content.decode()
    assert client.post(f"{LISTS}{proposed.number}/", {"action": "review"}).status_code == 302
    own = client.get(f"{LISTS}{proposed.number}/").content.decode()
    assert "Een tweede persoon moet haar goedkeuren" in own and "Goedkeuren en vernietigen" not in own
    client.post(f"{LISTS}{proposed.number}/", {"action": "approve"})
    assert DestructionList.objects.get().state == DestructionList.State.REVIEWED, "the reviewer cannot approve"

    _as(client, "informatiebeheerder")
    assert "Goedkeuren en vernietigen" in client.get(f"{LISTS}{proposed.number}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{LISTS}{proposed.number}/", {"action": "approve"}).status_code == 302
    done = DestructionList.objects.get()
    assert done.state == DestructionList.State.DESTROYED, "the destruction ran as a task"
    assert not Case.objects.filter(pk=case.pk).exists()
    record = client.get(f"{LISTS}{proposed.number}/").content.decode()
    assert "vernietigd" in record and "Demo Archivaris" in record and "Demo Informatiebeheerder" in record
    assert client.post(f"{LISTS}{proposed.number}/", {"action": "reject", "reason": "te laat"}).status_code == 302
    assert DestructionList.objects.get().state == DestructionList.State.DESTROYED


def test_a_rejection_needs_a_reason_and_destroys_nothing(client, proposed):
    _as(client, "archivaris")
    empty = client.post(f"{LISTS}{proposed.number}/", {"action": "reject", "reason": ""})
    assert empty.status_code == 400 and 'id="id_reason-error"' in empty.content.decode()
    huge = client.post(f"{LISTS}{proposed.number}/", {"action": "reject", "reason": "x" * 5000})
    assert huge.status_code == 400
    client.post(f"{LISTS}{proposed.number}/", {"action": "reject", "reason": "Eerst een steekproef"})
    assert DestructionList.objects.get().state == DestructionList.State.REJECTED
    assert Case.objects.filter(identification=proposed.items.get().identification).exists()


def test_unknown_lists_and_actions_are_answered_plainly(client, proposed):
    _as(client, "archivaris")
    assert client.get(f"{LISTS}VL-0000-99999/").status_code == 404
    assert client.get(f"{LISTS}<script>/").status_code == 404
    odd = client.post(f"{LISTS}{proposed.number}/", {"action": "approve"})
    assert odd.status_code == 302, "approving a list not yet reviewed is refused with a message"
    assert DestructionList.objects.get().state == DestructionList.State.TO_REVIEW


@pytest.mark.parametrize("username", ["redacteur", "medewerker-burgerzaken", "medewerker-financien"])
def test_other_seats_see_no_records(client, proposed, username):
    _as(client, username)
    for url in (LISTS, f"{LISTS}{proposed.number}/", "/cms/archief/bewaarplichten/", "/cms/archief/bewaartermijnen/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    client.post(f"{LISTS}{proposed.number}/", {"action": "review"})
    assert DestructionList.objects.get().state == DestructionList.State.TO_REVIEW


def test_a_legal_hold_is_placed_on_an_existing_case_only_and_keeps_it_off_the_next_list(client, demo_site):
    user = _as(client, "archivaris")
    assert client.get("/cms/archief/bewaarplichten/").status_code == 200
    assert client.get("/cms/archief/bewaarplichten/new/").status_code == 200
    unknown = client.post(
        f"{HOLDS}new/", {"kind": "case", "identification": "ZAAK-1999-000001", "reason": "Rechtszaak"}
    )
    assert unknown.status_code == 200 and "Er is geen zaak met dit nummer" in unknown.content.decode()
    foreign_kind = client.post(f"{HOLDS}new/", {"kind": "'; DROP TABLE", "identification": "x", "reason": "x"})
    assert foreign_kind.status_code == 200 and not LegalHold.objects.exists()
    case = Case.objects.filter(closed_at__isnull=True).first()
    client.post(f"{HOLDS}new/", {"kind": "case", "identification": f" {case.identification} ", "reason": "WOO"})
    hold = LegalHold.objects.get()
    assert (hold.identification, hold.placed_by) == (case.identification, user)
    assert client.get(f"/cms/archief/bewaarplichten/edit/{hold.pk}/").status_code == 200


def test_the_retention_per_case_type_is_kept_here_and_case_types_are_not_made_here(client, demo_site):
    _as(client, "archivaris")
    listing = client.get("/cms/archief/bewaartermijnen/")
    assert listing.status_code == 200 and "Geboorteaangifte" in listing.content.decode()
    extract = CaseType.objects.get(name="Uittreksel BRP")
    assert client.get(f"/cms/archief/bewaartermijnen/edit/{extract.pk}/").status_code == 200
    response = client.post(
        f"/cms/archief/bewaartermijnen/edit/{extract.pk}/",
        {"archive_action": "vernietigen", "retention_years": "2", "selection_list_category": "1.1.2"},
    )
    assert response.status_code == 302
    extract.refresh_from_db()
    assert (extract.retention_years, extract.selection_list_category, extract.service_norm_days) == (2, "1.1.2", 3)
    assert (
        client.post(
            f"/cms/archief/bewaartermijnen/edit/{extract.pk}/", {"archive_action": "weggooien", "retention_years": "-1"}
        ).status_code
        == 200
    )
    assert client.get("/cms/archief/bewaartermijnen/new/").status_code in (302, 403)
    assert retention_run() == [], "with a two-year term the demo's extract is not due yet"

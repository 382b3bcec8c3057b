"""Records law: what passed its term is proposed once, reviewed by one person, approved by another, and then gone
(rows and files), with a record of what was destroyed that holds no content. Legal holds win; nothing else moves."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from forms_engine.models import Registration, Submission, Upload
from portal.cases.models import Case, CaseType, Document, StatusChange
from portal.core.storage import private_storage
from portal.records import retention
from portal.records.models import DestructionItem, DestructionList, LegalHold
from portal.records.services import (
    NotAllowed,
    destruction_list_approve,
    destruction_list_destroy,
    destruction_list_reject,
    destruction_list_review,
    retention_run,
)
from tests.factories.users import EditorFactory


def _identifications(*destruction_lists) -> set[str]:
    return set(
        DestructionItem.objects.filter(destruction_list__in=destruction_lists).values_list("identification", flat=True)
    )


def _approved(destruction_list, *, excluded=None):
    reviewer, approver = EditorFactory(), EditorFactory()
    destruction_list_review(destruction_list=destruction_list, user=reviewer, excluded=excluded or {})
    return destruction_list_approve(destruction_list=destruction_list, user=approver)


def test_the_run_proposes_only_what_passed_its_term_and_proposes_it_once(records):
    [proposed] = retention_run()
    a, b = records["a"], records["b"]
    assert _identifications(proposed) == {
        a["old"].identification,
        b["old"].identification,
        a["submission"].reference,
        b["submission"].reference,
    }, "not the recent, the open, the kept-for-ever case, nor the new submission"
    item = proposed.items.get(identification=a["old"].identification)
    assert (item.kind, item.type_name, item.closed_on) == ("case", "Uittreksel", a["old"].closed_at.astimezone().date())
    assert item.term_ended_on <= date.today()
    assert proposed.state == DestructionList.State.TO_REVIEW and proposed.number.startswith("VL-")
    assert retention_run() == [], "a second run finds nothing new"
    assert DestructionList.objects.count() == 1


def test_a_large_backlog_becomes_lists_of_a_reviewable_size(records):
    lists = retention_run(list_size=3)
    assert [lst.items.count() for lst in lists] == [3, 1]
    assert len({lst.number for lst in lists}) == 2 and len(_identifications(*lists)) == 4
    assert retention_run(list_size=3) == []


def test_a_legal_hold_keeps_a_record_off_the_list(records, editor):
    held = records["a"]["old"]
    LegalHold.objects.create(kind="case", identification=held.identification, reason="Bezwaar loopt", placed_by=editor)
    assert held.identification not in _identifications(*retention_run())


def test_after_approval_the_records_and_their_files_are_gone_and_the_record_of_it_stays(
    records, django_capture_on_commit_callbacks
):
    a, b = records["a"], records["b"]
    files = [d.file.name for d in a["old"].documents.all()] + [a["submission"].receipt.name]
    files += [u.file.name for u in a["submission"].uploads.all()]
    assert all(private_storage().exists(name) for name in files)
    [proposed] = retention_run()
    with django_capture_on_commit_callbacks(execute=True):
        _approved(proposed)
    with django_capture_on_commit_callbacks(execute=True):
        destroyed = destruction_list_destroy(list_id=proposed.pk)

    assert destroyed.state == DestructionList.State.DESTROYED and destroyed.destroyed_at
    assert not Case.objects.filter(pk__in=[a["old"].pk, b["old"].pk]).exists()
    assert not StatusChange.objects.filter(case_id=a["old"].pk).exists()
    assert not Document.objects.filter(case_id=a["old"].pk).exists()
    assert not Submission.objects.filter(pk=a["submission"].pk).exists()
    assert not Upload.objects.filter(submission_id=a["submission"].pk).exists()
    assert not any(private_storage().exists(name) for name in files), "files in private storage are deleted too"
    # Everything else of both residents is untouched.
    for resident in (a, b):
        for key in ("recent", "kept", "open"):
            assert Case.objects.filter(pk=resident[key].pk).exists()
        assert resident["recent"].documents.get().file.storage.exists(resident["recent"].documents.get().file.name)
        assert Submission.objects.filter(pk=resident["new_submission"].pk).exists()
    # The record: identification, type and dates, every item destroyed, no content anywhere.
    assert set(destroyed.items.values_list("destroyed", flat=True)) == {True}
    record = str(list(DestructionItem.objects.values()))
    assert "Geheim" not in record and "besluit.pdf" not in record
    assert destroyed.reviewer_name and destroyed.approver_name and destroyed.reviewer_name != destroyed.approver_name
    assert retention_run() == [], "a rerun after destruction does nothing"
    assert destruction_list_destroy(list_id=proposed.pk).state == DestructionList.State.DESTROYED, "nor does a repeat"


def test_the_proposer_cannot_approve_their_own_review(records):
    [proposed] = retention_run()
    reviewer = EditorFactory()
    destruction_list_review(destruction_list=proposed, user=reviewer, excluded={})
    with pytest.raises(NotAllowed, match="tweede persoon"):
        destruction_list_approve(destruction_list=proposed, user=reviewer)
    assert DestructionList.objects.get(pk=proposed.pk).state == DestructionList.State.REVIEWED
    with pytest.raises(NotAllowed):
        destruction_list_review(destruction_list=proposed, user=EditorFactory(), excluded={})


def test_nothing_is_destroyed_before_approval(records):
    [proposed] = retention_run()
    destruction_list_destroy(list_id=proposed.pk)
    assert Case.objects.filter(pk=records["a"]["old"].pk).exists()
    destruction_list_review(destruction_list=proposed, user=EditorFactory(), excluded={})
    destruction_list_destroy(list_id=proposed.pk)
    assert Case.objects.filter(pk=records["a"]["old"].pk).exists()


def test_items_kept_at_review_or_held_after_approval_stay(records, editor):
    a, b = records["a"], records["b"]
    [proposed] = retention_run()
    kept = proposed.items.get(identification=a["old"].identification)
    _approved(proposed, excluded={kept.pk: "Nog nodig voor een klacht"})
    LegalHold.objects.create(kind="submission", identification=b["submission"].reference, reason="WOO-verzoek")
    destruction_list_destroy(list_id=proposed.pk)
    assert Case.objects.filter(pk=a["old"].pk).exists()
    assert Submission.objects.filter(pk=b["submission"].pk).exists()
    assert not Case.objects.filter(pk=b["old"].pk).exists()
    assert proposed.items.get(pk=kept.pk).excluded_reason == "Nog nodig voor een klacht"
    assert "bewaarplicht" in proposed.items.get(identification=b["submission"].reference).excluded_reason
    # What was kept without a hold comes back on the next list; what is held does not.
    assert _identifications(*retention_run()) == {a["old"].identification}


def test_a_review_that_keeps_everything_is_refused_and_a_rejection_needs_a_reason(records):
    [proposed] = retention_run()
    everything = {item.pk: "alles houden" for item in proposed.items.all()}
    with pytest.raises(NotAllowed, match="niets over"):
        destruction_list_review(destruction_list=proposed, user=EditorFactory(), excluded=everything)
    assert not DestructionItem.objects.exclude(excluded_reason="").exists(), "the refused review changed nothing"
    with pytest.raises(NotAllowed, match="reden"):
        destruction_list_reject(destruction_list=proposed, user=EditorFactory(), reason="  ")
    rejected = destruction_list_reject(destruction_list=proposed, user=EditorFactory(), reason="Steekproef eerst")
    assert rejected.state == DestructionList.State.REJECTED
    destruction_list_destroy(list_id=proposed.pk)
    assert Case.objects.filter(pk=records["a"]["old"].pk).exists()
    assert len(_identifications(*retention_run())) == 4, "a rejected list's items are proposed again"


def test_a_submission_that_became_a_case_goes_with_its_case(records):
    case = records["a"]["open"]
    submission = records["a"]["submission"]
    Case.objects.filter(pk=case.pk).update(submission_uuid=submission.uuid)
    assert submission.reference not in _identifications(*retention_run())


def test_registrations_of_a_destroyed_submission_go_too(records):
    submission = records["a"]["submission"]
    Registration.objects.create(submission=submission, destination="email", state="done")
    [proposed] = retention_run()
    _approved(proposed)
    destruction_list_destroy(list_id=proposed.pk)
    assert not Registration.objects.filter(submission_id=submission.pk).exists()


@pytest.mark.parametrize(
    ("closed", "years", "today", "expired"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 27), False),
        (date(2024, 2, 29), 1, date(2025, 2, 28), True),
        (date(2025, 3, 1), 1, date(2026, 2, 28), False),
        (date(2025, 3, 1), 1, date(2026, 3, 1), True),
        (date(2020, 12, 31), 7, date(2027, 12, 30), False),
        (date(2020, 12, 31), 7, date(2027, 12, 31), True),
    ],
)
def test_a_case_reaches_its_term_on_the_anniversary_of_its_closing(records, closed, years, today, expired):
    case = records["a"]["recent"]
    CaseType.objects.filter(pk=case.case_type_id).update(retention_years=years)
    late_evening = timezone.make_aware(datetime.combine(closed, time(23, 30)))  # still that day in Amsterdam
    Case.objects.filter(pk=case.pk).update(closed_at=late_evening)
    proposed = retention.rule("case").expired(today, [case.pk])
    assert bool(proposed) is expired
    if expired:
        assert (proposed[0].closed_on, proposed[0].term_ended_on <= today) == (closed, True)


def test_every_app_s_rule_is_registered():
    assert {rule.kind for rule in retention.rules()} == {"case", "submission"}

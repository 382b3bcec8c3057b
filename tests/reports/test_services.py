import math
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from freezegun import freeze_time

from portal.cases.workdays import add_working_days
from portal.core.models import AccessLogEntry
from portal.core.uploads import CheckedUpload
from portal.inbox.models import Message
from portal.reports import services
from portal.reports.models import Follower, Photo, Report, Update
from tests.factories.cases import make_resident
from tests.factories.users import UserFactory
from tests.reports.conftest import jpeg, make_report


def _photo(name="foto.jpg"):
    data = jpeg()
    return CheckedUpload(ContentFile(data, name=name), name, "image/jpeg", len(data))


@pytest.fixture
def staff(team):
    user = UserFactory(is_staff=True)
    team.members.add(user)
    return user


def test_a_report_is_numbered_routed_and_due_after_the_categorys_working_days(categories, resident):
    with freeze_time("2026-12-04 10:00"):
        report = make_report(categories["lamp"], resident=resident, photos=[_photo()])
    assert report.reference == "MOR-2026-000001"
    assert report.team == categories["lamp"].team
    assert report.due_on == add_working_days(report.created_at.date(), 5)
    assert report.status == Report.Status.RECEIVED
    assert report.photos.count() == 1
    assert list(report.updates.values_list("status", flat=True)) == ["gemeld"]
    assert make_report(categories["lamp"]).reference.endswith("000002")


def test_a_logged_in_reporter_hears_of_each_status_change_in_the_inbox(
    categories, resident, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(categories["lamp"], resident=resident)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_set_status(report=report, status="ingepland", public_text="Maandag komt de monteur.", by=staff)
    messages = Message.objects.filter(resident=resident).order_by("created_at", "pk")
    assert [m.subject for m in messages] == [
        f"Uw melding {report.reference}: gemeld",
        f"Uw melding {report.reference}: ingepland",
    ]
    assert messages[1].body == "Maandag komt de monteur."
    assert messages[1].link_url == f"/mijn/meldingen/{report.uuid}/"


def test_anonymous_reporters_and_followers_get_a_mail_with_a_link_and_no_personal_data(
    categories, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(
            categories["lamp"],
            contact_email="melder@example.org",
            contact_name="Piet Melder",
            contact_phone="0612345678",
        )
        follower = services.report_follow(report=report, email="buur@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_set_status(
            report=report, status="afgehandeld", public_text="Lamp vervangen bij Piet.", by=staff
        )
    assert sorted(message.to[0] for message in mail.outbox) == ["buur@example.org", "melder@example.org"]
    for message in mail.outbox:
        assert report.reference in message.subject and "afgehandeld" in message.body
        for private in ("Piet", "0612345678", "lantaarnpaal brandt niet", "Lamp vervangen"):
            assert private not in message.body and private not in message.subject
    links = {message.to[0]: message.body.split("/meldingen/volgen/")[1].split("/")[0] for message in mail.outbox}
    assert services.report_for_token(links["melder@example.org"]) == (Report.objects.get(pk=report.pk), True)
    assert services.report_for_token(links["buur@example.org"]) == (Report.objects.get(pk=report.pk), False)
    # A retried notification task sends nothing twice.
    mail.outbox.clear()
    from portal.reports.notify import update_notify

    assert update_notify(update_id=report.updates.last().pk) == "already sent"
    assert mail.outbox == []
    assert follower.report_id == report.pk


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        (52.37, 4.89, "buiten de gemeente"),  # Amsterdam
        (5.1225, 52.0925, "omgewisseld"),
        (math.nan, 5.12, "bestaan niet"),
        (1e308, 5.12, "bestaan niet"),
        (math.inf, -math.inf, "bestaan niet"),
        ("noord", "oost", "kunnen we niet lezen"),
        (None, None, "kunnen we niet lezen"),
    ],
)
def test_a_point_that_is_not_in_the_municipality_is_refused_and_nothing_is_stored(
    categories, latitude, longitude, message
):
    with pytest.raises(ValidationError) as refused:
        make_report(categories["lamp"], latitude=latitude, longitude=longitude, photos=[_photo()])
    assert message in refused.value.message_dict["location"][0]
    assert not Report.objects.exists() and not Photo.objects.exists()


def test_bad_reports_are_refused_whole(categories):
    cases = [
        ({"category": categories["lighting"]}, "category"),  # a main category
        ({"description": "   "}, "description"),
        ({"description": "x" * 1001}, "description"),
        ({"photos": [_photo() for _i in range(6)]}, "photos"),
    ]
    for changes, field in cases:
        with pytest.raises(ValidationError) as refused:
            make_report(changes.pop("category", categories["lamp"]), **changes)
        assert field in refused.value.message_dict
    categories["container"].photo_required = True
    categories["container"].save()
    with pytest.raises(ValidationError, match="foto nodig"):
        make_report(categories["container"])
    categories["lamp"].is_active = False
    categories["lamp"].save()
    with pytest.raises(ValidationError):
        make_report(categories["lamp"])
    assert not Report.objects.exists()


def test_following_is_once_per_resident_and_not_for_ones_own_or_a_closedmake_report(categories, resident, staff):
    report = make_report(categories["lamp"], resident=resident)
    neighbour = make_resident()
    first = services.report_follow(report=report, resident=neighbour)
    assert services.report_follow(report=report, resident=neighbour) == first
    with pytest.raises(ValidationError, match="eigen melding"):
        services.report_follow(report=report, resident=resident)
    services.report_set_status(report=report, status="afgehandeld", by=staff)
    report.refresh_from_db()
    with pytest.raises(ValidationError, match="al afgehandeld"):
        services.report_follow(report=report, resident=make_resident())
    assert Follower.objects.count() == 1


def test_staff_can_only_move_a_report_along_the_allowed_statuses(categories, staff):
    report = make_report(categories["lamp"])
    with pytest.raises(ValidationError):
        services.report_set_status(report=report, status="heropend", by=staff)
    with pytest.raises(ValidationError):
        services.report_set_status(report=report, status="onzin", by=staff)
    services.report_set_status(report=report, status="afgehandeld", by=staff)
    report.refresh_from_db()
    assert report.closed_at is not None
    entry = AccessLogEntry.objects.get(object_id=str(report.uuid))
    assert (entry.user, entry.team, entry.context) == (staff, "Openbare ruimte", "status afgehandeld")


def test_not_solved_within_14_days_reopens_the_report_for_the_team(categories, resident, staff):
    report = make_report(categories["lamp"], resident=resident)
    services.report_set_status(report=report, status="afgehandeld", by=staff)
    report.refresh_from_db()
    with pytest.raises(ValidationError):
        services.report_feedback(report=report, solved=False, reason="  ")
    services.report_feedback(report=report, solved=False, reason="Hij brandt nog steeds niet.")
    report.refresh_from_db()
    assert report.status == Report.Status.REOPENED and report.closed_at is None
    assert report.feedback.get().reason == "Hij brandt nog steeds niet."
    with pytest.raises(ValidationError, match="pas reageren"):
        services.report_feedback(report=report, solved=True)
    # Closed again: it may be answered again, once.
    services.report_set_status(report=report, status="afgehandeld", by=staff)
    report.refresh_from_db()
    services.report_feedback(report=report, solved=True)
    with pytest.raises(ValidationError, match="al gereageerd"):
        services.report_feedback(report=report, solved=False, reason="toch niet")
    report.refresh_from_db()
    assert report.status == Report.Status.CLOSED


def test_after_14_days_a_report_cannot_be_reopened(categories, staff):
    report = make_report(categories["lamp"])
    services.report_set_status(report=report, status="afgehandeld", by=staff)
    report.refresh_from_db()
    with (
        freeze_time(timezone.now() + timedelta(days=14, minutes=1)),
        pytest.raises(ValidationError, match="nieuwe melding"),
    ):
        services.report_feedback(report=report, solved=False, reason="Nog steeds kapot")
    report.refresh_from_db()
    assert report.status == Report.Status.CLOSED and not report.feedback.exists()


def test_merging_moves_the_reporter_and_followers_to_the_report_that_stays(categories, resident, staff):
    stays = make_report(categories["lamp"], resident=make_resident())
    duplicate = make_report(categories["lamp"], resident=resident)
    anonymous = make_report(categories["lamp"], contact_email="anoniem@example.org")
    neighbour = make_resident()
    services.report_follow(report=duplicate, resident=neighbour)
    services.report_follow(report=stays, resident=neighbour)  # already follows both: counted once
    services.report_merge(duplicate=duplicate, into=stays, by=staff)
    services.report_merge(duplicate=anonymous, into=stays, by=staff)
    duplicate.refresh_from_db()
    assert duplicate.status == Report.Status.MERGED and duplicate.merged_into == stays
    followers = stays.followers.all()
    assert {f.resident_id for f in followers if f.resident_id} == {resident.pk, neighbour.pk}
    assert [f.email for f in followers if not f.resident_id] == ["anoniem@example.org"]
    assert Update.objects.filter(report=duplicate, kind="merge").exists()
    with pytest.raises(ValidationError):
        services.report_merge(duplicate=stays, into=stays, by=staff)
    with pytest.raises(ValidationError):
        services.report_merge(duplicate=duplicate, into=stays, by=staff)  # no longer open


def test_a_forged_or_altered_link_finds_nothing(categories):
    report = make_report(categories["lamp"])
    token = services.follow_token(report)
    assert services.report_for_token(token)[0] == report
    for forged in (token[:-2] + "xx", "", "abc", token.replace(":", "-", 1)):
        assert services.report_for_token(forged) == (None, False)
    # A follower's link for another report does not open this one.
    other = make_report(categories["lamp"])
    follower = services.report_follow(report=other, email="x@example.org")
    from django.core import signing

    crafted = signing.dumps([str(report.uuid), follower.pk], salt=services.LINK_SALT)
    assert services.report_for_token(crafted)[0] is None


def test_photos_of_drafts_never_sent_are_deleted_after_a_day(db):
    import io
    import os
    import time

    from django.core.management import call_command

    from portal.core.storage import private_storage

    storage = private_storage()
    old = storage.save(f"{services.DRAFTS}/oud.jpg", ContentFile(jpeg()))
    new = storage.save(f"{services.DRAFTS}/nieuw.jpg", ContentFile(jpeg()))
    day_ago = time.time() - 25 * 3600
    os.utime(storage.path(old), (day_ago, day_ago))
    call_command("reports_purge", stdout=io.StringIO())
    assert not storage.exists(old) and storage.exists(new)
    storage.delete(new)
    assert services.draft_photos_purge() == 0


def test_each_follower_hears_in_their_own_language_whoever_changed_the_status(
    categories, resident, staff, django_capture_on_commit_callbacks
):
    """Staff work in Dutch; a reporter whose account is in English reads the message in English, a Dutch
    follower of the same report in Dutch (portal.inbox.language)."""
    from django.utils import translation

    resident.language = "en"
    resident.save(update_fields=["language"])
    neighbour = make_resident()
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(categories["lamp"], resident=resident)
        services.report_follow(report=report, resident=neighbour)
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        services.report_set_status(report=report, status="ingepland", public_text="", by=staff)
        assert translation.get_language() == "nl", "the sender's language is left as it was"
    english = Message.objects.filter(resident=resident).latest("pk")
    dutch = Message.objects.filter(resident=neighbour).latest("pk")
    with translation.override("en"):
        status = str(Report.Status("ingepland").label)
    assert english.subject == f"Your report {report.reference}: {status}"
    assert english.body == f"The status of your report is now: {status}."
    assert english.link_text == "View the report"
    assert dutch.subject == f"Uw melding {report.reference}: ingepland"


def test_a_handlers_own_words_to_an_english_reporter_are_kept_as_dutch(
    categories, resident, staff, django_capture_on_commit_callbacks
):
    resident.language = "en"
    resident.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(categories["lamp"], resident=resident)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_set_status(report=report, status="ingepland", public_text="Maandag.", by=staff)
    message = Message.objects.filter(resident=resident).latest("pk")
    assert (message.body, message.languages) == ("Maandag.", {"subject": "en", "body": "nl", "link_text": "en"})

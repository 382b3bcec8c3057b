import pytest
from django.core import mail
from django.core.files.base import ContentFile
from freezegun import freeze_time

from portal.cases.services import case_create, case_set_status
from portal.inbox.models import Attachment, Message
from portal.inbox.services import message_send
from tests.factories.cases import CaseTypeFactory, make_resident
from tests.factories.profile import ContactPreferencesFactory
from tests.factories.users import EditorFactory
from tests.helpers import login_resident


@pytest.fixture
def resident(db):
    resident = make_resident()
    ContactPreferencesFactory(resident=resident, email="bewoner@example.org")
    return resident


def test_a_status_change_reaches_the_resident_once_without_personal_data(resident, django_capture_on_commit_callbacks):
    case = case_create(case_type=CaseTypeFactory(name="Bijzondere bijstand"), resident=resident)
    staff = EditorFactory()
    next_status = case.case_type.status_types.get(order=2)
    with freeze_time("2026-11-23 10:00") as clock, django_capture_on_commit_callbacks(execute=True):
        case_set_status(case=case, status_type=next_status, by=staff, public_text="We bekijken uw bankafschriften.")
        clock.tick(5 * 60)
        case_set_status(case=case, status_type=next_status, by=staff, public_text="Nog een keer.")
    [message] = Message.objects.filter(resident=resident)
    assert message.subject == "Bijzondere bijstand: In behandeling"
    assert message.body == "We bekijken uw bankafschriften."
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["bewoner@example.org"]
    for secret in (resident.bsn, "bankafschriften", case.identification, "bijstand"):
        assert secret not in sent.subject + sent.body


@pytest.mark.parametrize(("language", "subject"), [("en", "You have a new message"), ("", "U heeft een nieuw bericht")])
def test_the_notice_of_a_new_message_is_in_the_resident_s_language_whoever_sent_it(
    resident, django_capture_on_commit_callbacks, language, subject
):
    from django.utils import translation

    from auth.services import account_language_set

    if language:
        account_language_set(user=resident, language=language)
    sender_language = "nl" if language else "en"  # staff, or a resident's request, in the other language
    with translation.override(sender_language):
        with django_capture_on_commit_callbacks(execute=True):
            message_send(resident=resident, subject="Uw pas is klaar", body="U kunt hem ophalen.")
        assert translation.get_language() == sender_language, "the sender's language is left as it was"
    [sent] = mail.outbox
    assert sent.subject.startswith(subject)
    assert sent.body.startswith("There is a new message" if language else "Er staat een nieuw bericht")


def test_the_same_status_after_the_window_is_announced_again(resident, django_capture_on_commit_callbacks):
    case = case_create(case_type=CaseTypeFactory(), resident=resident)
    status = case.case_type.status_types.get(order=2)
    with freeze_time("2026-11-23 10:00") as clock, django_capture_on_commit_callbacks(execute=True):
        case_set_status(case=case, status_type=status, by=EditorFactory())
        clock.tick(16 * 60)
        case_set_status(case=case, status_type=status, by=EditorFactory())
    assert Message.objects.filter(resident=resident).count() == 2


def test_a_notification_task_run_twice_makes_one_message(resident):
    from portal.cases.tasks import notify_status_change

    case = case_create(case_type=CaseTypeFactory(), resident=resident)
    change = case_set_status(case=case, status_type=case.case_type.status_types.get(order=2), by=None)
    assert notify_status_change.call(change_id=change.pk) == "sent"
    assert notify_status_change.call(change_id=change.pk) == "already sent"
    assert Message.objects.filter(status_change=change).count() == 1


def test_reading_marks_read_and_the_header_counts_unread(client, resident):
    first = message_send(resident=resident, subject="Uw paspoort", body="Het ligt klaar.")
    message_send(resident=resident, subject="Tweede", body="Tekst.")
    login_resident(client, resident)
    header = client.get("/mijn/berichten/").content.decode()
    assert '<span class="loket-count">2' in header
    page = client.get(first.get_absolute_url())
    assert "Het ligt klaar." in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    first.refresh_from_db()
    assert first.read_at is not None
    assert '<span class="loket-count">1' in client.get("/mijn/berichten/").content.decode()
    client.post(f"{first.get_absolute_url()}ongelezen/")
    first.refresh_from_db()
    assert first.read_at is None


def test_attachments_download_only_for_the_owner(client, resident):
    message = message_send(resident=resident, subject="Besluit", body="Zie bijlage.")
    attachment = Attachment.objects.create(
        message=message,
        file=ContentFile(b"%PDF-1.7 besluit", name="besluit.pdf"),
        name="Besluit.pdf",
        content_type="application/pdf",
        size=16,
    )
    login_resident(client, resident)
    response = client.get(f"{message.get_absolute_url()}bijlagen/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 besluit"
    assert "attachment" in response["Content-Disposition"]
    other = make_resident()
    login_resident(client, other)
    assert client.get(f"{message.get_absolute_url()}bijlagen/{attachment.pk}/").status_code == 404
    assert client.get(message.get_absolute_url()).status_code == 404
    assert client.post(f"{message.get_absolute_url()}ongelezen/").status_code == 404


def test_the_inbox_list_costs_the_same_for_5_or_500_messages(client, resident, django_assert_max_num_queries):
    login_resident(client, resident)
    Message.objects.bulk_create(Message(resident=resident, subject=f"Bericht {i}", body="x") for i in range(5))
    client.get("/mijn/berichten/")
    with django_assert_max_num_queries(10) as few:
        client.get("/mijn/berichten/")
    Message.objects.bulk_create(Message(resident=resident, subject=f"Bericht {i}", body="x") for i in range(495))
    with django_assert_max_num_queries(10) as many:
        page = client.get("/mijn/berichten/")
    assert len(many.captured_queries) == len(few.captured_queries)
    assert page.content.decode().count("loket-message__link") == 25

"""Getting a stored submission to its destinations: one attempt at a time, with a lease so two workers never
work on the same delivery, exponential backoff, a maximum, and a visible failed state staff can retry."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from forms_engine.destinations.base import PermanentError
from forms_engine.destinations.registry import registry
from forms_engine.models import Registration

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
LEASE = datetime.timedelta(minutes=5)


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, ... minutes, at most 6 hours, between attempts."""
    return datetime.timedelta(minutes=min(2 ** (attempts - 1), 360))


def registrations_create(*, submission) -> list[Registration]:
    """Called inside the submission's transaction: the deliveries exist as soon as the submission does."""
    registrations = [
        Registration.objects.create(submission=submission, destination=name, options=options)
        for name, options in submission.form.registration_targets()
    ]
    transaction.on_commit(lambda: [enqueue(registration) for registration in registrations])
    return registrations


def enqueue(registration: Registration) -> None:
    from forms_engine.tasks import deliver_registration

    deliver_registration.enqueue(registration_id=registration.pk)


def registration_attempt(*, registration_id: int) -> str:
    now = timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("submission__form")
            .get(pk=registration_id)
        )
        if registration.state != Registration.State.PENDING:
            return registration.state  # a duplicate task, or one for a delivery already finished
        if registration.running_until and registration.running_until > now:
            return "busy"
        registration.running_until = now + LEASE
        registration.attempts += 1
        registration.save(update_fields=["running_until", "attempts", "updated_at"])
    destination = registry[registration.destination]
    try:
        result = destination.register_submission(
            submission=registration.submission, options=registration.options, key=str(registration.uuid)
        )
    except Exception as error:  # noqa: BLE001 - any failure is recorded and retried, never lost
        return _failed(registration, error)
    Registration.objects.filter(pk=registration.pk).update(
        state=Registration.State.DONE,
        result=result,
        running_until=None,
        next_try_at=None,
        last_error="",
        updated_at=timezone.now(),
    )
    return Registration.State.DONE


def _failed(registration: Registration, error: Exception) -> str:
    permanent = isinstance(error, PermanentError)
    give_up = permanent or registration.attempts >= MAX_ATTEMPTS
    # The error's type and message only: destinations keep personal data out of their messages.
    text = f"{type(error).__name__}: {error}"[:300]
    logger.warning(
        "registration attempt failed",
        extra={"destination": registration.destination, "attempt": registration.attempts, "permanent": give_up},
    )
    now = timezone.now()
    next_try = None if give_up else now + backoff(registration.attempts)
    Registration.objects.filter(pk=registration.pk).update(
        state=Registration.State.FAILED if give_up else Registration.State.PENDING,
        last_error=text,
        running_until=None,
        next_try_at=next_try,
        updated_at=now,
    )
    if next_try is not None:
        _schedule(registration, next_try)
    return Registration.State.FAILED if give_up else "retry"


def _schedule(registration: Registration, when) -> None:
    """Where the queue can hold a task until a given time (the database queue can), the retry is queued now;
    `registrations_retry` remains the safety net (and the way for queues that cannot)."""
    from forms_engine.tasks import deliver_registration

    if deliver_registration.get_backend().supports_defer:
        deliver_registration.using(run_after=when).enqueue(registration_id=registration.pk)


def registrations_due(*, now=None):
    now = now or timezone.now()
    return Registration.objects.filter(state=Registration.State.PENDING, next_try_at__lte=now)


def registration_retry_now(*, registration: Registration) -> None:
    """Staff's "retry now": a failed or waiting delivery gets a fresh set of attempts, at once."""
    Registration.objects.filter(pk=registration.pk).update(
        state=Registration.State.PENDING, attempts=0, next_try_at=None, running_until=None, updated_at=timezone.now()
    )
    enqueue(registration)

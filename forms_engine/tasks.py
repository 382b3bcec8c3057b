from django_tasks import task


@task()
def deliver_registration(registration_id: int) -> str:
    from forms_engine.delivery import registration_attempt

    return registration_attempt(registration_id=registration_id)


@task()
def send_confirmation(submission_id: int) -> str:
    from forms_engine.confirmation import confirmation_send

    return confirmation_send(submission_id=submission_id)

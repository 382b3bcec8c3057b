from django_tasks import task


@task()
def payment_followup(payment_id: int) -> str:
    from portal.payments.services import payment_followup as followup

    return followup(payment_id=payment_id)

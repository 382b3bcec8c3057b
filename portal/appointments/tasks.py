from django_tasks import task


@task()
def send_booking_mail(booking_id: int, kind: str) -> str:
    from portal.appointments.mails import booking_mail_send

    return booking_mail_send(booking_id=booking_id, kind=kind)


@task()
def refund_cancelled_booking(booking_id: int) -> str:
    from portal.appointments.payment import refund_cancelled_booking as refund

    return refund(booking_id=booking_id)

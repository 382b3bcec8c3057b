from django.db.models.signals import post_save


def _copy_letters_on_first_login(sender, instance, created, **kwargs):
    if created and instance.bsn_digest:
        from portal.notices.services import notices_copy_to_new_account

        notices_copy_to_new_account(resident=instance)


def connect() -> None:
    from django.contrib.auth import get_user_model

    post_save.connect(_copy_letters_on_first_login, sender=get_user_model(), dispatch_uid="notices-copy-letters")

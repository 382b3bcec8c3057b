from django.contrib.auth.signals import user_logged_in


def _copy_letters_at_login(sender, request, user, **kwargs):
    """A resident's login copies the letters they got before they had an account into their inbox, in the language
    they log in with (chosen on this device just before, or their account's). At login, not when the account is
    made: an account made for them (at the counter, for a child) does not know their language yet."""
    if not getattr(user, "bsn_digest", ""):
        return
    from auth.views import chosen_before_login
    from portal.notices.services import notices_copy_to_new_account

    notices_copy_to_new_account(resident=user, language=chosen_before_login(request) or user.language)


def connect() -> None:
    user_logged_in.connect(_copy_letters_at_login, dispatch_uid="notices-copy-letters")

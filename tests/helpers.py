from auth.backends import SESSION_LOA
from auth.loa import MIDDEN


def login_resident(client, resident, *, loa: str = MIDDEN) -> None:
    """What a completed DigiD login leaves behind: the resident in the session, with their level of assurance."""
    client.force_login(resident, backend="auth.backends.DigiDBackend")
    session = client.session
    session[SESSION_LOA] = loa
    session.save()

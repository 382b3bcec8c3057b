from auth.backends import SESSION_LOA
from auth.loa import MIDDEN


def login_resident(client, resident, *, loa: str = MIDDEN) -> None:
    """What a completed DigiD login leaves behind: the resident in the session, with their level of assurance."""
    client.force_login(resident, backend="auth.backends.DigiDBackend")
    session = client.session
    session[SESSION_LOA] = loa
    session.save()


def login_business(client, company, *, loa: str = "urn:etoegang:core:assurance-class:loa3", branch: str = "") -> None:
    """What a completed eHerkenning login leaves behind: the company in the session, the level, and who acted."""
    from auth import eherkenning

    client.force_login(company, backend="auth.backends.DigiDBackend")
    session = client.session
    session[SESSION_LOA] = loa
    session[eherkenning.SESSION] = {"acting_subject": "medewerker-pseudoniem-1", "branch_number": branch}
    session.save()


def login_staff(client, user) -> None:
    """What a staff login with password and TOTP code leaves behind: the user, and the verified second factor."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="app", defaults={"confirmed": True})
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def assert_archival_and_accessible(pdf: bytes, *, language: str = "nl") -> None:
    """PDF/A-3a (archivable, tagged) that declares PDF/UA-1: a structure tree, marked content, the language, and the
    title shown. What veraPDF would check in depth, checked here in its essentials."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        metadata = document.open_metadata()
        assert metadata.pdfa_status == "3A"
        assert metadata.get("pdfuaid:part") == "1"
        assert "/OutputIntents" in document.Root and "/StructTreeRoot" in document.Root
        assert document.Root.MarkInfo.Marked is True
        assert str(document.Root.Lang) == language
        assert document.Root.ViewerPreferences.DisplayDocTitle is True
        assert metadata.get("dc:title"), "a title to show"

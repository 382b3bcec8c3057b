from django.conf import settings
from oauth2_provider.models import get_application_model


def ensure_portal_client() -> bool:
    """The portal as a client of the stand-in, with redirect URIs for LOKET_PUBLIC_URL. Returns: created."""
    Application = get_application_model()
    base = settings.LOKET_PUBLIC_URL
    fields = {
        "name": "Loket (portaal)",
        "client_type": Application.CLIENT_CONFIDENTIAL,
        "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
        "algorithm": Application.RS256_ALGORITHM,
        "redirect_uris": f"{base}/inloggen/digid/terug/",
        "post_logout_redirect_uris": f"{base}/uitgelogd/",
        "skip_authorization": True,
        # The stand-in's one client, whose secret is the portal's own configuration: kept as is. Checking a
        # PBKDF2 hash costs 0.23 s of CPU (holding the GIL) on every token request, which under load
        # (tests/bench/bench_load.py) made every login wait seconds and stalled the requests beside it.
        "hash_client_secret": False,
    }
    application = Application.objects.filter(client_id=settings.OIDC_RP_CLIENT_ID).first()
    if application is None:
        Application.objects.create(
            client_id=settings.OIDC_RP_CLIENT_ID, client_secret=settings.OIDC_RP_CLIENT_SECRET, **fields
        )
        return True
    changed = {name: value for name, value in fields.items() if getattr(application, name) != value}
    if "hash_client_secret" in changed:
        changed["client_secret"] = settings.OIDC_RP_CLIENT_SECRET  # the hashed one cannot be unhashed
    if changed:
        for name, value in changed.items():
            setattr(application, name, value)
        application.save(update_fields=list(changed))
    return False

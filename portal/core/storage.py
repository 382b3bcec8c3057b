"""Private files (uploads, attachments, receipts): never under MEDIA_URL, only served by permission-checking views."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


def private_storage():
    """A callable, so migrations refer to it instead of freezing one machine's folder into them.
    Production points STORAGES["private"] at S3-compatible object storage (django-storages)."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)

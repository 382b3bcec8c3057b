"""Private files (uploads, attachments, receipts): never under MEDIA_URL, only served by permission-checking views."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction


def private_storage():
    """A callable, so migrations refer to it instead of freezing one machine's folder into them.
    Production points STORAGES["private"] at S3-compatible object storage (django-storages)."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def delete_files_on_commit(files) -> None:
    """Deletes stored files (FieldFiles) once the transaction that removed their rows commits; a rollback keeps
    both rows and files."""
    names = [(stored.storage, stored.name) for stored in files if stored and stored.name]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])

"""Attachments live outside MEDIA_ROOT: the public web server never serves them."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_root():
    if settings.COMPLAINTS_PRIVATE_ROOT:
        return str(settings.COMPLAINTS_PRIVATE_ROOT)
    return str(Path(str(settings.MEDIA_ROOT).rstrip("/") + "-private") / "complaints")


def private_storage():
    """The attachments' storage; Django calls it once, when the models load, so the setting is read at start-up."""
    return FileSystemStorage(location=private_root(), base_url=None)

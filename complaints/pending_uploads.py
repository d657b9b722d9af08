"""Attachments that survive a failed submission of the complaint form.

A browser never re-fills a file input, so a validation error used to throw the chosen photo away. Files
that passed the attachment check (complaints/attachments.py cleans them exactly as for a stored case)
are instead written, already cleaned, into the private attachment storage under `pending/`, and the
visitor's session remembers them: the form shows "已上传：文件名" with a 移除 button, and the next valid
submission attaches them. They are never served (the private storage has no URL), belong to one
session, and expire after PENDING_MAX_AGE; `purge_complaint_personal_data` deletes what a vanished
session left behind.
"""

import hashlib
import secrets
import time

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import ComplaintAttachment
from complaints.storage import private_storage

SESSION_KEY = "complaint_pending_uploads"
PENDING_DIR = "pending"
# Long enough to correct a form and try again, short enough that a forgotten photo does not linger.
PENDING_MAX_AGE = 2 * 3600
MAX_NAME_LENGTH = 80


def _storage():
    return private_storage()


def _fresh(entries):
    """The entries still young enough to keep; the files of the others are deleted."""
    now = time.time()
    kept = []
    for entry in entries:
        if now - entry.get("saved", 0) <= PENDING_MAX_AGE:
            kept.append(entry)
        else:
            _delete_file(entry)
    return kept


def _delete_file(entry):
    path = entry.get("path", "")
    if path.startswith(PENDING_DIR + "/"):
        _storage().delete(path)


def kept(request):
    """The visitor's kept attachments: dicts with `key`, `name` (as the visitor chose it) and `size`."""
    entries = request.session.get(SESSION_KEY, [])
    fresh = _fresh(entries)
    if len(fresh) != len(entries):
        _save(request, fresh)
    return fresh


def _save(request, entries):
    if entries:
        request.session[SESSION_KEY] = entries
    else:
        request.session.pop(SESSION_KEY, None)


def keep(request, attachments):
    """Writes cleaned, unsaved ComplaintAttachments into the private storage and remembers them."""
    entries = kept(request)
    for attachment in attachments:
        attachment.file.seek(0)
        data = attachment.file.read()
        # The same failed form sent twice (a double tap, a reload) keeps each file once.
        digest = hashlib.sha256(data).hexdigest()
        if any(entry.get("digest") == digest for entry in entries):
            continue
        extension = attachment.file.name.rsplit(".", 1)[-1]
        path = _storage().save(f"{PENDING_DIR}/{secrets.token_hex(16)}.{extension}", ContentFile(data))
        entries.append(
            {
                "key": secrets.token_hex(8),
                "digest": digest,
                "name": (getattr(attachment, "original_name", "") or "附件")[:MAX_NAME_LENGTH],
                "path": path,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "saved": time.time(),
            }
        )
    _save(request, entries)
    return entries


def remove(request, key):
    """Forgets one kept attachment and deletes its file; an unknown key changes nothing."""
    entries = kept(request)
    for entry in entries:
        if entry["key"] == key:
            _delete_file(entry)
    _save(request, [entry for entry in entries if entry["key"] != key])


def as_attachments(request):
    """The kept files as unsaved ComplaintAttachments, ready for submission.store."""
    attachments = []
    for entry in kept(request):
        if not _storage().exists(entry["path"]):
            continue
        with _storage().open(entry["path"], "rb") as handle:
            data = handle.read()
        name = "attachment." + entry["path"].rsplit(".", 1)[-1]
        content = SimpleUploadedFile(name, data, content_type=entry["content_type"])
        attachments.append(
            ComplaintAttachment(file=content, content_type=entry["content_type"], size=len(data))
        )
    return attachments


def forget(request):
    """After a stored complaint: the kept files are now its attachments, the pending copies go."""
    for entry in request.session.get(SESSION_KEY, []):
        _delete_file(entry)
    request.session.pop(SESSION_KEY, None)


def sweep(now=None):
    """Deletes pending files older than PENDING_MAX_AGE (their sessions are gone or past the limit)."""
    storage = _storage()
    if not storage.exists(PENDING_DIR):
        return 0
    now = now or time.time()
    removed = 0
    for name in storage.listdir(PENDING_DIR)[1]:
        path = f"{PENDING_DIR}/{name}"
        if now - storage.get_modified_time(path).timestamp() > PENDING_MAX_AGE:
            storage.delete(path)
            removed += 1
    return removed

"""The checks every admin file import makes on an upload before reading it, with the same Chinese messages."""

from django import forms

MEGABYTE = 1024 * 1024


def check_upload(upload, *, suffixes, wrong_type, max_megabytes, refused=None):
    """Return `upload` when its name ends in one of `suffixes` and it is neither empty nor over
    `max_megabytes`; otherwise raise a ValidationError. `refused` maps a known wrong suffix (say ".xls") to a
    message that tells the user what to do instead of the generic `wrong_type`."""
    name = upload.name.lower()
    if not name.endswith(tuple(suffixes)):
        for suffix, message in (refused or {}).items():
            if name.endswith(suffix):
                raise forms.ValidationError(message)
        raise forms.ValidationError(wrong_type)
    if upload.size > max_megabytes * MEGABYTE:
        raise forms.ValidationError(f"文件超过 {max_megabytes} MB，请拆分后分批导入。")
    if upload.size == 0:
        raise forms.ValidationError("文件是空的。")
    return upload

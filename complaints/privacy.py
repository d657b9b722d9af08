"""Masking of personal data: what anyone but the complaint's handlers sees."""

import os
import re

# A mainland mobile number (optionally +86), a landline with area code, and an 18-digit ID number.
MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)")
ID_RE = re.compile(
    r"(?<![\dXx])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])"
)
LANDLINE_RE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")


def mask_phone(value):
    """13812345678 → 138****5678."""
    digits = re.sub(r"\D", "", value or "")
    if not digits:
        return ""
    if len(digits) >= 11:
        digits = digits[-11:]
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) > 4:
        return f"{'*' * (len(digits) - 4)}{digits[-4:]}"
    return "*" * len(digits)


def mask_id(value):
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"


def mask_name(value):
    value = (value or "").strip()
    if not value:
        return ""
    return value[0] + "*" * max(1, len(value) - 1)


def mask_email(value):
    if not value or "@" not in value:
        return ""
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"


def find_personal_numbers(text):
    """The phone and ID numbers typed into free text, for the form's warning."""
    text = text or ""
    found = [m.group(0) for m in ID_RE.finditer(text)]
    found += [m.group(0) for m in MOBILE_RE.finditer(text)]
    found += [m.group(0) for m in LANDLINE_RE.finditer(text)]
    return found


def mask_numbers(text):
    """The text with every ID and phone number masked (ID first: it contains digit runs like a phone)."""
    text = ID_RE.sub(lambda m: mask_id(m.group(0)), text or "")
    text = MOBILE_RE.sub(lambda m: mask_phone(m.group(0)), text)
    return LANDLINE_RE.sub(lambda m: mask_phone(m.group(0)), text)


def safe_extension(filename):
    extension = os.path.splitext(filename or "")[1].lower()
    return extension if extension in {".jpg", ".png", ".webp", ".gif", ".pdf"} else ""

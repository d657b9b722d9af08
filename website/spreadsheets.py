"""Cells written to CSV or xlsx for people to open in a spreadsheet program."""

# A cell starting with one of these is read as a formula by Excel, WPS and LibreOffice (CWE-1236).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as text a spreadsheet shows as typed: a leading apostrophe neutralises formula prefixes,
    and control characters that xlsx cannot store (NUL and the like) are dropped."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    text = "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text

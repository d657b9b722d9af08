"""The unified social credit code (统一社会信用代码) of GB 32100-2015.

18 characters from a 31-character alphabet (digits and upper-case letters without I, O, Z, S, V);
the last one is a check character computed from the first 17 with fixed weights modulo 31.
"""

from django.core.exceptions import ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUES = {char: value for value, char in enumerate(ALPHABET)}


def normalise(value):
    """Upper case without surrounding or inner spaces: how people paste codes from documents."""
    return "".join(str(value or "").split()).upper()


def check_character(first17):
    """The check character for the first 17 characters of a code."""
    total = sum(_VALUES[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(value):
    """Why `value` is not a valid code, in Chinese, or None when it is valid."""
    code = normalise(value)
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，当前为 {len(code)} 位。"
    bad = sorted({char for char in code if char not in _VALUES})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用 I、O、Z、S、V）。"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位不正确：最后一位应为 {expected}，请核对是否抄错。"
    return None


def is_valid(value):
    return problem(value) is None


def validate_credit_code(value):
    message = problem(value)
    if message:
        raise ValidationError(message, code="invalid_credit_code")


def make(first17):
    """A complete code from its first 17 characters (for demo and benchmark data)."""
    first17 = normalise(first17)
    if len(first17) != 17 or any(char not in _VALUES for char in first17):
        raise ValueError(f"not 17 characters of the GB 32100 alphabet: {first17!r}")
    return first17 + check_character(first17)

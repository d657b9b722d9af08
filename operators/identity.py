"""Resident ID numbers (居民身份证号码) and personal names, as this app may keep and show them.

An ID number is never stored: only a keyed hash (HMAC-SHA256 salted with the site's SECRET_KEY, so the
same number always gives the same hash and a staff member can be checked against the barred list, while
the hash cannot be reversed by trying every number without the key) and, for the barred list, its last
four characters behind asterisks so 卫健 staff can tell two entries apart. Rotating SECRET_KEY changes every
hash (SECRET_KEY_FALLBACKS does not apply here): the numbers would have to be entered again.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac

ID_RE = re.compile(r"^\d{17}[\dX]$")
# GB 11643-1999: weights of the first 17 digits, and the check character for each remainder mod 11.
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK_CHARACTERS = "10X98765432"
HASH_SALT = "operators.identity.id_number"

# Two-character surnames common enough that masking only the first character would give away a name.
COMPOUND_SURNAMES = {
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "闻人",
}  # fmt: skip


def normalise_id_number(text):
    """Spaces out, full-width digits and a lower-case x read as typed on a phone."""
    text = re.sub(r"\s+", "", str(text or "")).upper()
    return text.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X"))


def check_character(first17):
    return CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def validate_id_number(text):
    """The normalised number, or a ValidationError in Chinese saying what is wrong with it."""
    number = normalise_id_number(text)
    if not number:
        raise ValidationError("请填写身份证号码。")
    if not ID_RE.match(number):
        raise ValidationError("身份证号码应为 18 位：前 17 位是数字，最后一位是数字或 X。")
    if check_character(number[:17]) != number[17]:
        raise ValidationError("身份证号码的校验位不对，请逐位核对。")
    return number


def id_hash(number):
    """The keyed hash stored instead of the number (64 hexadecimal characters)."""
    return salted_hmac(HASH_SALT, normalise_id_number(number), algorithm="sha256").hexdigest()


def masked_id_tail(number):
    """Only the last four characters, the rest hidden: **************123X."""
    number = normalise_id_number(number)
    return "*" * (len(number) - 4) + number[-4:]


def masked_name(name):
    """The surname and an asterisk for every other character: 张** for 张三丰, 欧阳* for 欧阳锋."""
    name = re.sub(r"\s+", "", str(name or ""))
    if not name:
        return ""
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    return surname + "*" * max(len(name) - len(surname), 1)

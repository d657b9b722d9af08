"""What a hostile or careless visitor types: the strategies every fuzz test draws from.

Every fuzz test uses `FUZZ`: a fixed number of examples, no deadline (a 2-core CI machine is slow, and a
slow answer is not a bug these tests look for), derandomized so that CI runs the same inputs every time,
and no example database written into the checkout.
"""

import string

from hypothesis import HealthCheck, example, settings
from hypothesis import strategies as st

# Function-scoped fixtures (the database, the client) are shared by every example of one test on purpose:
# each example checks its own "nothing stored" invariant against row counts it reads first.
FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

LONG = 5000

# Inputs that have broken search engines, parsers and spreadsheets before.
NASTY = [
    "",
    " ",
    "托育",
    "全日托 普惠",
    "淇滨区",
    '"',
    "'",
    "''",
    '"托育"',
    "\\",
    "%",
    "_",
    "%%_",
    "*",
    "托*",
    "^",
    "-托育",
    "+",
    ":",
    "()",
    "(",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(托育 中心, 2)",
    "name:托育",
    "托育 OR 1=1",
    "'; DROP TABLE directory_institution; --",
    "\x00",
    "托\x00育",
    "\r\n",
    "\t",
    "\x1b[31m",
    "\u200b",
    "\ufeff",
    "\u202e",
    "😀",
    "👶🏻",
    "🇨🇳",
    "<script>alert(1)</script>",
    "{{ 7|add:7 }}",
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "１２３",
    "ＡＢＣ",
    "臺灣托育",
    "0",
    "-1",
    "1e308",
    "NaN",
    "inf",
    "-0.0",
    "99999999999999999999999",
    "0x10",
    "１０",
]

# The few inputs every field gets as an explicit example, whatever the random draw: random generation
# alone may never hit a NUL or a 5 000-character value in 40 examples.
EDGES = ["\x00", "托\x00育", "托" * LONG, "'\"", "😀", "\r\n", "-1", "1e308", "nan"]


def with_examples(values, build):
    """Adds one explicit example per value; `build(value)` gives the example's keyword arguments."""

    def decorate(test):
        for value in values:
            test = example(**build(value))(test)
        return test

    return decorate


chinese = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=30)
punctuation = st.text(
    st.sampled_from(string.punctuation + "，。、；：？！“”‘’（）【】《》…—·～"), max_size=30
)
any_unicode = st.text(max_size=40)  # includes control characters and NUL; never lone surrogates
control = st.text(st.characters(max_codepoint=0x1F), max_size=10)
long_text = st.sampled_from(
    ["托" * LONG, "a" * LONG, '"' * LONG, "OR " * (LONG // 3), "😀" * LONG, "\x00" * LONG]
)
numbers = st.one_of(
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)

hostile_text = st.one_of(
    st.sampled_from(NASTY),
    chinese,
    punctuation,
    any_unicode,
    control,
    numbers,
    long_text,
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=6).map(" ".join),
)


def value_or_hostile(*plausible):
    """Mostly the given plausible values (so the code path behind validation runs), sometimes garbage."""
    return st.one_of(st.sampled_from(plausible), hostile_text) if plausible else hostile_text


def small_files():
    """Random small uploads: garbage, things that start like a PDF or an image, and empty files."""
    heads = st.sampled_from(
        [
            b"",
            b"%PDF-",
            b"%PDF-1.7\n",
            b"\x89PNG\r\n\x1a\n",
            b"\xff\xd8\xff",
            b"GIF89a",
            b"RIFF\x00\x00\x00\x00WEBP",
        ]
    )
    body = st.binary(max_size=300)
    names = st.one_of(st.sampled_from(["photo.jpg", "a.pdf", "x.png", "", "../../etc/passwd"]), hostile_text)
    return st.tuples(heads, body, names).map(lambda t: (t[2][:100], t[0] + t[1]))

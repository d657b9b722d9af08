"""The one Chinese text pipeline of the site: indexed text and queries pass through the same steps.

Neither SQLite FTS5 (unicode61) nor PostgreSQL's parser splits a run of Chinese characters into words,
so 托育 would never match 阳光托育中心, and neither knows that 發燒, 发烧 and fashao are one word or that a
parent's 拉肚子 is the content's 腹泻. Everything a search engine sees is therefore prepared here.

Public API (the directory and every other search call these, nothing else):

``clean_input(text) -> str``
    What a visitor typed with control characters (NUL, which PostgreSQL refuses) and runs of spaces
    removed, otherwise unchanged: for lookups that must not be normalised (credit codes, addresses).
``normalise(text) -> str``
    Control characters removed, full-width → half-width (NFKC), traditional → simplified (OpenCC t2s),
    case folded, whitespace collapsed. Safe on any input (None, emoji, 5 000 characters).
``index_terms(text) -> list[str]``
    The words to index for a text: jieba's search-mode cut (whole words and the shorter words inside
    them) of the normalised text, punctuation dropped, plus the two-character runs of single characters
    (暖暖 in 暖暖托育中心) so a name jieba cannot split still matches. ``segment(text)`` is the same joined
    by spaces, ready for a full-text column.
``query_terms(text, vocabulary=None) -> ParsedQuery``
    A query as terms: each has the word, its ``alternatives`` (the word, its editor-maintained synonyms,
    the Chinese word its pinyin spells), whether it is ``weak`` (a stop word, a lone character, an age:
    they may rank but never decide a match on their own) and its ``kind``. ``ParsedQuery.ages`` holds
    the ages the query named (see below); ``ParsedQuery.corrections`` maps a typed word to the word it
    was read as (fashao → 发烧) for "您是不是要找". Every term is made of letters and digits only, so it
    is safe to hand to any full-text engine.
``pinyin_terms(name) -> list[str]``
    Index terms that let a name be found by pinyin: full pinyin, initials and each word's pinyin
    (小海豚托育中心 → xiaohaituntuoyuzhongxin, xhttyzx, xiaohaitun, xht, tuoyu, ty, zhongxin, zx). Match
    them whole or by prefix: xiaohaitun and xht both find 小海豚.
``to_pinyin(text) -> str``
    The toneless pinyin of a text, letters only (for comparing a typed pinyin with a word).
``parse_age_months(text) -> AgeSpan | None`` and ``find_ages(text) -> list[AgeSpan]``
    Ages written the ways parents write them (18个月, 1岁半, 两岁, 1.5岁, 6-12个月, 3岁以下) as a span of
    months: ``AgeSpan(low, high, start, end)``; ``high`` is None for "以上".
``synonyms(word) -> frozenset`` and ``forget_synonyms()``
    The synonym groups editors keep in the admin (website.models.SynonymGroup), cached per process and
    reloaded when any process saves or deletes a group (a generation token in the shared cache).
``warm_up()``
    Loads jieba's dictionary (about a second) and the synonyms: call at start-up so that the first
    search does not pay for it.
"""

import logging
import math
import re
import threading
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import jieba
import opencc
from pypinyin import Style, lazy_pinyin

_lock = threading.Lock()
_tokenizer = None

# Words the demo city and the domain use that jieba's general dictionary does not keep whole, and the
# everyday words parents type for them (the synonym groups add theirs when they load).
DOMAIN_WORDS = [
    "托育",
    "托育机构",
    "托育中心",
    "托育园",
    "托育点",
    "全日托",
    "半日托",
    "计时托",
    "临时托",
    "普惠",
    "普惠性",
    "辅食",
    "家庭托育点",
    "婴幼儿",
    "托位",
    "托班",
    "乳儿班",
    "托小班",
    "托大班",
    "混合班",
    "备案",
    "育儿假",
    "护理假",
    "陪产假",
    "如厕训练",
    "戒尿不湿",
    "拉肚子",
    "不吃饭",
    "不爱吃饭",
    "预防针",
    "打疫苗",
    "红疹子",
    "分离焦虑",
    "入托",
    "口服补液盐",
    "安全座椅",
    "生长曲线",
    "里程碑",
    "照护服务",
]

# Words that never decide a match on their own: question words and particles. Decided from the demo
# queries: 宝宝 and 孩子 are NOT here (titles use them, and their synonym group is so broad that the
# ranking weighs them near zero anyway), nor 时 or 多 (too close to content words).
STOP_WORDS = frozenset(
    """
    怎么办 怎么 怎样 如何 什么 什么样 啥 什么时候 时候 为什么 为啥 哪个 哪些 哪里 哪儿 哪家 多少 几 几个
    可以 能 能不能 可不可以 是不是 有没有 会不会 要不要 应该 需要 请问 一下 好 好的 好不好 最好 比较
    的 了 吗 呢 吧 啊 呀 哦 嘛 么 着 过 和 与 及 或 或者 跟 在 是 有 我 我们 我家 你 他 她 它 这 那 这个
    那个 一个 还 又 都 也 就 要 想 让 给 把 被 对 从 到 该 该怎么办 办 咋办 咋 怎么回事 回事 问题 情况
    相关 关于 一些 有些 东西 事情 会 做 会做 能做 而且 并且 然后 还是 才 才好 很 太 总是 老是 经常 突然 一直 之后 以后 以前 以下 以上 以内 左右 附近 周边
    """.split()
)

_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits of any script; nothing an FTS syntax reacts to
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"^[a-z]+$")
MAX_QUERY_CHARACTERS = 200  # a query is cut here before analysis; a search box allows 100
MAX_QUERY_TERMS = 12


@lru_cache(maxsize=1)
def _t2s():
    return opencc.OpenCC("t2s")


def tokenizer():
    """jieba's dictionary takes about a second and 70 MB to load: do it once per process."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                instance = jieba.Tokenizer()
                instance.initialize()
                for word in DOMAIN_WORDS:
                    instance.add_word(word, freq=20000)
                _tokenizer = instance
    return _tokenizer


def add_words(new_words):
    """Teach the tokenizer words (synonyms an editor added) so they come out whole on both sides."""
    instance = tokenizer()
    for word in new_words:
        if len(word) > 1 and _CJK.search(word) and instance.FREQ.get(word, 0) < 20000:
            instance.add_word(word, freq=20000)
    _cached_index_terms.cache_clear()


# --- Normalisation ----------------------------------------------------------------------------------


def _without_controls(text):
    # Printable text holds no control character and no space but " " (Python's definition): the usual
    # case, answered without a look at each character.
    if text.isprintable():
        return text
    return "".join(
        " " if unicodedata.category(ch) in _CONTROL_CATEGORIES or ch.isspace() else ch for ch in text
    )


def clean_input(text):
    """What a visitor typed, safe to hand to any database: control characters (NUL among them, which
    PostgreSQL refuses in text) become spaces, runs of spaces one space; nothing else changes."""
    if text is None:
        return ""
    return _SPACES.sub(" ", _without_controls(str(text))).strip()


def normalise(text):
    """One canonical spelling: no control characters, half-width, simplified, case-folded, single spaces."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = _without_controls(text)
    if _CJK.search(text):
        text = _t2s().convert(text)
    return _SPACES.sub(" ", text.casefold()).strip()


def _tokens(piece):
    """The letter-and-digit runs of one jieba word (37.3℃ → 37, 3; 'ba-ba' → ba, ba)."""
    return _TOKEN.findall(piece)


# --- Index side -------------------------------------------------------------------------------------


def _with_bigrams(pieces):
    """Join runs of single CJK characters into overlapping pairs: 暖 暖 → 暖暖, kept beside the singles."""
    result, run = [], []

    def flush():
        result.extend(a + b for a, b in pairwise(run))
        run.clear()

    for piece in pieces:
        result.append(piece)
        if len(piece) == 1 and _CJK.match(piece):
            run.append(piece)
        else:
            flush()
    flush()
    return result


@lru_cache(maxsize=4096)
def _cached_index_terms(text):
    return tuple(_index_terms(text))


def _index_terms(text):
    pieces = [token for word in tokenizer().cut_for_search(text) for token in _tokens(word)]
    return _with_bigrams(pieces)


def index_terms(text):
    """The words a full-text index should hold for `text` (see the module docstring)."""
    text = normalise(text)
    if not text:
        return []
    if len(text) <= 200:
        return list(_cached_index_terms(text))
    return _index_terms(text)


def segment(text):
    """`index_terms` joined by single spaces: what goes into a full-text column."""
    return " ".join(index_terms(text))


def words(text):
    """The search-mode words of a text (kept for callers that want the plain list)."""
    return index_terms(text)


# --- Pinyin -----------------------------------------------------------------------------------------


def to_pinyin(text):
    """Toneless pinyin, letters and digits only: 小海豚 → xiaohaitun."""
    text = normalise(text)
    return "".join(_tokens("".join(lazy_pinyin(text, errors="default"))))


def pinyin_initials(text):
    text = normalise(text)
    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default")
    return "".join(_tokens("".join(letters)))


def pinyin_terms(name):
    """Index terms that let `name` be found by typing its pinyin: whole, initials and per word."""
    name = normalise(name)
    if not _CJK.search(name):
        return []
    terms = [to_pinyin(name), pinyin_initials(name)]
    for word in tokenizer().cut(name):
        if len(word) > 1 and _CJK.search(word):
            terms += [to_pinyin(word), pinyin_initials(word)]
    return [term for term in dict.fromkeys(terms) if term]


class PinyinVocabulary:
    """Chinese words by their toneless pinyin, to read a typed pinyin (fashao) or a homophone typo."""

    def __init__(self, vocabulary_words=()):
        self._by_pinyin = {}
        for word in vocabulary_words:
            word = normalise(word)
            if len(word) < 2 or not _CJK.search(word):
                continue
            self._by_pinyin.setdefault(to_pinyin(word), word)

    def word_for(self, spelling):
        """The known word spelled by `spelling` (pinyin letters or a homophone), else None."""
        key = spelling if _LATIN_WORD.match(spelling) else to_pinyin(spelling)
        return self._by_pinyin.get(key)

    def __len__(self):
        return len(self._by_pinyin)


# --- Ages -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgeSpan:
    """An age a text names, in months: low == high for one age; high None for "N 岁以上"."""

    low: int
    high: int | None
    start: int = 0
    end: int = 0

    def contains(self, months):
        return self.low <= months and (self.high is None or months <= self.high)


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMBER = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十]+)"
_UNIT = r"(?:个半月|个月|月龄|月|周岁半|岁半|周岁|岁)"
_AGE = re.compile(
    rf"(?P<a>{_NUMBER})\s*(?P<unit_a>{_UNIT})?\s*(?:-|~|至|到|—|–)\s*(?P<b>{_NUMBER})\s*(?P<unit_b>{_UNIT})"
    rf"|(?P<n>{_NUMBER})\s*(?P<unit>{_UNIT})(?P<bound>以下|以内|之内|内|以上|及以上)?"
    r"|(?P<half>半岁)"
)


def _number(text):
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS[ch]
    return value


def _months(number, unit):
    if unit is None:
        return None
    if "岁" in unit:
        return number * 12 + (6 if unit.endswith("半") else 0)
    return number + (0.5 if unit == "个半月" else 0)


def find_ages(text):
    """Every age `text` names, as AgeSpans in months (positions refer to the normalised text)."""
    text = normalise(text)[:MAX_QUERY_CHARACTERS]
    spans = []
    for match in _AGE.finditer(text):
        try:
            if match["half"]:
                low = high = 6
            elif match["a"]:
                unit_b = match["unit_b"]
                low = _months(_number(match["a"]), match["unit_a"] or unit_b)
                high = _months(_number(match["b"]), unit_b)
            else:
                low = high = _months(_number(match["n"]), match["unit"])
                bound = match["bound"] or ""
                if bound.endswith("以上"):
                    high = None
                elif bound:
                    low = 0
        except (KeyError, ValueError):
            continue
        if low is None or low > 600 or (high is not None and (high > 600 or high < low)):
            continue
        spans.append(
            AgeSpan(math.floor(low), None if high is None else math.ceil(high), match.start(), match.end())
        )
    return spans


# Age bands content is written in (6～12 月龄, 2～3 岁): an age inside one may be looked up as that band.
MONTH_BANDS = ((0, 6), (6, 12), (9, 12), (0, 12), (12, 18), (12, 24), (18, 24), (24, 36))
YEAR_BANDS = ((0, 1), (1, 2), (2, 3), (0, 3))


def age_spellings(span):
    """How content writes one age (6 月龄, 6个月, 1岁, 6～12 月龄, 2～3 岁), to look an age up as text."""
    if span.high != span.low:
        return ()
    months = span.low
    spellings = [f"{months}月龄", f"{months}个月"]
    if months and months % 12 == 0:
        spellings += [f"{months // 12}岁", f"{months // 12}周岁"]
    spellings += [f"{low}~{high}月龄" for low, high in MONTH_BANDS if low <= months <= high]
    spellings += [f"{low}~{high}岁" for low, high in YEAR_BANDS if low * 12 <= months <= high * 12]
    return tuple(spellings)


def parse_age_months(text):
    """The first age `text` names (see `find_ages`), or None."""
    spans = find_ages(text)
    return spans[0] if spans else None


# --- Synonyms ---------------------------------------------------------------------------------------

SYNONYM_GENERATION_KEY = "website:synonyms:generation"
_synonyms = {"generation": None, "index": {}, "source": None}


def use_synonym_groups(source):
    """Where the groups come from: `source()` returns lists of words (website.models registers it)."""
    _synonyms["source"], _synonyms["generation"] = source, None


def forget_synonyms():
    """Every process reloads the synonym groups at its next lookup (called when a group is saved)."""
    from django.core.cache import cache

    cache.set(SYNONYM_GENERATION_KEY, uuid.uuid4().hex, None)
    _synonyms["generation"] = None


def _synonym_index():
    from django.core.cache import cache

    generation = cache.get(SYNONYM_GENERATION_KEY)
    if generation is None or generation != _synonyms["generation"]:
        generation = generation or uuid.uuid4().hex
        cache.add(SYNONYM_GENERATION_KEY, generation, None)
        index = {}
        for words_of_group in _synonyms["source"]() if _synonyms["source"] else ():
            members = frozenset(words_of_group)
            for word in members:
                index[word] = index.get(word, frozenset()) | members
        add_words(index)
        _synonyms["index"], _synonyms["generation"] = index, generation
    return _synonyms["index"]


def synonyms(word):
    """The words that mean `word` (itself included) in any synonym group editors keep."""
    word = normalise(word)
    return _synonym_index().get(word, frozenset({word}))


def synonym_words():
    """Every word of every synonym group (for pinyin vocabularies and suggestions)."""
    return list(_synonym_index())


def load_synonyms():
    """Make sure this process has the current synonym words in its tokenizer (index and query alike)."""
    _synonym_index()


# --- Query side -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryTerm:
    text: str
    alternatives: tuple
    weak: bool = False
    kind: str = "word"  # word · pinyin · age


@dataclass
class ParsedQuery:
    text: str
    terms: list = field(default_factory=list)
    ages: list = field(default_factory=list)
    corrections: dict = field(default_factory=dict)

    @property
    def concepts(self):
        """The terms that decide a match; when a query holds only weak terms, those."""
        return [term for term in self.terms if not term.weak] or list(self.terms)

    @property
    def is_empty(self):
        return not self.concepts

    def all_words(self):
        return list(dict.fromkeys(word for term in self.terms for word in term.alternatives))


def _query_pieces(text):
    """Precise-mode words (not search mode: the index holds the shorter words already)."""
    pieces = [token for word in tokenizer().cut(text) for token in _tokens(word)]
    merged, run = [], []

    def flush():
        if len(run) >= 2:
            merged.extend(a + b for a, b in pairwise(run))
        else:
            merged.extend(run)
        run.clear()

    for piece in pieces:
        if len(piece) == 1 and _CJK.match(piece) and piece not in STOP_WORDS:
            run.append(piece)
        else:
            flush()
            merged.append(piece)
    flush()
    return merged


def _synonyms_inside(word, lookup):
    found = set()
    for inner in tokenizer().cut_for_search(word):
        if inner != word and len(inner) > 1 and inner not in STOP_WORDS:
            related = lookup.get(inner, ())
            if len(related) > 1:
                found |= related
    return found


def query_terms(text, vocabulary=None):
    """A query as terms with synonyms, stop words marked and ages understood (see the docstring)."""
    text = normalise(text)[:MAX_QUERY_CHARACTERS]
    parsed = ParsedQuery(text=text)
    if not text:
        return parsed
    lookup = _synonym_index()  # once per query: it checks the shared generation token
    parsed.ages = find_ages(text)
    for span in parsed.ages:
        written = text[span.start : span.end]
        parsed.terms.append(QueryTerm(written, (written, *age_spellings(span)), weak=True, kind="age"))
    remaining = text
    for span in reversed(parsed.ages):
        remaining = remaining[: span.start] + " " + remaining[span.end :]
    seen = set()
    for piece in _query_pieces(remaining):
        if piece in seen:
            continue
        seen.add(piece)
        alternatives, kind = set(lookup.get(piece, {piece})), "word"
        if vocabulary is not None and _LATIN_WORD.match(piece) and len(piece) > 1:
            reading = vocabulary.word_for(piece)
            if reading:
                alternatives |= lookup.get(reading, {reading})
                parsed.corrections[piece] = reading
                kind = "pinyin"
        if alternatives == {piece} and len(piece) > 2 and kind == "word":
            alternatives |= _synonyms_inside(piece, lookup)  # 发高烧 has no group of its own, but 高烧 does
        weak = piece in STOP_WORDS or (len(piece) == 1 and kind == "word" and len(alternatives) == 1)
        reading = parsed.corrections.get(piece)
        first = (piece, reading) if reading else (piece,)
        ordered = (*first, *sorted(alternatives - set(first)))
        parsed.terms.append(QueryTerm(piece, ordered, weak=weak, kind=kind))
        if len(parsed.terms) >= MAX_QUERY_TERMS:
            break
    return parsed


def alternative_tokens(word):
    """The index tokens one alternative must all match: a dictionary word is one token, else its words."""
    return [token for piece in tokenizer().cut(normalise(word)) for token in _tokens(piece)]


def warm_up():
    """Load the dictionary, the converter and the synonyms now rather than on the first search."""
    tokenizer()
    _t2s()
    from django.db import DatabaseError

    try:
        load_synonyms()
    except DatabaseError:  # start-up before migrations: the first search loads them instead
        logging.getLogger(__name__).info("synonyms not loaded at start-up", exc_info=True)

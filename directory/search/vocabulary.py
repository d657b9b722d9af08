"""The directory's own words, read from the public records: districts, streets and the words of names.

Used to read a typed pinyin as the Chinese word it spells (xiaohaitun, xht → 小海豚; qixian → 淇县), to
offer "您是不是要找 小橡树" for a homophone or a one-character slip (小象树), and for type-ahead. Built
once per process and rebuilt when the records change: `current()` asks one cheap aggregate query.

Words of a name are its runs of Chinese characters cut into every 2- to 5-character piece, counted over
all names, so a name's distinctive head (小海豚, 暖暖) is a word even when jieba would split it.
"""

import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Max

from directory.models import District, Institution, Street
from directory.search import summary
from website import text

MIN_WORD, MAX_WORD = 2, 5
MIN_INITIALS = 3  # two letters name too many words to be read as initials
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CHINESE_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@dataclass
class Vocabulary:
    districts: list = field(default_factory=list)  # [(code, name)]
    streets: list = field(default_factory=list)  # [(code, name, district code)]
    names: list = field(default_factory=list)  # [(name, url)] of public institutions
    words: Counter = field(default_factory=Counter)  # name, district and street pieces by frequency
    by_pinyin: dict = field(default_factory=dict)
    by_initials: dict = field(default_factory=dict)
    _spellings: dict = field(default_factory=dict)

    def spelling(self, label):
        """(pinyin, initials) of a label, remembered."""
        if label not in self._spellings:
            self._spellings[label] = (text.to_pinyin(label), text.pinyin_initials(label))
        return self._spellings[label]

    def word_for(self, spelling):
        """The Chinese word a typed pinyin (full or initials) spells, or None."""
        spelling = text.normalise(spelling)
        if not spelling.isascii() or not spelling.isalpha():
            return None
        return self.by_pinyin.get(spelling) or (
            self.by_initials.get(spelling) if len(spelling) >= MIN_INITIALS else None
        )

    def similar(self, word):
        """A known word for an unknown one: the same pinyin (小象树 → 小橡树) or one character off."""
        word = text.normalise(word)
        if len(word) < MIN_WORD or word in self.words:
            return None
        same_sound = self.by_pinyin.get(text.to_pinyin(word))
        if same_sound and same_sound != word:
            return same_sound
        if len(word) < 3:  # one character off a two-character word is another word, not a slip
            return None
        best = None
        for known, count in self.words.items():
            if len(known) == len(word) and sum(a != b for a, b in zip(known, word, strict=True)) == 1:
                if best is None or count > self.words[best]:
                    best = known
        return best


def _pieces(name):
    """Every 2- to 5-character piece of the Chinese runs of `name`."""
    run = []
    for ch in text.normalise(name) + " ":
        if CHINESE.match(ch):
            run.append(ch)
            continue
        for size in range(MIN_WORD, MAX_WORD + 1):
            for start in range(len(run) - size + 1):
                yield "".join(run[start : start + size])
        run = []


def build():
    districts = [(code, text.normalise(name)) for code, name in District.objects.values_list("code", "name")]
    streets = [
        (code, text.normalise(name), district)
        for code, name, district in Street.objects.values_list("code", "name", "district__code")
    ]
    public = Institution.objects.public().order_by("-rating", "name")
    names = [
        (name, Institution(slug=slug).get_absolute_url()) for name, slug in public.values_list("name", "slug")
    ]
    runs = Counter(run for name, _url in names for run in CHINESE_RUN.findall(text.normalise(name)))
    words = Counter()
    for run, count in runs.items():
        for piece in set(_pieces(run)):
            words[piece] += count
    for _code, name, *_ in (*districts, *streets):
        words[name] += len(names) or 1  # place names win ties with the pieces of names
    by_pinyin, by_initials = {}, {}
    for word, _count in words.most_common():
        by_pinyin.setdefault(text.to_pinyin(word), word)
        if len(word) >= MIN_INITIALS:
            by_initials.setdefault(text.pinyin_initials(word), word)
    return Vocabulary(districts, streets, names, words, by_pinyin, by_initials)


_lock = threading.Lock()
_cache = {"key": None, "vocabulary": None}


def _version():
    """Changes whenever an institution, district or street is added, edited or removed.

    Institutions: the search generation that triggers raise on every write (`summary.generation`, one
    row), or, on a database without those triggers, an aggregate over the table.
    """
    institutions = summary.generation()
    if institutions is None:
        institutions = tuple(
            Institution.objects.aggregate(count=Count("pk"), latest=Max("updated_at")).values()
        )
    return (institutions, District.objects.count(), Street.objects.count())


def current():
    key = _version()
    if key != _cache["key"]:
        with _lock:
            if key != _cache["key"]:
                _cache["vocabulary"], _cache["key"] = build(), key
    return _cache["vocabulary"]

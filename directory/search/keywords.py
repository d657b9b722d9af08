"""How a parent's keyword becomes search clauses, with the foundation's Chinese analyser.

Each whitespace-separated chunk of the query is one clause, and every clause must match. A clause
matches when a text contains the chunk as it was typed (朝阳路, 阳光) or, failing that, contains every
word the analyser finds in it (朝阳路托育 → 朝阳路 + 托育), so word order and missing spaces do not
matter. A chunk or word that names a service type (半日托) is also satisfied by an institution offering
that service, even when its texts never spell it out.
"""

from dataclasses import dataclass

from directory.search.query import SERVICE_LABELS
from website.text import tokenizer

SERVICE_BY_LABEL = {label: code for code, label in SERVICE_LABELS.items()}
# Words that say nothing about an institution: left out of the "every word" alternative.
STOP_WORDS = {
    "的",
    "了",
    "和",
    "与",
    "及",
    "或",
    "在",
    "有",
    "是",
    "我",
    "家",
    "附近",
    "周边",
    "哪里",
    "哪些",
    "一个",
}
_PUNCTUATION = set("，。、；：？！“”‘’（）《》【】,.;:?!\"'()[]<>/\\|-_+=*&^%$#@~`")


@dataclass(frozen=True)
class Clause:
    phrase: str
    words: tuple
    services: tuple  # service codes named by the phrase or by one of its words

    @property
    def terms(self):
        """Every string this clause may look for, the phrase first."""
        return (self.phrase, *(word for word in self.words if word != self.phrase))


def clauses(q):
    result = []
    for chunk in q.split():
        chunk = chunk.strip("".join(_PUNCTUATION))
        if not chunk:
            continue
        words = []
        for word in tokenizer().cut(chunk):
            word = word.strip()
            if not word or word in _PUNCTUATION or word in STOP_WORDS:
                continue
            if word not in words:
                words.append(word)
        # Single characters cut from a longer chunk match nearly everything: keep them only alone.
        long_words = [word for word in words if len(word) > 1]
        if long_words:
            words = long_words
        services = tuple(
            dict.fromkeys(SERVICE_BY_LABEL[term] for term in (chunk, *words) if term in SERVICE_BY_LABEL)
        )
        result.append(Clause(phrase=chunk, words=tuple(words) or (chunk,), services=services))
    return result

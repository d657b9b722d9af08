"""Nothing returned is never the end: a correction or a relaxed query that does return something.

`search_with_rescue(query)` runs the query (through `directory.search.search`, whichever engine); when it
finds nothing and the keyword or an understood word could be to blame, it tries, in order:
1. a correction of a word no record contains (小象树 → 小橡树: same pinyin or one character off);
2. the query without one of its words: first the words no institution's name contains (an address or
   description word, the least important), last typed first; then without one understood filter,
   last typed first.
The first that finds something is answered, with a `Rescue` that says what was changed, in Chinese.
"""

import dataclasses
from dataclasses import dataclass

from directory.models import Institution
from directory.search import search
from directory.search import vocabulary as vocabulary_module
from directory.search.matching import read_terms, required, term_q
from website import text

MAX_TRIES = 6


@dataclass(frozen=True)
class Rescue:
    kind: str  # corrected · relaxed
    message: str
    typed: str = ""  # the word corrected or dropped
    replacement: str = ""  # the word read instead (corrected)

    def as_json(self):
        return {
            "kind": self.kind,
            "message": self.message,
            "typed": self.typed,
            "replacement": self.replacement,
        }


def _without(keyword, word):
    return " ".join(text.normalise(keyword).replace(word, " ").split())


def corrections(query):
    """[(typed word, known word)] for the required words of the keyword that no record knows."""
    words = vocabulary_module.current()
    found = []
    for chunk in text.normalise(query.text).split():  # the whole typed word first: 小象树, not 小象
        known = words.similar(chunk)
        if known:
            found.append((chunk, known))
    if found:
        return found
    for term in required(read_terms(query.text)):
        known = words.similar(term.text)
        if known:
            found.append((term.text, known))
    return found


def _unknown_words(query, terms):
    """The query without every word that no public institution contains at all, if that leaves any."""
    public = Institution.objects.public()
    unknown = [term for term in terms if not public.filter(term_q(term)).exists()]
    if not unknown or len(unknown) == len(terms):
        return
    keyword = query.text
    for term in unknown:
        keyword = _without(keyword, term.text)
    kept = " 和 ".join(term.text for term in terms if term not in unknown)
    missing = "、".join(term.text for term in unknown)
    yield (
        dataclasses.replace(query, keyword=keyword),
        Rescue("relaxed", f"没有机构包含“{missing}”，以下是包含 {kept} 的结果。", typed=missing),
    )


def _relaxations(query):
    """(changed query, Rescue) candidates, least important word first."""
    terms = required(read_terms(query.text))
    yield from _unknown_words(query, terms)
    if len(terms) + len(query.understood) > 1:
        in_names = {
            term.text: Institution.objects.public().filter(name__icontains=term.text).exists()
            for term in terms
        }
        ordered = sorted(reversed(terms), key=lambda term: in_names[term.text])
        for term in ordered:
            kept = [other.text for other in terms if other is not term]
            kept_label = " 和 ".join(kept) if kept else "其余条件"
            others = [item.label for item in query.understood]
            together = " 和 ".join([*[t.text for t in terms], *others])
            message = f"没有同时包含 {together} 的结果，以下是包含 {kept_label} 的结果。"
            if not kept:
                message = f"没有包含“{term.text}”的机构，以下是符合 {' · '.join(others)} 的结果。"
            yield (
                dataclasses.replace(query, keyword=_without(query.text, term.text)),
                Rescue("relaxed", message, typed=term.text),
            )
    for item in reversed(query.understood):
        if item.filter == "near":
            continue
        remaining = [other.label for other in query.understood if other is not item]
        changes = _undo(query, item)
        all_labels = [*[t.text for t in terms], *[other.label for other in query.understood]]
        kept = [*[t.text for t in terms], *remaining]
        message = (
            f"没有同时符合 {' 和 '.join(all_labels)} 的结果，"
            f"以下是{'符合 ' + ' 和 '.join(kept) + ' ' if kept else '不限“' + item.label + '”'}的结果。"
        )
        yield dataclasses.replace(query, **changes), Rescue("relaxed", message, typed=item.word)


def _undo(query, item):
    understood = tuple(other for other in query.understood if other is not item)
    if item.filter == "service":
        return {
            "services": tuple(code for code in query.services if code != item.value),
            "understood": understood,
        }
    default = False if item.filter in ("inclusive", "vacancy", "voucher") else None
    if item.filter in ("district", "street"):
        default = ""
    return {item.filter: default, "understood": understood}


def search_with_rescue(query):
    """(results, rescue or None): see the module docstring."""
    results = search(query)
    if results.total or not (query.text or query.understood):
        return results, None
    tries = 0
    if query.text:
        fixes = corrections(query)
        if fixes:
            keyword = text.normalise(query.text)
            for typed, known in fixes:
                keyword = keyword.replace(typed, known)
            corrected = search(dataclasses.replace(query, keyword=keyword))
            tries += 1
            if corrected.total:
                typed = " ".join(typed for typed, _ in fixes)
                known = " ".join(known for _, known in fixes)
                return corrected, Rescue(
                    "corrected", f"没有找到“{typed}”，以下是“{known}”的结果。", typed, known
                )
    for relaxed_query, rescue in _relaxations(query):
        if tries >= MAX_TRIES:
            break
        tries += 1
        relaxed = search(relaxed_query)
        if relaxed.total:
            return relaxed, rescue
    return results, None

"""Type-ahead for the directory's keyword box: names, streets, districts and services, from one character.

`suggestions(q, directory_url)` → [{"label", "kind", "url"}], the shape the site's combobox script
(website/js/suggest.js) reads. Everything is matched in memory against the cached vocabulary
(`vocabulary.current()`), so an answer costs one cheap aggregate query: prefix matches first (services,
districts, streets, then names), then names that contain the text; a Latin query is read as pinyin or
its initials (xht → 小海豚…).
"""

from urllib.parse import urlencode

from directory.choices import ServiceType
from directory.search import vocabulary
from directory.search.understanding import SERVICE_WORDS
from website import text

LIMIT = 8


def _service_entries(directory_url):
    for code, words in SERVICE_WORDS.items():
        label = ServiceType(code).label
        url = f"{directory_url}?{urlencode({'service': code})}"
        yield label, "服务", url, (label, *words)


def _entries(words, directory_url):
    yield from _service_entries(directory_url)
    for code, name in words.districts:
        yield name, "区县", f"{directory_url}?{urlencode({'district': code})}", (name,)
    for _code, name, _district in words.streets:
        yield name, "街道", f"{directory_url}?{urlencode({'q': name})}", (name,)
    for name, url in words.names:
        yield name, "机构", url, (text.normalise(name),)


def _spelled(words, typed, label):
    full, initials = words.spelling(label)
    return full.startswith(typed) or initials.startswith(typed)


def suggestions(q, directory_url):
    typed = text.normalise(q).replace(" ", "")[:30]
    if not typed:
        return []
    words = vocabulary.current()
    latin = typed.isascii() and typed.isalpha()
    reading = words.word_for(typed) if latin else None
    starts, contains = [], []
    for label, kind, url, spellings in _entries(words, directory_url):
        item = {"label": label, "kind": kind, "url": url}
        if latin:
            spelled = _spelled(words, typed, label)
            if spelled or (reading and reading in label):
                (starts if spelled else contains).append(item)
        elif any(spelling.startswith(typed) for spelling in spellings):
            starts.append(item)
        elif kind == "机构" and typed in spellings[0]:
            contains.append(item)
        if len(starts) >= LIMIT:
            break
    return (starts + contains)[:LIMIT]

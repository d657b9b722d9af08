"""Site search (/search/): which pages answer a parent's query, in what order, and what to say about it.

The engine (website.search_backend) finds the pages that contain each term of the query, synonyms
included; the order is decided here, the same on every engine:

1. pages holding more of the query's terms first, each term weighted by how rare it is on the site (a
   word every page holds, like 宝宝, barely counts; 腹泻 counts a lot);
2. then pages whose title holds the terms: a title containing the words outranks a body match whatever
   the title's length;
3. then the engine's own relevance.

When no page holds every term, the results are those holding the most, and the page says which words
were left out ("没有同时包含 X 和 Y 的结果，以下是包含 X 的结果"). A word that finds nothing is checked
against the site's vocabulary by pinyin (fashao → 发烧, 湿诊 → 湿疹): "您是不是要找 …".
"""

import logging
import math
from collections import OrderedDict
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Max
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from website import page_cache, text
from website.search_backend import (
    CLUSTER_UNAVAILABLE_ERRORS,
    DATABASE_BACKEND_NAME,
    term_query,
    terms_query,
)

logger = logging.getLogger("website.search")

# Result labels by page model (guidance's models are looked up by name: that app is restructured often).
PAGE_TYPE_LABELS = {
    "guidancearticlepage": "科学育儿",
    "policydocumentpage": "政策文件",
    "eventpage": "家长课堂",
    "directorypage": "找托育",
}
DEFAULT_LABEL = "页面"
# How much a synonym counts against the word as typed (拉肚子 typed, 腹泻 found).
SYNONYM_SHARE = 0.8
# A term held by so many pages that its weight is below this (宝宝 with its synonyms) does not count
# when pages are first sorted by how many of the query's terms they hold.
SIGNIFICANT = 0.5


@dataclass
class SiteSearch:
    query: str
    parsed: text.ParsedQuery
    page_ids: list = field(default_factory=list)
    kept_words: list = field(default_factory=list)  # words the shown results hold when some are missing
    missing_words: list = field(default_factory=list)
    corrections: dict = field(default_factory=dict)  # typed word → the word it was read as

    @property
    def nothing_to_search(self):
        return self.parsed.is_empty

    @property
    def relaxed(self):
        return bool(self.missing_words) and bool(self.kept_words) and bool(self.page_ids)

    @property
    def corrected_query(self):
        if not self.corrections:
            return ""
        corrected = self.parsed.text
        for typed, word in self.corrections.items():
            corrected = corrected.replace(typed, word)
        return corrected


def live_pages():
    return Page.objects.live().public().exclude(depth__lte=1)


# --- Vocabulary for pinyin readings and typo corrections -------------------------------------------

_vocabulary = {"key": None, "value": None}


def pages_key(pages=None):
    """Changes whenever a live page is added, removed, renamed or republished (one cheap query)."""
    state = (live_pages() if pages is None else pages).aggregate(
        count=Count("pk"), latest=Max("last_published_at")
    )
    return (state["count"], state["latest"])


def site_vocabulary(state=None):
    """Synonym words and the words of live page titles, by pinyin; rebuilt when pages or synonyms change.

    `state` is `pages_key()` when the caller has read it already."""
    key = (state or pages_key(), len(text.synonym_words()))
    if key != _vocabulary["key"]:
        vocabulary_words = list(text.synonym_words())
        for title in live_pages().values_list("title", flat=True):
            vocabulary_words += [
                word for word in text.tokenizer().cut(text.normalise(title)) if len(word) > 1
            ]
        _vocabulary["value"] = text.PinyinVocabulary(vocabulary_words)
        _vocabulary["key"] = key
    return _vocabulary["value"]


# --- Searching --------------------------------------------------------------------------------------


def _matching_ids(backend, query, pages, titles=None):
    """The ids of the pages matching `query`; their titles are noted in `titles` when it is given."""
    if query is None:
        return set()
    found = backend.search(query, pages, order_by_relevance=False)
    if titles is None:
        return {page.pk for page in found}
    ids = set()
    for page in found:
        ids.add(page.pk)
        titles[page.pk] = page.title
    return ids


def _corrected(term, vocabulary):
    """The term a homophone typo was meant as (湿诊 → 湿疹), else None."""
    if term.kind != "word" or not text.to_pinyin(term.text) or len(term.text) < 2:
        return None
    reading = vocabulary.word_for(term.text)
    if not reading or reading == term.text:
        return None
    return text.QueryTerm(reading, (reading, *sorted(text.synonyms(reading) - {reading})), kind="correction")


# --- Recent page lists ------------------------------------------------------------------------------
# A results page needs its pages as their specific classes: one query per page type. A process keeps the
# lists it built lately, each valid while the content generations it was read at are current
# (website/page_cache.py: any page, synonym or restriction change replaces them). Which pages answer a
# query is never remembered: the search index follows a change a moment later, in a background task.
RECENT_LISTS = 256
RECENT_FAMILIES = (page_cache.SITE, page_cache.PAGES, page_cache.MEDIA)
_recent = OrderedDict()


_content = {"key": None, "private": None, "pages_key": None}


def _searched_pages():
    """(the live public pages, their `pages_key()`): the private sections and the key are read once per
    content generation (any page or view-restriction change replaces it), not on every search."""
    generations = page_cache.current_generations(RECENT_FAMILIES)
    if generations is None:
        pages = live_pages()
        return pages, pages_key(pages)
    key = tuple(generations.values())
    if _content["key"] != key:
        private = Page.objects.all().private_q()
        pages = Page.objects.live().exclude(private).exclude(depth__lte=1)
        _content.update(key=key, private=private, pages_key=pages_key(pages))
    pages = Page.objects.live().exclude(_content["private"]).exclude(depth__lte=1)
    return pages, _content["pages_key"]


def search(query):
    """A SiteSearch for `query`: the ordered ids of the matching live pages and what to tell the reader."""
    pages, state = _searched_pages()
    vocabulary = site_vocabulary(state)
    parsed = text.query_terms(query, vocabulary=vocabulary)
    result = SiteSearch(query=query, parsed=parsed, corrections=dict(parsed.corrections))
    if parsed.is_empty:
        return result
    try:
        return _found(result, get_search_backend(), vocabulary, pages, total=state[0])
    except CLUSTER_UNAVAILABLE_ERRORS as error:
        # The database backend is kept up to date beside the cluster's (website/settings/search.py).
        logger.warning("搜索集群不可用（%s），站内搜索改由数据库回答", type(error).__name__)
        fresh = SiteSearch(query=query, parsed=parsed, corrections=dict(parsed.corrections))
        return _found(fresh, get_search_backend(DATABASE_BACKEND_NAME), vocabulary, pages, total=state[0])


def _found(result, backend, vocabulary, pages, total):
    """`result` filled in with what `backend` finds for its parsed query among `pages` (`total` of them)."""
    parsed = result.parsed
    found_titles = {}
    # Ages are filters in the directory; here they are words to look for (9 月龄) like any other.
    wanted = [*parsed.concepts, *(t for t in parsed.terms if t.kind == "age" and t not in parsed.concepts)]
    concepts, matches, literal_matches = [], [], []
    for term in wanted:
        ids = _matching_ids(backend, term_query(term), pages, found_titles)
        if not ids:
            correction = _corrected(term, vocabulary)
            corrected_ids = (
                _matching_ids(backend, term_query(correction), pages, found_titles) if correction else set()
            )
            if corrected_ids:
                result.corrections[term.text] = correction.text
                term, ids = correction, corrected_ids
        concepts.append(term)
        matches.append(ids)
        if len(term.alternatives) > 1 and ids:
            literal_matches.append(_matching_ids(backend, term_query(_as_typed(term)), pages))
        else:
            literal_matches.append(ids)
    candidates = set().union(*matches)
    if not candidates:
        result.missing_words = [term.text for term in concepts]
        return result

    weights = [math.log((total + 1) / len(ids)) if ids else 0.0 for ids in matches]
    titles = {pk: text.normalise(found_titles[pk]) for pk in candidates}
    engine_order = [
        page.pk for page in backend.search(terms_query(concepts), pages.filter(pk__in=candidates))
    ]
    engine_rank = {pk: position for position, pk in enumerate(engine_order)}

    def in_title(term, title):
        """1 for the word as typed in the title, less for one of its synonyms, 0 for neither."""
        if term.text in title:
            return 1.0
        return SYNONYM_SHARE if any(word and word in title for word in term.alternatives) else 0.0

    def held(pk):
        return sum(
            weight * (1.0 if pk in literal else SYNONYM_SHARE)
            for weight, ids, literal in zip(weights, matches, literal_matches, strict=True)
            if pk in ids
        )

    def score(pk):
        title = titles.get(pk, "")
        significant = sum(
            1 for weight, ids in zip(weights, matches, strict=True) if weight >= SIGNIFICANT and pk in ids
        )
        titled = sum(weight * in_title(term, title) for weight, term in zip(weights, concepts, strict=True))
        return (-significant, -round(held(pk) + titled, 6), engine_rank.get(pk, len(engine_rank)), pk)

    result.page_ids = sorted(candidates, key=score)
    best = result.page_ids[0]
    required = [(term, ids) for term, ids in zip(concepts, matches, strict=True) if term.kind != "age"]
    held_by_best = [term for term, ids in required if best in ids]
    if len(held_by_best) < len(required):
        result.kept_words = [term.text for term in held_by_best]
        result.missing_words = [term.text for term, _ids in required if term not in held_by_best]
    return result


def _as_typed(term):
    """The term without its synonyms (a pinyin or corrected term: the Chinese word it was read as)."""
    word = term.alternatives[1] if term.kind == "pinyin" else term.text
    return text.QueryTerm(word, (word,))


def specific_pages(page_ids):
    """The live pages with these ids, in this order, as their specific classes."""
    generations = page_cache.current_generations(RECENT_FAMILIES)
    if generations is None:
        return _specific_pages(page_ids)
    key = (tuple(page_ids), tuple(generations.values()))
    found = _recent.get(key)
    if found is None:
        found = _recent[key] = _specific_pages(page_ids)
        while len(_recent) > RECENT_LISTS:
            _recent.popitem(last=False)
    else:
        _recent.move_to_end(key)
    return list(found)


def _specific_pages(page_ids):
    pages = Page.objects.filter(pk__in=page_ids).specific()
    by_id = {page.pk: page for page in pages}
    return [by_id[pk] for pk in page_ids if pk in by_id]


def type_label(page):
    return PAGE_TYPE_LABELS.get(page.specific_class._meta.model_name, DEFAULT_LABEL)


def browse_topics():
    """Guidance topics to browse when a search found nothing (empty if guidance has none)."""
    try:
        topic_model = apps.get_model("guidance", "Topic")
    except LookupError:
        return []
    return list(topic_model.objects.order_by("pk").values("name", "slug")[:12])


# --- Type-ahead ---------------------------------------------------------------------------------------

_suggestions = {"key": None, "entries": None}
MAX_SUGGESTIONS = 8


@dataclass(frozen=True)
class SuggestionEntry:
    label: str
    url: str
    kind: str
    normalised: str
    pinyin: str
    initials: str


def _suggestion_entries(request):
    key = (pages_key(), request.get_host())
    if key == _suggestions["key"]:
        return _suggestions["entries"]
    entries = []
    for page in live_pages().filter(depth__gt=2).specific():
        url = page.get_url(request)
        if url:
            entries.append(_entry(page.title, url, type_label(page)))
    for topic in browse_topics():
        entries.append(_entry(topic["name"], f"/guidance/?topic={topic['slug']}", "主题"))
    _suggestions["entries"], _suggestions["key"] = entries, key
    return entries


def _entry(label, url, kind):
    return SuggestionEntry(
        label, url, kind, text.normalise(label), text.to_pinyin(label), text.pinyin_initials(label)
    )


# Other apps add their own type-ahead entries (the directory: institution names, streets):
# `register_suggestions(source)` where `source(request, typed) -> [{"label", "url", "kind"}]`, best first.
SUGGESTION_SOURCES = []


def register_suggestions(source):
    if source not in SUGGESTION_SOURCES:
        SUGGESTION_SOURCES.append(source)
    return source


def suggestions(request, query):
    """{label, url, kind}: up to eight pages whose title starts with, contains or is spelled by `query`,
    then what each registered source adds."""
    typed = text.normalise(query)[:50]
    letters = "".join(ch for ch in typed if ch.isalnum())
    if not letters:
        return []
    ranked = []
    for entry in _suggestion_entries(request):
        if entry.normalised.startswith(typed):
            rank = 0
        elif typed in entry.normalised:
            rank = 1
        elif letters.isascii() and (entry.pinyin.startswith(letters) or entry.initials.startswith(letters)):
            rank = 2
        else:
            continue
        ranked.append((rank, len(entry.label), entry))
    ranked.sort(key=lambda item: item[:2])
    found = [{"label": e.label, "url": e.url, "kind": e.kind} for _r, _l, e in ranked[:MAX_SUGGESTIONS]]
    for source in SUGGESTION_SOURCES:
        found += list(source(request, typed))[:MAX_SUGGESTIONS]
    return found[: MAX_SUGGESTIONS * (1 + len(SUGGESTION_SOURCES))]

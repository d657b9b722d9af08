"""Relevance orders kept for the next pages and for the same search again, until the directory changes.

Ranking a keyword's matches by relevance (`indexed._by_relevance`) reads every match, for the total and
the facets, and scores the best rated of them: at province scale a common word matches thousands of
institutions, and that read costs more than the rest of the request. What it yields is small: the total,
the facets, the first KEPT_IDS ids in order and the scores of the ranked ones. It is kept in its own
cache (`search_orders`: Redis in production, shared by every worker; apart from the default cache, so
that distinct searches never push out rate-limit counters or pages) and answers the next pages, the same
search from another parent, and the page and the API asking alike. A page beyond the kept ids computes
the order again.

The key is a keyed digest of the search (every parameter but the page, and the keyword's terms as read,
so new synonyms make a new key) and of the directory's `version()`, which any write to the directory
changes: a write retires every kept order at once, on every worker.
settings.DIRECTORY_SEARCH_ORDER_SECONDS bounds how long an order is kept in any case.
"""

from array import array

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

from directory.search import summary
from website import page_cache

# The search parameters an order depends on: all but the page, its size and what only describes the
# search to the visitor (the words understood, the spelling corrected, the place searched around).
_ORDER_FIELDS = (
    "services",
    "district",
    "age",
    "inclusive",
    "vacancy",
    "voucher",
    "street",
    "lat",
    "lng",
    "radius",
    "sort",
)


# The first ids of an order that are kept (50 pages of 20, the ranked window): an entry stays near 12 KB
# however many institutions match. A page beyond them computes the order again.
KEPT_IDS = 1_000
# Part of every key: a change to what is kept makes new keys, never a misread of old values.
_FORMAT = "2"


def version():
    """What a kept order depends on besides the search, or None when it cannot be told (nothing is kept).

    Read before the search catches the index up (`Keyword.read`): a write that commits later then finds
    its order under an older version, never a pre-write order under the version it raised. It is the
    search generation (triggers raise it on every write to institutions and their services, whoever
    writes, bulk SQL included) and the page cache's random token for the directory (replaced by every
    saved district, street or institution and by every import): a renamed district changes it, and a
    restored or flushed database never meets a token an order was kept under.
    """
    tokens = page_cache.current_generations((page_cache.DIRECTORY,))
    return None if tokens is None else (summary.generation(), tokens[page_cache.DIRECTORY])


def page(query, keyword, window, compute):
    """(total, facets, the page's ids, {id: score}) of this search: from the kept order, else from
    `compute()` (total, facets, every match's id in order, the scores of the first ones), which is kept."""
    start, end = query.offset, query.offset + query.page_size
    seconds = settings.DIRECTORY_SEARCH_ORDER_SECONDS
    key = _key(query, keyword, window) if seconds > 0 and keyword.version is not None else None
    cache = caches["search_orders"]
    stored = cache.get(key) if key else None
    if stored is not None:
        total, facets, ids, scores, truncated = stored
    if stored is None or (truncated and end > len(ids)):
        total, facets, ids, scores = compute()
        if key and stored is None:
            truncated = len(ids) > KEPT_IDS
            kept = (total, facets, array("i", ids[:KEPT_IDS]), array("d", scores[:KEPT_IDS]), truncated)
            cache.set(key, kept, seconds)
    page_ids = list(ids[start:end])
    page_scores = {pk: scores[start + i] for i, pk in enumerate(page_ids) if start + i < len(scores)}
    return total, facets, page_ids, page_scores


def _key(query, keyword, window):
    """A keyed digest (the site's secret): nothing a visitor typed, nor where they searched from, can be
    read or confirmed from the cache's keys."""
    described = repr(
        (
            keyword.version,
            query.text,
            keyword.terms,
            window,
            *(getattr(query, field) for field in _ORDER_FIELDS),
        )
    )
    return (
        f"directory-order:{_FORMAT}:"
        + salted_hmac("directory-search-order", described, algorithm="sha256").hexdigest()
    )

"""Relevance orders kept for the next pages and for the same search again, until the directory changes.

Ranking a keyword's matches by relevance (`indexed._by_relevance`) reads every match, for the total and
the facets, and scores the best rated of them: at province scale a common word matches thousands of
institutions, and that read costs more than the rest of the request. What it yields is small: the total,
the facets and the order of every match as ids (8 bytes an institution), with the scores of the ranked
ones. It is kept in the default cache (Redis in production, shared by every worker) so that the next
page, the same search from another parent, and the page and the API asking alike, are answered from it
(the first KEPT_IDS ids: a page beyond them computes the order again).

The key is a digest of the search (every parameter but the page, and the keyword's terms as read, so
new synonyms make a new key) and of the directory's version (`vocabulary.version`: the generation the
triggers raise on every write to an institution or its services, whoever makes it, and the number of
districts and streets). A write therefore retires every kept order at once, on every worker; what the
version does not see (a district renamed) lasts at most settings.DIRECTORY_SEARCH_ORDER_SECONDS.
"""

import hashlib
from array import array

from django.conf import settings
from django.core.cache import cache

from directory.search import vocabulary

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


# The first ids of an order that are kept (250 pages of 20): a word in most texts would otherwise keep
# hundreds of kilobytes. A page beyond them computes the order again.
KEPT_IDS = 5_000
# Part of every key: a change to what is kept makes new keys, never a misread of old values.
_FORMAT = "1"


def page(query, keyword, window, compute):
    """(total, facets, the page's ids, {id: score}) of this search: from the kept order, else from
    `compute()` (total, facets, every match's id in order, the scores of the first ones), which is kept."""
    start, end = query.offset, query.offset + query.page_size
    seconds = settings.DIRECTORY_SEARCH_ORDER_SECONDS
    key = _key(query, keyword, window) if seconds > 0 else None
    stored = cache.get(key) if key else None
    if stored is not None and (end <= len(stored[2]) or not stored[4]):
        total, facets, ids, scores, _ = stored
    else:
        total, facets, ids, scores = compute()
        if key and stored is None:
            kept = (
                total,
                facets,
                array("q", ids[:KEPT_IDS]),
                array("d", scores[:KEPT_IDS]),
                len(ids) > KEPT_IDS,
            )
            cache.set(key, kept, seconds)
    page_ids = list(ids[start:end])
    page_scores = {pk: scores[start + i] for i, pk in enumerate(page_ids) if start + i < len(scores)}
    return total, facets, page_ids, page_scores


def _key(query, keyword, window):
    described = repr(
        (
            vocabulary.version(),
            query.text,
            keyword.terms,
            window,
            *(getattr(query, field) for field in _ORDER_FIELDS),
        )
    )
    return f"directory-order:{_FORMAT}:" + hashlib.sha256(described.encode()).hexdigest()

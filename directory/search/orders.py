"""Relevance orders kept for the next pages and for the same search again, until the directory changes.

Ranking a keyword's matches by relevance (`indexed._by_relevance`) reads every match, for the total and
the facets, and scores the best rated of them: at province scale a common word matches thousands of
institutions, and that read costs more than the rest of the request. What it yields is small: the total,
the facets and the order of every match as ids (8 bytes an institution), with the scores of the ranked
ones. It is kept in the default cache (Redis in production, shared by every worker) so that the next
page, the same search from another parent, and the page and the API asking alike, are answered from it.

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


class Order:
    """A search's total, facets and every match's id in order; `scores` for the first len(scores)."""

    def __init__(self, total, facets, ids, scores):
        self.total = total
        self.facets = facets
        self.ids = ids
        self.scores = scores

    def page(self, offset, size):
        """(ids, {id: score}) of one page."""
        ids = list(self.ids[offset : offset + size])
        ranked = len(self.scores)
        scores = {pk: self.scores[offset + i] for i, pk in enumerate(ids) if offset + i < ranked}
        return ids, scores


def kept(query, keyword, window, compute):
    """The order of this search: from the cache, else `compute()` (total, facets, every match's id in
    order, the scores of the first ones) and kept."""
    seconds = settings.DIRECTORY_SEARCH_ORDER_SECONDS
    key = _key(query, keyword, window) if seconds > 0 else None
    stored = cache.get(key) if key else None
    if stored is not None:
        return Order(*stored)
    total, facets, ids, scores = compute()
    order = Order(total, facets, array("q", ids), array("d", scores))
    if key:
        cache.set(key, (order.total, order.facets, order.ids, order.scores), seconds)
    return order


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
    return "directory-order:" + hashlib.sha256(described.encode()).hexdigest()

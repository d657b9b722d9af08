"""What every engine returns: one page of institutions with their distances, the total and facets."""

import math
from dataclasses import dataclass, field

from directory.search.query import SERVICE_LABELS


@dataclass
class Hit:
    institution: object
    distance_km: float | None = None
    score: float | None = None


@dataclass
class SearchResults:
    query: object
    total: int
    hits: list
    facets: dict = field(default_factory=lambda: {"service": {}, "district": {}})
    engine: str = "database"
    # Relevance ranked only the best rated N matches (the rest follow by rating), or None: see database.py.
    ranked_window: int | None = None

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.query.page_size))

    @property
    def page(self):
        return self.query.page

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def first_index(self):
        return self.query.offset + 1 if self.hits else 0

    @property
    def last_index(self):
        return self.query.offset + len(self.hits)


def empty_facets():
    return {"service": dict.fromkeys(SERVICE_LABELS, 0), "district": {}}

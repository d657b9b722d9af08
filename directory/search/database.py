"""The default engine: plain SQL on SQLite or PostgreSQL, no search server.

Keyword: `query.text`, the keyword left after its filter words were understood (`reading.py`), matched
and ranked by `matching.py` (every strong term, with its synonyms and pinyin readings, as a substring of
the name, address, description, street or district name). Location: a bounding box on the
indexed latitude/longitude first (widened by half a home grid cell), so only the rows near the point are
read, then the great-circle (haversine) distance to each row's public point (`Institution.public_location`,
the coarse point for a home-based care point) computed in SQL, filtered by the radius and used for sorting.

A search is two queries over the matching rows, whatever the page size:
1. one aggregation that yields the total and both facets at once (grouped by district, counting each
   service type with conditional aggregates), and
2. the page itself. Nearest-first pages first look in the smallest circle that, going by the total just
   counted, should hold the rows up to this page, and widen to the full radius only when it does not,
   so sorting never has to touch every row of a dense area.
plus one query that loads the services of the page's institutions.

At province scale (issue 12) nothing reads every row:
- without a required word, place or street, the total and the facets come from the summary table
  (`summary.py`), and the page from the rating index;
- otherwise, while the full-text index is current, `indexed.py` answers from the narrow search rows
  (`rows.py`): a keyword's required words are looked up in the full-text index (`fulltext.py`,
  character pairs in SQLite FTS5 or a PostgreSQL tsvector), a point's rows read from the (latitude
  band, longitude) index, and only the page's institutions from the institution table;
- while the index is behind (a bulk write nobody refreshed), the methods below scan the institution
  table as before, the index still narrowing the keyword's rows when it can (their answers are the
  reference the parity tests hold the search rows to);
- relevance ranks a bounded window: when more than RELEVANCE_WINDOW institutions match, the best rated
  RELEVANCE_WINDOW of them are ranked by relevance and the rest follow in rating order
  (`SearchResults.ranked_window` says so, for the page to tell the visitor).
The number of queries of a search does not depend on the size of the directory.
"""

import logging

from django.db import DatabaseError, connection
from django.db.models import Count, Exists, F, FloatField, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from directory.models import HOME_GRID_DEGREES, District, Institution, InstitutionService, Street
from directory.search import fulltext, indexed, matching, orders, summary
from directory.search.indexed import hydrated as _hydrated
from directory.search.indexed import shared_filters
from directory.search.query import EARTH_RADIUS_KM
from directory.search.results import Hit, SearchResults

logger = logging.getLogger("directory.search")

# Relevance ranks at most this many matches (the best rated); the rest follow in rating order.
RELEVANCE_WINDOW = 1000


def _offers(codes):
    return Exists(InstitutionService.objects.filter(institution=OuterRef("pk"), service_type__in=codes))


def _distance_expression(lat, lng):
    """Haversine great-circle distance in km from (lat, lng) to each row's public point, in SQL.

    Needs the `public_latitude` / `public_longitude` of `Institution.objects.with_public_point()`.
    """
    lat1 = Radians(Value(lat, output_field=FloatField()))
    lat2 = Radians(F("public_latitude"))
    d_lat = Radians(F("public_latitude") - Value(lat, output_field=FloatField()))
    d_lng = Radians(F("public_longitude") - Value(lng, output_field=FloatField()))
    a = Power(Sin(d_lat / 2), 2) + Cos(lat1) * Cos(lat2) * Power(Sin(d_lng / 2), 2)
    return Value(2 * EARTH_RADIUS_KM, output_field=FloatField()) * ASin(Sqrt(a))


_statistics_checked = set()


def ensure_statistics():
    """SQLite plans by its statistics; without any it would walk the status index, not the location one.

    PostgreSQL gathers them itself (autovacuum). On SQLite, a database that has never been analysed
    gets `ANALYZE` on the institution table once, the first time this process searches it.
    """
    if connection.vendor != "sqlite":
        return
    key = connection.settings_dict.get("NAME")
    if key in _statistics_checked:
        return
    _statistics_checked.add(key)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
            analysed = False
            if cursor.fetchone():
                cursor.execute(
                    "SELECT 1 FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [Institution._meta.db_table]
                )
                analysed = cursor.fetchone() is not None
            if not analysed:
                for model in (Institution, InstitutionService):
                    cursor.execute(f'ANALYZE "{model._meta.db_table}"')
    except DatabaseError as error:  # read-only database, lock timeout: search still works, only slower
        logger.warning("无法为托育机构表收集 SQLite 统计信息：%s", error)


class DatabaseEngine:
    name = "database"

    def base_queryset(self):
        return Institution.objects.public()

    def filtered(self, query, *, skip=(), radius=None, keyword=None):
        """Public institutions matching every filter of `query` except the facets named in `skip`.

        `keyword`: the prepared `Keyword` of this search (its index lookup), read from `query` if None.
        """
        queryset = shared_filters(self.base_queryset(), query, skip)
        if query.services and "service" not in skip:
            queryset = queryset.filter(_offers(query.services))
        keyword = keyword or Keyword.read(query, use_index=False)
        if keyword.candidates is not None:
            queryset = queryset.filter(keyword.candidates)
        if keyword.condition is not None:
            queryset = queryset.filter(keyword.condition)
        if query.has_point:
            radius = query.radius if radius is None else radius
            min_lat, max_lat, min_lng, max_lng = query.bounding_box(radius)
            # A home's public point lies up to half a grid cell from its stored one.
            margin = HOME_GRID_DEGREES / 2
            queryset = (
                queryset.filter(
                    latitude__range=(min_lat - margin, max_lat + margin),
                    longitude__range=(min_lng - margin, max_lng + margin),
                )
                .with_public_point()
                .annotate(distance_km=_distance_expression(query.lat, query.lng))
                .filter(distance_km__lte=radius)
            )
        return queryset

    def ordered(self, queryset, query):
        first = ["-inclusive"] if query.sort == "inclusive" else []
        sort = query.base_sort
        rating = F("rating").desc(nulls_last=True)
        nearest = ["distance_km"] if query.has_point else []
        if query.text:
            queryset = queryset.annotate(score=matching.relevance(query.text))
        if sort == "distance":
            return queryset.order_by(*first, "distance_km", rating, "pk")
        if sort == "rating" or not query.text:
            return queryset.order_by(*first, rating, *nearest, "name", "pk")
        return queryset.order_by(*first, "-score", *nearest, rating, "pk")

    def summary(self, query, keyword=None):
        """(total, facets) from one aggregation over the rows matching all filters but the two facets.

        Rows are counted by district and by the set of services they offer (a bit mask read from the
        services index), a few dozen groups; `summary.facets_from_cells` turns those into the total and
        the disjunctive facets (the service counts ignore the chosen services, the district counts the
        chosen district).
        """
        cells = (
            self.filtered(query, skip={"service", "district"}, keyword=keyword)
            .annotate(_services=RawSQL(summary.services_mask_sql(Institution._meta.db_table), []))
            .values_list("district__code", "_services")
            .annotate(_count=Count("pk"))
            .order_by()
        )
        return summary.facets_from_cells(query, list(cells))

    def page_rows(self, query, total, keyword=None):
        needed = query.offset + query.page_size
        if query.has_point:
            radius = indexed.smaller_radius(query, needed, total)
            if radius is not None:
                rows = list(self._page(query, radius, keyword)[:needed])
                if len(rows) == needed:  # every row farther away lies outside this smaller circle
                    return rows[query.offset :]
        if query.text and query.base_sort == "relevance" and total > RELEVANCE_WINDOW:
            return self._windowed_relevance_rows(query, keyword, needed)
        return list(self._page(query, None, keyword)[query.offset : needed])

    def _windowed_relevance_rows(self, query, keyword, needed):
        """Relevance order over the RELEVANCE_WINDOW best rated matches, then rating order: the rows
        offset..needed of that order, reading at most the window and the page."""
        first = ["-inclusive"] if query.sort == "inclusive" else []
        by_rating = self.filtered(query, keyword=keyword).order_by(
            *first, F("rating").desc(nulls_last=True), "pk"
        )
        rows = []
        if query.offset < RELEVANCE_WINDOW:
            # The window's ids are read first (one query, at most RELEVANCE_WINDOW): as a subquery,
            # PostgreSQL re-ran the keyword's lookup for every row it compared.
            window = list(by_rating.values_list("pk", flat=True)[:RELEVANCE_WINDOW])
            in_window = self.filtered(query, keyword=Keyword([], [], None, None)).filter(pk__in=window)
            ranked = self.ordered(in_window, query)
            rows = list(_hydrated(ranked)[query.offset : min(needed, RELEVANCE_WINDOW)])
        if needed > RELEVANCE_WINDOW:
            rows += list(_hydrated(by_rating)[max(query.offset, RELEVANCE_WINDOW) : needed])
        return rows

    def _page(self, query, radius, keyword=None):
        return _hydrated(self.ordered(self.filtered(query, radius=radius, keyword=keyword), query))

    def _rows_answer(self, query, keyword):
        """Whether the search rows (`indexed.py`) answer: the index is current and the keyword, if it
        decides, could be looked up in it."""
        if keyword.required:
            return keyword.candidates is not None
        return fulltext.ready()

    def search(self, query):
        ensure_statistics()
        keyword = Keyword.read(query)
        from_summary = summary.answers(query, keyword.required)
        if not from_summary and self._rows_answer(query, keyword):
            total, facets, rows = indexed.search(query, keyword, RELEVANCE_WINDOW)
        else:
            total, facets = summary.totals(query) if from_summary else self.summary(query, keyword)
            rows = self.page_rows(query, total, keyword) if total and query.offset < total else []
        hits = [
            Hit(
                institution=row,
                distance_km=getattr(row, "distance_km", None),
                score=getattr(row, "score", None),
            )
            for row in rows
        ]
        windowed = query.text and query.base_sort == "relevance" and total > RELEVANCE_WINDOW
        return SearchResults(
            query=query,
            total=total,
            hits=hits,
            facets=facets,
            engine=self.name,
            ranked_window=RELEVANCE_WINDOW if windowed else None,
        )


class Keyword:
    """A search's keyword, read once: its terms, the required ones, the exact condition on the texts
    and (when the full-text index is current) the index lookup that narrows the rows first."""

    def __init__(self, terms, required, condition, candidates, version=None):
        self.terms = terms
        self.required = required
        self.condition = condition
        self.candidates = candidates
        self.version = version  # the directory's version its search order may be kept under

    @classmethod
    def read(cls, query, *, use_index=True):
        if not query.text:
            return cls([], [], None, None)
        terms = matching.read_terms(query.text)
        required = matching.required(terms)
        condition = matching.keyword_filter(terms)
        candidates = version = None
        if required and use_index:
            version = orders.version()  # before the catch-up: see orders.version
            if fulltext.ready():
                candidates = _index_candidates(required)
        return cls(terms, required, condition, candidates, version)


def _index_candidates(required):
    """Q narrowing the rows to those the index says may hold every required term, or None to scan.

    A term also matches the institutions of a district or street whose name holds it, which the index
    of the institutions' own texts does not know: those terms add their places' rows (one query reads
    the place names, a few thousand at most).
    """
    places = _place_names()
    per_term = []
    for term in required:
        words = [word.casefold() for word in term.alternatives]
        districts = [
            pk for kind, pk, name in places if kind == "d" and any(w in name.casefold() for w in words)
        ]
        streets = [
            pk for kind, pk, name in places if kind == "s" and any(w in name.casefold() for w in words)
        ]
        per_term.append((term.alternatives, districts, streets))
    if not any(districts or streets for _, districts, streets in per_term):
        expression = fulltext.expression([alternatives for alternatives, _, _ in per_term])
        return None if expression is None else Q(fulltext.InIndex(expression))
    condition = Q()
    for alternatives, districts, streets in per_term:
        expression = fulltext.expression([alternatives])
        if expression is None:
            return None
        term_rows = Q(fulltext.InIndex(expression))
        if districts:
            term_rows |= Q(district_id__in=districts)
        if streets:
            term_rows |= Q(street_id__in=streets)
        condition &= term_rows
    return condition


def _place_names():
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 'd', id, name FROM {District._meta.db_table} "
            f"UNION ALL SELECT 's', id, name FROM {Street._meta.db_table}"
        )
        return cursor.fetchall()

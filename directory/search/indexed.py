"""The database engine's searches that the summary table cannot answer (a keyword that decides, a point,
a street), read from the narrow search rows (`rows.py`) while the full-text index is current.

What a search costs here grows with the rows it matches, not with the directory, and each matching row
costs little: the keyword's rows come from the full-text index (exact: the index holds every character
pair of the public texts as the text pipeline normalises them, and a word is the phrase of its pairs),
a point's rows from the (latitude band, longitude) index, and the total, the facets and the order from
the narrow rows alone. Only the page's institutions, and for relevance the best-rated
`database.RELEVANCE_WINDOW` matches, are read from the institution table. A relevance order, the
costliest (it reads every match), is kept until the directory changes (`orders.py`): the next pages and
the same search again read only their page.

The answers are those of `DatabaseEngine`'s scan of the institution table (the parity tests compare
them), with two differences that are the index's: a traditional-script or full-width text matches its
simplified, half-width keyword, and distances are computed once, in Python, for the page.
"""

import math
from collections import Counter
from operator import itemgetter

from django.db import connection
from django.db.models import Count, F, FloatField, Lookup, Value

from directory.choices import services_mask
from directory.models import District, Institution, SearchRow
from directory.search import matching, orders, rows, summary
from directory.search.query import great_circle_km

NEAREST_SAFETY = 3
NEAREST_MAX_ROWS = 500


def _chord_squared(lat, lng):
    origin = rows.unit_vector(lat, lng)
    parts = [
        F(axis) - Value(value, output_field=FloatField()) for axis, value in zip("xyz", origin, strict=True)
    ]
    return sum((part * part for part in parts[1:]), parts[0] * parts[0])


def shared_filters(queryset, query, skip=()):
    """The filters written alike for institutions and for search rows (same field names), all but the
    services, the keyword and the point."""
    if query.district and "district" not in skip:
        queryset = queryset.filter(district__code=query.district)
    if query.age is not None:
        queryset = queryset.filter(min_age_months__lte=query.age, max_age_months__gte=query.age)
    if query.inclusive:
        queryset = queryset.filter(inclusive=True)
    if query.vacancy:
        queryset = queryset.filter(vacancies__gt=0)
    if query.voucher:
        queryset = queryset.filter(accepts_childcare_voucher=True)
    if query.street:
        queryset = queryset.filter(street__code=query.street)
    return queryset


def matching_rows(query, keyword, *, skip=(), radius=None):
    """The search rows matching every filter of `query` but the facets in `skip`; with a point,
    annotated `chord2` (see rows.py) and limited to `radius` (default: the query's)."""
    queryset = shared_filters(SearchRow.objects.all(), query, skip)
    if query.services and "service" not in skip:
        mask = services_mask(query.services)
        queryset = queryset.annotate(_offered=F("services").bitand(mask)).filter(_offered__gt=0)
    if keyword.candidates is not None:
        queryset = queryset.filter(keyword.candidates)
    if query.has_point:
        radius = query.radius if radius is None else radius
        min_lat, max_lat, min_lng, max_lng = query.bounding_box(radius)
        bands = list(range(rows.lat_band(min_lat), rows.lat_band(max_lat) + 1))
        queryset = (
            queryset.filter(lat_band__in=bands, longitude__range=(min_lng, max_lng))
            .annotate(chord2=_chord_squared(query.lat, query.lng))
            .filter(chord2__lte=rows.chord_squared_limit(radius))
        )
    return queryset


def search(query, keyword, window):
    """(total, facets, the page's institutions) of a query, from the search rows.

    Relevance order: one read of every match (`_by_relevance`). Otherwise: one aggregation for the total
    and the facets (from the place index alone around a point), then the page's ids in order.
    """
    if query.text and query.base_sort == "relevance":
        return _by_relevance(query, keyword, window)
    cells = (
        matching_rows(query, keyword, skip={"service", "district"})
        .values_list("district__code", "services")
        .annotate(_count=Count("pk"))
        .order_by()
    )
    total, facets = summary.facets_from_cells(query, list(cells))
    if not total or query.offset >= total:
        return total, facets, []
    needed = query.offset + query.page_size
    if query.has_point and query.base_sort == "distance":
        ids = _nearest_ids(query, total, keyword, needed)
    else:
        first, rating = _rating_order(query)
        nearest = ["chord2"] if query.has_point else []
        ordered = matching_rows(query, keyword).order_by(*first, rating, *nearest, "name", "pk")
        ids = list(ordered.values_list("pk", flat=True)[query.offset : needed])
    return total, facets, _institutions(ids, query, {})


def _by_relevance(query, keyword, window):
    """The page of a relevance order, which is kept for the next pages and the same search again
    (`orders.py`)."""
    total, facets, ids, scores = orders.page(
        query, keyword, window, lambda: _relevance_order(query, keyword, window)
    )
    return total, facets, _institutions(ids, query, scores)


def _relevance_order(query, keyword, window):
    """(total, facets, every match's id in order, the scores of the first ones, which were ranked).

    Every match is read once, best rated first (what it needs from each is in the row): the total and
    the facets are counted from them, the `window` best rated are ranked by relevance (their scores from
    the institution table), and the rest follow in rating order."""
    first, rating = _rating_order(query)
    fields = [
        "pk",
        "district_id",
        "services",
        "inclusive",
        "rating",
        *(["chord2"] if query.has_point else []),
    ]
    matches = _raw_rows(
        matching_rows(query, keyword, skip={"service", "district"})
        .order_by(*first, rating, "pk")
        .values_list(*fields)
    )
    codes = dict(District.objects.values_list("pk", "code"))
    cells = Counter(map(itemgetter(1, 2), matches))
    total, facets = summary.facets_from_cells(
        query, [(codes[district], services, n) for (district, services), n in cells.items()]
    )
    chosen = services_mask(query.services)
    wanted = matches
    if chosen or query.district:
        wanted = [
            row
            for row in matches
            if (not chosen or row[2] & chosen) and (not query.district or codes[row[1]] == query.district)
        ]
    candidates = wanted[:window]
    scores = {}
    if candidates:
        scores = dict(
            Institution.objects.filter(_IdIn([row[0] for row in candidates]))
            .annotate(score=matching.relevance(query.text, keyword.terms))
            .values_list("pk", "score")
        )

    def relevance(row):
        pk, _, _, inclusive, row_rating = row[:5]
        return (
            -int(inclusive) if first else 0,
            -scores.get(pk, 0.0),
            row[5] if query.has_point else 0.0,
            row_rating is None,
            -(row_rating or 0.0),
            pk,
        )

    ranked = [row[0] for row in sorted(candidates, key=relevance)]
    return total, facets, ranked + [row[0] for row in wanted[window:]], [scores.get(pk, 0.0) for pk in ranked]


class _IdIn(Lookup):
    """`id IN (1, 2, …)` with the ids written into the SQL: they are integers read from the database,
    and Django's preparation of a thousand parameters would cost more than the query."""

    lookup_name = "id_in"
    prepare_rhs = False

    def __init__(self, ids):
        super().__init__(F("pk"), tuple(int(pk) for pk in ids))

    def as_sql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        return f"{column} IN ({', '.join(map(str, self.rhs)) or 'NULL'})", params


def _raw_rows(queryset):
    """The queryset's rows as the database driver returns them: thousands of matches are read here, and
    Django's per-value conversions would cost more than the query (booleans stay 0/1 on SQLite)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _rating_order(query):
    first = ["-inclusive"] if query.sort == "inclusive" else []
    return first, F("rating").desc(nulls_last=True)


def smaller_radius(query, needed, total):
    """For a nearest-first page: a radius under the query's that should hold the rows up to it (matches
    spread over the circle's area, NEAREST_SAFETY × needed of them), or None to read the whole circle."""
    if query.effective_sort != "distance" or needed > NEAREST_MAX_ROWS:
        return None
    radius = query.radius * math.sqrt(min(1.0, NEAREST_SAFETY * needed / total))
    return radius if radius < query.radius else None


def _nearest_ids(query, total, keyword, needed):
    first, rating = _rating_order(query)

    def ordered(radius):
        found = matching_rows(query, keyword, radius=radius)
        return found.order_by(*first, "chord2", rating, "pk").values_list("pk", flat=True)

    radius = smaller_radius(query, needed, total)
    if radius is not None:
        ids = list(ordered(radius)[:needed])
        if len(ids) == needed:  # every row farther away lies outside this smaller circle
            return ids[query.offset :]
    return list(ordered(None)[query.offset : needed])


def _institutions(ids, query, scores):
    # public(): an order read or kept just before a write may still hold an institution since withdrawn
    by_pk = {
        institution.pk: institution
        for institution in hydrated(Institution.objects.public().filter(pk__in=ids))
    }
    page_rows = []
    for pk in ids:
        institution = by_pk.get(pk)
        if institution is None:  # deleted or withdrawn since the rows were read
            continue
        point = institution.public_location if query.has_point else None
        institution.distance_km = great_circle_km(query.lat, query.lng, *point) if point else None
        institution.score = scores.get(pk)
        page_rows.append(institution)
    return page_rows


def hydrated(queryset):
    """Institutions with what a result shows: district, street and services, in two more queries."""
    return queryset.select_related("district", "street").prefetch_related("services")

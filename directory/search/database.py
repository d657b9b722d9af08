"""The default engine: plain SQL on SQLite or PostgreSQL, no search server.

Keyword: the clauses of `directory.search.keywords` (the foundation's jieba analyser) as substring
matches over name, address, description, street and district names. Location: a bounding box on the
indexed latitude/longitude first, so only the rows near the point are read, then the exact great-circle
(haversine) distance computed in SQL, filtered by the radius and used for sorting. Facets: two
aggregation queries. A search costs the same handful of queries whatever the page size.
"""

from django.db.models import Case, Count, Exists, F, FloatField, OuterRef, Q, Value, When
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from directory.search.keywords import clauses
from directory.search.query import EARTH_RADIUS_KM
from directory.search.results import Hit, SearchResults, empty_facets

NAME_WEIGHT = 3
PLACE_WEIGHT = 2
DESCRIPTION_WEIGHT = 1
SERVICE_WEIGHT = 2


def _models():
    from directory.models import Institution, InstitutionService

    return Institution, InstitutionService


def _offers(codes):
    _, InstitutionService = _models()
    return Exists(InstitutionService.objects.filter(institution=OuterRef("pk"), service_type__in=codes))


def _contains(term):
    """Q for "one of the public texts contains `term`". A home-based point's address stays private."""
    return (
        Q(name__icontains=term)
        | Q(description__icontains=term)
        | Q(district__name__icontains=term)
        | Q(street__name__icontains=term)
        | (Q(address__icontains=term) & ~Q(kind="home"))
    )


def _clause_q(clause):
    condition = _contains(clause.phrase)
    if len(clause.words) > 1 or clause.words[0] != clause.phrase:
        every_word = Q()
        for word in clause.words:
            every_word &= _contains(word)
        condition |= every_word
    if clause.services:
        condition |= Q(_offers(clause.services))
    return condition


def _score(parsed_clauses):
    parts = []
    for clause in parsed_clauses:
        for term in clause.terms:
            parts += [
                Case(When(name__icontains=term, then=Value(NAME_WEIGHT)), default=Value(0)),
                Case(
                    When(
                        Q(district__name__icontains=term) | Q(street__name__icontains=term),
                        then=Value(PLACE_WEIGHT),
                    ),
                    When(Q(address__icontains=term) & ~Q(kind="home"), then=Value(PLACE_WEIGHT)),
                    default=Value(0),
                ),
                Case(When(description__icontains=term, then=Value(DESCRIPTION_WEIGHT)), default=Value(0)),
            ]
        if clause.services:
            parts.append(Case(When(_offers(clause.services), then=Value(SERVICE_WEIGHT)), default=Value(0)))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def _distance_expression(lat, lng):
    """Haversine great-circle distance in km from (lat, lng) to each row, in SQL."""
    lat1 = Radians(Value(lat, output_field=FloatField()))
    lat2 = Radians(F("latitude"))
    d_lat = Radians(F("latitude") - Value(lat, output_field=FloatField()))
    d_lng = Radians(F("longitude") - Value(lng, output_field=FloatField()))
    a = Power(Sin(d_lat / 2), 2) + Cos(lat1) * Cos(lat2) * Power(Sin(d_lng / 2), 2)
    return Value(2 * EARTH_RADIUS_KM, output_field=FloatField()) * ASin(Sqrt(a))


class DatabaseEngine:
    name = "database"

    def base_queryset(self):
        Institution, _ = _models()
        return Institution.objects.public()

    def filtered(self, query, *, skip=()):
        """Public institutions matching every filter of `query` except the facets named in `skip`."""
        queryset = self.base_queryset()
        if query.district and "district" not in skip:
            queryset = queryset.filter(district__code=query.district)
        if query.services and "service" not in skip:
            queryset = queryset.filter(_offers(query.services))
        if query.age is not None:
            queryset = queryset.filter(min_age_months__lte=query.age, max_age_months__gte=query.age)
        if query.inclusive:
            queryset = queryset.filter(inclusive=True)
        if query.vacancy:
            queryset = queryset.filter(vacancies__gt=0)
        for clause in clauses(query.q):
            queryset = queryset.filter(_clause_q(clause))
        if query.has_point:
            min_lat, max_lat, min_lng, max_lng = query.bounding_box()
            queryset = (
                queryset.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
                .annotate(distance_km=_distance_expression(query.lat, query.lng))
                .filter(distance_km__lte=query.radius)
            )
        return queryset

    def ordered(self, queryset, query):
        sort = query.effective_sort
        rating = F("rating").desc(nulls_last=True)
        nearest = ["distance_km"] if query.has_point else []
        if sort == "distance":
            return queryset.order_by("distance_km", rating, "pk")
        if sort == "rating":
            return queryset.order_by(rating, *nearest, "name", "pk")
        # relevance with a keyword
        queryset = queryset.annotate(score=_score(clauses(query.q)))
        return queryset.order_by("-score", *nearest, rating, "pk")

    def facets(self, query):
        _, InstitutionService = _models()
        facets = empty_facets()
        service_rows = (
            InstitutionService.objects.filter(
                institution__in=self.filtered(query, skip={"service"}).values("pk")
            )
            .values("service_type")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        for row in service_rows:
            facets["service"][row["service_type"]] = row["n"]
        district_rows = (
            self.filtered(query, skip={"district"})
            .values("district__code")
            .annotate(n=Count("pk", distinct=True))
            .order_by("district__code")
        )
        facets["district"] = {row["district__code"]: row["n"] for row in district_rows}
        return facets

    def search(self, query):
        queryset = self.filtered(query)
        total = queryset.count()
        hits = []
        if total and query.offset < total:
            rows = (
                self.ordered(queryset, query)
                .select_related("district", "street")
                .prefetch_related("services")[query.offset : query.offset + query.page_size]
            )
            hits = [
                Hit(
                    institution=row,
                    distance_km=getattr(row, "distance_km", None),
                    score=getattr(row, "score", None),
                )
                for row in rows
            ]
        return SearchResults(query=query, total=total, hits=hits, facets=self.facets(query), engine=self.name)

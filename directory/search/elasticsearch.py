"""The Elasticsearch engine, built with elasticsearch-dsl (imported from `elasticsearch.dsl`).

One document per public institution in an index reached through an alias (`directory_index` builds a
fresh index and swaps the alias, so searches never see a half-built one). Chinese text is analysed with
the built-in `cjk` analyser (overlapping bigrams); the query side feeds it the words of the foundation's
jieba analyser, so 朝阳路托育 finds 朝阳路 … 托育. Facets are aggregations, computed "disjunctively"
like the database engine: the service counts ignore the selected services and the district counts ignore
the selected district, so a parent sees what picking another one would give. Hits are loaded back from
`Institution.objects.public()`, so the index can never show a suspended or cancelled institution.
"""

import logging
from datetime import UTC, datetime
from functools import lru_cache

import elastic_transport
from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.dsl import (
    A,
    Boolean,
    Document,
    Float,
    GeoPoint,
    Integer,
    Keyword,
    Q,
    Search,
    Text,
)

from directory.search.keywords import clauses
from directory.search.query import SERVICE_LABELS, great_circle_km
from directory.search.results import Hit, SearchResults, empty_facets

logger = logging.getLogger("directory.search")

# Everything that means "Elasticsearch cannot answer now": refused connections, timeouts, missing index.
UNAVAILABLE_ERRORS = (elastic_transport.TransportError, ApiError)

ANALYZER = "cjk"
TEXT_FIELDS = ["name^3", "district_name^2", "street_name^2", "address^2", "service_labels^2", "description"]
MAX_DISTRICT_BUCKETS = 500


def alias_name():
    return getattr(settings, "DIRECTORY_ELASTICSEARCH_INDEX", "tuoyu_institutions")


@lru_cache(maxsize=4)
def client_for(url):
    timeout = getattr(settings, "DIRECTORY_ELASTICSEARCH_TIMEOUT", 3)
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


class InstitutionDocument(Document):
    name = Text(analyzer=ANALYZER, fields={"raw": Keyword()})
    address = Text(analyzer=ANALYZER)
    description = Text(analyzer=ANALYZER)
    district_name = Text(analyzer=ANALYZER)
    street_name = Text(analyzer=ANALYZER)
    service_labels = Text(analyzer=ANALYZER, multi=True)
    district_code = Keyword()
    services = Keyword(multi=True)
    kind = Keyword()
    credit_code = Keyword()
    min_age_months = Integer()
    max_age_months = Integer()
    capacity = Integer()
    vacancies = Integer()
    inclusive = Boolean()
    rating = Float()
    location = GeoPoint()

    class Index:
        name = "tuoyu_institutions"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def from_institution(cls, institution):
        services = [s.service_type for s in institution.services.all()]
        document = cls(
            meta={"id": institution.pk},
            name=institution.name,
            # A home-based care point is public only down to its street.
            address="" if institution.kind == "home" else institution.address,
            description=institution.description,
            district_name=institution.district.name,
            street_name=institution.street.name if institution.street_id else "",
            service_labels=[SERVICE_LABELS[code] for code in services if code in SERVICE_LABELS],
            district_code=institution.district.code,
            services=services,
            kind=institution.kind,
            credit_code=institution.credit_code,
            min_age_months=institution.min_age_months,
            max_age_months=institution.max_age_months,
            capacity=institution.capacity,
            vacancies=institution.vacancies,
            inclusive=institution.inclusive,
            rating=institution.rating,
        )
        if institution.latitude is not None and institution.longitude is not None:
            document.location = {"lat": institution.latitude, "lon": institution.longitude}
        return document


def _geo_sort(query):
    return {
        "_geo_distance": {
            "location": {"lat": query.lat, "lon": query.lng},
            "order": "asc",
            "unit": "km",
            "distance_type": "arc",
        }
    }


def build_search(query, using=None):
    """The elasticsearch-dsl Search for a SearchQuery: what is sent is `build_search(q).to_dict()`."""
    search = Search(using=using, index=alias_name())

    filters = []
    if query.age is not None:
        filters += [
            Q("range", min_age_months={"lte": query.age}),
            Q("range", max_age_months={"gte": query.age}),
        ]
    if query.inclusive:
        filters.append(Q("term", inclusive=True))
    if query.vacancy:
        filters.append(Q("range", vacancies={"gt": 0}))
    if query.has_point:
        filters.append(
            Q("geo_distance", distance=f"{query.radius:g}km", location={"lat": query.lat, "lon": query.lng})
        )

    must = []
    for clause in clauses(query.q):
        must.append(
            Q(
                "bool",
                should=[
                    Q("multi_match", query=clause.phrase, type="phrase", fields=TEXT_FIELDS),
                    # Every word somewhere in the institution's texts, not necessarily in one field.
                    Q(
                        "multi_match",
                        query=" ".join(clause.words),
                        type="cross_fields",
                        operator="and",
                        fields=TEXT_FIELDS,
                    ),
                ],
                minimum_should_match=1,
            )
        )
    search = search.query(Q("bool", must=must or [Q("match_all")], filter=filters))

    # Facet filters go to post_filter so that each aggregation can leave its own one out.
    service_filter = Q("terms", services=list(query.services)) if query.services else None
    district_filter = Q("term", district_code=query.district) if query.district else None
    post_filters = [f for f in (service_filter, district_filter) if f is not None]
    if post_filters:
        search = search.post_filter(Q("bool", filter=post_filters))

    service_agg = A("filter", district_filter or Q("match_all"))
    service_agg.bucket("counts", "terms", field="services", size=len(SERVICE_LABELS))
    district_agg = A("filter", service_filter or Q("match_all"))
    district_agg.bucket("counts", "terms", field="district_code", size=MAX_DISTRICT_BUCKETS)
    search.aggs.bucket("service", service_agg)
    search.aggs.bucket("district", district_agg)

    rating = {"rating": {"order": "desc"}}
    nearest = [_geo_sort(query)] if query.has_point else []
    sort = query.effective_sort
    if sort == "distance":
        search = search.sort(_geo_sort(query), rating)
    elif sort == "rating":
        search = search.sort(rating, *nearest, {"name.raw": {"order": "asc"}})
    else:
        search = search.sort("_score", *nearest, rating)

    search = search.extra(track_total_hits=True).source(False)
    return search[query.offset : query.offset + query.page_size]


def parse_response(query, body):
    """(total, [(id, score)], facets) from the raw JSON of a search response."""
    hits = body.get("hits", {})
    total = hits.get("total", 0)
    if isinstance(total, dict):
        total = total.get("value", 0)
    ids = [(int(hit["_id"]), hit.get("_score")) for hit in hits.get("hits", [])]
    facets = empty_facets()
    aggregations = body.get("aggregations", {})
    for bucket in aggregations.get("service", {}).get("counts", {}).get("buckets", []):
        if bucket["key"] in facets["service"]:
            facets["service"][bucket["key"]] = bucket["doc_count"]
    facets["district"] = {
        str(bucket["key"]): bucket["doc_count"]
        for bucket in sorted(
            aggregations.get("district", {}).get("counts", {}).get("buckets", []), key=lambda b: str(b["key"])
        )
    }
    return total, ids, facets


def load_hits(query, ids):
    """The public institutions behind the hit ids, in hit order, with their exact distance."""
    from directory.models import Institution

    rows = (
        Institution.objects.public()
        .filter(pk__in=[pk for pk, _ in ids])
        .select_related("district", "street")
        .prefetch_related("services")
        .in_bulk()
    )
    hits = []
    for pk, score in ids:
        institution = rows.get(pk)
        if institution is None:  # suspended or deleted since it was indexed
            continue
        distance = None
        if query.has_point and institution.latitude is not None and institution.longitude is not None:
            distance = great_circle_km(query.lat, query.lng, institution.latitude, institution.longitude)
        hits.append(Hit(institution=institution, distance_km=distance, score=score))
    return hits


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, url):
        self.url = url

    @property
    def client(self):
        return client_for(self.url)

    def search(self, query):
        body = build_search(query, using=self.client).execute().to_dict()
        total, ids, facets = parse_response(query, body)
        return SearchResults(
            query=query, total=total, hits=load_hits(query, ids), facets=facets, engine=self.name
        )


# --- Index maintenance --------------------------------------------------------------------------------


def indexed_queryset():
    from directory.models import Institution

    return Institution.objects.public().select_related("district", "street").prefetch_related("services")


def bulk_actions(institutions, index):
    for institution in institutions:
        action = InstitutionDocument.from_institution(institution).to_dict(include_meta=True)
        action["_index"] = index
        yield action


def new_index_name(alias, now=None):
    now = now or datetime.now(UTC)
    return f"{alias}_{now:%Y%m%d%H%M%S%f}"


def alias_actions(alias, new_index, old_indices):
    """One atomic update_aliases call: point the alias at the new index, away from the old ones."""
    actions = [{"remove": {"index": old, "alias": alias}} for old in sorted(old_indices)]
    actions.append({"add": {"index": new_index, "alias": alias}})
    return actions


def rebuild_index(client, progress=None, chunk_size=500):
    """Builds a new index with every public institution, swaps the alias, deletes the old indices."""
    alias = alias_name()
    new_index = new_index_name(alias)
    InstitutionDocument._index.clone(name=new_index).create(using=client)
    institutions = indexed_queryset().order_by("pk")
    count = 0
    try:
        for ok, item in _streaming(
            client, bulk_actions(institutions.iterator(chunk_size=chunk_size), new_index)
        ):
            if not ok:
                raise RuntimeError(f"索引文档失败：{item}")
            count += 1
            if progress is not None:
                progress.update(1)
        client.indices.refresh(index=new_index)
        try:
            old_indices = set(client.indices.get_alias(name=alias).body)
        except NotFoundError:
            old_indices = set()
        if client.indices.exists(index=alias).body and alias not in old_indices:
            # A concrete index squats the alias name (an old unaliased build): remove it in the swap.
            client.indices.update_aliases(
                actions=[{"remove_index": {"index": alias}}, {"add": {"index": new_index, "alias": alias}}]
            )
        else:
            client.indices.update_aliases(actions=alias_actions(alias, new_index, old_indices))
        for old in old_indices - {new_index}:
            client.indices.delete(index=old, ignore_unavailable=True)
    except BaseException:
        client.indices.delete(index=new_index, ignore_unavailable=True)
        raise
    return new_index, count


def _streaming(client, actions):
    from elasticsearch.helpers import streaming_bulk

    return streaming_bulk(client, actions, chunk_size=500, raise_on_error=False)


def index_institution(client, institution_id):
    """Brings one institution's document in line with the database: saved if public, else removed."""
    institution = indexed_queryset().filter(pk=institution_id).first()
    if institution is None:
        try:
            client.delete(index=alias_name(), id=str(institution_id))
        except NotFoundError:
            pass
        return "deleted"
    InstitutionDocument.from_institution(institution).save(using=client, index=alias_name())
    return "indexed"


__all__ = [
    "UNAVAILABLE_ERRORS",
    "ElasticsearchEngine",
    "InstitutionDocument",
    "alias_actions",
    "build_search",
    "index_institution",
    "parse_response",
    "rebuild_index",
]

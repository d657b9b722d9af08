"""The search-cluster engine: Elasticsearch 8 or OpenSearch 2, with bodies built by elasticsearch-dsl.

One document per public institution in an index reached through an alias (`directory_index` builds a
fresh index and swaps the alias, so searches never see a half-built one). The bodies are built once with
elasticsearch-dsl's objects and sent as plain JSON through the client that matches the cluster:
`elasticsearch` for Elasticsearch, `opensearch-py` for OpenSearch (the `elasticsearch` client refuses a
server that is not Elasticsearch). Which one is taken from the URL (`opensearch+http://…`) or, for a plain
http(s) URL, by asking the cluster once (`GET /`).

Matching gives exactly the database engine's answers. Each text is indexed twice: with the built-in `cjk`
analyser (overlapping bigrams, for ranking) and as single characters (`.chars`), where a phrase query is
a substring test: "contains 朝阳路" means the characters 朝 阳 路 at consecutive positions, which is what
the database engine's `icontains` asks. The keyword (`query.text`, what is left once its filter words
were understood) matches like the database's (`matching.py`): every required term, through any of its
alternatives (synonyms, the Chinese a pinyin spells), in any of the public texts.
Facets are aggregations computed "disjunctively" like the database's: the service counts ignore the
selected services and the district counts ignore the selected district. Hits are loaded back from
`Institution.objects.public()`, so the index can never show a suspended or cancelled institution.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import elasticsearch
import opensearchpy
from django.conf import settings
from elasticsearch.dsl import (
    A,
    Boolean,
    Document,
    Double,
    GeoPoint,
    Integer,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    tokenizer,
)

from directory.search import matching
from directory.search.database import DatabaseEngine
from directory.search.query import SERVICE_LABELS, great_circle_km
from directory.search.results import Hit, SearchResults, empty_facets
from website.search_backend import CLUSTER_UNAVAILABLE_ERRORS

logger = logging.getLogger("directory.search")

# Everything that means "the cluster cannot answer now": one list for page search and the directory.
UNAVAILABLE_ERRORS = CLUSTER_UNAVAILABLE_ERRORS
# Seconds one request of a reindex may take (a bulk write of 500 documents, the refresh of 100 000): a busy
# cluster takes far longer for these than to answer a search (DIRECTORY_ELASTICSEARCH_TIMEOUT).
MAINTENANCE_TIMEOUT = 120
NOT_FOUND_ERRORS = (elasticsearch.NotFoundError, opensearchpy.exceptions.NotFoundError)

ANALYZER = "cjk"
# One token per character, lower-cased: a phrase query on it is a case-insensitive substring test.
SUBSTRING = analyzer(
    "substring",
    tokenizer=tokenizer("single_character", "ngram", min_gram=1, max_gram=1),
    filter=["lowercase"],
)
# Where a keyword is looked for: the same texts as the database engine, with the same weights.
MATCH_FIELDS = [
    "name.chars^3",
    "district_name.chars^2",
    "street_name.chars^2",
    "address.chars^2",
    "description.chars",
]
# What ranks the matches: the bigram fields, plus the services' names.
RANK_FIELDS = ["name^3", "district_name^2", "street_name^2", "address^2", "service_labels^2", "description"]
MAX_DISTRICT_BUCKETS = 500
# The cluster's index.max_result_window: pages beyond it are answered by the database engine.
MAX_RESULT_WINDOW = 10_000


def alias_name():
    return settings.DIRECTORY_ELASTICSEARCH_INDEX


# --- The cluster and its client -------------------------------------------------------------------------


@dataclass(frozen=True)
class Cluster:
    """A client for one cluster, whichever engine it runs: both clients take the same JSON bodies."""

    distribution: str  # "elasticsearch" or "opensearch"
    client: object

    def streaming_bulk(self, actions, chunk_size=500):
        helpers = opensearchpy.helpers if self.distribution == "opensearch" else elasticsearch.helpers
        return helpers.streaming_bulk(self.client, actions, chunk_size=chunk_size, raise_on_error=False)

    def patient(self):
        """The same cluster with MAINTENANCE_TIMEOUT for each request: for reindexing, not for searches."""
        if self.distribution == "opensearch":
            hosts = self.client.transport.hosts
            client = opensearchpy.OpenSearch(hosts, timeout=MAINTENANCE_TIMEOUT, max_retries=0)
        else:
            client = self.client.options(request_timeout=MAINTENANCE_TIMEOUT)
        return Cluster(self.distribution, client)


def response_json(response):
    """The JSON body of a response from either client (elasticsearch wraps it, opensearch-py does not)."""
    return getattr(response, "body", response)


def split_url(url):
    """("opensearch" | "elasticsearch" | "", plain http(s) URL) from a SEARCH_ENGINE_URL."""
    for distribution in ("opensearch", "elasticsearch"):
        prefix = distribution + "+"
        if url.startswith(prefix):
            return distribution, url[len(prefix) :]
    return "", url


@lru_cache(maxsize=4)
def cluster_for(url):
    """The Cluster behind `url`; a plain URL is asked `GET /` once (a failure is not cached)."""
    timeout = settings.DIRECTORY_ELASTICSEARCH_TIMEOUT
    distribution, http_url = split_url(url)
    opensearch = opensearchpy.OpenSearch([http_url], timeout=timeout, max_retries=0, retry_on_timeout=False)
    if not distribution:
        info = opensearch.info()
        distribution = info.get("version", {}).get("distribution") or "elasticsearch"
    if distribution == "opensearch":
        return Cluster("opensearch", opensearch)
    client = elasticsearch.Elasticsearch(
        http_url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
    )
    return Cluster("elasticsearch", client)


# --- The document ---------------------------------------------------------------------------------------


def _text(**fields):
    return Text(analyzer=ANALYZER, fields={"chars": Text(analyzer=SUBSTRING), **fields})


class InstitutionDocument(Document):
    pk = Integer()
    name = _text(raw=Keyword())
    address = _text()
    description = _text()
    district_name = _text()
    street_name = _text()
    service_labels = Text(analyzer=ANALYZER, multi=True)
    district_code = Keyword()
    street_code = Keyword()
    services = Keyword(multi=True)
    kind = Keyword()
    credit_code = Keyword()
    min_age_months = Integer()
    max_age_months = Integer()
    capacity = Integer()
    vacancies = Integer()
    inclusive = Boolean()
    accepts_childcare_voucher = Boolean()
    rating = Double()
    location = GeoPoint()

    class Index:
        name = "tuoyu_institutions"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def from_institution(cls, institution):
        services = [s.service_type for s in institution.services.all()]
        document = cls(
            meta={"id": institution.pk},
            pk=institution.pk,
            name=institution.name,
            # A home-based care point is public only down to its street.
            address="" if institution.is_home else institution.address,
            description=institution.description,
            district_name=institution.district.name,
            street_name=institution.street.name if institution.street_id else "",
            service_labels=[SERVICE_LABELS[code] for code in services if code in SERVICE_LABELS],
            district_code=institution.district.code,
            street_code=institution.street.code if institution.street_id else "",
            services=services,
            kind=institution.kind,
            credit_code=institution.credit_code,
            min_age_months=institution.min_age_months,
            max_age_months=institution.max_age_months,
            capacity=institution.capacity,
            vacancies=institution.vacancies,
            inclusive=institution.inclusive,
            accepts_childcare_voucher=institution.accepts_childcare_voucher,
            rating=institution.rating,
        )
        # The public point: a home-based care point's is the centre of its grid cell, never its door.
        point = institution.public_location
        if point is not None:
            document.location = {"lat": point[0], "lon": point[1]}
        return document


def index_body():
    """Settings and mappings of a new index (analysers included), as sent to `indices.create`."""
    body = InstitutionDocument._index.to_dict()
    body["settings"]["number_of_replicas"] = settings.DIRECTORY_ELASTICSEARCH_REPLICAS
    return body


# --- Searching ------------------------------------------------------------------------------------------


def _geo_sort(query):
    return {
        "_geo_distance": {
            "location": {"lat": query.lat, "lon": query.lng},
            "order": "asc",
            "unit": "km",
            "distance_type": "arc",
        }
    }


def _contains(term):
    """Some public text contains `term` (the database engine's `_contains`)."""
    return Q("multi_match", query=term, type="phrase", fields=MATCH_FIELDS)


def term_query(term):
    """One required term: any of its alternatives in any public text (`matching.term_q`)."""
    return Q("bool", should=[_contains(word) for word in term.alternatives], minimum_should_match=1)


def build_search(query):
    """The elasticsearch-dsl Search for a SearchQuery: what is sent is `build_search(q).to_dict()`."""
    search = Search(index=alias_name())

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
    if query.voucher:
        filters.append(Q("term", accepts_childcare_voucher=True))
    if query.street:
        filters.append(Q("term", street_code=query.street))
    if query.has_point:
        filters.append(
            Q(
                "geo_distance",
                distance=f"{query.radius:g}km",
                distance_type="arc",
                location={"lat": query.lat, "lon": query.lng},
            )
        )

    terms = matching.read_terms(query.text) if query.text else []
    must = [term_query(term) for term in matching.required(terms)]
    # Ranking only: every match already satisfies `must`; this orders them by the bigram fields.
    should = [Q("multi_match", query=query.text, fields=RANK_FIELDS)] if query.text else []
    search = search.query(Q("bool", must=must or [Q("match_all")], should=should, filter=filters))

    # Facet filters go to post_filter so that each aggregation can leave its own one out.
    service_filter = Q("terms", services=list(query.services)) if query.services else None
    district_filter = Q("term", district_code=query.district) if query.district else None
    post_filters = [f for f in (service_filter, district_filter) if f is not None]
    if post_filters:
        search = search.post_filter(Q("bool", filter=post_filters))

    service_agg = A("filter", district_filter or Q("match_all"))
    service_agg.bucket("counts", "terms", field="services", size=len(SERVICE_LABELS))
    # Every district with a match, even when none of its matches offers the chosen services (count 0).
    district_agg = A("terms", field="district_code", size=MAX_DISTRICT_BUCKETS)
    district_agg.bucket("chosen", "filter", service_filter or Q("match_all"))
    search.aggs.bucket("service", service_agg)
    search.aggs.bucket("district", district_agg)

    # The database engine's orders (DatabaseEngine.ordered), tie-breaks included.
    first = [{"inclusive": {"order": "desc"}}] if query.sort == "inclusive" else []
    rating = {"rating": {"order": "desc"}}
    first_filed = {"pk": {"order": "asc"}}
    nearest = [_geo_sort(query)] if query.has_point else []
    sort = query.base_sort
    if sort == "distance":
        search = search.sort(*first, _geo_sort(query), rating, first_filed)
    elif sort == "rating" or not query.text:
        search = search.sort(*first, rating, *nearest, {"name.raw": {"order": "asc"}}, first_filed)
    else:
        search = search.sort(*first, "_score", *nearest, rating, first_filed)

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
    buckets = aggregations.get("district", {}).get("buckets", [])
    counts = {str(bucket["key"]): bucket["chosen"]["doc_count"] for bucket in buckets}
    if query.district:
        counts.setdefault(query.district, 0)
    facets["district"] = dict(sorted(counts.items()))
    return total, ids, facets


def load_hits(query, ids):
    """The public institutions behind the hit ids, in hit order, with their public distance."""
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
        point = institution.public_location
        if query.has_point and point is not None:
            distance = great_circle_km(query.lat, query.lng, *point)
        hits.append(Hit(institution=institution, distance_km=distance, score=score))
    return hits


class ClusterEngine:
    name = "elasticsearch"

    def __init__(self, url):
        self.url = url

    @property
    def cluster(self):
        return cluster_for(self.url)

    def search(self, query):
        if query.offset + query.page_size > MAX_RESULT_WINDOW:
            # The cluster refuses pages this deep; the database answers them (same results).
            return DatabaseEngine().search(query)
        body = self.cluster.client.search(index=alias_name(), body=build_search(query).to_dict())
        total, ids, facets = parse_response(query, response_json(body))
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


def write_documents(cluster, institutions, index, progress=None):
    """Bulk-writes the institutions' documents to `index`; returns how many were written."""
    count = 0
    for ok, item in cluster.streaming_bulk(bulk_actions(institutions, index)):
        if not ok:
            raise RuntimeError(f"索引文档失败：{item}")
        count += 1
        if progress is not None:
            progress.update(1)
    return count


def rebuild_index(cluster, progress=None, chunk_size=500):
    """Builds a new index with every public institution, swaps the alias, deletes the old indices."""
    cluster = cluster.patient()
    client = cluster.client
    alias = alias_name()
    new_index = new_index_name(alias)
    body = index_body()
    # No refreshes while loading (nothing searches the new index yet): bulk writes go faster.
    body["settings"]["refresh_interval"] = "-1"
    client.indices.create(index=new_index, body=body)
    institutions = indexed_queryset().order_by("pk")
    try:
        count = write_documents(cluster, institutions.iterator(chunk_size=chunk_size), new_index, progress)
        client.indices.put_settings(index=new_index, body={"index": {"refresh_interval": None}})
        client.indices.refresh(index=new_index)
        old_indices = set()
        # Asked first, so the first build does not log a "404" from the client.
        if bool(client.indices.exists_alias(name=alias)):
            old_indices = set(response_json(client.indices.get_alias(name=alias)))
        if not old_indices and bool(client.indices.exists(index=alias)):
            # A concrete index squats the alias name (an old unaliased build): remove it in the swap.
            actions = [{"remove_index": {"index": alias}}, {"add": {"index": new_index, "alias": alias}}]
        else:
            actions = alias_actions(alias, new_index, old_indices)
        client.indices.update_aliases(body={"actions": actions})
        for old in old_indices - {new_index}:
            client.indices.delete(index=old, ignore_unavailable=True)
    except BaseException:
        client.indices.delete(index=new_index, ignore_unavailable=True)
        raise
    return new_index, count


def index_institution(cluster, institution_id):
    """Brings one institution's document in line with the database: saved if public, else removed.

    Waits for the next refresh, so the change is searchable when the task returns.
    """
    institution = indexed_queryset().filter(pk=institution_id).first()
    if institution is None:
        try:
            cluster.client.delete(index=alias_name(), id=str(institution_id), refresh="wait_for")
        except NOT_FOUND_ERRORS:
            pass
        return "deleted"
    document = InstitutionDocument.from_institution(institution).to_dict()
    cluster.client.index(index=alias_name(), id=str(institution.pk), body=document, refresh="wait_for")
    return "indexed"


def index_institutions_of(cluster, *, district_id=None, street_id=None):
    """Rewrites the documents of every public institution in a district or street (renamed places)."""
    institutions = indexed_queryset()
    if district_id is not None:
        institutions = institutions.filter(district_id=district_id)
    if street_id is not None:
        institutions = institutions.filter(street_id=street_id)
    count = write_documents(cluster, institutions.order_by("pk").iterator(chunk_size=500), alias_name())
    cluster.client.indices.refresh(index=alias_name())
    return count


__all__ = [
    "NOT_FOUND_ERRORS",
    "UNAVAILABLE_ERRORS",
    "ClusterEngine",
    "InstitutionDocument",
    "alias_actions",
    "build_search",
    "cluster_for",
    "index_institution",
    "index_institutions_of",
    "parse_response",
    "rebuild_index",
]

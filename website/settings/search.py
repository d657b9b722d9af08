"""Search engines and indexes: the database by default, a search cluster when its URL is set.

SEARCH_ENGINE_URL (environment variable of the same name; ELASTICSEARCH_URL, its old name, is still read)
points at the cluster. Its scheme says which engine it is:

    http(s)://host:9200              Elasticsearch 8 (the directory also asks the cluster, GET /, once)
    opensearch+http(s)://host:9200   OpenSearch 2 (or 3)
    elasticsearch+http(s)://...      Elasticsearch 8, said explicitly

Page search (Wagtail) and the directory search both use it; see search-node/README.md for the cluster
settings the project expects.
"""

import os
import re

# Chinese needs segmenting before either engine sees it: see website/search_backend.py.
SEARCH_ENGINE_URL = os.environ.get("SEARCH_ENGINE_URL") or os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "tuoyu")
# The directory's index is an alias over timestamped indexes (see directory_index).
DIRECTORY_ELASTICSEARCH_INDEX = ELASTICSEARCH_INDEX_PREFIX + "_institutions"
# Replicas of the directory's index: 0 on a single node (tests), 1 on a managed cluster of two or more data
# nodes. One primary shard is enough: 100 000 institutions are well under a gigabyte.
DIRECTORY_ELASTICSEARCH_REPLICAS = int(os.environ.get("DIRECTORY_ELASTICSEARCH_REPLICAS", "0"))
# Seconds a directory search waits for the cluster before answering from the database instead.
DIRECTORY_ELASTICSEARCH_TIMEOUT = float(os.environ.get("DIRECTORY_ELASTICSEARCH_TIMEOUT", "3"))
# Seconds the database engine keeps a keyword search's relevance order (total, facets and the order of every
# match, directory/search/orders.py) for the next pages and the same search again; any write to the
# directory retires it sooner. 0: never kept.
DIRECTORY_SEARCH_ORDER_SECONDS = int(os.environ.get("DIRECTORY_SEARCH_ORDER_SECONDS", "300"))

# Page search on the database, through the site's Chinese pipeline (website/search_backend.py).
_database_backend = {
    "BACKEND": "website.search_backend",
    # PostgreSQL's "simple" configuration keeps the analyser's words as they are.
    "SEARCH_CONFIG": "simple",
}

_engine = re.match(r"^(elasticsearch|opensearch)\+(https?://.*)$", SEARCH_ENGINE_URL)
_engine_kind, _engine_http_url = _engine.groups() if _engine else ("elasticsearch", SEARCH_ENGINE_URL)
if SEARCH_ENGINE_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Named after the client library: "opensearch3" speaks opensearch-py 3.x, which serves
            # OpenSearch 2 and 3 servers alike ("opensearch2" needs the older opensearch-py 2.x).
            "BACKEND": (
                "wagtail.search.backends.opensearch3"
                if _engine_kind == "opensearch"
                else "wagtail.search.backends.elasticsearch8"
            ),
            "URLS": [_engine_http_url],
            # Wagtail names each index <prefix><app>_<model> (tuoyu_wagtailcore_page for the pages).
            "INDEX_PREFIX": ELASTICSEARCH_INDEX_PREFIX + "_",
            "TIMEOUT": 5,
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {
                            # The built-in cjk analyser indexes Chinese as overlapping bigrams.
                            "default": {"type": "cjk"},
                        }
                    }
                }
            },
        },
        # Kept up to date beside the cluster (Wagtail updates every backend on save and in update_index):
        # site search answers from it while the cluster is down (website/site_search.py).
        "database": _database_backend,
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": _database_backend}

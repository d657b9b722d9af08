"""Directory search: one query object, two engines behind one interface.

    from directory.search import SearchQuery, QueryError, search
    results = search(SearchQuery.from_params(request.GET))

`search()` uses the search-cluster engine (Elasticsearch 8 or OpenSearch 2, see `elasticsearch.py`)
when settings.SEARCH_ENGINE_URL is set and the database engine otherwise. When the cluster is configured
but cannot answer, it logs a warning and answers from the database: a parent never sees an error page
because a search cluster is down.
"""

import logging

from django.conf import settings

from directory.search.database import DatabaseEngine
from directory.search.query import QueryError, SearchQuery
from directory.search.results import Hit, SearchResults

logger = logging.getLogger("directory.search")

__all__ = ["DatabaseEngine", "Hit", "QueryError", "SearchQuery", "SearchResults", "get_engine", "search"]


def search_engine_url():
    """The configured cluster URL as written (maybe with an `opensearch+` prefix), or ""."""
    return settings.SEARCH_ENGINE_URL


def get_engine():
    if search_engine_url():
        from directory.search.elasticsearch import ClusterEngine

        return ClusterEngine(search_engine_url())
    return DatabaseEngine()


def search(query):
    engine = get_engine()
    if isinstance(engine, DatabaseEngine):
        return engine.search(query)
    from directory.search.elasticsearch import UNAVAILABLE_ERRORS

    try:
        return engine.search(query)
    except UNAVAILABLE_ERRORS as error:
        logger.warning("搜索集群不可用（%s），本次机构查询改由数据库引擎回答。", describe_error(error))
        return DatabaseEngine().search(query)


def describe_error(error):
    text = str(error) or type(error).__name__
    return text[:300]

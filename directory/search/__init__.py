"""Directory search: one query object, two engines behind one interface.

    from directory.search import SearchQuery, QueryError, search
    results = search(SearchQuery.from_params(request.GET))

`search()` uses the Elasticsearch engine when settings.ELASTICSEARCH_URL is set and the database
engine otherwise. When Elasticsearch is configured but cannot answer, it logs a warning and answers
from the database: a parent never sees an error page because a search cluster is down.
"""

import logging

from django.conf import settings

from directory.search.database import DatabaseEngine
from directory.search.query import QueryError, SearchQuery
from directory.search.results import Hit, SearchResults

logger = logging.getLogger("directory.search")

__all__ = ["DatabaseEngine", "Hit", "QueryError", "SearchQuery", "SearchResults", "get_engine", "search"]


def elasticsearch_url():
    return getattr(settings, "ELASTICSEARCH_URL", "") or ""


def get_engine():
    if elasticsearch_url():
        from directory.search.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(elasticsearch_url())
    return DatabaseEngine()


def search(query):
    engine = get_engine()
    if isinstance(engine, DatabaseEngine):
        return engine.search(query)
    from directory.search.elasticsearch import UNAVAILABLE_ERRORS

    try:
        return engine.search(query)
    except UNAVAILABLE_ERRORS as error:
        logger.warning("Elasticsearch 不可用（%s），本次机构查询改由数据库引擎回答。", _describe(error))
        return DatabaseEngine().search(query)


def _describe(error):
    text = str(error) or type(error).__name__
    return text[:300]

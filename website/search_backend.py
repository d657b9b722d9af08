"""Wagtail's database search backend with Chinese word segmentation on both sides.

Indexing: every string a model hands to the index passes through `website.text.segment`.
Querying: a plain query string is segmented the same way and matched with OR, so that a page that
contains more of the words ranks higher (宝宝 发烧 puts pages with both words first).

The vendor backends (SQLite FTS5, PostgreSQL) each build index rows with an `ObjectIndexer` class
looked up in their own module; our index classes run the unchanged upstream `add_items` with a
segmenting indexer in its place, so no upstream code is copied.
"""

import types

from modelsearch.backends.database import SearchBackend as vendor_backend_for
from modelsearch.query import PlainText

from website.text import segment


def _segmenting_indexer(indexer_class):
    class SegmentingObjectIndexer(indexer_class):
        def prepare_value(self, value):
            return segment(super().prepare_value(value))

    return SegmentingObjectIndexer


def _rebind(function, **replacements):
    """A copy of `function` that sees `replacements` in place of its module's globals."""
    return types.FunctionType(
        function.__code__,
        {**function.__globals__, **replacements},
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )


def _segmenting_index_class(index_class):
    module_indexer = index_class.add_items.__globals__.get("ObjectIndexer")
    if module_indexer is None:  # the LIKE-based fallback backend indexes nothing itself
        return index_class
    return type(
        f"Chinese{index_class.__name__}",
        (index_class,),
        {"add_items": _rebind(index_class.add_items, ObjectIndexer=_segmenting_indexer(module_indexer))},
    )


def _segment_query(query):
    if isinstance(query, str):
        return segment(query)
    if isinstance(query, PlainText):
        return PlainText(segment(query.query_string), operator=query.operator, boost=query.boost)
    return query


class ChineseSearchMixin:
    def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        if isinstance(query, str) and operator is None:
            operator = "or"
        return super().search(_segment_query(query), model_or_queryset, fields, operator, **kwargs)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        return super().autocomplete(_segment_query(query), model_or_queryset, fields, operator, **kwargs)


_classes = {}


def SearchBackend(params):  # Wagtail looks the backend up by this name
    vendor = vendor_backend_for(params)
    vendor_class = type(vendor)
    if vendor_class not in _classes:
        _classes[vendor_class] = type(
            f"Chinese{vendor_class.__name__}",
            (ChineseSearchMixin, vendor_class),
            {"index_class": _segmenting_index_class(vendor_class.index_class)},
        )
    return _classes[vendor_class](params)

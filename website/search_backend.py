"""Wagtail's database search backend with the site's Chinese text pipeline on both sides.

Indexing: every value a model hands to the index is normalised and cut into words by
`website.text.segment` (traditional → simplified, half-width, case-folded, jieba search mode).
Querying: a query string becomes `website.text.query_terms`: every term and its synonyms, each made of
letters and digits only, matched with OR so that a page holding more of the words ranks higher. A query
left with no words (punctuation, emoji, control characters) matches nothing instead of reaching the
full-text engine's parser.

How the index side hooks in, with public API only: the vendor index's `add_items(model, objs)` builds
its rows from `obj.get_search_fields()` and each field's `get_value(obj)`. Our index subclass hands it
each object behind a thin `IndexedObject` view whose search fields return normalised, segmented text.
No upstream function is copied or rebound; `tests/website/test_search_backend.py` checks the seam.
"""

import elastic_transport
import elasticsearch
import opensearchpy
from django.utils.encoding import force_str
from modelsearch.backends.database import SearchBackend as vendor_backend_for
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import And, Or, Phrase, PlainText, SearchQuery

from website import text

# Everything that means "the search cluster cannot answer now" (refused connection, timeout, missing index),
# from either client. Page search and the directory both answer from the database on these.
CLUSTER_UNAVAILABLE_ERRORS = (
    elastic_transport.TransportError,
    elasticsearch.ApiError,
    opensearchpy.exceptions.TransportError,
)
# The WAGTAILSEARCH_BACKENDS entry kept up to date beside the cluster's, for when the cluster is down.
DATABASE_BACKEND_NAME = "database"


def _plain(value):
    """A field value as one string (StreamField content arrives as a list of strings)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_plain(item) for item in value.values())
    return force_str(value)


def _unwrapped(obj):
    return obj.indexed_object if isinstance(obj, IndexedObject) else obj


class NormalisedSearchField(SearchField):
    def __init__(self, original):
        super().__init__(original.field_name, **original.kwargs)
        self.original = original

    def get_value(self, obj):
        return text.segment(_plain(self.original.get_value(_unwrapped(obj))))


class NormalisedAutocompleteField(AutocompleteField):
    def __init__(self, original):
        super().__init__(original.field_name, **original.kwargs)
        self.original = original

    def get_value(self, obj):
        return text.segment(_plain(self.original.get_value(_unwrapped(obj))))


class NormalisedRelatedFields(RelatedFields):
    def __init__(self, original):
        super().__init__(original.field_name, normalised_fields(original.fields))
        self.original = original

    def get_value(self, obj):
        return self.original.get_value(_unwrapped(obj))


def normalised_fields(fields):
    """The same search fields, each giving the pipeline's text instead of the raw value."""
    wrapped = []
    for field in fields:
        if isinstance(field, SearchField):
            wrapped.append(NormalisedSearchField(field))
        elif isinstance(field, AutocompleteField):
            wrapped.append(NormalisedAutocompleteField(field))
        elif isinstance(field, RelatedFields):
            wrapped.append(NormalisedRelatedFields(field))
        else:  # filter fields are not text
            wrapped.append(field)
    return wrapped


class IndexedObject:
    """What the vendor indexer sees of a model instance: the instance, with normalising search fields."""

    def __init__(self, obj):
        self.indexed_object = obj

    def get_search_fields(self):
        return normalised_fields(self.indexed_object.get_search_fields())

    def __getattr__(self, name):
        return getattr(self.indexed_object, name)


def _normalising_index_class(index_class):
    class NormalisingIndex(index_class):
        def add_items(self, model, objs):
            text.load_synonyms()  # the tokenizer knows the editors' words before it cuts anything
            return super().add_items(model, [IndexedObject(obj) for obj in objs])

    NormalisingIndex.__name__ = f"Normalising{index_class.__name__}"
    return NormalisingIndex


# --- Query side -------------------------------------------------------------------------------------


def alternative_query(word, phrase=False):
    """One way of writing a term: all the index tokens it is made of (in this order for a phrase)."""
    tokens = text.alternative_tokens(word)
    if not tokens:
        return None
    if phrase and len(tokens) > 1:
        return Phrase(" ".join(tokens))
    return PlainText(" ".join(tokens), operator="and")


def term_query(term):
    """A term matches when any of its alternatives does; an age's spellings (9 个月) as phrases."""
    phrase = term.kind == "age"
    queries = [query for word in term.alternatives if (query := alternative_query(word, phrase)) is not None]
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else Or(queries)


def terms_query(terms, operator="or"):
    """Terms combined with `operator`; None when nothing searchable is left."""
    queries = [query for query in map(term_query, terms) if query is not None]
    if not queries:
        return None
    if len(queries) == 1:
        return queries[0]
    return And(queries) if operator == "and" else Or(queries)


def _as_search_query(query, operator):
    if isinstance(query, str):
        parsed = text.query_terms(query)
        return terms_query(parsed.concepts, operator or "or")
    if isinstance(query, PlainText):  # already terms (ours, or a caller's): only made safe
        tokens = text.alternative_tokens(query.query_string)[: text.MAX_QUERY_TERMS * 4]
        return PlainText(" ".join(tokens), operator=query.operator, boost=query.boost) if tokens else None
    if isinstance(query, Phrase):
        tokens = text.alternative_tokens(query.query_string)[: text.MAX_QUERY_TERMS * 4]
        return Phrase(" ".join(tokens)) if tokens else None
    if isinstance(query, And | Or):
        parts = [
            part for part in (_as_search_query(sub, None) for sub in query.subqueries) if part is not None
        ]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else type(query)(parts)
    return query


class ChineseSearchMixin:
    # modelsearch's SQLite variant turns `fields` (an admin listing's search_fields) into FTS5 column
    # filters, but its index table has only title/body columns: "no such column: name". There, a search
    # over named fields searches the object's whole index entry instead.
    ignores_fields = False

    def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        if not isinstance(query, str | SearchQuery):
            query = force_str(query)
        if fields and self.ignores_fields:
            fields = None
        compiled = _as_search_query(query, operator)
        if compiled is None:
            compiled, operator = "", None  # Wagtail answers an empty query with empty results
        elif not isinstance(compiled, str):
            operator = None
        return super().search(compiled, model_or_queryset, fields, operator, **kwargs)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        if fields and self.ignores_fields:
            fields = None
        tokens = text.index_terms(query) if isinstance(query, str) else None
        if tokens is not None:
            query = " ".join(tokens[: text.MAX_QUERY_TERMS])
        return super().autocomplete(query, model_or_queryset, fields, operator, **kwargs)


_classes = {}


def SearchBackend(params):  # Wagtail looks the backend up by this name
    vendor = vendor_backend_for(params)
    vendor_class = type(vendor)
    if vendor_class not in _classes:
        _classes[vendor_class] = type(
            f"Chinese{vendor_class.__name__}",
            (ChineseSearchMixin, vendor_class),
            {
                "index_class": _normalising_index_class(vendor_class.index_class),
                "ignores_fields": vendor_class.__name__ == "SQLiteSearchBackend",
            },
        )
    return _classes[vendor_class](params)

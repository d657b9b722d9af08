"""The database engine's full-text index: which institutions may contain a word, without reading them all.

The engines' contract is a substring test (`matching.py`: 阳光 matches 暖阳光托育园; the search node
checks the same with single-character phrases), which no word index answers: a word cut by jieba (暖阳,
光托) would miss it. So the index keeps, for each institution, the overlapping character pairs of its
public texts as the text pipeline normalises them (`website.text.normalise`: half-width, simplified,
case-folded): 阳光托育 → 阳光 光托 托育 育. A word is then a phrase of its pairs (光托育 → "光托 托育"),
a single character the prefix of a pair (托 → 托*), both answered from the index: SQLite FTS5, or a
PostgreSQL tsvector with a GIN index (the tables and triggers are in migrations 0004 and 0007). A phrase
of pairs matches exactly the texts that contain the word, so the search rows (`indexed.py`) take the
index's answer as it is; the scan fallback still checks each candidate with `matching.keyword_filter`
(which differs only where normalisation does: a traditional-script or full-width text).

The narrow search rows (`rows.py`, `SearchRow`) are written here with the index, from the same pending
marks, so both are current together.

Kept current whoever writes: triggers mark every inserted institution, every one whose indexed texts or
searched columns changed and every one whose services changed, as pending (a delete removes its row at
once). `refresh(ids)` indexes the given institutions now (the admin's saves call it after commit; the bulk importer should call it with the ids it wrote);
`catch_up()` indexes what is pending, a batch at a time, before a search reads the index; while more
than a batch is pending (right after a bulk import nobody refreshed), `ready()` is False and the engine
answers by scanning, as before the index, until the backlog is gone. `refresh_pending()` indexes the whole backlog at once, `rebuild()` everything.
"""

import re

from django.db import connection, transaction
from django.db.models import F, Lookup

from directory.choices import Kind
from website import text

TABLE = "directory_institution_fulltext"
PENDING = "directory_institution_fulltext_pending"
VENDORS = ("sqlite", "postgresql")
CATCH_UP_BATCH = 500  # institutions indexed before one search (a few tens of milliseconds)
REFRESH_CHUNK = 2000
FIELD_GAP = 3  # positions between two texts in PostgreSQL's single tsvector: no phrase spans them
MAX_POSITION = 16383  # PostgreSQL's last tsvector position
_RUN = re.compile(r"[^\W_]+")


def available():
    return connection.vendor in VENDORS


def pairs(value):
    """The index terms of a text: the overlapping character pairs of each letter-and-digit run, then its
    last character (so that a single character is the prefix of some term)."""
    terms = []
    for run in _RUN.findall(text.normalise(value)):
        terms.extend(run[i : i + 2] for i in range(len(run) - 1))
        terms.append(run[-1])
    return terms


def _texts(name, address, description, kind):
    # A home-based care point's house address is private: it is neither shown nor searched.
    return [name or "", "" if kind == Kind.HOME else (address or ""), description or ""]


def _word_parts(word):
    runs = _RUN.findall(text.normalise(word))
    if len(runs) != 1:
        return None  # no letters (cannot match anything indexed) or several runs (terms never have)
    run = runs[0]
    if len(run) == 1:
        return None, run
    return [run[i : i + 2] for i in range(len(run) - 1)], None


def sqlite_word(word):
    parts, single = _word_parts(word) or (None, None)
    if parts:
        return '"' + " ".join(parts) + '"'
    return f'"{single}"*' if single else None


def postgresql_word(word):
    parts, single = _word_parts(word) or (None, None)
    if parts:
        return "(" + " <-> ".join(f"'{part}'" for part in parts) + ")"
    return f"'{single}':*" if single else None


def expression(terms):
    """The index query for "every term, through any of its words", or None when a term has no word the
    index can look up (then the caller scans)."""
    word = sqlite_word if connection.vendor == "sqlite" else postgresql_word
    clauses = []
    for alternatives in terms:
        words = [w for w in dict.fromkeys(word(alternative) for alternative in alternatives) if w]
        if not words:
            return None
        joiner = " OR " if connection.vendor == "sqlite" else " | "
        clauses.append("(" + joiner.join(words) + ")")
    return (" AND " if connection.vendor == "sqlite" else " & ").join(clauses)


def matching_ids_sql(expression_text):
    """(sql, params): the ids of the institutions whose indexed texts match `expression(...)`."""
    if connection.vendor == "sqlite":
        return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [expression_text]
    return f"SELECT institution_id FROM {TABLE} WHERE document @@ %s::tsquery", [expression_text]


class InIndex(Lookup):
    """A condition: the row's id is among the ids `matching_ids_sql` selects.

    SQLite: `id IN (…)`, driven by the FTS5 table. PostgreSQL: `id = ANY(ARRAY(…))`, so the matches are
    read first (one GIN lookup) and fetched by primary key; with `IN (…)` the planner prefers a hash join
    over a scan of every institution, checking each one's texts. A lookup, not a plain expression, so
    that Django writes it as it is: SQLite has no boolean type, and `(id IN (…)) = 1` would test every row
    instead of reading the matches.
    """

    lookup_name = "in_fulltext_index"
    prepare_rhs = False

    def __init__(self, expression_text):
        super().__init__(F("pk"), expression_text)

    def as_sql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        ids, ids_params = matching_ids_sql(self.rhs)
        if connection.vendor == "postgresql":
            return f"{column} = ANY(ARRAY({ids}))", [*params, *ids_params]
        return f"{column} IN ({ids})", [*params, *ids_params]


def _postgresql_document(texts):
    entries, position = {}, 1
    for value in texts:
        for term in pairs(value):
            entries.setdefault(term, []).append(min(position, MAX_POSITION))
            position += 1
        position += FIELD_GAP
    return " ".join(
        f"'{term}':" + ",".join(str(p) for p in sorted(set(positions))[:256])
        for term, positions in entries.items()
    )


def refresh(ids, *, texts=True):
    """Indexes these institutions now (a deleted one loses its row), writes their search rows and clears
    them from pending. `texts=False`: only the search rows, for institutions whose indexed texts did not
    change (what the pending marks say; a new or edited text is always marked with its texts)."""
    if not available():
        return 0
    # search modules import models lazily: no cycle at start-up
    from directory.models import Institution, InstitutionService
    from directory.search import rows as search_rows

    ids = sorted({int(pk) for pk in ids if pk is not None})
    written = 0
    for start in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[start : start + REFRESH_CHUNK]
        services = {}
        for institution_id, code in InstitutionService.objects.filter(institution_id__in=chunk).values_list(
            "institution_id", "service_type"
        ):
            services.setdefault(institution_id, set()).add(code)
        with transaction.atomic(), connection.cursor() as cursor:
            search_rows.write(cursor, chunk, services)
            if texts:
                fields = ("pk", "name", "address", "description", "kind")
                _write_index(cursor, chunk, Institution.objects.filter(pk__in=chunk).values_list(*fields))
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {PENDING} WHERE institution_id IN ({marks})", chunk)
            written += len(chunk)
    return written


def _write_index(cursor, chunk, rows):
    marks = ", ".join(["%s"] * len(chunk))
    key = "rowid" if connection.vendor == "sqlite" else "institution_id"
    cursor.execute(f"DELETE FROM {TABLE} WHERE {key} IN ({marks})", chunk)
    if connection.vendor == "sqlite":
        values = [(pk, *(" ".join(pairs(value)) for value in _texts(*fields))) for pk, *fields in rows]
        cursor.executemany(
            f"INSERT OR REPLACE INTO {TABLE} (rowid, name, address, description) VALUES (%s, %s, %s, %s)",
            values,
        )
    else:
        values = [(pk, _postgresql_document(_texts(*fields))) for pk, *fields in rows]
        # Two workers catching up the same backlog: the later write wins, neither fails.
        cursor.executemany(
            f"INSERT INTO {TABLE} (institution_id, document) VALUES (%s, %s::tsvector) "
            "ON CONFLICT (institution_id) DO UPDATE SET document = EXCLUDED.document",
            values,
        )


def _refresh_marked(marked):
    """Refreshes pending (id, texts changed) marks: the index only where a text changed."""
    with_texts = [pk for pk, texts in marked if texts]
    rows_only = [pk for pk, texts in marked if not texts]
    return refresh(with_texts) + refresh(rows_only, texts=False)


def rebuild():
    """Indexes every institution (after a restore, or to check the index from scratch)."""
    if not available():
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM directory_institution")
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute("DELETE FROM directory_search_row")
    written = refresh(ids)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PENDING}")
    return written


def catch_up(batch=None):
    """Indexes up to `batch` (CATCH_UP_BATCH) pending institutions; True when nothing is left pending
    (one query when nothing was)."""
    if not available():
        return False
    batch = batch or CATCH_UP_BATCH
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT institution_id, texts FROM {PENDING} LIMIT %s", [batch + 1])
        pending = cursor.fetchall()
    if not pending:
        return True
    _refresh_marked(pending[:batch])
    return len(pending) <= batch


def refresh_pending():
    """Indexes everything pending (after a bulk import or a restore); returns how many were indexed."""
    if not available():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT institution_id, texts FROM {PENDING}")
        pending = cursor.fetchall()
    return _refresh_marked(pending)


def ready():
    """Whether the index may answer this search: it exists and nothing is left pending after a catch-up."""
    return catch_up()

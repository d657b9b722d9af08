"""Totals and facet counts of the searches without a keyword or a place, from a summary table.

`directory_search_summary` (migration 0004) counts the public institutions by district, service set (a
bit per service type), 普惠, vacancy, voucher and age range: a few hundred rows whatever the size of the
directory. A search's total and both facets are then one small query over it plus arithmetic here,
instead of an aggregation over every institution and its services.

The summary is rebuilt (one INSERT … SELECT) by the first search after any change it depends on:
triggers on the institution and service tables raise `directory_search_state.generation` on every such
write, whoever makes it, and the summary remembers the generation it was built from.
"""

from django.db import connection, transaction

from directory.choices import SERVICE_BITS, Status, services_mask
from directory.search.fulltext import available
from directory.search.results import empty_facets


def answers(query, required_terms):
    """Whether the summary can give this query's total and facets: no word that decides a match (a
    generic word such as 托育 only ranks), no place and no street."""
    return available() and not required_terms and not query.has_point and not query.street


def _services_mask_sql():
    cases = " + ".join(
        f"MAX(CASE WHEN s.service_type = '{code}' THEN {bit} ELSE 0 END)"
        for code, bit in SERVICE_BITS.items()
    )
    return f"COALESCE((SELECT {cases} FROM directory_institutionservice s WHERE s.institution_id = i.id), 0)"


def _rebuild(cursor, generation):
    cursor.execute("DELETE FROM directory_search_summary")
    cursor.execute(
        f"""INSERT INTO directory_search_summary
            (district_id, services, inclusive, vacancy, voucher, min_age, max_age, institutions)
        SELECT district_id, services, inclusive, vacancy, voucher, min_age, max_age, COUNT(*)
        FROM (SELECT i.district_id, {_services_mask_sql()} AS services, i.inclusive,
                     i.vacancies > 0 AS vacancy, i.accepts_childcare_voucher AS voucher,
                     i.min_age_months AS min_age, i.max_age_months AS max_age
              FROM directory_institution i
              WHERE i.status = %s AND i.filing_number <> '') AS public
        GROUP BY district_id, services, inclusive, vacancy, voucher, min_age, max_age""",
        [Status.NORMAL],
    )
    cursor.execute("UPDATE directory_search_state SET summary_generation = %s WHERE id = 1", [generation])


def generation():
    """The number triggers raise on every change to institutions and their services (None without them)."""
    if not available():
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT generation FROM directory_search_state WHERE id = 1")
        return cursor.fetchone()[0]


def _current(cursor):
    cursor.execute("SELECT generation, summary_generation FROM directory_search_state WHERE id = 1")
    generation, built = cursor.fetchone()
    if generation != built:
        # One rebuild at a time: the state row is locked (PostgreSQL) or the database is (SQLite's
        # transactions take the write lock at BEGIN), and a worker that waited finds the work done.
        lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
        with transaction.atomic():
            cursor.execute(
                f"SELECT generation, summary_generation FROM directory_search_state WHERE id = 1{lock}"
            )
            generation, built = cursor.fetchone()
            if generation != built:
                _rebuild(cursor, generation)


def totals(query):
    """(total, facets) for a query `answers` accepts, as `DatabaseEngine.summary` would count them."""
    conditions, params = ["1 = 1"], []
    if query.age is not None:
        conditions.append("c.min_age <= %s AND c.max_age >= %s")
        params += [query.age, query.age]
    for flag in ("inclusive", "vacancy", "voucher"):
        if getattr(query, flag):
            conditions.append(f"c.{flag} = %s")
            params.append(True)
    with connection.cursor() as cursor:
        _current(cursor)
        cursor.execute(
            f"""SELECT d.code, c.services, SUM(c.institutions)
            FROM directory_search_summary c JOIN directory_district d ON d.id = c.district_id
            WHERE {" AND ".join(conditions)} GROUP BY d.code, c.services""",
            params,
        )
        return facets_from_cells(query, cursor.fetchall())


def services_mask_sql(table="directory_institution"):
    """SQL for the bits of the services `table`'s row offers (SERVICE_BITS), one index lookup per row."""
    return _services_mask_sql().replace("i.id", f"{table}.id")


def facets_from_cells(query, cells):
    """(total, facets) from (district code, services mask, institutions) counts of the rows that match
    every filter but the two facets: the service counts keep the district filter and ignore the chosen
    services, the district counts keep the service filter and ignore the chosen district."""
    chosen = services_mask(query.services)
    facets = empty_facets()
    total = 0
    for code, services, count in cells:
        count = int(count)
        services = int(services)
        wanted = not chosen or services & chosen
        facets["district"][code] = facets["district"].get(code, 0) + (count if wanted else 0)
        if query.district and code != query.district:
            continue
        total += count if wanted else 0
        for service, bit in SERVICE_BITS.items():
            if services & bit:
                facets["service"][service] += count
    if query.district:
        facets["district"].setdefault(query.district, 0)
    return total, facets

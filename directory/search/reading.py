"""Reading a parsed query: the keyword's filter words applied, and `near=` turned into a point.

`read_query(query)` returns a copy of the query with:
- `understood`, `keyword` and `corrections` from `understanding.understand`; each understood word sets
  its filter unless the form already set that filter (then the form wins and the word is only removed);
- `origin` (the gazetteer place), `lat`/`lng` and a 3 km radius (unless one was given) for `near=` or a
  "九州路附近" in the keyword; `choices` instead when the name is ambiguous (the search then runs
  without a point); a `near=` the gazetteer does not know is a QueryError on the `near` field.
"""

import dataclasses

from directory.search import vocabulary
from directory.search.query import NEAR_RADIUS_KM, QueryError, SearchQuery
from directory.search.understanding import understand
from places import gazetteer

MAX_CHOICES = 8


DOMINANT_SHARE = 2  # a namesake with twice the institutions of the next is the one meant


def place_choice(typed, places):
    """(the place `typed` names, or None; the other places it may name).

    One place of that name: it. Several namesakes (九州路 in five districts): the one with at least twice
    as many institutions around it as the next (where parents mean), the others offered beside it;
    when none stands out, no place and all of them to choose from.
    """
    if not places:
        return None, ()
    wanted = gazetteer.clean_query(typed)
    exact = [
        place
        for place in places
        if wanted in place.names() or wanted == f"{place.district_name}{place.name}".replace(" ", "")
    ]
    if len(exact) == 1:
        return exact[0], ()
    if len(exact) > 1:
        first, second = exact[0], exact[1]
        if first.institution_count >= DOMINANT_SHARE * max(second.institution_count, 1):
            return first, tuple(exact[1:MAX_CHOICES])
        return None, tuple(exact[:MAX_CHOICES])
    if len(places) == 1:
        return places[0], ()
    return None, tuple(places[:MAX_CHOICES])


def _apply(query, item, changes):
    """The field changes one understood word makes, or None when the form already set that filter."""
    name, value = item.filter, item.value
    if name == "service":
        services = changes.get("services", query.services)
        if query.services:
            return None
        changes["services"] = (*services, value) if value not in services else services
        return changes
    field = {"district": "district", "street": "street", "age": "age"}.get(name, name)
    if field in ("inclusive", "vacancy", "voucher"):
        if getattr(query, field):
            return None
        changes[field] = True
        return changes
    if getattr(query, field) not in ("", None):
        return None
    changes[field] = value
    return changes


def parse_query(params, *, long_keyword_ok=False):
    """The query a page or the API answers: `SearchQuery.parse` then `read_query`."""
    return read_query(SearchQuery.parse(params, long_keyword_ok=long_keyword_ok))


def read_query(query):
    words = vocabulary.current()
    found = understand(query.q, words, lambda place: gazetteer.find(place, limit=MAX_CHOICES))
    changes, applied = {}, []
    for item in found.understood:
        if item.filter == "near":
            continue
        if _apply(query, item, changes) is not None:
            applied.append(item)
    changes.update(
        keyword=found.keyword,
        corrections=tuple(found.corrections.items()),
    )

    near_text, places = query.near, None
    if near_text:
        places = gazetteer.find(near_text, limit=MAX_CHOICES)
        if not places:
            raise QueryError(
                f"没有找到名为“{near_text[:20]}”的地点。请换一个路名、街道、小区或地标，"
                "或者在“更多条件”里选择区县。",
                "near",
            )
    elif found.near:
        near_text, places = found.near, found.near_places
        applied += [item for item in found.understood if item.filter == "near"]
    if places:
        place, choices = place_choice(near_text, places)
        changes.update(near=near_text, choices=choices)
        if place is not None:
            changes.update(origin=place, lat=place.latitude, lng=place.longitude)
            if not query.radius_given:
                changes["radius"] = NEAR_RADIUS_KM
    changes["understood"] = tuple(applied)
    read = dataclasses.replace(query, **changes)
    if read.sort == "distance" and not read.has_point:
        raise QueryError("按距离排序需要先提供您的位置：请点击“使用我的位置”，或改为其他排序方式。", "sort")
    return read

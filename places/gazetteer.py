"""Turn a typed place name into places: `find(text) -> list[Place]`, best first.

Matches, in this order: the exact name (also written with its district in front: 淇滨区九州路), an alias,
the pinyin or its initials (jiuzhoulu, jzl), a name that starts with what was typed (九州 → 九州路), a
name the text starts with (九州路 123 号 → 九州路), a name that contains it. Several places may share a
name (九州路 in two districts): all are returned, districts before streets before roads, and among
equals the one with more institutions around it first. The directory's `near=` and the benefits pages
call this; an online geocoder (places.geocoders) may sit in front of it but never replaces it.
"""

from django.db.models import Count, Max

from places.models import KIND_ORDER, Place
from website import text

# Words people add around a place name that are not part of it.
NOISE_SUFFIXES = ("附近", "周边", "周围", "一带", "旁边", "那边", "这边", "边上")
_cache = {"key": None, "entries": []}


def _entries():
    """(place, names, spellings) for every place, reloaded when the gazetteer changes (one cheap query)."""
    key = tuple(Place.objects.aggregate(count=Count("pk"), latest=Max("updated_at")).values())
    if key != _cache["key"]:
        entries = []
        for place in Place.objects.all():
            names = place.names()
            spellings = set(place.search_names.split("\n")) - set(names)
            entries.append((place, names, spellings))
        _cache["entries"], _cache["key"] = entries, key
    return _cache["entries"]


def forget():
    _cache["key"] = None


def clean_query(value):
    typed = text.normalise(value).replace(" ", "")
    for suffix in NOISE_SUFFIXES:
        if typed.endswith(suffix) and len(typed) > len(suffix):
            typed = typed[: -len(suffix)]
    return typed[:60]


def _match_rank(typed, place, names, spellings):
    district = text.normalise(place.district_name)
    for name in names[:1]:
        if typed == name or (district and typed == district + name):
            return 0
    if typed in names[1:]:
        return 1
    if typed.isascii() and typed in spellings:
        return 2
    if any(name.startswith(typed) for name in names) or (
        typed.isascii() and any(s.startswith(typed) for s in spellings)
    ):
        return 3
    if any(typed.startswith(name) or (district and typed.startswith(district + name)) for name in names):
        return 4
    if len(typed) >= 2 and any(typed in name for name in names):
        return 5
    return None


def find(value, limit=10):
    """The places `value` names, best first (empty when it names none)."""
    typed = clean_query(value)
    if not typed:
        return []
    ranked = []
    for place, names, spellings in _entries():
        rank = _match_rank(typed, place, names, spellings)
        if rank is None:
            continue
        # A longer contained name is a more precise reading of "九州路 123 号".
        precision = -max((len(name) for name in names if typed.startswith(name)), default=0)
        ranked.append(
            ((rank, precision, KIND_ORDER.index(place.kind), -place.institution_count, place.name), place)
        )
    ranked.sort(key=lambda item: item[0])
    best_rank = ranked[0][0][0] if ranked else None
    # Exact readings hide the looser ones: 九州路 does not also offer 九州路街道.
    if best_rank is not None and best_rank <= 2:
        ranked = [item for item in ranked if item[0][0] <= 2]
    return [place for _key, place in ranked[:limit]]


def find_one(value):
    """The single best place for `value`, or None."""
    places = find(value, limit=1)
    return places[0] if places else None

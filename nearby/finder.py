"""Finding public records near a point or a typed place: what the 母婴室 and 医育结合 finders share.

Both finders are small lists (hundreds of rows) kept by the city, so the machinery is the directory's in
miniature, reused rather than copied: the keyword goes through the one Chinese text pipeline
(`website.text.query_terms`: synonyms, pinyin readings, stop words that never decide a match); a typed
place ("离 XX 最近", `near=`) becomes a point through the gazetteer (`places.gazetteer.find`); the
bounding box and the great-circle distance are the directory's (`directory.search.query`); pages are
cut by `website.pagination`. With a point, results are nearest first within the radius.

`parse(params, kinds=...)` reads GET parameters into a `FinderQuery` or raises the directory's
`QueryError` (a Chinese `message` and the parameter's `field`), which a page shows beside the form and
an API returns as a 400. `search(queryset, query, text_fields=...)` returns `Entry` rows.
"""

import math
import re
from dataclasses import dataclass, replace

from django.db.models import Q

from directory.models import District
from directory.search.query import QueryError, SearchQuery, great_circle_km
from places import gazetteer
from website import text
from website.pagination import page_links, paginate

MAX_QUERY_LENGTH = 100
MAX_NEAR_LENGTH = 60
DEFAULT_RADIUS_KM = 5.0
MAX_RADIUS_KM = 50.0
RADIUS_CHOICES = (1, 3, 5, 10, 20, 50)
PER_PAGE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
MAX_CHOICES = 5
_DISTRICT_CODE = re.compile(r"^\d{6,12}$")

__all__ = ["Entry", "FinderQuery", "QueryError", "parse", "search"]


@dataclass(frozen=True)
class FinderQuery:
    q: str = ""
    kind: str = ""
    district: str = ""
    lat: float | None = None
    lng: float | None = None
    near: str = ""
    radius: float = DEFAULT_RADIUS_KM
    page: int = 1
    page_size: int = PER_PAGE
    origin: object = None  # the gazetteer Place searched around, when `near` named one
    choices: tuple = ()  # other places of the same name

    @property
    def has_point(self):
        return self.lat is not None and self.lng is not None


@dataclass
class Entry:
    record: object
    distance_km: float | None = None

    @property
    def distance_text(self):
        """How far, as a parent reads it: 850 米, 2.4 公里."""
        if self.distance_km is None:
            return ""
        if self.distance_km < 1:
            return f"{max(10, round(self.distance_km * 1000, -1)):.0f} 米"
        return f"{self.distance_km:.1f} 公里"


def _get(params, name):
    value = params.get(name, "")
    return " ".join(str(value or "").split())


def _number(params, name, low, high, message, parse=float):
    raw = _get(params, name)
    if not raw:
        return None
    try:
        value = parse(raw)
    except ValueError:
        raise QueryError(message, name) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise QueryError(message, name)
    return value


def parse(params, *, kinds):
    """A validated FinderQuery from GET parameters; `kinds` maps each accepted `kind` value to its label."""
    q = text.clean_input(_get(params, "q"))
    if len(q) > MAX_QUERY_LENGTH:
        raise QueryError(f"搜索词太长了，请控制在 {MAX_QUERY_LENGTH} 个字以内。", "q")
    kind = _get(params, "kind")
    if kind and kind not in kinds:
        labels = "、".join(f"{label}（{key}）" for key, label in kinds.items())
        raise QueryError(f"不认识的类型“{kind[:20]}”，可选：{labels}。", "kind")
    district = _get(params, "district")
    if district and not _DISTRICT_CODE.match(district):
        raise QueryError("区县代码应为 6 到 12 位数字，例如 410611。", "district")
    if district and not District.objects.filter(code=district).exists():
        raise QueryError(f"没有找到区县代码为 {district} 的区县。", "district")
    lat = _number(params, "lat", -90, 90, "纬度应为 -90 到 90 之间的数字。")
    lng = _number(params, "lng", -180, 180, "经度应为 -180 到 180 之间的数字。")
    if (lat is None) != (lng is None):
        raise QueryError("按位置查找需要同时提供纬度（lat）和经度（lng）。", "lng" if lng is None else "lat")
    radius_message = f"查找范围应在 0 到 {MAX_RADIUS_KM:g} 公里之间。"
    radius = _number(params, "radius", 0, MAX_RADIUS_KM, radius_message)
    if radius is not None and radius <= 0:
        raise QueryError(radius_message, "radius")
    near = text.clean_input(_get(params, "near"))
    if len(near) > MAX_NEAR_LENGTH:
        raise QueryError(f"地点名称太长了，请控制在 {MAX_NEAR_LENGTH} 个字以内。", "near")
    page = _number(params, "page", 1, MAX_PAGE, f"页码应为 1 到 {MAX_PAGE} 之间的整数。", parse=int)
    page_size = _number(
        params, "page_size", 1, MAX_PAGE_SIZE, f"每页条数应为 1 到 {MAX_PAGE_SIZE} 之间的整数。", parse=int
    )
    query = FinderQuery(
        q=q,
        kind=kind,
        district=district,
        lat=lat,
        lng=lng,
        near=near,
        radius=radius if radius is not None else DEFAULT_RADIUS_KM,
        page=page or 1,
        page_size=page_size or PER_PAGE,
    )
    return _located(query) if near and lat is None else query


def _located(query):
    """The query searched around the place `near` names (QueryError when the gazetteer knows none)."""
    places = gazetteer.find(query.near)
    if not places:
        raise QueryError(
            f"没有找到地点“{query.near}”。请换一个区县、街道、道路或地标名称，例如“九州路”“鹤壁东站”。",
            "near",
        )
    origin = places[0]
    same_name = tuple(place for place in places[1:] if place.name == origin.name)[:MAX_CHOICES]
    return replace(query, lat=origin.latitude, lng=origin.longitude, origin=origin, choices=same_name)


def keyword_filter(keyword, fields):
    """Q for records holding every strong term of `keyword` (any of its readings) in one of `fields`."""
    condition = Q()
    for term in text.query_terms(keyword).terms:
        if term.weak:
            continue
        either = Q()
        for word in term.alternatives[:8]:
            for field in fields:
                either |= Q(**{f"{field}__icontains": word})
        condition &= either
    return condition


def search(queryset, query, *, text_fields, lat_field="latitude", lng_field="longitude"):
    """The matching records as Entry rows: nearest first within the radius when the query has a point."""
    if query.q:
        queryset = queryset.filter(keyword_filter(query.q, text_fields))
    if not query.has_point:
        return [Entry(record) for record in queryset]
    box = SearchQuery(lat=query.lat, lng=query.lng, radius=query.radius).bounding_box()
    nearby = queryset.filter(
        **{
            f"{lat_field}__gte": box[0],
            f"{lat_field}__lte": box[1],
            f"{lng_field}__gte": box[2],
            f"{lng_field}__lte": box[3],
        }
    )
    entries = []
    for record in nearby:
        distance = great_circle_km(
            query.lat, query.lng, getattr(record, lat_field), getattr(record, lng_field)
        )
        if distance <= query.radius:
            entries.append(Entry(record, distance))
    entries.sort(key=lambda entry: entry.distance_km)
    return entries


def page_of(request, entries, per_page=PER_PAGE):
    """(the Django page of entries, what includes/pagination.html draws)."""
    page = paginate(request, entries, per_page)
    return page, page_links(request, page.number, page.paginator.num_pages)


def markers(entries, url_of, first_number=1):
    """What the shared map script draws: one numbered marker per listed record that has a point."""
    found = []
    for number, entry in enumerate(entries, start=first_number):
        record = entry.record
        if record.latitude is None or record.longitude is None:
            continue
        found.append(
            {
                "number": number,
                "name": record.name,
                "lat": round(record.latitude, 6),
                "lng": round(record.longitude, 6),
                "url": url_of(record),
                "distance": entry.distance_text,
            }
        )
    return found


def origin_json(query):
    if query.origin is not None:
        return query.origin.as_json()
    if query.has_point:
        return {"name": "", "lat": query.lat, "lng": query.lng}
    return None

"""The directory's one search query: parsed and validated from GET parameters, engine-independent.

Both the HTML page (/directory/) and the JSON API (/api/v1/institutions/) build a `SearchQuery` with
`reading.parse_query(request.GET)`: `SearchQuery.parse` (`from_params`, the parameters as given, and the
district checked against the database), then `reading.read_query`, the reading of the keyword: words that mean a
filter set it (普惠 → inclusive, 淇县 → district, 18个月 → age …) and leave `keyword`, the text the
engines match; `near=` (or "九州路附近" in the keyword) becomes a point from the gazetteer (`origin`), or
a list of `choices` when the name is ambiguous. Anything a visitor could type wrong raises `QueryError`
with a Chinese message and the name of the parameter, which the page shows beside the field and the API
returns as `{"error": ..., "field": ...}` with status 400.

Sorts: relevance (综合排序), distance (距离最近), rating (评级最高) and inclusive (普惠优先: 普惠
institutions first, then the default order). Without `sort`, the order is nearest first when there is a
point (lat/lng or a place), relevance when there is a keyword, best rated otherwise.
"""

import math
import re
from dataclasses import dataclass

from directory.choices import ServiceType
from directory.models import MAX_AGE_MONTHS, District

SERVICE_LABELS = dict(ServiceType.choices)
SORTS = {"relevance": "综合排序", "distance": "距离最近", "rating": "评级最高", "inclusive": "普惠优先"}

MAX_QUERY_LENGTH = 100
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
DEFAULT_RADIUS_KM = 5.0
NEAR_RADIUS_KM = 3.0  # around a typed place: walking or a short ride
MAX_NEAR_LENGTH = 60
MAX_RADIUS_KM = 50.0
RADIUS_CHOICES = (1, 3, 5, 10, 20, 50)

_DISTRICT_CODE = re.compile(r"^\d{6,12}$")
_STREET_CODE = re.compile(r"^\d{6,15}$")
_TRUE = {"1", "true", "on", "yes"}
_FALSE = {"", "0", "false", "off", "no"}


class QueryError(ValueError):
    """An invalid search parameter: `message` is shown to the visitor, `field` names the parameter."""

    def __init__(self, message, field):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    services: tuple = ()
    district: str = ""
    age: int | None = None
    inclusive: bool = False
    vacancy: bool = False
    lat: float | None = None
    lng: float | None = None
    radius: float = DEFAULT_RADIUS_KM
    sort: str = ""  # "" = the default order (see effective_sort)
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    street: str = ""
    voucher: bool = False
    near: str = ""
    radius_given: bool = False
    keyword: str | None = None  # q without the words understood as filters; None = q unread
    understood: tuple = ()  # understanding.Understood, in the order typed
    corrections: tuple = ()  # (typed pinyin, Chinese word read)
    origin: object = None  # the gazetteer Place searched around
    choices: tuple = ()  # the places an ambiguous near= may mean

    @property
    def text(self):
        """The keyword the engines match."""
        return self.q if self.keyword is None else self.keyword

    @property
    def has_point(self):
        return self.lat is not None and self.lng is not None

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    @property
    def effective_sort(self):
        """The order used: the one asked for, else nearest first with a point, else by keyword, else rating.

        relevance without a keyword means nearest first when there is a point, else best rated.
        """
        if self.sort == "relevance" and self.text:
            return "relevance"
        if self.sort not in ("", "relevance"):
            return self.sort
        if self.has_point:
            return "distance"
        return "relevance" if self.text else "rating"

    @property
    def base_sort(self):
        """For 普惠优先: the order among the 普惠 institutions and among the others."""
        if self.sort != "inclusive":
            return self.effective_sort
        return "distance" if self.has_point else ("relevance" if self.text else "rating")

    def bounding_box(self, radius=None):
        """(min_lat, max_lat, min_lng, max_lng) that contains every point within `radius` km."""
        radius = self.radius if radius is None else radius
        lat_delta = math.degrees(radius / EARTH_RADIUS_KM)
        cos_lat = math.cos(math.radians(min(abs(self.lat) + lat_delta, 89.9)))
        lng_delta = min(180.0, math.degrees(radius / (EARTH_RADIUS_KM * cos_lat)))
        return (self.lat - lat_delta, self.lat + lat_delta, self.lng - lng_delta, self.lng + lng_delta)

    @classmethod
    def parse(cls, params, *, long_keyword_ok=False):
        """`from_params`, also checking that a district code is one the site knows (one query).

        `long_keyword_ok` (the HTML page): a keyword over the limit is cut to it instead of refused.
        """
        if long_keyword_ok:
            params = _with_short_keyword(params)
        query = cls.from_params(params)
        if query.district and not District.objects.filter(code=query.district).exists():
            raise QueryError(f"没有找到区县代码为 {query.district} 的区县。", "district")
        return query

    @classmethod
    def from_params(cls, params):
        """A validated query from a QueryDict (or a plain dict of strings / lists)."""
        get = _getter(params)
        getlist = _list_getter(params)

        q = " ".join(get("q").split())
        if len(q) > MAX_QUERY_LENGTH:
            raise QueryError(f"搜索词太长了，请控制在 {MAX_QUERY_LENGTH} 个字以内。", "q")

        services = []
        for value in getlist("service"):
            for code in value.split(","):
                code = code.strip()
                if not code:
                    continue
                if code not in SERVICE_LABELS:
                    choices = "、".join(f"{label}（{key}）" for key, label in ServiceType.choices)
                    raise QueryError(f"不认识的服务类型“{code[:20]}”，可选：{choices}。", "service")
                if code not in services:
                    services.append(code)

        district = get("district").strip()
        if district and not _DISTRICT_CODE.match(district):
            raise QueryError("区县代码应为 6 到 12 位数字，例如 410611。", "district")

        age = _integer(
            get("age"),
            "age",
            0,
            MAX_AGE_MONTHS,
            f"托育机构收托 3 岁以下婴幼儿：孩子月龄应为 0 到 {MAX_AGE_MONTHS} 之间的整数。",
        )
        inclusive = _flag(get("inclusive"), "inclusive", "普惠")
        vacancy = _flag(get("vacancy"), "vacancy", "有空余托位")

        lat = _number(get("lat"), "lat", -90, 90, "纬度应为 -90 到 90 之间的数字。")
        lng = _number(get("lng"), "lng", -180, 180, "经度应为 -180 到 180 之间的数字。")
        if (lat is None) != (lng is None):
            missing = "lng" if lng is None else "lat"
            raise QueryError("按位置查找需要同时提供纬度（lat）和经度（lng）。", missing)
        radius = _number(
            get("radius"), "radius", 0, MAX_RADIUS_KM, f"查找范围应在 0 到 {MAX_RADIUS_KM:g} 公里之间。"
        )
        if radius is not None and radius <= 0:
            raise QueryError(f"查找范围应在 0 到 {MAX_RADIUS_KM:g} 公里之间。", "radius")

        street = get("street").strip()
        if street and not _STREET_CODE.match(street):
            raise QueryError("街道（乡镇）代码应为 6 到 15 位数字。", "street")
        voucher = _flag(get("voucher"), "voucher", "接受托育服务券")
        near = " ".join(get("near").split())
        if len(near) > MAX_NEAR_LENGTH:
            raise QueryError(f"地点名称太长了，请控制在 {MAX_NEAR_LENGTH} 个字以内。", "near")

        sort = get("sort").strip()
        if sort and sort not in SORTS:
            raise QueryError(
                "排序方式只能是：综合排序（relevance）、距离最近（distance）、评级最高（rating）"
                "或普惠优先（inclusive）。",
                "sort",
            )
        if sort == "distance" and lat is None and not near and "附近" not in q and "周边" not in q:
            raise QueryError(
                "按距离排序需要先提供您的位置：请点击“使用我的位置”，或改为其他排序方式。", "sort"
            )

        page = _integer(get("page"), "page", 1, MAX_PAGE, f"页码应为 1 到 {MAX_PAGE} 之间的整数。")
        page_size = _integer(
            get("page_size"), "page_size", 1, MAX_PAGE_SIZE, f"每页条数应为 1 到 {MAX_PAGE_SIZE} 之间的整数。"
        )

        return cls(
            q=q,
            services=tuple(services),
            district=district,
            age=age,
            inclusive=inclusive,
            vacancy=vacancy,
            lat=lat,
            lng=lng,
            radius=radius if radius is not None else DEFAULT_RADIUS_KM,
            radius_given=radius is not None,
            sort=sort,
            page=page or 1,
            page_size=page_size or DEFAULT_PAGE_SIZE,
            street=street,
            voucher=voucher,
            near=near,
        )


EARTH_RADIUS_KM = 6371.0088


def great_circle_km(lat1, lng1, lat2, lng2):
    """Haversine distance in kilometres between two WGS-84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _with_short_keyword(params):
    """The parameters with `q` cut to MAX_QUERY_LENGTH characters (the page says it did so)."""
    q = " ".join(_getter(params)("q").split())
    if len(q) <= MAX_QUERY_LENGTH:
        return params
    copy = params.copy() if hasattr(params, "copy") else dict(params)
    copy["q"] = q[:MAX_QUERY_LENGTH]
    return copy


def _getter(params):
    def get(name):
        value = params.get(name, "")
        if isinstance(value, list | tuple):
            value = value[-1] if value else ""
        return "" if value is None else str(value)

    return get


def _list_getter(params):
    def getlist(name):
        if hasattr(params, "getlist"):
            return [str(v) for v in params.getlist(name)]
        value = params.get(name, [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value]

    return getlist


def _integer(raw, name, low, high, message):
    return _bounded(raw, int, name, low, high, message)


def _number(raw, name, low, high, message):
    return _bounded(raw, float, name, low, high, message)


def _bounded(raw, parse, name, low, high, message):
    """`parse(raw)` when it lies in [low, high]; None for an empty value; QueryError(message) otherwise."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        value = parse(raw)
    except ValueError:
        raise QueryError(message, name) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise QueryError(message, name)
    return value


def _flag(raw, name, label):
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise QueryError(f"“{label}”筛选只接受 1（是）或 0（否）。", name)

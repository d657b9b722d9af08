"""The point a parent searched from, carried from the search results to a detail or compare page.

The search page adds `lat`, `lng` (and `near`, the typed place's name) to its links; the next page shows
each institution's distance from there. The values come from a link anyone can edit: anything that is
not a point in China is ignored (the page then simply shows no distance), never an error. The typed
name itself is never shown: a government page must not print words from a crafted link (“距‘请先转账…’”),
so it only tells "您查找的地点" from "您查找时的位置".
"""

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from directory.coordinates import in_china
from directory.search.query import great_circle_km
from website.text import clean_input

MAX_LABEL_LENGTH = 60


@dataclass(frozen=True)
class Origin:
    lat: float
    lng: float
    label: str = ""  # the typed place (九州路), passed on but never shown; empty for the browser's position

    @property
    def description(self):
        return "您查找的地点" if self.label else "您查找时的位置"

    def as_params(self):
        """The query parameters that carry this origin to the next page."""
        params = {"lat": f"{self.lat:.6f}", "lng": f"{self.lng:.6f}"}
        if self.label:
            params["near"] = self.label
        return params

    def query_string(self):
        return urlencode(self.as_params())

    def distance_km(self, institution):
        """Kilometres to the institution's public point (coarse for a 家庭托育点), or None."""
        point = institution.public_location
        if point is None:
            return None
        return great_circle_km(self.lat, self.lng, *point)


def _number(text):
    try:
        value = float(str(text).strip())
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def origin_from(params):
    """The Origin in `lat`/`lng`/`near` of a query dict, or None when absent or not a point in China."""
    lat, lng = _number(params.get("lat", "")), _number(params.get("lng", ""))
    if lat is None or lng is None or not in_china(lat, lng):
        return None
    label = clean_input(params.get("near", ""))[:MAX_LABEL_LENGTH]
    return Origin(lat=lat, lng=lng, label=label)


def origin_of_search(query):
    """The Origin of a directory SearchQuery with a point, else None."""
    if not query.has_point:
        return None
    label = query.near if query.origin is not None else ""
    return Origin(lat=query.lat, lng=query.lng, label=label)


def distance_label(km):
    """距离 as the list shows it: 不到 0.1 公里, 1.2 公里."""
    if km is None:
        return ""
    return "不到 0.1 公里" if km < 0.05 else f"{km:.1f} 公里"

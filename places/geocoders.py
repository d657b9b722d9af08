"""Where a typed place is: the gazetteer always, an online geocoder optionally in front of it.

`locate(text)` is what callers use: it asks the configured online geocoder first (if any) and falls back
to the gazetteer when that is not configured, fails, times out or finds nothing. Tests never configure
one; the site works without one.

An online geocoder is sketched for 高德 (AMap Web Service `geocode/geo`, GCJ-02 results converted to
WGS-84). It is built only when a key is given (the deployment would read it from the environment, e.g.
AMAP_WEB_KEY, through a setting declared in website/settings/base.py).
"""

import json
import logging
import urllib.parse
import urllib.request
from dataclasses import dataclass

from directory.coordinates import GCJ02, to_wgs84
from places import gazetteer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Located:
    name: str
    lat: float
    lng: float
    source: str  # "gazetteer" or the online service's name


class GazetteerGeocoder:
    name = "gazetteer"

    def locate(self, query, limit=5):
        return [
            Located(place.name, place.latitude, place.longitude, self.name)
            for place in gazetteer.find(query, limit)
        ]


class AmapGeocoder:
    """高德 Web 服务地理编码. Never called in tests; any failure returns [] so the gazetteer answers."""

    name = "amap"
    URL = "https://restapi.amap.com/v3/geocode/geo"

    def __init__(self, key, city="", timeout=2.0):
        self.key, self.city, self.timeout = key, city, timeout

    def locate(self, query, limit=5):
        params = urllib.parse.urlencode(
            {"key": self.key, "address": query, "city": self.city, "output": "JSON"}
        )
        try:
            with urllib.request.urlopen(f"{self.URL}?{params}", timeout=self.timeout) as response:
                data = json.load(response)
        except (OSError, ValueError):
            logger.warning("online geocoder failed for %r; using the gazetteer", query, exc_info=True)
            return []
        found = []
        for item in (data.get("geocodes") or [])[:limit]:
            try:
                lng, lat = (float(part) for part in item["location"].split(","))
            except (KeyError, ValueError):
                continue
            lat, lng = to_wgs84(lat, lng, GCJ02)
            found.append(Located(item.get("formatted_address") or query, lat, lng, self.name))
        return found


def locate(query, online=None, limit=5):
    """Places `query` may mean, best first: the online geocoder's answer if it has one, else the gazetteer's."""
    if online is not None:
        found = online.locate(query, limit)
        if found:
            return found
    return GazetteerGeocoder().locate(query, limit)

"""Finding the 街道/乡镇 offices where a parent can apply in person, from a typed place.

When the places app's gazetteer is installed (`places.gazetteer.find(text) -> list[Place]`, best first,
each with .name, .latitude and .longitude in WGS-84), a typed place becomes a point and the offices are listed nearest first. Without it, or when
the gazetteer does not know the place, offices are matched by the words of their name, district, street
and address.
"""

import math
from dataclasses import dataclass
from importlib import import_module

from django.utils.module_loading import module_has_submodule

from benefits.models import ClaimOffice
from website.text import clean_input

MAX_PLACE_LENGTH = 50
NEAREST = 5
EARTH_RADIUS_KM = 6371.0088


class PlaceError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message
        self.field = "place"


@dataclass
class OfficeMatch:
    office: ClaimOffice
    distance_km: float | None = None


@dataclass
class OfficeSearch:
    text: str
    matches: list
    origin: object = None  # the gazetteer's Place, when the typed text was found there


def _gazetteer():
    places = import_module("places")
    if not module_has_submodule(places, "gazetteer"):
        return None
    return import_module("places.gazetteer")


def distance_km(lat1, lng1, lat2, lng2):
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def find_offices(text):
    """An OfficeSearch for the typed place `text` (PlaceError in Chinese when it cannot be used)."""
    text = clean_input(text)
    if not text:
        raise PlaceError("请输入街道、乡镇或小区名称。")
    if len(text) > MAX_PLACE_LENGTH:
        raise PlaceError(f"地名最多 {MAX_PLACE_LENGTH} 个字，请缩短后再查。")
    by_words = [OfficeMatch(office) for office in ClaimOffice.objects.matching(text.split())]
    if by_words:
        return OfficeSearch(text=text, matches=by_words)
    gazetteer = _gazetteer()
    places = gazetteer.find(text) if gazetteer else []
    if not places:
        return OfficeSearch(text=text, matches=[])
    origin = places[0]
    located = [
        OfficeMatch(office, distance_km(origin.latitude, origin.longitude, office.lat, office.lng))
        for office in ClaimOffice.objects.exclude(lat=None).exclude(lng=None)
    ]
    located.sort(key=lambda match: match.distance_km)
    return OfficeSearch(text=text, matches=located[:NEAREST], origin=origin)

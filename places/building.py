"""Build the gazetteer from the data the site holds: districts, streets, and the roads and named places
in institutions' addresses, each centred on the institutions there (their public points, so a home-based
care point's exact address never shapes a centre).

Places an editor added or imported are never overwritten; generated places that the data no longer
supports are removed.
"""

import re
from collections import defaultdict

from django.apps import apps
from django.db import transaction

from places.models import Place, PlaceKind, PlaceSource

_CJK = "\u4e00-\u9fff"
ROAD = re.compile(rf"([{_CJK}]{{1,8}}?(?:大道|大街|路|街|巷|胡同))(?!街道|道)")
LANDMARK = re.compile(
    rf"([{_CJK}]{{2,10}}?(?:小区|花园|广场|大厦|公园|医院|保健院|卫生院|学校|幼儿园|家园|新村|商场|市场|社区))"
)
ADMIN_PREFIX = re.compile(rf"^[{_CJK}]{{1,10}}?(?:省|自治区|市|自治州|地区|盟)")


def _address_body(address, prefixes):
    """The address after its province, city, district and street names."""
    body = re.sub(r"\s+", "", address or "")
    changed = True
    while changed:
        changed = False
        match = ADMIN_PREFIX.match(body)
        if match and len(match.group(0)) < len(body):
            body, changed = body[match.end() :], True
        for prefix in prefixes:
            if prefix and body.startswith(prefix):
                body, changed = body[len(prefix) :], True
    return body


def places_in_address(address, prefixes=()):
    """The (kind, name) of roads and named places an address mentions: 淇滨区九州路 12 号 → 道路 九州路."""
    body = _address_body(address, prefixes)
    found = []
    for piece in re.split(r"[\d号栋幢楼单元室层-]+", body)[1:]:  # named places follow the house number
        landmark = LANDMARK.match(piece)
        if landmark:
            found.append((PlaceKind.LANDMARK, landmark.group(1)))
            break
    road = ROAD.search(body)
    if road:
        found.append((PlaceKind.ROAD, road.group(1)))
    return found


def _centre(points):
    return (sum(lat for lat, _ in points) / len(points), sum(lng for _, lng in points) / len(points))


def collect():
    """{(name, kind, district_code): (district_name, [points])} from the directory's data."""
    Institution = apps.get_model("directory", "Institution")
    District = apps.get_model("directory", "District")
    Street = apps.get_model("directory", "Street")
    districts = {district.code: district.name for district in District.objects.all()}
    street_names = list(Street.objects.values_list("name", flat=True))
    prefixes = sorted({*districts.values(), *street_names}, key=len, reverse=True)
    found = defaultdict(list)
    for code, name in districts.items():
        found[(name, PlaceKind.DISTRICT, code)]
    for street in Street.objects.select_related("district"):
        kind = PlaceKind.TOWN if street.name.endswith(("镇", "乡")) else PlaceKind.STREET
        found[(street.name, kind, street.district.code)]
    for institution in Institution.objects.select_related("district", "street"):
        point = institution.public_location
        if point is None:
            continue
        code = institution.district.code if institution.district_id else ""
        if code:
            found[(institution.district.name, PlaceKind.DISTRICT, code)].append(point)
        if institution.street_id:
            street = institution.street
            kind = PlaceKind.TOWN if street.name.endswith(("镇", "乡")) else PlaceKind.STREET
            found[(street.name, kind, street.district.code)].append(point)
        for kind, name in places_in_address(institution.address, prefixes):
            found[(name, kind, code)].append(point)
    return {key: (districts.get(key[2], ""), points) for key, points in found.items()}


@transaction.atomic
def build():
    """Create or refresh the generated places; returns (created, updated, removed)."""
    created = updated = 0
    kept = set()
    protected = {
        (place.name, place.kind, place.district_code)
        for place in Place.objects.exclude(source=PlaceSource.BUILT)
    }
    for (name, kind, code), (district_name, points) in collect().items():
        if not points or (name, kind, code) in protected:
            continue
        latitude, longitude = _centre(points)
        place, was_created = Place.objects.update_or_create(
            name=name,
            kind=kind,
            district_code=code,
            defaults={
                "district_name": district_name,
                "latitude": latitude,
                "longitude": longitude,
                "source": PlaceSource.BUILT,
                "institution_count": len(points),
            },
        )
        kept.add(place.pk)
        created += was_created
        updated += not was_created
    removed, _ = Place.objects.filter(source=PlaceSource.BUILT).exclude(pk__in=kept).delete()
    return created, updated, removed

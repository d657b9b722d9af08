"""The site's own region: where its institutions are, so that a point far from it can be flagged.

A point outside China is refused (`coordinates.in_china`); a point inside China but outside this region
is accepted with a warning (a typo that moved a 鹤壁 nursery to 广州 is still a point in China). The
region is derived from the data: the box spanning the directory's stored points, without the outermost
2 % on each side (so an earlier outlier does not widen it), padded by REGION_MARGIN_DEGREES. With fewer
than REGION_MIN_POINTS stored points there is no region yet and nothing is flagged.
"""

from dataclasses import dataclass

from django.db.models import Q

from directory import coordinates
from directory.models import Institution

# About 25 km: a new institution at the edge of the city is not flagged.
REGION_MARGIN_DEGREES = 0.25
REGION_MIN_POINTS = 20
TRIMMED_SHARE = 0.02


@dataclass(frozen=True)
class Region:
    south: float
    west: float
    north: float
    east: float

    def contains(self, lat, lng):
        return self.south <= lat <= self.north and self.west <= lng <= self.east

    def outside_message(self, lat, lng):
        return (
            f"坐标（经度 {lng:g}，纬度 {lat:g}）在本站机构所在区域（经度 {self.west:.2f}–{self.east:.2f}，"
            f"纬度 {self.south:.2f}–{self.north:.2f}）之外，已保存，请核对是否填错"
        )


def _trimmed_range(points, field, count):
    ordered = points.order_by(field).values_list(field, flat=True)
    skip = int(count * TRIMMED_SHARE)
    return ordered[skip], ordered[count - 1 - skip]


def directory_region(excluding=None):
    """The Region of the stored institutions (those in China), or None while there are too few to tell.

    `excluding`: the primary key of an institution whose own point must not count (the one being checked).
    """
    in_china = Q()
    for west, south, east, north in coordinates.CHINA_BOXES:
        in_china |= Q(longitude__range=(west, east), latitude__range=(south, north))
    points = Institution.objects.filter(in_china).exclude(pk=excluding)
    count = points.count()
    if count < REGION_MIN_POINTS:
        return None
    south, north = _trimmed_range(points, "latitude", count)
    west, east = _trimmed_range(points, "longitude", count)
    margin = REGION_MARGIN_DEGREES
    return Region(south - margin, west - margin, north + margin, east + margin)

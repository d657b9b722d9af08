"""The narrow search rows (`directory.models.SearchRow`): how they are written and their geometry.

Written by `fulltext.refresh` in the same transaction as the index, from the institutions' own columns:
a public institution (filed, in normal operation) gets one row, any other none. The point is the public
one (`Institution.public_location`), so a home-based care point is found, measured and ordered from the
same coarse point the public sees.

Distance without trigonometry in SQL: each row keeps its point on the unit sphere (x, y, z); the squared
straight-line distance between two such points (the chord) grows with the great-circle distance, so
"within r km" is `chord² ≤ (2·sin(r / 2R))²` and "nearest first" is "smallest chord² first", exact,
in plain arithmetic (SQLite would otherwise call Python for every sine of every row).
"""

import math

from directory.choices import Kind, Status, services_mask
from directory.models import SearchRow, coarse_point
from directory.search.query import EARTH_RADIUS_KM

TABLE = SearchRow._meta.db_table
COLUMNS = (
    "id name district_id street_id services rating inclusive vacancies accepts_childcare_voucher "
    "min_age_months max_age_months latitude longitude lat_band x y z"
).split()
# The institution columns `write` needs, in this order.
SOURCE_FIELDS = (
    "pk",
    "name",
    "kind",
    "status",
    "filing_number",
    "district_id",
    "street_id",
    "rating",
    "inclusive",
    "vacancies",
    "accepts_childcare_voucher",
    "min_age_months",
    "max_age_months",
    "latitude",
    "longitude",
)


def unit_vector(latitude, longitude):
    lat, lng = math.radians(latitude), math.radians(longitude)
    return (math.cos(lat) * math.cos(lng), math.cos(lat) * math.sin(lng), math.sin(lat))


def lat_band(latitude):
    return math.floor(latitude / SearchRow.LAT_BAND_DEGREES)


def chord_squared_limit(radius_km):
    """The largest chord² of two points at most `radius_km` apart on the earth's surface."""
    return (2 * math.sin(min(math.pi / 2, radius_km / (2 * EARTH_RADIUS_KM)))) ** 2


def km_from_chord_squared(value):
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(max(0.0, value)) / 2))


def _row(fields, services):
    (pk, name, kind, status, filing_number, district_id, street_id, rating, inclusive, vacancies, voucher) = (
        fields[:11]
    )
    min_age, max_age, latitude, longitude = fields[11:]
    if status != Status.NORMAL or not filing_number:
        return None
    point = (None, None, None, None, None, None)
    if latitude is not None and longitude is not None:
        if kind == Kind.HOME:
            latitude, longitude = coarse_point(latitude, longitude)
        point = (latitude, longitude, lat_band(latitude), *unit_vector(latitude, longitude))
    mask = services_mask(services)
    return (
        pk,
        name,
        district_id,
        street_id,
        mask,
        rating,
        bool(inclusive),
        vacancies or 0,
        bool(voucher),
        min_age,
        max_age,
        *point,
    )


def write(cursor, ids, institutions, services):
    """Replaces the rows of `ids` (the institutions asked for) by those of `institutions` (tuples of
    SOURCE_FIELDS, the ones that still exist) that are public; `services`: {id: set of service codes}."""
    marks = ", ".join(["%s"] * len(ids))
    cursor.execute(f"DELETE FROM {TABLE} WHERE id IN ({marks})", list(ids))
    rows = [row for fields in institutions if (row := _row(fields, services.get(fields[0], ())))]
    if rows:
        cursor.executemany(
            f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * len(COLUMNS))})", rows
        )
    return len(rows)

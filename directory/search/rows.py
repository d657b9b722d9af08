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

from directory.choices import services_mask
from directory.models import Institution, SearchRow, public_point
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


def _row(fields, services):
    pk, name, kind, district_id, street_id, rating, inclusive, vacancies, voucher = fields[:9]
    min_age, max_age, latitude, longitude = fields[9:]
    point = (None, None, None, None, None, None)
    public = public_point(kind, latitude, longitude)
    if public:
        point = (*public, lat_band(public[0]), *unit_vector(*public))
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


def write(cursor, ids, services):
    """Replaces the rows of `ids` by those of the public institutions among them (the ones that still
    exist and `Institution.objects.public()` admits); `services`: {id: set of service codes}."""
    marks = ", ".join(["%s"] * len(ids))
    cursor.execute(f"DELETE FROM {TABLE} WHERE id IN ({marks})", list(ids))
    public = Institution.objects.public().filter(pk__in=ids).values_list(*SOURCE_FIELDS)
    rows = [_row(fields, services.get(fields[0], ())) for fields in public]
    if rows:
        cursor.executemany(
            f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * len(COLUMNS))})", rows
        )
    return len(rows)

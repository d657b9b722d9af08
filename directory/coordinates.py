"""Coordinate systems used by Chinese map services, converted to WGS-84 for storage.

GCJ-02 ("Mars coordinates") is what 高德 and 腾讯 maps give; BD-09 is Baidu's, a further transform
of GCJ-02. Both are published algorithms: the forward GCJ-02 offset is inverted here by fixed-point
iteration, which brings the result within a few centimetres of the true WGS-84 point.
"""

import math

WGS84 = "WGS84"
GCJ02 = "GCJ02"
BD09 = "BD09"
SYSTEMS = (WGS84, GCJ02, BD09)

_A = 6378245.0  # semi-major axis of the Krasovsky 1940 ellipsoid used by GCJ-02
_EE = 0.00669342162296594323  # its eccentricity squared
_X_PI = math.pi * 3000.0 / 180.0


def normalise_system(value):
    """WGS84, GCJ02 or BD09 from the ways people write them (wgs-84, gcj02, bd09ll, 百度…), else None."""
    text = "".join(str(value or "").split()).upper().replace("-", "").replace("_", "")
    if not text:
        return WGS84
    aliases = {
        "WGS84": WGS84,
        "WGS": WGS84,
        "GPS": WGS84,
        "天地图": WGS84,
        "GCJ02": GCJ02,
        "GCJ": GCJ02,
        "高德": GCJ02,
        "腾讯": GCJ02,
        "火星坐标": GCJ02,
        "BD09": BD09,
        "BD09LL": BD09,
        "BD": BD09,
        "百度": BD09,
    }
    return aliases.get(text)


# Where an institution may be: China's territory as two generous boxes of WGS-84 degrees
# (west, south, east, north). The first runs from the Pamirs (73.5° E) to the Heilongjiang–Ussuri
# confluence (134.8° E) and from Hainan's north coast to 漠河 (53.6° N), with Taiwan inside it; the second
# holds southern Hainan and the South China Sea islands down to 曾母暗沙 (3.9° N). Boxes, not a border:
# they refuse what is plainly abroad (New York, "0, 0", swapped or sign-flipped numbers) but let through
# points just across a land border (Mongolia, northern Vietnam…); the site's own region
# (directory/region.py) flags those with a warning.
CHINA_BOXES = (
    (73.4, 18.0, 135.2, 53.7),
    (108.5, 3.7, 118.0, 18.0),
)


def in_china(lat, lng):
    """True when (lat, lng) in WGS-84 lies in CHINA_BOXES."""
    return any(west <= lng <= east and south <= lat <= north for west, south, east, north in CHINA_BOXES)


def outside_china_message(lat, lng):
    return (
        f"坐标（经度 {lng:g}，纬度 {lat:g}）不在中国境内，不能公开：请核对经纬度"
        "（中国境内经度约 73.5–135，纬度约 3.9–53.6；WGS-84、GCJ-02、BD-09 均可，在“坐标系”中注明）"
    )


def outside_china(lat, lng):
    """GCJ-02 leaves points outside this rough box unchanged."""
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _transform_lat(x, y):
    result = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    result += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    result += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    result += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return result


def _transform_lng(x, y):
    result = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    result += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    result += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    result += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return result


def wgs84_to_gcj02(lat, lng):
    if outside_china(lat, lng):
        return lat, lng
    d_lat = _transform_lat(lng - 105.0, lat - 35.0)
    d_lng = _transform_lng(lng - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lng = (d_lng * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return lat + d_lat, lng + d_lng


def gcj02_to_wgs84(lat, lng):
    if outside_china(lat, lng):
        return lat, lng
    w_lat, w_lng = lat, lng
    for _ in range(30):
        g_lat, g_lng = wgs84_to_gcj02(w_lat, w_lng)
        d_lat, d_lng = g_lat - lat, g_lng - lng
        w_lat, w_lng = w_lat - d_lat, w_lng - d_lng
        if abs(d_lat) < 1e-9 and abs(d_lng) < 1e-9:
            break
    return w_lat, w_lng


def gcj02_to_bd09(lat, lng):
    z = math.sqrt(lng * lng + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lng) + 0.000003 * math.cos(lng * _X_PI)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


def bd09_to_gcj02(lat, lng):
    x, y = lng - 0.0065, lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * _X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _X_PI)
    return z * math.sin(theta), z * math.cos(theta)


def to_wgs84(lat, lng, system=WGS84):
    """(lat, lng) in WGS-84 from a point given in `system`."""
    if system == GCJ02:
        return gcj02_to_wgs84(lat, lng)
    if system == BD09:
        return gcj02_to_wgs84(*bd09_to_gcj02(lat, lng))
    return lat, lng


def wgs84_to_bd09(lat, lng):
    """BD-09 (百度) from WGS-84: through GCJ-02, as Baidu's own offset is defined on top of it."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lat, lng))


def from_wgs84(lat, lng, system):
    """(lat, lng) in `system` from a stored WGS-84 point: the inverse of `to_wgs84`."""
    if system == GCJ02:
        return wgs84_to_gcj02(lat, lng)
    if system == BD09:
        return wgs84_to_bd09(lat, lng)
    return lat, lng

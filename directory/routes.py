"""Route links that open a phone's map app at an institution: 高德, 百度 and Apple Maps.

Each app reads coordinates in its own system: 高德 and Apple Maps (whose map of China is 高德's data)
in GCJ-02, 百度 in BD-09. The point is always `Institution.public_location`, so a 家庭托育点's link
leads to the centre of its grid cell, never to the family's door. The page shows app names, never
the numbers.
"""

from urllib.parse import urlencode

from directory.coordinates import BD09, GCJ02, from_wgs84

# Six decimals is about 10 cm: finer digits are noise, coarser would move the pin.
DIGITS = 6
SOURCE = "tuoyu-directory"  # the `src` both Chinese URI APIs ask callers to name themselves with


def _fixed(value):
    return f"{value:.{DIGITS}f}"


def amap_url(lat, lng, name):
    """高德 route planning to (lat, lng) in GCJ-02: its web page, or the app when installed."""
    destination = f"{_fixed(lng)},{_fixed(lat)},{name}"
    query = {"to": destination, "mode": "bus", "src": SOURCE, "coordinate": "gaode", "callnative": "1"}
    return "https://uri.amap.com/navigation?" + urlencode(query)


def baidu_url(lat, lng, name, address):
    """百度 map marker at (lat, lng) in BD-09, with its 到这里去 route button."""
    query = {
        "location": f"{_fixed(lat)},{_fixed(lng)}",
        "title": name,
        "content": address,
        "coord_type": "bd09ll",
        "output": "html",
        "src": SOURCE,
    }
    return "https://api.map.baidu.com/marker?" + urlencode(query)


def apple_url(lat, lng, name):
    """Apple Maps directions to (lat, lng) in GCJ-02 (its map of China is 高德's)."""
    return "https://maps.apple.com/?" + urlencode({"daddr": f"{_fixed(lat)},{_fixed(lng)}", "q": name})


def route_links(institution):
    """[{"app", "url"}] for the institution's public point, or [] without coordinates."""
    point = institution.public_location
    if point is None:
        return []
    name = institution.name
    gcj_lat, gcj_lng = from_wgs84(*point, GCJ02)
    bd_lat, bd_lng = from_wgs84(*point, BD09)
    return [
        {"app": "高德地图", "url": amap_url(gcj_lat, gcj_lng, name)},
        {"app": "百度地图", "url": baidu_url(bd_lat, bd_lng, name, institution.public_address)},
        {"app": "Apple 地图", "url": apple_url(gcj_lat, gcj_lng, name)},
    ]

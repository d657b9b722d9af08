"""Demo 母婴室 at /mother-baby-rooms/: invented rooms in the demo city's streets (the places gazetteer's
districts and streets) and at its landmarks. Idempotent: rooms that exist are left as editors left them."""

from directory.models import Street
from nursingrooms.models import Facility, LocationType, NursingRoom, NursingRoomPage
from places.models import Place, PlaceKind
from website.demo import DEMO_NOTICE, ensure_child, home_page

ALL = set(Facility.values)
BASIC = {Facility.CHANGING_TABLE, Facility.SEATING, Facility.LOCK, Facility.SINK}
# (name pattern, type, position, hours, facilities, offset in degrees from the street's centre)
STREET_ROOMS = [
    (
        "{street}便民服务中心母婴室",
        LocationType.GOVERNMENT,
        "一楼办事大厅东侧",
        "周一至周五 8:30–17:30",
        BASIC,
        (0.002, -0.001),
    ),
    (
        "{street}购物广场母婴室",
        LocationType.MALL,
        "三楼卫生间旁（电梯出门右转）",
        "每天 9:00–21:30",
        ALL,
        (-0.003, 0.004),
    ),
    (
        "{street}公交首末站母婴室",
        LocationType.TRANSPORT,
        "候车室二层",
        "每天 6:00–21:00",
        BASIC - {Facility.LOCK},
        (0.005, 0.003),
    ),
]
# (name, landmark in the gazetteer, type, position, hours, facilities)
LANDMARK_ROOMS = [
    (
        "鹤壁东站候车大厅母婴室",
        "鹤壁东站",
        LocationType.TRANSPORT,
        "二楼候车大厅检票口 A3 旁",
        "每天 6:30–22:00",
        ALL,
    ),
    (
        "市妇幼保健院门诊楼母婴室",
        "市妇幼保健院",
        LocationType.HOSPITAL,
        "门诊楼二楼儿科候诊区",
        "全天开放",
        ALL,
    ),
    (
        "淇滨区政务服务中心母婴室",
        "淇滨区政府",
        LocationType.GOVERNMENT,
        "一楼东侧",
        "周一至周五 8:30–17:30",
        BASIC,
    ),
    (
        "淇县人民政府机关母婴室",
        "淇县人民政府",
        LocationType.EMPLOYER,
        "办公楼一楼",
        "工作日 8:00–18:00",
        BASIC,
    ),
]
SCENIC_ROOM = (
    "淇县云梦山景区游客中心母婴室",
    "淇县",
    LocationType.SCENIC,
    "游客中心一楼",
    "每天 8:00–17:30",
    BASIC,
)


def _page():
    return ensure_child(
        home_page(),
        NursingRoomPage,
        "mother-baby-rooms",
        title="母婴室查询",
        intro=f"<p>在车站、商场、医院、景区、机关和用人单位找到离您最近的母婴室。{DEMO_NOTICE}</p>",
        show_in_menus=False,
    )


def _room(name, district, street, lat, lng, kind, position, hours, facilities):
    _room_record, created = NursingRoom.objects.get_or_create(
        name=name,
        district=district,
        defaults={
            "street": street,
            "location_type": kind,
            "address": f"鹤壁市{district.name}{street.name if street else ''}（演示地址）",
            "position": position,
            "opening_hours": hours,
            "manager": "演示数据：虚构的管理单位",
            "latitude": round(lat, 6),
            "longitude": round(lng, 6),
            **{f"has_{value}": value in facilities for value in Facility.values},
        },
    )
    return created


def _street_of(place):
    return (
        Street.objects.select_related("district")
        .filter(name=place.name, district__code=place.district_code)
        .first()
    )


def load(command):
    _page()
    created = 0
    streets = Place.objects.filter(kind__in=[PlaceKind.STREET, PlaceKind.TOWN]).order_by(
        "district_code", "name"
    )
    for number, place in enumerate(streets):
        street = _street_of(place)
        if street is None:
            continue
        pattern, kind, position, hours, facilities, (d_lat, d_lng) = STREET_ROOMS[number % len(STREET_ROOMS)]
        created += _room(
            pattern.format(street=street.name),
            street.district,
            street,
            place.latitude + d_lat,
            place.longitude + d_lng,
            kind,
            position,
            hours,
            facilities,
        )
    for name, landmark_name, kind, position, hours, facilities in [*LANDMARK_ROOMS, SCENIC_ROOM]:
        landmark = Place.objects.filter(name=landmark_name).order_by("kind").first()
        street = (
            Street.objects.filter(district__code=landmark.district_code).order_by("code").first()
            if landmark
            else None
        )
        if landmark is None or street is None:
            continue
        created += _room(
            name,
            street.district,
            None,
            landmark.latitude + 0.0004,
            landmark.longitude + 0.0004,
            kind,
            position,
            hours,
            facilities,
        )
    command.stdout.write(f"母婴室：新增 {created} 个演示母婴室，共 {NursingRoom.objects.count()} 个。")

"""Demo gazetteer: generated from the directory's demo institutions, plus a few invented landmarks."""

from places.building import build
from places.models import Place, PlaceKind, PlaceSource

# Invented, like every demo record: near the demo districts' centres.
DEMO_LANDMARKS = [
    ("淇滨区政府", "410611", "淇滨区", 35.7480, 114.2970, "淇滨区人民政府、区政府"),
    ("鹤壁市人民政府", "410611", "淇滨区", 35.7466, 114.2975, "市政府、鹤壁市政府"),
    ("市妇幼保健院", "410611", "淇滨区", 35.7520, 114.2890, "妇幼保健院、鹤壁市妇幼保健院"),
    ("鹤壁东站", "410611", "淇滨区", 35.7390, 114.3190, "高铁站、东站"),
    ("淇县人民政府", "410622", "淇县", 35.6090, 114.1980, "淇县政府、县政府"),
]


def load(command):
    for name, code, district, lat, lng, aliases in DEMO_LANDMARKS:
        Place.objects.get_or_create(
            name=name,
            kind=PlaceKind.LANDMARK,
            district_code=code,
            defaults={
                "district_name": district,
                "latitude": lat,
                "longitude": lng,
                "aliases": aliases,
                "source": PlaceSource.EDITED,
            },
        )
    created, updated, removed = build()
    command.stdout.write(
        f"地名库：新增 {created} 个，更新 {updated} 个，移除 {removed} 个；演示地标 {len(DEMO_LANDMARKS)} 个。"
    )

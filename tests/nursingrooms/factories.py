import factory

from nursingrooms.models import LocationType, NursingRoom
from places.models import Place, PlaceKind
from tests.directory.factories import DistrictFactory


class NursingRoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NursingRoom

    name = factory.Sequence(lambda n: f"测试商场{n}母婴室")
    location_type = LocationType.MALL
    district = factory.SubFactory(DistrictFactory)
    address = "淇滨区九州路 100 号"
    position = "三楼卫生间旁"
    opening_hours = "每天 9:00–21:30"
    latitude = 35.748
    longitude = 114.297
    has_changing_table = True


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = "鹤壁东站"
    kind = PlaceKind.LANDMARK
    district_code = "410611"
    district_name = "淇滨区"
    latitude = 35.7390
    longitude = 114.3190

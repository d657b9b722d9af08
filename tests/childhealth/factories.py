import factory

from childhealth.models import HealthService, ServiceKind
from tests.directory.factories import DistrictFactory


class HealthServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HealthService
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试{n}社区卫生服务中心")
    kind = ServiceKind.COMMUNITY_HEALTH_CENTRE
    district = factory.SubFactory(DistrictFactory)
    address = "淇滨区九州路 1 号"
    opening_hours = "周一至周五 8:00–17:30"
    latitude = 35.748
    longitude = 114.297

    @factory.post_generation
    def served_streets(self, create, extracted, **kwargs):
        for street in extracted or []:
            self.served_streets.add(street)

    @factory.post_generation
    def staff(self, create, extracted, **kwargs):
        for user in extracted or []:
            self.staff.add(user)

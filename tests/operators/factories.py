"""Factories for the operators' app: accounts in the operators' group, staff, the barred list, visits."""

import datetime

import factory
from django.utils import timezone

from operators.identity import check_character, id_hash, masked_id_tail
from operators.models import BarredPerson, OperatorAccount, StaffMember, VisitRequest
from tests.directory.factories import InstitutionFactory
from tests.factories import UserFactory


def id_number(serial):
    """A resident ID number with a valid check character (born 1990-01-01 in 鹤壁市淇滨区)."""
    first17 = f"41061119900101{serial % 1000:03d}"
    return first17 + check_character(first17)


class OperatorAccountFactory(factory.django.DjangoModelFactory):
    """An operator of one institution, in the group 托育机构运营者 (needs the `roles` fixture)."""

    class Meta:
        model = OperatorAccount

    user = factory.SubFactory(UserFactory, groups=["托育机构运营者"])
    institution = factory.SubFactory(InstitutionFactory)


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"保育员{n}")
    role = "caregiver"
    certificate = "childcare_worker"
    certificate_number = factory.Sequence(lambda n: f"BYS2026{n:05d}")
    id_number_hash = factory.Sequence(lambda n: id_hash(id_number(500 + n)))


class BarredPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarredPerson
        exclude = ("number",)

    number = factory.Sequence(lambda n: id_number(n))
    name = "张三丰"
    id_number_hash = factory.LazyAttribute(lambda o: id_hash(o.number))
    id_number_tail = factory.LazyAttribute(lambda o: masked_id_tail(o.number))
    decision_number = factory.Sequence(lambda n: f"鹤卫禁〔2026〕{n + 1}号")
    decision_date = datetime.date(2026, 6, 1)
    authority = "鹤壁市卫生健康委员会"
    reason = "【演示数据】虐待婴幼儿，终身禁止从事托育服务工作。"


class VisitRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitRequest

    institution = factory.SubFactory(InstitutionFactory)
    name = "王女士"
    phone = "13912345678"
    preferred_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))
    child_age_months = 18
    message = "想看看午睡室。"


CHANGE_FORM_URL = "/admin/operators/changes/new/"


def change_form(institution, **changes):
    """The change form as the operator sees it filled in, with `changes` applied."""
    classroom = institution.classes.get()
    data = {
        "name": institution.name,
        "offer_full_day": "on",
        "fee_full_day": "2800",
        "note": "",
        "classes-TOTAL_FORMS": "2",
        "classes-INITIAL_FORMS": "1",
        "classes-MIN_NUM_FORMS": "0",
        "classes-MAX_NUM_FORMS": "20",
        "classes-0-id": str(classroom.pk),
        "classes-0-class_type": "toddler_small",
        "classes-0-capacity": "15",
        "classes-0-caregivers": "",
        "classes-1-id": "",
        "classes-1-class_type": "",
        "classes-1-capacity": "",
        "classes-1-caregivers": "",
    }
    data.update(changes)
    return data

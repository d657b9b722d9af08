"""Factories for the directory's models. Credit codes are real GB 32100 codes with a valid check character."""

import datetime

import factory

from directory.credit_code import make as make_credit_code
from directory.models import (
    CreditRecord,
    District,
    Inspection,
    Institution,
    InstitutionClass,
    InstitutionService,
    Street,
)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = "410611"
    name = "淇滨区"


class StreetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Street
        django_get_or_create = ("code",)

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"410611{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"演示{n}街道")


class InstitutionFactory(factory.django.DjangoModelFactory):
    """A filed institution in normal operation: one the public sees."""

    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"阳光宝贝托育中心{n}号园")
    credit_code = factory.Sequence(lambda n: make_credit_code(f"52410611MJ{n:07d}"))
    slug = factory.Sequence(lambda n: f"institution-{n}")
    district = factory.SubFactory(DistrictFactory)
    address = factory.Sequence(lambda n: f"鹤壁市淇滨区朝阳路 {n} 号")
    latitude = 35.75
    longitude = 114.29
    phone = "0392-1234567"
    opening_hours = "周一至周五 7:30–18:00"
    description = "提供全日托和临时托服务，设有户外活动场地。"
    status = "normal"
    filing_number = factory.Sequence(lambda n: f"豫鹤托备 2026{n:04d}")
    filing_date = datetime.date(2026, 3, 1)
    filing_authority = "鹤壁市淇滨区卫生健康委员会"
    capacity = 60
    vacancies = 8
    vacancies_updated_at = datetime.date(2026, 11, 1)

    class Params:
        unfiled = factory.Trait(filing_number="", filing_date=None, filing_authority="")
        # A 家庭托育点 with a full street address, whose house number the public page must hide.
        home_based = factory.Trait(kind="home", capacity=5, vacancies=1, address="九州路 8 号 3 单元 201")


class InstitutionServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstitutionService

    institution = factory.SubFactory(InstitutionFactory)
    service_type = "full_day"
    monthly_fee = 2800


class InstitutionClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstitutionClass

    institution = factory.SubFactory(InstitutionFactory)
    class_type = "toddler_small"
    capacity = 15
    vacancies = 3
    vacancies_updated_at = datetime.date(2026, 11, 1)


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    institution = factory.SubFactory(InstitutionFactory)
    date = datetime.date(2026, 6, 15)
    authority = "淇滨区卫生健康委员会"
    result = "pass"
    summary = "消防通道畅通，晨检记录完整。"


class CreditRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CreditRecord

    institution = factory.SubFactory(InstitutionFactory)
    date = datetime.date(2026, 7, 1)
    kind = "good"
    authority = "鹤壁市卫生健康委员会"
    summary = "年度检查无违规记录。"


def add_sample_offer(institution):
    """Full-day (2800 a month) and temporary care, a small (3 of 15 places free) and a big (1 of 20) toddler
    class and an inspection that ordered a fix: the rows the detail page tests read back."""
    InstitutionServiceFactory(institution=institution, service_type="full_day", monthly_fee=2800)
    InstitutionServiceFactory(institution=institution, service_type="temporary", monthly_fee=None)
    InstitutionClassFactory(institution=institution, class_type="toddler_small", capacity=15, vacancies=3)
    InstitutionClassFactory(institution=institution, class_type="toddler_big", capacity=20, vacancies=1)
    InspectionFactory(institution=institution, result="rectify", summary="插座缺少防护盖，限期整改。")


def institution_offering(name, services=("full_day",), **fields):
    """A public institution named `name` offering these service types (no description unless given)."""
    fields.setdefault("description", "")
    institution = InstitutionFactory(name=name, **fields)
    for code in services:
        InstitutionServiceFactory(institution=institution, service_type=code)
    return institution

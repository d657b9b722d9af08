import datetime
from decimal import Decimal

import factory

from benefits.models import ClaimChannel, ClaimOffice, LocalTopUp, SubsidyRule


class SubsidyRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubsidyRule

    name = "国家基础标准（2025 年起）"
    applies_from = datetime.date(2025, 1, 1)
    amount_per_year = Decimal("3600")
    age_limit_months = 36


class LocalTopUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalTopUp

    name = "二孩加发"
    area = "示范市"
    amount_per_year = Decimal("1200")
    applies_from = datetime.date(2025, 7, 1)
    age_limit_months = 36


class ClaimChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimChannel

    name = factory.Sequence(lambda n: f"申领渠道{n}")
    how_to = "搜索“育儿补贴”"


class ClaimOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimOffice

    name = factory.Sequence(lambda n: f"第{n}街道便民服务中心")
    district = "淇滨区"
    street = "九州路街道"
    address = "九州路 1 号"
    hours = "周一至周五 8:30—17:30"
    lat = 35.74
    lng = 114.29

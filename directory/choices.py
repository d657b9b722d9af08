"""The directory's fixed lists of values (TextChoices), in one module the models and the forms share."""

from django.db import models


class ServiceType(models.TextChoices):
    """The four kinds of care; this order is the order everywhere (pages, API, export, facets)."""

    FULL_DAY = "full_day", "全日托"
    HALF_DAY = "half_day", "半日托"
    HOURLY = "hourly", "计时托"
    TEMPORARY = "temporary", "临时托"


# A set of service types as one integer (the search summary and search rows store it): a bit per type.
SERVICE_BITS = {code: 1 << index for index, code in enumerate(ServiceType.values)}


def services_mask(codes):
    return sum(SERVICE_BITS.get(code, 0) for code in set(codes))


SERVICE_ORDER = {code: rank for rank, code in enumerate(ServiceType.values)}


class Kind(models.TextChoices):
    CENTRE = "centre", "托育机构"
    HOME = "home", "家庭托育点"


class Nature(models.TextChoices):
    FOR_PROFIT = "for_profit", "营利性"
    NON_PROFIT = "non_profit", "非营利性"


class OrganiserType(models.TextChoices):
    SOCIAL = "social", "社会力量举办"
    EMPLOYER = "employer", "用人单位举办"
    KINDERGARTEN = "kindergarten", "幼儿园托班"
    COMMUNITY = "community", "社区举办"
    PUBLIC_PRIVATE = "public_private", "公办民营"
    PUBLIC = "public", "公办"
    OTHER = "other", "其他"


class Status(models.TextChoices):
    NORMAL = "normal", "正常"
    SUSPENDED = "suspended", "暂停"
    CANCELLED = "cancelled", "注销"


class QualityGrade(models.TextChoices):
    A = "A", "A 级"
    B = "B", "B 级"
    C = "C", "C 级"
    D = "D", "D 级"


class StarLevel(models.IntegerChoices):
    ONE = 1, "1 星"
    TWO = 2, "2 星"
    THREE = 3, "3 星"
    FOUR = 4, "4 星"
    FIVE = 5, "5 星"


class InspectionResult(models.TextChoices):
    PASS = "pass", "合格"
    RECTIFY = "rectify", "限期整改"
    RECTIFIED = "rectified", "整改完成"
    FAIL = "fail", "不合格"


class CreditKind(models.TextChoices):
    GOOD = "good", "守信（良好）"
    BAD = "bad", "失信（不良）"


class ClassType(models.TextChoices):
    INFANT = "infant", "乳儿班"
    TODDLER_SMALL = "toddler_small", "托小班"
    TODDLER_BIG = "toddler_big", "托大班"
    MIXED = "mixed", "混合班"

"""Filed childcare institutions (托育机构) and the page that lets the public find and check them.

The shape of these models is a contract shared with the search engines (directory/search/) and the
complaints app: field names do not change; new fields come in new migrations.
"""

import math

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, FloatField, Value, When
from django.db.models.functions import Floor
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, RevisionMixin

from directory.choices import (
    SERVICE_ORDER,
    ClassType,
    CreditKind,
    InspectionResult,
    Kind,
    Nature,
    OrganiserType,
    QualityGrade,
    ServiceType,
    StarLevel,
    Status,
)
from directory.coordinates import in_china, outside_china_message
from directory.credit_code import normalise, validate_credit_code
from directory.forms import InstitutionForm

# A home-based care point (家庭托育点) takes at most this many children.
HOME_MAX_CHILDREN = 5
# Children up to three years old.
MAX_AGE_MONTHS = 36

# A home-based care point (家庭托育点) is a family's house: the public sees only the centre of the fixed
# grid cell it lies in (0.01° ≈ 1.1 km north–south, ≈ 0.95 km east–west here), never the door. The
# grid is fixed, so asking again from other points (trilateration) or averaging many answers only ever
# finds the cell centre, up to ~700 m from the house.
HOME_GRID_DEGREES = 0.01


def coarse_point(latitude, longitude):
    """The centre of the HOME_GRID_DEGREES cell holding (latitude, longitude), as (lat, lng).

    Written with floor() so that Python here and SQL in `InstitutionQuerySet.with_public_point` compute
    the same IEEE doubles; rounded to 6 decimals only to drop float noise from the display.
    """
    cells = 1 / HOME_GRID_DEGREES
    return (
        round((math.floor(latitude * cells) + 0.5) / cells, 6),
        round((math.floor(longitude * cells) + 0.5) / cells, 6),
    )


def public_point(kind, latitude, longitude):
    """`Institution.public_location` from the raw columns: (lat, lng), or None without coordinates."""
    if latitude is None or longitude is None:
        return None
    if kind == Kind.HOME:
        return coarse_point(latitude, longitude)
    return (latitude, longitude)


def _coarse_sql(field):
    cells = Value(1 / HOME_GRID_DEGREES, output_field=FloatField())
    return (Floor(F(field) * cells) + Value(0.5, output_field=FloatField())) / cells


# The national 托育机构设置标准（试行）: class types, age ranges, class sizes and carer ratios.
# The standard gives no ratio for mixed classes; the toddler-small ratio (1:5) is applied to them.
CLASS_RULES = {
    ClassType.INFANT: {"min_age": 6, "max_age": 12, "max_children": 10, "ratio": 3},
    ClassType.TODDLER_SMALL: {"min_age": 12, "max_age": 24, "max_children": 15, "ratio": 5},
    ClassType.TODDLER_BIG: {"min_age": 24, "max_age": 36, "max_children": 20, "ratio": 7},
    ClassType.MIXED: {"min_age": 18, "max_age": 36, "max_children": 18, "ratio": 5},
}

# Points per quality grade (WS/T 821-2023) on the same 1–5 scale as star levels.
GRADE_POINTS = {"A": 5.0, "B": 4.0, "C": 3.0, "D": 1.0}


def compute_rating(quality_grade, star_level):
    """One number for sort=rating: the mean of the grade's points and the star level, 0 when unrated."""
    parts = []
    if quality_grade in GRADE_POINTS:
        parts.append(GRADE_POINTS[quality_grade])
    if star_level:
        parts.append(float(star_level))
    return round(sum(parts) / len(parts), 2) if parts else 0.0


# The code of a ValidationError whose message is a whole sentence naming what it is about, so that
# the importer shows it as is instead of prefixing the field's label.
SENTENCE = "sentence"


def home_capacity_error(capacity):
    return ValidationError(
        f"家庭托育点最多收托 {HOME_MAX_CHILDREN} 名婴幼儿，当前托位数为 {capacity}。", code=SENTENCE
    )


# --- Administrative divisions -------------------------------------------------------------------------


class District(models.Model):
    code = models.CharField("区县代码", max_length=12, unique=True)
    name = models.CharField("区县名称", max_length=50)

    class Meta:
        verbose_name = "区县"
        verbose_name_plural = "区县"
        ordering = ["code"]

    def __str__(self):
        return self.name


class Street(models.Model):
    code = models.CharField("街道代码", max_length=12, unique=True)
    name = models.CharField("街道（乡镇）名称", max_length=50)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="streets", verbose_name="区县"
    )

    class Meta:
        verbose_name = "街道（乡镇）"
        verbose_name_plural = "街道（乡镇）"
        ordering = ["code"]

    def __str__(self):
        return f"{self.district.name}{self.name}"


# --- Institutions -----------------------------------------------------------------------------------


class InstitutionQuerySet(models.QuerySet):
    def public(self):
        """Filed and in normal operation: the only institutions the public sees."""
        return self.exclude(filing_number="").filter(status=Status.NORMAL)

    def for_verification(self, query):
        """Every institution, whatever its status, matching a name fragment or a credit code."""
        query = (query or "").strip()
        if not query:
            return self.none()
        by_name = models.Q()
        for word in query.split():
            by_name &= models.Q(name__icontains=word)
        return self.filter(models.Q(credit_code=normalise(query)) | by_name).select_related(
            "district", "street"
        )

    def with_public_point(self):
        """Annotate `public_latitude` / `public_longitude`: `Institution.public_location` in SQL.

        Distances, distance sorting and radius filters use these, so a home-based care point is measured
        from the same coarse point the public sees and its distance gives nothing more away.
        """
        is_home = models.Q(kind=Kind.HOME)
        return self.annotate(
            public_latitude=Case(
                When(is_home, then=_coarse_sql("latitude")), default=F("latitude"), output_field=FloatField()
            ),
            public_longitude=Case(
                When(is_home, then=_coarse_sql("longitude")),
                default=F("longitude"),
                output_field=FloatField(),
            ),
        )


class Institution(RevisionMixin, ClusterableModel):
    """A filed (or not yet filed) childcare institution.

    Not in Wagtail's search index: the admin listing and chooser search the database (substring
    matches, see directory/admin_views.py), the public search has its own engines (directory/search/).
    """

    name = models.CharField("机构名称", max_length=100)
    slug = models.SlugField(
        "网址标识",
        max_length=64,
        unique=True,
        blank=True,
        help_text="机构详情页的网址 /directory/<标识>/；留空时按统一社会信用代码生成。",
    )
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code]
    )
    kind = models.CharField(
        "机构类型",
        max_length=10,
        choices=Kind,
        default=Kind.CENTRE,
        help_text=f"家庭托育点最多收托 {HOME_MAX_CHILDREN} 名婴幼儿，公开页面只显示到街道，不显示门牌号。",
    )
    nature = models.CharField("机构性质", max_length=12, choices=Nature, default=Nature.FOR_PROFIT)
    organiser_type = models.CharField(
        "举办类型", max_length=20, choices=OrganiserType, default=OrganiserType.SOCIAL
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="institutions", verbose_name="区县"
    )
    street = models.ForeignKey(
        Street,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="institutions",
        verbose_name="街道（乡镇）",
    )
    address = models.CharField("地址", max_length=200)
    latitude = models.FloatField(
        "纬度（WGS-84）", null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        "经度（WGS-84）", null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    phone = models.CharField("联系电话", max_length=50, blank=True)
    opening_hours = models.CharField("开放时间", max_length=100, blank=True)
    description = models.TextField("机构简介", blank=True)
    status = models.CharField("经营状态", max_length=12, choices=Status, default=Status.NORMAL)

    filing_number = models.CharField("备案编号", max_length=64, blank=True, help_text="留空表示尚未备案。")
    filing_date = models.DateField("备案日期", null=True, blank=True)
    filing_authority = models.CharField("备案机关", max_length=100, blank=True)

    min_age_months = models.PositiveSmallIntegerField(
        "最小收托月龄", default=6, validators=[MaxValueValidator(MAX_AGE_MONTHS)]
    )
    max_age_months = models.PositiveSmallIntegerField(
        "最大收托月龄", default=36, validators=[MaxValueValidator(MAX_AGE_MONTHS)]
    )
    capacity = models.PositiveIntegerField("托位数", default=0)
    vacancies = models.PositiveIntegerField("空余托位", default=0)
    vacancies_updated_at = models.DateField("空余托位更新日期", null=True, blank=True)

    inclusive = models.BooleanField("普惠托育", default=False)
    accepts_childcare_voucher = models.BooleanField(
        "接受托育服务券",
        default=False,
        db_index=True,
        help_text="机构接受本市发放的托育服务券（育儿补贴相关的托育消费券），家长可凭券抵扣托育费用。",
    )
    demonstration = models.BooleanField("示范机构", default=False)
    quality_grade = models.CharField(
        "质量评估等级", max_length=1, choices=QualityGrade, blank=True, help_text="依据 WS/T 821-2023。"
    )
    star_level = models.PositiveSmallIntegerField("星级", choices=StarLevel, null=True, blank=True)
    rating = models.FloatField("综合评分", default=0.0, editable=False)

    # 入托须知: how a family enrols, kept by directory managers per institution (steps are EnrolmentStep).
    enrolment_materials = models.TextField(
        "入托所需材料", blank=True, help_text="每行一项，例如：出生医学证明、预防接种证、入托健康检查表。"
    )
    visiting_times = models.CharField(
        "参观时间",
        max_length=200,
        blank=True,
        help_text="家长可以预约参观的时间，例如：工作日 15:00–17:00，请提前电话预约。",
    )

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="institution")

    base_form_class = InstitutionForm

    objects = InstitutionQuerySet.as_manager()

    basic_panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("credit_code"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("nature"), FieldPanel("organiser_type")]),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("district"), FieldPanel("street")]),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="位置",
        ),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("opening_hours")]),
        FieldPanel("description"),
        InlinePanel("photos", label="机构照片", heading="机构照片"),
    ]
    service_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_age_months"), FieldPanel("max_age_months")]),
                FieldRowPanel(
                    [FieldPanel("capacity"), FieldPanel("vacancies"), FieldPanel("vacancies_updated_at")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("inclusive"),
                        FieldPanel("accepts_childcare_voucher"),
                        FieldPanel("demonstration"),
                    ]
                ),
            ],
            heading="收托与托位",
        ),
        InlinePanel("services", label="服务类型与月收费", heading="服务类型与月收费"),
        InlinePanel("classes", label="班级", heading="班级设置"),
    ]
    supervision_panels = [
        MultiFieldPanel(
            [FieldPanel("filing_number"), FieldPanel("filing_date"), FieldPanel("filing_authority")],
            heading="备案信息",
        ),
        MultiFieldPanel([FieldPanel("quality_grade"), FieldPanel("star_level")], heading="质量评估"),
        InlinePanel("inspections", label="检查记录", heading="监督检查"),
        InlinePanel("credit_records", label="信用记录", heading="诚信档案"),
    ]
    enrolment_panels = [
        InlinePanel("enrolment_steps", label="入托步骤", heading="入托流程"),
        FieldPanel("enrolment_materials"),
        FieldPanel("visiting_times"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(basic_panels, heading="基本信息"),
            ObjectList(service_panels, heading="服务与班级"),
            ObjectList(supervision_panels, heading="备案与监管"),
            ObjectList(enrolment_panels, heading="入托须知"),
        ]
    )

    class Meta:
        verbose_name = "托育机构"
        verbose_name_plural = "托育机构"
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status"], name="directory_inst_status"),
            models.Index(fields=["inclusive"], name="directory_inst_inclusive"),
            models.Index(fields=["latitude", "longitude"], name="directory_inst_location"),
            models.Index(fields=["rating"], name="directory_inst_rating"),
        ]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def get_absolute_url(self):
        return f"/directory/{self.slug}/"

    @property
    def is_filed(self):
        return bool(self.filing_number)

    @property
    def is_public(self):
        return self.is_filed and self.status == Status.NORMAL

    @property
    def is_home(self):
        return self.kind == Kind.HOME

    @property
    def public_address(self):
        """What the public page shows: a home-based care point only down to its street."""
        if self.is_home:
            street = self.street.name if self.street_id else ""
            return f"{self.district.name}{street}（家庭托育点，具体门牌请电话咨询）"
        return self.address

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def public_location(self):
        """The point the public sees, as (lat, lng) in WGS-84 degrees, or None without coordinates.

        Exact for an ordinary institution; for a home-based care point the centre of its grid cell
        (`coarse_point`). Every map, API location, distance, sort and radius uses this point: the one
        rule, also written in SQL as `Institution.objects.with_public_point()`.
        """
        return public_point(self.kind, self.latitude, self.longitude)

    @property
    def age_range_label(self):
        return f"{self.min_age_months}–{self.max_age_months} 个月"

    def clean(self):
        super().clean()
        self.credit_code = normalise(self.credit_code)
        errors = {}
        if self.min_age_months is not None and self.max_age_months is not None:
            if self.min_age_months > self.max_age_months:
                errors["max_age_months"] = ValidationError(
                    "最大收托月龄不能小于最小收托月龄。", code=SENTENCE
                )
        if self.capacity is not None and self.vacancies is not None and self.vacancies > self.capacity:
            errors["vacancies"] = ValidationError(
                f"空余托位（{self.vacancies}）不能多于托位数（{self.capacity}）。", code=SENTENCE
            )
        if self.is_home and self.capacity and self.capacity > HOME_MAX_CHILDREN:
            errors["capacity"] = home_capacity_error(self.capacity)
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = ValidationError("经度和纬度需同时填写，或同时留空。", code=SENTENCE)
        elif self.has_location and not in_china(self.latitude, self.longitude):
            errors["latitude"] = ValidationError(
                outside_china_message(self.latitude, self.longitude) + "。", code=SENTENCE
            )
        if self.street_id and self.district_id and self.street.district_id != self.district_id:
            errors["street"] = ValidationError(f"街道“{self.street.name}”不属于所选区县。", code=SENTENCE)
        if errors:
            raise ValidationError(errors)

    def prepare_for_save(self):
        """What every save does first: normalised code, default slug, the home limit, derived rating."""
        self.credit_code = normalise(self.credit_code)
        if not self.slug:
            self.slug = self.credit_code.lower()
        if self.is_home and self.capacity > HOME_MAX_CHILDREN:
            raise ValidationError({"capacity": home_capacity_error(self.capacity)})
        self.rating = compute_rating(self.quality_grade, self.star_level)

    def save(self, *args, **kwargs):
        self.prepare_for_save()
        super().save(*args, **kwargs)

    def services_in_order(self):
        """Its services in ServiceType order (prefetch `services` to avoid a query)."""
        return sorted(self.services.all(), key=lambda service: SERVICE_ORDER.get(service.service_type, 99))

    def service_labels(self):
        return [service.get_service_type_display() for service in self.services_in_order()]


class InstitutionService(Orderable):
    institution = ParentalKey(Institution, on_delete=models.CASCADE, related_name="services")
    service_type = models.CharField("服务类型", max_length=12, choices=ServiceType)
    monthly_fee = models.DecimalField(
        "月收费（元）",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    panels = [FieldRowPanel([FieldPanel("service_type"), FieldPanel("monthly_fee")])]

    class Meta(Orderable.Meta):
        verbose_name = "服务类型"
        verbose_name_plural = "服务类型"
        constraints = [
            models.UniqueConstraint(fields=["institution", "service_type"], name="directory_unique_service")
        ]

    def __str__(self):
        return self.get_service_type_display()


class SearchRow(models.Model):
    """One public institution as the database engine's searches read it (issue 12): narrow, so counting
    and ordering thousands of matches reads a few dozen bytes each, not the institution's texts.

    Written only by `directory.search.fulltext.refresh` together with the full-text index, from the
    same pending marks (triggers, migration 0007), so it is current whenever the index is; a filed
    institution in normal operation has a row, any other none. The columns carry the institution's
    names, except `services` (a bit per service type, `choices.SERVICE_BITS`), the public point
    (`Institution.public_location`), its latitude band (`LAT_BAND_DEGREES`, for an index range scan) and
    its point on the unit sphere (x, y, z), whose squared chord orders and bounds great-circle distance
    exactly with arithmetic alone.
    """

    LAT_BAND_DEGREES = 0.01

    institution = models.OneToOneField(
        Institution,
        primary_key=True,
        db_column="id",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    name = models.CharField(max_length=100)
    district = models.ForeignKey(District, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    street = models.ForeignKey(
        Street, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    services = models.IntegerField()
    rating = models.FloatField(null=True)
    inclusive = models.BooleanField()
    vacancies = models.IntegerField()
    accepts_childcare_voucher = models.BooleanField()
    min_age_months = models.IntegerField()
    max_age_months = models.IntegerField()
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    lat_band = models.IntegerField(null=True)
    x = models.FloatField(null=True)
    y = models.FloatField(null=True)
    z = models.FloatField(null=True)

    class Meta:
        managed = False
        db_table = "directory_search_row"

    def __str__(self):
        return self.name


class InstitutionClass(Orderable):
    institution = ParentalKey(Institution, on_delete=models.CASCADE, related_name="classes")
    class_type = models.CharField(
        "班型",
        max_length=16,
        choices=ClassType,
        help_text="乳儿班 6–12 月龄 ≤10 人（1:3）；托小班 12–24 月龄 ≤15 人（1:5）；"
        "托大班 24–36 月龄 ≤20 人（1:7）；混合班 18 月龄以上 ≤18 人。",
    )
    capacity = models.PositiveSmallIntegerField("班级人数上限", default=0)
    vacancies = models.PositiveSmallIntegerField("空余名额", default=0)
    vacancies_updated_at = models.DateField("空余名额更新日期", null=True, blank=True)
    caregivers = models.PositiveSmallIntegerField(
        "保育人员数", null=True, blank=True, help_text="填写后按设置标准的师生比核对。"
    )

    panels = [
        FieldRowPanel([FieldPanel("class_type"), FieldPanel("capacity"), FieldPanel("caregivers")]),
        FieldRowPanel([FieldPanel("vacancies"), FieldPanel("vacancies_updated_at")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "班级"
        verbose_name_plural = "班级"

    def __str__(self):
        return f"{self.get_class_type_display()}（{self.capacity} 人）"

    @property
    def rule(self):
        return CLASS_RULES.get(self.class_type)

    @property
    def age_range_label(self):
        rule = self.rule
        if self.class_type == ClassType.MIXED:
            return f"{rule['min_age']} 个月以上"
        return f"{rule['min_age']}–{rule['max_age']} 个月"

    def limit_errors(self):
        """The 设置标准 rules this class breaks, as {field: message}."""
        rule = self.rule
        if rule is None:
            return {"class_type": "请选择班型。"}
        errors = {}
        label = self.get_class_type_display()
        if self.capacity is not None and self.capacity > rule["max_children"]:
            errors["capacity"] = (
                f"{label}每班不超过 {rule['max_children']} 人（托育机构设置标准），"
                f"当前为 {self.capacity} 人。"
            )
        if self.capacity is not None and self.vacancies is not None and self.vacancies > self.capacity:
            errors["vacancies"] = f"空余名额（{self.vacancies}）不能多于班级人数（{self.capacity}）。"
        if self.caregivers is not None and self.capacity:
            needed = -(-self.capacity // rule["ratio"])
            if self.caregivers < needed:
                errors["caregivers"] = (
                    f"{label}保育人员与婴幼儿之比不低于 1:{rule['ratio']}，"
                    f"{self.capacity} 名婴幼儿至少需要 {needed} 名保育人员。"
                )
        return errors

    def clean(self):
        super().clean()
        errors = self.limit_errors()
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        errors = self.limit_errors()
        if errors:
            raise ValidationError(errors)
        super().save(*args, **kwargs)


class InstitutionPhoto(Orderable):
    institution = ParentalKey(Institution, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name="图片"
    )
    caption = models.CharField("图片说明", max_length=100, help_text="简要描述图片内容，供读屏软件朗读。")

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "机构照片"
        verbose_name_plural = "机构照片"


class Inspection(Orderable):
    institution = ParentalKey(Institution, on_delete=models.CASCADE, related_name="inspections")
    date = models.DateField("检查日期")
    authority = models.CharField("检查机关", max_length=100)
    result = models.CharField("检查结果", max_length=12, choices=InspectionResult)
    summary = models.TextField("情况说明", blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("authority"), FieldPanel("result")]),
        FieldPanel("summary"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "检查记录"
        verbose_name_plural = "检查记录"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date} {self.authority} {self.get_result_display()}"


class CreditRecord(Orderable):
    institution = ParentalKey(Institution, on_delete=models.CASCADE, related_name="credit_records")
    date = models.DateField("记录日期")
    kind = models.CharField("类型", max_length=8, choices=CreditKind)
    authority = models.CharField("认定机关", max_length=100)
    summary = models.TextField("内容")

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("authority")]),
        FieldPanel("summary"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "信用记录"
        verbose_name_plural = "信用记录"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class EnrolmentStep(Orderable):
    """One step of how a family enrols at an institution (入托流程), in the order a parent takes them."""

    institution = ParentalKey(Institution, on_delete=models.CASCADE, related_name="enrolment_steps")
    title = models.CharField("步骤", max_length=60, help_text="例如：电话预约参观")
    detail = models.TextField("说明", blank=True)

    panels = [FieldPanel("title"), FieldPanel("detail")]

    class Meta(Orderable.Meta):
        verbose_name = "入托步骤"
        verbose_name_plural = "入托步骤"

    def __str__(self):
        return self.title


# --- The public section -----------------------------------------------------------------------------


class DirectoryPage(RoutablePageMixin, Page):
    """/directory/: search, "is it filed?" and each institution's public page."""

    intro = RichTextField("导语", blank=True, features=["bold", "link"])
    verify_intro = RichTextField(
        "备案查询说明", blank=True, features=["bold", "link"], help_text="显示在“备案查询”页面顶部。"
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("verify_intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "托育机构查询页"

    @path("")
    def search_route(self, request):
        from directory import views

        return views.search_page(request, self)

    @path("verify/")
    def verify_route(self, request):
        from directory import views

        return views.verify_page(request, self)

    @path("<slug:slug>/")
    def detail_route(self, request, slug):
        from directory import views

        return views.detail_page(request, self, slug)

"""母婴室 (nursing rooms) in public places, the finder page at /mother-baby-rooms/, and the corrections
citizens send in (信息纠错) for directory managers to review in the admin."""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from nearby.models import LocatedRecord


class LocationType(models.TextChoices):
    TRANSPORT = "transport", "交通枢纽"
    MALL = "mall", "商场"
    HOSPITAL = "hospital", "医院"
    SCENIC = "scenic", "景区"
    GOVERNMENT = "government", "机关"
    EMPLOYER = "employer", "用人单位"
    OTHER = "other", "其他"


class Facility(models.TextChoices):
    """Each facility is a boolean field `has_<value>` on NursingRoom (filterable on every database)."""

    HOT_WATER = "hot_water", "热水"
    CHANGING_TABLE = "changing_table", "尿布台"
    SEATING = "seating", "座椅"
    LOCK = "lock", "门锁"
    SINK = "sink", "洗手池"
    SOCKET = "socket", "电源插座"
    FRIDGE = "fridge", "冰箱"


def facility_field(facility):
    return f"has_{facility}"


class NursingRoomQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_open=True)

    def with_facility(self, facility):
        return self.filter(**{facility_field(facility): True})


class NursingRoom(LocatedRecord):
    name = models.CharField(
        "名称", max_length=100, help_text="场所名称和母婴室，例如：鹤壁东站候车大厅母婴室"
    )
    location_type = models.CharField("场所类型", max_length=12, choices=LocationType.choices)
    position = models.CharField(
        "楼层与位置", max_length=200, blank=True, help_text="例如：二楼候车厅东侧，检票口 A3 旁"
    )
    opening_hours = models.CharField("开放时间", max_length=100, blank=True)
    phone = models.CharField("管理方电话", max_length=40, blank=True)
    manager = models.CharField("管理单位", max_length=100, blank=True)
    has_hot_water = models.BooleanField("热水", default=False)
    has_changing_table = models.BooleanField("尿布台", default=False)
    has_seating = models.BooleanField("座椅", default=False)
    has_lock = models.BooleanField("门锁", default=False)
    has_sink = models.BooleanField("洗手池", default=False)
    has_socket = models.BooleanField("电源插座", default=False)
    has_fridge = models.BooleanField("冰箱", default=False)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="照片",
    )
    is_open = models.BooleanField("对外开放", default=True, help_text="取消勾选后不在查询页显示。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = NursingRoomQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("location_type")]),
        FieldRowPanel([FieldPanel("district"), FieldPanel("street")]),
        FieldPanel("address"),
        FieldPanel("position"),
        FieldRowPanel([FieldPanel("opening_hours"), FieldPanel("phone"), FieldPanel("manager")]),
        MultiFieldPanel(
            [FieldPanel(facility_field(facility)) for facility in Facility.values], heading="设施"
        ),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading="坐标（WGS-84）"),
        FieldPanel("is_open"),
    ]

    class Meta:
        verbose_name = "母婴室"
        verbose_name_plural = "母婴室"
        ordering = ["district__code", "name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="nursingroom_point")]

    def __str__(self):
        return self.name

    @property
    def facilities(self):
        """The labels of the facilities this room has, in the fixed order."""
        return [label for value, label in Facility.choices if getattr(self, facility_field(value))]


class CorrectionKind(models.TextChoices):
    WRONG_INFO = "wrong_info", "信息有误（地址、开放时间等）"
    BROKEN = "broken", "设施损坏或不能使用"
    CLOSED = "closed", "找不到或已关闭"
    MISSING = "missing", "这里有母婴室，名录里没有"
    OTHER = "other", "其他"


class CorrectionStatus(models.TextChoices):
    NEW = "new", "待核实"
    DONE = "done", "已更正"
    REJECTED = "rejected", "不予采纳"


class RoomCorrection(models.Model):
    """A citizen's report of a missing or broken room; directory managers review it in the admin."""

    room = models.ForeignKey(
        NursingRoom,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="母婴室",
    )
    kind = models.CharField("问题类型", max_length=12, choices=CorrectionKind.choices)
    place = models.CharField("场所和位置", max_length=200, blank=True)
    description = models.TextField("情况说明", max_length=1000)
    contact = models.CharField("联系电话", max_length=40, blank=True, help_text="仅供核实，不公开。")
    status = models.CharField(
        "处理状态", max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.NEW
    )
    reply = models.TextField("处理说明", blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldPanel("room", read_only=True),
        FieldPanel("kind", read_only=True),
        FieldPanel("place", read_only=True),
        FieldPanel("description", read_only=True),
        FieldPanel("contact", read_only=True),
        FieldPanel("status"),
        FieldPanel("reply"),
    ]

    class Meta:
        verbose_name = "母婴室信息纠错"
        verbose_name_plural = "母婴室信息纠错"
        ordering = ["-created_at"]

    def __str__(self):
        subject = self.room.name if self.room_id else (self.place or "未列出的母婴室")
        return f"{self.get_kind_display()}：{subject}"


class NursingRoomPage(RoutablePageMixin, Page):
    """/mother-baby-rooms/: the finder, each room's page, and the 信息纠错 form."""

    intro = RichTextField("导语", blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "母婴室查询页"

    @path("")
    def finder_route(self, request):
        from nursingrooms import views

        return views.finder_page(request, self)

    @path("<int:pk>/")
    def detail_route(self, request, pk):
        from nursingrooms import views

        return views.detail_page(request, self, pk)

    @path("report/")
    def report_route(self, request):
        from nursingrooms import views

        return views.report_page(request, self)

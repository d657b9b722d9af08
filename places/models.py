"""The gazetteer: named places (districts, streets, roads, landmarks) with a centre in WGS-84.

Built from the data the site holds (places.building), edited in the admin, imported from CSV
(places.importing); `places.gazetteer.find` turns a typed name into places, best first.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from website import text


class PlaceKind(models.TextChoices):
    DISTRICT = "district", "区县"
    STREET = "street", "街道"
    TOWN = "town", "乡镇"
    COMMUNITY = "community", "社区"
    ROAD = "road", "道路"
    LANDMARK = "landmark", "地标"
    OTHER = "other", "其他"


class PlaceSource(models.TextChoices):
    BUILT = "built", "由站内数据生成"
    IMPORTED = "imported", "CSV 导入"
    EDITED = "edited", "编辑录入"


# Which kind wins when one name means several places: the larger, better-known one first.
KIND_ORDER = [
    PlaceKind.DISTRICT,
    PlaceKind.STREET,
    PlaceKind.TOWN,
    PlaceKind.LANDMARK,
    PlaceKind.ROAD,
    PlaceKind.COMMUNITY,
    PlaceKind.OTHER,
]


class Place(models.Model):
    name = models.CharField("名称", max_length=60)
    kind = models.CharField("类型", max_length=12, choices=PlaceKind.choices, default=PlaceKind.OTHER)
    district_code = models.CharField("所属区县代码", max_length=12, blank=True)
    district_name = models.CharField("所属区县", max_length=50, blank=True)
    latitude = models.FloatField("纬度（WGS-84）", validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(
        "经度（WGS-84）", validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    aliases = models.TextField(
        "别名", blank=True, help_text="每行一个，或用顿号分隔，例如：淇滨区政府、区政府"
    )
    source = models.CharField("来源", max_length=12, choices=PlaceSource.choices, default=PlaceSource.EDITED)
    institution_count = models.PositiveIntegerField(
        "附近机构数", default=0, help_text="生成时统计：名称相同的地点按这个数从多到少排列。"
    )
    search_names = models.TextField("检索用名称", blank=True, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("district_name"), FieldPanel("district_code")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("aliases"),
        FieldPanel("source"),
    ]

    class Meta:
        verbose_name = "地名"
        verbose_name_plural = "地名"
        ordering = ["district_code", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "kind", "district_code"], name="place_unique_per_district"
            )
        ]

    def __str__(self):
        if self.district_name and self.district_name != self.name:
            return f"{self.name}（{self.district_name}）"
        return self.name

    def save(self, *args, **kwargs):
        spellings = []
        for name in self.names():
            spellings += [name, *text.pinyin_terms(name)]
        self.search_names = "\n".join(dict.fromkeys(spellings))
        super().save(*args, **kwargs)

    def alias_list(self):
        parts = (text.normalise(part) for part in re.split(r"[\n、，,;；]+", self.aliases or ""))
        return [part for part in dict.fromkeys(parts) if part]

    def names(self):
        """Every normalised name this place answers to: its name and aliases."""
        return [text.normalise(self.name), *self.alias_list()]

    def clean(self):
        super().clean()
        if not text.normalise(self.name):
            raise ValidationError({"name": "请填写地名。"})

    @property
    def point(self):
        return (self.latitude, self.longitude)

    def as_json(self):
        return {
            "name": self.name,
            "kind": self.get_kind_display(),
            "district": self.district_name,
            "lat": round(self.latitude, 6),
            "lng": round(self.longitude, 6),
        }

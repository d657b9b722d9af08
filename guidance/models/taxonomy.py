"""How guidance is classified: the child's age bands and the editors' topics.

The fixed rows (the four age bands, the initial topics) are in guidance/taxonomy.py, shared with a data
migration.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class AgeBand(models.Model):
    """The child's age ranges used to organise guidance. The four bands are created by a migration."""

    name = models.CharField("名称", max_length=20, unique=True)
    slug = models.SlugField("网址标识", unique=True)
    min_months = models.PositiveSmallIntegerField("起始月龄")
    max_months = models.PositiveSmallIntegerField("截止月龄")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order", "min_months"]
        verbose_name = "年龄段"
        verbose_name_plural = "年龄段"

    def __str__(self):
        return self.name


class Topic(index.Indexed, models.Model):
    """A guidance topic, managed by editors as a snippet (营养与喂养, 伤害预防 …)."""

    name = models.CharField("名称", max_length=40, unique=True)
    slug = models.SlugField("网址标识", unique=True, allow_unicode=False)
    description = models.CharField("说明", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "主题"
        verbose_name_plural = "主题"

    def __str__(self):
        return self.name

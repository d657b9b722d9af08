"""The anonymous "这篇内容对您有帮助吗？" counts of each article."""

from django.db import models
from django.utils import timezone

from guidance.models.articles import GuidanceArticlePage


class ArticleFeedback(models.Model):
    """Anonymous yes/no counts for "这篇内容对您有帮助吗？". No visitor data is stored."""

    page = models.OneToOneField(
        GuidanceArticlePage, verbose_name="文章", on_delete=models.CASCADE, related_name="feedback"
    )
    helpful = models.PositiveIntegerField("有帮助", default=0)
    not_helpful = models.PositiveIntegerField("没有帮助", default=0)
    updated_at = models.DateTimeField("最近反馈时间", auto_now=True)

    class Meta:
        verbose_name = "读者反馈"
        verbose_name_plural = "读者反馈"

    def __str__(self):
        return f"{self.page.title}：有帮助 {self.helpful}，没有帮助 {self.not_helpful}"

    @property
    def total(self):
        return self.helpful + self.not_helpful

    @classmethod
    def record(cls, page, helpful):
        feedback, _ = cls.objects.get_or_create(page=page)
        field = "helpful" if helpful else "not_helpful"
        cls.objects.filter(pk=feedback.pk).update(
            **{field: models.F(field) + 1, "updated_at": timezone.now()}
        )

"""The page cache's clock: one row whose value every change to public content replaces."""

from django.db import models


class ContentGeneration(models.Model):
    """One row (see guidance/cache.py): a cached page is served only if rendered at the current value."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "内容版本号"

    def __str__(self):
        return str(self.value)

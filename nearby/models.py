"""What every record a finder lists has: a district, maybe a street, an address and a WGS-84 point."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class LocatedRecord(models.Model):
    district = models.ForeignKey(
        "directory.District", on_delete=models.PROTECT, related_name="+", verbose_name="区县"
    )
    street = models.ForeignKey(
        "directory.Street",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="街道（乡镇）",
    )
    address = models.CharField("地址", max_length=200)
    latitude = models.FloatField(
        "纬度（WGS-84）", null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        "经度（WGS-84）", null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": "纬度和经度要么都填写，要么都不填。"})
        if self.street_id and self.district_id and self.street.district_id != self.district_id:
            raise ValidationError({"street": "所选街道不属于所选区县。"})

    @property
    def place_line(self):
        return f"{self.district.name}{self.street.name if self.street_id else ''}"

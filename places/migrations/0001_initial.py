import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Place",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=60, verbose_name="名称")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("district", "区县"),
                            ("street", "街道"),
                            ("town", "乡镇"),
                            ("community", "社区"),
                            ("road", "道路"),
                            ("landmark", "地标"),
                            ("other", "其他"),
                        ],
                        default="other",
                        max_length=12,
                        verbose_name="类型",
                    ),
                ),
                ("district_code", models.CharField(blank=True, max_length=12, verbose_name="所属区县代码")),
                ("district_name", models.CharField(blank=True, max_length=50, verbose_name="所属区县")),
                (
                    "latitude",
                    models.FloatField(
                        validators=[
                            django.core.validators.MinValueValidator(-90),
                            django.core.validators.MaxValueValidator(90),
                        ],
                        verbose_name="纬度（WGS-84）",
                    ),
                ),
                (
                    "longitude",
                    models.FloatField(
                        validators=[
                            django.core.validators.MinValueValidator(-180),
                            django.core.validators.MaxValueValidator(180),
                        ],
                        verbose_name="经度（WGS-84）",
                    ),
                ),
                (
                    "aliases",
                    models.TextField(
                        blank=True, help_text="每行一个，或用顿号分隔，例如：淇滨区政府、区政府", verbose_name="别名"
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[("built", "由站内数据生成"), ("imported", "CSV 导入"), ("edited", "编辑录入")],
                        default="edited",
                        max_length=12,
                        verbose_name="来源",
                    ),
                ),
                (
                    "institution_count",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="生成时统计：名称相同的地点按这个数从多到少排列。",
                        verbose_name="附近机构数",
                    ),
                ),
                ("search_names", models.TextField(blank=True, editable=False, verbose_name="检索用名称")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
            ],
            options={
                "verbose_name": "地名",
                "verbose_name_plural": "地名",
                "ordering": ["district_code", "kind", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("name", "kind", "district_code"), name="place_unique_per_district"
                    )
                ],
            },
        ),
    ]

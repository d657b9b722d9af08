from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SynonymGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "words",
                    models.TextField(
                        help_text="用顿号、逗号、空格或换行分隔，例如：拉肚子、腹泻。繁体、全角会自动转换。保存后搜索立即使用；正文里才出现的新词，要在下次重建搜索索引（update_index）后才能被整词找到。",
                        verbose_name="同义词",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="说明")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
            ],
            options={
                "verbose_name": "搜索同义词",
                "verbose_name_plural": "搜索同义词",
                "ordering": ["pk"],
            },
        ),
    ]

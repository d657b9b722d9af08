from django.apps import AppConfig


class NearbyConfig(AppConfig):
    name = "nearby"
    verbose_name = "就近查找（共用）"

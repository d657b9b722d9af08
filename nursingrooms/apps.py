from django.apps import AppConfig


class NursingRoomsConfig(AppConfig):
    name = "nursingrooms"
    verbose_name = "母婴室"

from django.apps import AppConfig


class ChildHealthConfig(AppConfig):
    name = "childhealth"
    verbose_name = "医育结合"

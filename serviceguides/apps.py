from django.apps import AppConfig


class ServiceGuidesConfig(AppConfig):
    name = "serviceguides"
    verbose_name = "办事指南"

"""Finds the optional per-app modules (demo, roles) that the project-wide commands call."""

from importlib import import_module

from django.conf import settings
from django.utils.module_loading import module_has_submodule


def project_submodules(name):
    for app_name in settings.PROJECT_APPS:
        if module_has_submodule(import_module(app_name), name):
            yield import_module(f"{app_name}.{name}")

"""Finds the optional per-app modules (demo, roles) that the project-wide commands call."""

from importlib import import_module

from django.conf import settings
from django.utils.module_loading import module_has_submodule


def project_submodules(name, only=None):
    """Each project app's `name` module, in PROJECT_APPS order; `only` limits it to those app names."""
    for app_name in settings.PROJECT_APPS:
        if only and app_name not in only:
            continue
        if module_has_submodule(import_module(app_name), name):
            yield import_module(f"{app_name}.{name}")

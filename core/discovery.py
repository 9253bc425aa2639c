"""Find a conventional module (``schedule``, ``demo``, ``dashboard``) in every app.

The same rule as Django's ``autodiscover_modules`` (admin.py, and rules.py for
django-rules): an installed app that has the submodule gets it imported, and an
error inside the module propagates. Here the modules are returned too, in
INSTALLED_APPS order, so the caller (``hub``) wires them together without naming
the apps.
"""

from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule


def app_modules(name: str) -> list[tuple[AppConfig, ModuleType]]:
    """``(app config, <app>.<name> module)`` for every installed app that has one."""
    found = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, name):
            found.append((app_config, import_module(f"{app_config.name}.{name}")))
    return found

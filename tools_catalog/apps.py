from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolsCatalogConfig(AppConfig):
    name = "tools_catalog"
    verbose_name = _("AI tools catalogue")

    def ready(self) -> None:
        from accounts.audit import register_audit_actions
        from tools_catalog.audit import CatalogueAction

        register_audit_actions(CatalogueAction)

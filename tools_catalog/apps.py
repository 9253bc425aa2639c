from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolsCatalogConfig(AppConfig):
    name = "tools_catalog"
    verbose_name = _("AI tools catalogue")

    def ready(self) -> None:
        from accounts.audit import register_audit_actions
        from tools_catalog.audit import CatalogueAction

        register_audit_actions(CatalogueAction)

        from django.db.models.signals import post_save, pre_delete

        from tools_catalog import models, signals

        post_save.connect(signals.provider_changed, sender=models.Provider)
        pre_delete.connect(signals.provider_changed, sender=models.Provider)
        for sender in (
            models.Capability,
            models.DataType,
            models.DeploymentMode,
            models.Integration,
            models.SupportedLanguage,
        ):
            post_save.connect(signals.term_changed, sender=sender)
            pre_delete.connect(signals.term_changed, sender=sender)

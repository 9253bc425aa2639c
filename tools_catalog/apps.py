from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolsCatalogConfig(AppConfig):
    name = "tools_catalog"
    verbose_name = _("AI tools catalogue")
    # seed_demo runs demo.py seeders by ascending demo_order (later build on earlier).
    demo_order = 30

    def ready(self) -> None:
        from accounts.audit import register_audit_actions
        from tools_catalog.audit import CatalogueAction

        register_audit_actions(CatalogueAction)

        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_save,
            pre_delete,
        )

        from tools_catalog import models, signals

        post_save.connect(signals.tool_changed, sender=models.Tool)
        post_delete.connect(signals.tool_changed, sender=models.Tool)
        for field in models.Tool._meta.many_to_many:
            m2m_changed.connect(
                signals.tool_links_changed, sender=field.remote_field.through
            )

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

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _

from accounts.audit import register_audit_actions
from tools_catalog import signals
from tools_catalog.audit import CatalogueAction


class ToolsCatalogConfig(AppConfig):
    name = "tools_catalog"
    verbose_name = _("AI tools catalogue")
    # seed_demo runs demo.py seeders by ascending demo_order (later build on earlier).
    demo_order = 30

    def ready(self) -> None:
        register_audit_actions(CatalogueAction)

        tool = self.get_model("Tool")
        post_save.connect(signals.tool_changed, sender=tool)
        post_delete.connect(signals.tool_changed, sender=tool)
        for field in tool._meta.many_to_many:
            m2m_changed.connect(
                signals.tool_links_changed, sender=field.remote_field.through
            )

        provider = self.get_model("Provider")
        post_save.connect(signals.provider_changed, sender=provider)
        pre_delete.connect(signals.provider_changed, sender=provider)
        for name in (
            "Capability",
            "DataType",
            "DeploymentMode",
            "Integration",
            "SupportedLanguage",
        ):
            post_save.connect(signals.term_changed, sender=self.get_model(name))
            pre_delete.connect(signals.term_changed, sender=self.get_model(name))

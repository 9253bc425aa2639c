from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.audit import register_audit_actions
from community.audit import CommunityAction


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    # seed_demo runs demo.py seeders by ascending demo_order (later build on earlier).
    demo_order = 50

    def ready(self) -> None:
        register_audit_actions(CommunityAction)

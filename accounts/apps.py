from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts, roles and audit")
    # seed_demo runs demo.py seeders by ascending demo_order (later build on earlier).
    demo_order = 10

    def ready(self) -> None:
        # Models can be imported only once the app registry is ready (not a cycle).
        from accounts.audit import register_audit_actions
        from accounts.models import AuditAction

        register_audit_actions(AuditAction)

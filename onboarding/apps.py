from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.audit import register_audit_actions
from onboarding.audit import ApplicationAction


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Onboarding and verification")
    # seed_demo runs demo.py seeders by ascending demo_order (later build on earlier).
    demo_order = 40

    def ready(self) -> None:
        register_audit_actions(ApplicationAction)

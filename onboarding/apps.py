from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.audit import register_audit_actions
from onboarding.audit import ApplicationAction


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Onboarding and verification")

    def ready(self) -> None:
        register_audit_actions(ApplicationAction)

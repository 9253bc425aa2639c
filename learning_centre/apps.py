from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.audit import register_audit_actions
from learning_centre.audit import LearningAction


class LearningCentreConfig(AppConfig):
    name = "learning_centre"
    verbose_name = _("Learning Centre")
    # seed_demo runs demo.py seeders by ascending demo_order (later build on earlier).
    demo_order = 20

    def ready(self) -> None:
        register_audit_actions(LearningAction)

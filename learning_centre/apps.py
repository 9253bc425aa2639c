from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningCentreConfig(AppConfig):
    name = "learning_centre"
    verbose_name = _("Learning Centre")

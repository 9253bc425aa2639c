from django.db import models
from django.utils.translation import gettext_lazy as _


class LearningAction(models.TextChoices):
    CERTIFICATE_ISSUED = "learning_certificate_issued", _("Certificate issued")
    PATH_RESTARTED = "learning_path_restarted", _("Learning path restarted")

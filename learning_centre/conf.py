from django.conf import settings

RESOURCES_PER_PAGE: int = getattr(settings, "HUB_LEARNING_RESOURCES_PER_PAGE", 20)
# Days before expiry when a certificate holder is reminded to renew.
CERTIFICATE_REMINDER_DAYS: int = getattr(settings, "HUB_CERTIFICATE_REMINDER_DAYS", 30)
# Assessments kept in the history shown to a member.
READINESS_HISTORY: int = getattr(settings, "HUB_READINESS_HISTORY", 10)
# Absolute links in emails (tasks have no request): "https://hub.example.org".
SITE_URL: str = getattr(settings, "HUB_SITE_URL", "")

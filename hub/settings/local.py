"""`make run`: SQLite, eager tasks, console email, and the demo accounts."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="local-only-insecure-key-6d1f0b7e3c9a4e2f8b5d7c1a0e9f3b2d",
)
# Demo roles can be explored at once; the banner says that MFA is not enforced.
HUB_MFA_REQUIRED = env.bool("HUB_MFA_REQUIRED", default=False)
HUB_DEMO_MODE = env.bool("HUB_DEMO_MODE", default=True)
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # passkeys on http://localhost
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
HUB_ALLOW_DEMO_DATA = True

"""pytest: fast hashing, in-memory email, eager Celery, MFA enforced."""

import tempfile

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-key-not-secret-0f4b8c2e7a1d4c6e9b3a5f7d2c8e1b4a"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
HUB_MFA_REQUIRED = True
HUB_DEMO_MODE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run in-process; tests marked `worker` switch a real worker on for themselves.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_TASK_ALWAYS_EAGER = True
# Rate limits would make a suite that logs in hundreds of times flaky; the
# rate-limit tests turn them back on with override_settings.
ACCOUNT_RATE_LIMITS = False  # type: ignore[assignment]
HUB_ONBOARDING_RATE_LIMITS = False  # the same for the onboarding form's limits
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
LOGGING["root"]["level"] = "WARNING"  # type: ignore[index]  # noqa: F405
HUB_ALLOW_DEMO_DATA = True
# Challenge attachments land in a throwaway folder, never in the checkout.
HUB_PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="hub-private-test-")
# No collectstatic in tests: WhiteNoise serves from the finders.
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# xdist workers each have their own database; with a shared cache (CACHE_URL),
# they must not read each other's catalogue version or cached pages either.
CACHES["default"]["KEY_PREFIX"] = "test-" + env("PYTEST_XDIST_WORKER", default="main")  # noqa: F405

"""Settings shared by every environment; values come from the environment.

The variables, their local defaults and their production requirements are listed
in README.md and .env.example, in the same order as below. The portal's own
settings (``HUB_*``: the demo, the site URL, each product app's knobs) are in
``portal.py`` beside this file and are part of these settings.
"""

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .environment import BASE_DIR, env
from .portal import HUB_SITE_NAME

# --- Core ---------------------------------------------------------------------
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.postgres",  # full-text search on PostgreSQL; harmless on SQLite
    "django.forms",
    # Third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "rules.apps.AutodiscoverRulesConfig",
    "django_countries",
    "django_filters",
    "django_htmx",
    # Ours
    "accounts",
    "outbox",
    "onboarding",
    "tools_catalog",
    "learning_centre",
    "community",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything parses the body (CsrfViewMiddleware reads request.POST).
    "hub.middleware.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.AuditContextMiddleware",
    "accounts.middleware.MfaRequiredMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"
ASGI_APPLICATION = "hub.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hub.context_processors.site",
            ],
            # Filters for people's text, in every template without a {% load %}:
            # |bidi (core.text) and |display_name, |staff_label (accounts.selectors).
            "builtins": [
                "core.templatetags.text",
                "core.templatetags.ui",
                "accounts.templatetags.people",
            ],
            # Translated content, the one "shown in English" pattern (core.translation).
            "libraries": {"localised": "core.templatetags.localised"},
        },
    },
]
# Our templates/django/forms/ overrides win over Django's form templates.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
# A filter's empty choice reads "Any", not Django's "---------" (forms say
# "Choose…": templates/django/forms/widgets/select_option.html).
FILTERS_EMPTY_CHOICE_LABEL = _("Any")

# --- Database and Celery ------------------------------------------------------
# No DATABASE_URL: a SQLite file, so a fresh clone runs with `make run` alone.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
# No broker: tasks run in-process when the transaction commits. Same code path.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
# Fail fast when the broker is down: the outbox row is already committed and the
# sweeper will enqueue it later, so the request must not hang on retries.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
# Where beat keeps its last-run times (a writable path; the image's /app is not).
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME", default="celerybeat-schedule"
)
# Worker processes per `celery worker`; unset means one per core.
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=None)
# No CELERY_BEAT_SCHEDULE here: settings import no app. Each app declares its
# periodic tasks in <app>/schedule.py (BEAT); hub.celery gathers them (hub.beat).
# Messages that never reached a worker are re-sent after this many seconds.
OUTBOX_REDELIVER_AFTER_SECONDS = env.int("OUTBOX_REDELIVER_AFTER_SECONDS", default=300)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=10)
OUTBOX_KEEP_DELIVERED_DAYS = env.int("OUTBOX_KEEP_DELIVERED_DAYS", default=14)

# --- Cache (rate limits need one shared by every process) ---------------------
CACHE_URL = env("CACHE_URL", default="")
CACHE_IS_SHARED = CACHE_URL.startswith(("redis://", "rediss://"))
if CACHE_IS_SHARED:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
    }
else:
    CACHES = {"default": env.cache_url_config(CACHE_URL or "locmemcache://")}
# Header, footer and banner HTML that depends only on the code, the language and
# the visitor's areas (templates/includes): kept in each process, never shared.
FRAGMENT_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "hub-fragments",
    "TIMEOUT": 60 * 60 * 24,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
CACHES["fragments"] = FRAGMENT_CACHE
# Whole browse pages (~40 KB each) kept in each process, in front of the shared
# cache (tools_catalog.cache): few, so that invented queries cannot fill memory.
BROWSE_PAGE_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "hub-browse-pages",
    "TIMEOUT": 60 * 60 * 24,
    "OPTIONS": {"MAX_ENTRIES": 300},
}
CACHES["browse"] = BROWSE_PAGE_CACHE
# Sessions are read from the cache (and written through to the database) only
# when every process shares it: a per-process cache would keep a signed-out
# session alive in the other processes.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_IS_SHARED
    else "django.contrib.sessions.backends.db"
)

# --- Accounts and authentication ---------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # ModelBackend, with capabilities answered from the roles, which are read
    # with the user (one query per request for both).
    "accounts.backends.RoleCapabilityBackend",
    "rules.permissions.ObjectPermissionBackend",
    # allauth's sign-in by email, loading the user the same way.
    "accounts.backends.EmailAuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "hub:home"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# allauth names the account holder to themselves (emails, "signed in as"): their
# own name, never the pseudonym str(user) gives everyone else.
ACCOUNT_USER_DISPLAY = "accounts.selectors.user_own_name"
# Confirming who you are again takes the password or a second factor, never a code
# mailed to the inbox (allauth 65.22 added "code" to its defaults): a stolen mailbox
# must not be enough to approve, export or change someone's email.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
# How long a confirmation lasts before the next sensitive action asks again
# (allauth's default, written out; accounts.reauthentication).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{HUB_SITE_NAME}] "
# allauth's defaults, written out so a reviewer sees them: per IP and per key.
# login_failed's key is the pair (client IP, email) (accounts.adapters), so nobody
# can lock an account out from elsewhere; every vetted account also has MFA.
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}
# Behind a proxy the client IP is read from X-Forwarded-For, trusting this many hops.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)

MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Safer Children Hub"
# allauth refuses to add an (unverified) address to an account with MFA, lest
# someone sign up unverified and lock the real owner out with MFA. Here nobody
# signs in before verifying (mandatory) and a new address stays pending until
# verified (ACCOUNT_CHANGE_EMAIL), so members, who all have MFA, keep the
# ability to change their address themselves.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# Sessions are recorded at sign-in (IP, browser); tracking "last seen" would cost
# a database write on every request.
USERSESSIONS_TRACK_ACTIVITY = False
# Every vetted account (members, providers, staff) must have a second factor
# before it reaches any page beyond the account pages
# (accounts.middleware.MfaRequiredMiddleware).
HUB_MFA_REQUIRED = env.bool("HUB_MFA_REQUIRED", default=True)

# --- Languages ----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English and Arabic date formats with a 24-hour clock (hub/formats/).
FORMAT_MODULE_PATH = ["hub.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_SECURE = False  # production.py turns every cookie secure
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# --- Static files and media ---------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

# --- Email --------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# hub.example is reserved (RFC 6761): a local default that no one can mistake
# for a real sender. Production sets its own.
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", default=f"{HUB_SITE_NAME} <no-reply@hub.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -----------------------------------------------------------------
# Strict in every environment: no inline script or style, ever. An unavoidable
# inline <script> carries nonce="{{ csp_nonce }}".
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    # Passkeys use WebAuthn from our own origin.
    "publickey-credentials-get": ["self"],
    "publickey-credentials-create": ["self"],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12  # a working day; members sign in again each day

# --- Logging ------------------------------------------------------------------
LOG_LEVEL = env("DJANGO_LOG_LEVEL", default="INFO")
LOG_FORMAT = env("DJANGO_LOG_FORMAT", default="text")  # "json" in production
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

# The portal's own settings, one section per app.
from .portal import *  # noqa: E402, F403

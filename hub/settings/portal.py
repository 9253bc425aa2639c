"""The portal's own settings: the demo, the site URL and each product app's knobs.

Imported by base.py (so every environment has them); each app reads them at call
time through its ``conf.py``. Listed in README.md and .env.example with the rest.
"""

from core.sites import DEFAULT_SITE_NAME

from .environment import BASE_DIR, env

# --- Portal -------------------------------------------------------------------
# Demo mode shows the banner, relaxes nothing by itself; local.py turns it on.
HUB_DEMO_MODE = env.bool("HUB_DEMO_MODE", default=False)
HUB_CONTACT_EMAIL = env("HUB_CONTACT_EMAIL", default="hub@localhost")
# The name emails sign with and the Sites record carries (a data migration and
# seed_demo set the record from this and HUB_SITE_URL). The default is translated
# wherever it is shown (core.sites.site_name); a name set here is shown as written.
HUB_SITE_NAME = env("HUB_SITE_NAME", default=DEFAULT_SITE_NAME)
# Absolute links in emails sent by tasks, which have no request to build them from.
HUB_SITE_URL = env("HUB_SITE_URL", default="http://127.0.0.1:8000")
# seed_demo refuses to run unless this is on (local.py and test.py turn it on).
# Deliberately not read from the environment: no variable can seed production.
HUB_ALLOW_DEMO_DATA = False

# --- Onboarding (read through onboarding.conf) ------------------------------------
# Working days a submitted application may wait before the SLA digest lists it.
HUB_ONBOARDING_SLA_WORKING_DAYS = env.int("HUB_ONBOARDING_SLA_WORKING_DAYS", default=5)
# Days after a request for information before the applicant is reminded.
HUB_ONBOARDING_NEEDS_INFO_REMINDER_DAYS = env.int(
    "HUB_ONBOARDING_NEEDS_INFO_REMINDER_DAYS", default=7
)
# Days after a request for information before the application expires.
HUB_ONBOARDING_NEEDS_INFO_EXPIRY_DAYS = env.int(
    "HUB_ONBOARDING_NEEDS_INFO_EXPIRY_DAYS", default=21
)
# Days a closed application is kept before it is purged.
HUB_ONBOARDING_RETENTION_DAYS = env.int("HUB_ONBOARDING_RETENTION_DAYS", default=180)
# Seconds a supervisor, referee or work-email link stays valid (14 days).
HUB_ONBOARDING_LINK_MAX_AGE = env.int(
    "HUB_ONBOARDING_LINK_MAX_AGE", default=14 * 24 * 3600
)
# ISO codes of countries whose approvals need a second verifier, comma-separated.
HUB_ONBOARDING_SECOND_SIGNOFF_COUNTRIES = env.list(
    "HUB_ONBOARDING_SECOND_SIGNOFF_COUNTRIES", default=[]
)
# Agency types whose approvals need a second verifier, comma-separated.
HUB_ONBOARDING_SECOND_SIGNOFF_AGENCY_TYPES = env.list(
    "HUB_ONBOARDING_SECOND_SIGNOFF_AGENCY_TYPES", default=["ngo_partner", "other"]
)
# Days between a member's yearly reconfirmations.
HUB_ONBOARDING_RECONFIRMATION_DAYS = env.int(
    "HUB_ONBOARDING_RECONFIRMATION_DAYS", default=365
)
# Days a reminded member has to reconfirm before their access pauses.
HUB_ONBOARDING_RECONFIRMATION_GRACE_DAYS = env.int(
    "HUB_ONBOARDING_RECONFIRMATION_GRACE_DAYS", default=30
)
# A supervisor named in more applications than this is flagged to verifiers.
HUB_ONBOARDING_SUPERVISOR_REUSE_THRESHOLD = env.int(
    "HUB_ONBOARDING_SUPERVISOR_REUSE_THRESHOLD", default=5
)
# The application form's rate limits (test.py turns them off, like allauth's).
HUB_ONBOARDING_RATE_LIMITS = env.bool("HUB_ONBOARDING_RATE_LIMITS", default=True)
# (saves, seconds): how often an applicant may save or submit the form.
HUB_ONBOARDING_FORM_RATE = env.tuple(
    "HUB_ONBOARDING_FORM_RATE", cast=int, default=(30, 600)
)
# (submissions naming a referee, seconds) per applicant.
HUB_ONBOARDING_REFEREE_RATE = env.tuple(
    "HUB_ONBOARDING_REFEREE_RATE", cast=int, default=(3, 86400)
)
# (requests, seconds) a verifier may send per case and kind of confirmation link.
HUB_ONBOARDING_CONFIRMATION_REQUEST_RATE = env.tuple(
    "HUB_ONBOARDING_CONFIRMATION_REQUEST_RATE", cast=int, default=(3, 86400)
)
# Hours an organisation's representatives have to object to a request to join it
# before the second sign-off is allowed (no wait when it has no representative).
HUB_ORGANISATION_JOIN_OBJECTION_HOURS = env.int(
    "HUB_ORGANISATION_JOIN_OBJECTION_HOURS", default=72
)

# --- AI tools catalogue (read through tools_catalog.conf) -------------------------
# Days a staff verification of a claim stays valid.
HUB_CATALOGUE_VERIFICATION_DAYS = env.int(
    "HUB_CATALOGUE_VERIFICATION_DAYS", default=365
)
# Adoption counts below this are not shown.
HUB_CATALOGUE_ADOPTION_MINIMUM = env.int("HUB_CATALOGUE_ADOPTION_MINIMUM", default=5)
# Tools per catalogue page.
HUB_CATALOGUE_PAGE_SIZE = env.int("HUB_CATALOGUE_PAGE_SIZE", default=20)
# Seconds facet counts are cached (a catalogue change invalidates them at once).
HUB_CATALOGUE_FACET_CACHE_SECONDS = env.int(
    "HUB_CATALOGUE_FACET_CACHE_SECONDS", default=300
)
# Longest a cached catalogue version is trusted (changes forget it at once).
HUB_CATALOGUE_VERSION_CACHE_SECONDS = env.int(
    "HUB_CATALOGUE_VERSION_CACHE_SECONDS", default=60
)
# Seconds a process trusts the catalogue version it last read from the cache.
HUB_CATALOGUE_VERSION_MEMO_SECONDS = env.float(
    "HUB_CATALOGUE_VERSION_MEMO_SECONDS", default=1.0
)

# --- Learning Centre (read through learning_centre.conf) --------------------------
# Resources per library page.
HUB_LEARNING_RESOURCES_PER_PAGE = env.int("HUB_LEARNING_RESOURCES_PER_PAGE", default=20)
# Days before expiry when a certificate holder is reminded to renew.
HUB_CERTIFICATE_REMINDER_DAYS = env.int("HUB_CERTIFICATE_REMINDER_DAYS", default=30)
# Readiness assessments kept in the history shown to a member.
HUB_READINESS_HISTORY = env.int("HUB_READINESS_HISTORY", default=10)

# --- Community (read through community.conf) -------------------------------------
# Minutes during which a member may edit their own post.
HUB_COMMUNITY_EDIT_WINDOW_MINUTES = env.int(
    "HUB_COMMUNITY_EDIT_WINDOW_MINUTES", default=30
)
# (posts, seconds): how many posts a member may make in a rolling window.
HUB_COMMUNITY_POST_RATE = env.tuple(
    "HUB_COMMUNITY_POST_RATE", cast=int, default=(6, 600)
)
# (flags, seconds): how many posts a member may flag in a rolling window.
HUB_COMMUNITY_FLAG_RATE = env.tuple(
    "HUB_COMMUNITY_FLAG_RATE", cast=int, default=(10, 3600)
)
# (requests, seconds): directory searches, result pages and profile views.
HUB_COMMUNITY_DIRECTORY_RATE = env.tuple(
    "HUB_COMMUNITY_DIRECTORY_RATE", cast=int, default=(30, 600)
)
# A second, daily directory window: slow and steady cannot list it either.
HUB_COMMUNITY_DIRECTORY_DAILY_RATE = env.tuple(
    "HUB_COMMUNITY_DIRECTORY_DAILY_RATE", cast=int, default=(300, 86400)
)
# (contact requests, seconds) a member may send.
HUB_COMMUNITY_CONTACT_RATE = env.tuple(
    "HUB_COMMUNITY_CONTACT_RATE", cast=int, default=(10, 86400)
)
# Posts per topic page.
HUB_COMMUNITY_POSTS_PER_PAGE = env.int("HUB_COMMUNITY_POSTS_PER_PAGE", default=25)
# Hours before an event when registered members are reminded.
HUB_COMMUNITY_REMINDER_HOURS = env.int("HUB_COMMUNITY_REMINDER_HOURS", default=24)
# Files only some people may read (challenge attachments): outside the web root
# and MEDIA_ROOT, served through a view that checks permission first.
HUB_PRIVATE_MEDIA_ROOT = env(
    "HUB_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")
)
# Largest challenge attachment, in megabytes.
HUB_CHALLENGE_ATTACHMENT_MAX_MB = env.int("HUB_CHALLENGE_ATTACHMENT_MAX_MB", default=10)
# A form's fields (not its files) at most; uploads larger than 1 MB are spooled
# to a temporary file rather than held in memory. A body larger than the
# attachment plus the fields is refused before it is read (hub.middleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

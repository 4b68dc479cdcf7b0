"""Townhall's settings: every value an operator may change comes from the environment.

docs/configuration.md lists the variables. The defaults run the demo with nothing installed:
SQLite in the data folder, a local-memory cache, the database task queue and an email outbox.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from redis.backoff import NoBackoff
from redis.retry import Retry

from townhall.core.object_storage import file_storages
from townhall.operations.logs import logging_config
from townhall.staff_sign_in.config import providers_from_env

env = environ.Env()
PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.str("TOWNHALL_DATA_DIR", default="data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

# A data folder the demo made (`make run`) stays the demo's: other commands run against it
# (`townhall import-wordpress ...`) without being told again. A real site never has the mark.
DEMO_MARK = DATA_DIR / "demo"
DEMO = env.bool("TOWNHALL_DEMO", default=DEMO_MARK.exists())
if DEMO:
    DEMO_MARK.touch()
DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    if key := env.str("SECRET_KEY", default=""):
        return key
    if not (DEBUG or DEMO):
        raise ImproperlyConfigured(
            f"Set SECRET_KEY: it is required when DEBUG is off. (No demo was found in "
            f"{DATA_DIR}: to run a command against the demo, run it from the folder where you "
            f"ran `make run`, or set TOWNHALL_DATA_DIR to the demo's data folder.)"
        )
    # The demo keeps one generated key in its data folder, so sessions survive a restart.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "townhall.core",
    "townhall.campaigns",
    "townhall.news",
    "townhall.comments",
    "townhall.petitions",
    "townhall.events",
    "townhall.statements",
    "townhall.follows",
    "townhall.council",
    "townhall.consultations",
    "townhall.grants",
    "townhall.datasets",
    "townhall.api",
    "townhall.people",
    "townhall.donations",
    "townhall.wordpress",
    "townhall.operations",
    "townhall.demo",
    "townhall.staff_sign_in",  # before allauth: its templates restyle allauth's pages
    "rules.apps.AutodiscoverRulesConfig",  # loads every app's rules.py
    "ninja",  # serves the API docs' own copy of Swagger UI, so they work offline
    "allauth",
    "allauth.account",
    # Staff sign-in (docs/staff-sign-in.md): the council's identity provider and second factors.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.google",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",  # editors' "Translate" (decision 17)
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # /sitemap.xml's templates (core.sitemaps)
    "django.forms",
]

MIDDLEWARE = [
    # Outermost: health answers, request ids, the access log and request metrics.
    "townhall.operations.middleware.OperationsMiddleware",
    # Outside whitenoise and the page cache: their responses carry the policies too.
    "townhall.core.security_headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is the address's prefix alone (core.languages), so pages cache per address.
    "townhall.core.languages.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The API's ETags, 304s and CORS, outside the page cache (api.conditional).
    "townhall.api.conditional.ApiConditionalGetMiddleware",
    # Tokens for people with a session; Origin and Sec-Fetch-Site for everyone else.
    "townhall.core.csrf.SessionOrOriginCsrfMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # The admin opens after single sign-on or a second factor, as configured (staff_sign_in).
    "townhall.staff_sign_in.middleware.StaffSecondFactorMiddleware",
    # Outside the page cache, so pages served from it are refused to frames too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "townhall.core.pagecache.AnonymousPageCacheMiddleware",
    # Inside the page cache: only what is rendered needs the site (core.services.sites).
    "townhall.core.services.sites.RememberedSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "townhall.urls"
WSGI_APPLICATION = "townhall.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "townhall.core.context_processors.townhall",
                "townhall.core.csrf.no_token_without_session",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'townhall.sqlite3'}")
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web and worker processes read while one of them writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis")):
    # A database that stops answering (frozen, cut off) then fails a request after these
    # instead of holding every web thread until it answers again (docs/configuration.md).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5))
    if _statement_ms := round(env.float("DATABASE_STATEMENT_TIMEOUT", default=30) * 1000):
        _statement = f"-c statement_timeout={_statement_ms}"
        _options["options"] = " ".join(filter(None, [_options.get("options"), _statement]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Redis may go away at run time: the site then degrades instead of failing (core.cache).
    CACHES = {
        "default": {
            "BACKEND": "townhall.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "townhall",
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_TIMEOUT", default=0.5),
                "socket_timeout": env.float("REDIS_TIMEOUT", default=0.5),
                # One immediate retry (a connection Redis closed on restart), no sleeping.
                "retry": Retry(NoBackoff(), 1),
            },
        }
    }
else:
    # Files in the data folder: shared by the web processes, the task worker and commands
    # on this machine, so an invalidation made by any of them is seen by all (decision 8).
    CACHES = {
        "default": {
            "BACKEND": "townhall.core.file_cache.OccasionallyCulledFileCache",
            "LOCATION": DATA_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# A task RUNNING this long whose worker has not been heard from is queued again.
TOWNHALL_TASK_LEASE_SECONDS = env.int("TASK_LEASE_SECONDS", default=60)
TASKS = {
    "default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}
}

EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url_config(EMAIL_URL))
else:
    EMAIL_BACKEND = "townhall.core.mail.OutboxBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Townhall <noreply@townhall.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Without a timeout a mail server that stops answering holds a worker for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=vars().get("EMAIL_TIMEOUT") or 15)
# Emails are durable (core.services.email_delivery): a failed send is retried with backoff
# for this long, then marked failed for an officer to resend.
TOWNHALL_EMAIL_RETRY_WINDOW = timedelta(hours=env.float("EMAIL_RETRY_HOURS", default=24))
TOWNHALL_EMAIL_RETRY_FIRST_SECONDS = env.float("EMAIL_RETRY_FIRST_SECONDS", default=30)
# Sent and failed emails, and finished task results, are deleted after this many days.
TOWNHALL_EMAIL_KEEP_DAYS = env.int("EMAIL_KEEP_DAYS", default=7)
TOWNHALL_EMAIL_DOMAIN = DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "townhall.localhost"
# Mailings (people.mailings): copies sent per minute per organisation, in batches of this
# size; a mailing to more people than MAILING_APPROVAL_OVER needs a second editor's approval.
TOWNHALL_MAILING_RATE_PER_MINUTE = env.int("MAILING_RATE_PER_MINUTE", default=600)
TOWNHALL_MAILING_BATCH = env.int("MAILING_BATCH", default=100)
TOWNHALL_MAILING_APPROVAL_OVER = env.int("MAILING_APPROVAL_OVER", default=500)
TOWNHALL_MAILING_ATTEMPTS = env.int("MAILING_ATTEMPTS", default=5)
# Bounce and complaint reports from the mail provider: POST /mail/events/ with this token.
TOWNHALL_MAIL_EVENTS_TOKEN = env.str("MAIL_EVENTS_TOKEN", default="")
# Donations (townhall.donations): Stripe Checkout when its keys are set, otherwise the
# labelled test provider. Amounts outside these (in pence) are refused with a message.
TOWNHALL_STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
TOWNHALL_STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
TOWNHALL_DONATION_MIN_PENCE = env.int("DONATION_MIN_PENCE", default=100)
TOWNHALL_DONATION_MAX_PENCE = env.int("DONATION_MAX_PENCE", default=1_000_000)
# The outbox page shows every email sent: a demo aid, never on for a real borough.
TOWNHALL_SHOW_OUTBOX = env.bool("TOWNHALL_SHOW_OUTBOX", default=DEMO)
# Absolute links in emails (confirmation, unsubscribe) start with this.
TOWNHALL_BASE_URL = env.str("TOWNHALL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = TOWNHALL_BASE_URL
# No Gravatar: it would send a hash of each editor's email to a third party, and the admin's
# Content-Security-Policy allows only the site's own images (Wagtail's default avatar).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_SITE_NAME = env.str("TOWNHALL_SITE_NAME", default="Townhall")

# Whole pages cached for anonymous readers (0 turns it off); changes invalidate at once.
TOWNHALL_PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# How long a proxy or CDN may keep what anonymous readers get (max-age, and as long again
# stale while it refreshes): pages, and feeds and API answers. Views may ask for less.
TOWNHALL_SHARED_PAGE_SECONDS = env.int("SHARED_PAGE_SECONDS", default=10)
TOWNHALL_SHARED_CACHE_SECONDS = env.int("SHARED_CACHE_SECONDS", default=60)

# WordPress refuses a second comment from one address or email within this many seconds.
TOWNHALL_COMMENT_FLOOD_SECONDS = env.int("COMMENT_FLOOD_SECONDS", default=15)

# Rate limits on public writes: "count/seconds" per client address and action.
TOWNHALL_RATE_LIMITS = {
    "feedback": env.str("RATE_LIMIT_FEEDBACK", default="20/600"),
    "join": env.str("RATE_LIMIT_JOIN", default="10/600"),
    "donate": env.str("RATE_LIMIT_DONATE", default="10/600"),
    "like": env.str("RATE_LIMIT_LIKE", default="60/600"),
    "comment": env.str("RATE_LIMIT_COMMENT", default="20/600"),
    "report": env.str("RATE_LIMIT_REPORT", default="20/600"),
    "petition": env.str("RATE_LIMIT_PETITION", default="5/3600"),
    "sign": env.str("RATE_LIMIT_SIGN", default="30/600"),  # sustained
    "sign_burst": env.str("RATE_LIMIT_SIGN_BURST", default="5/60"),
    "rsvp": env.str("RATE_LIMIT_RSVP", default="20/600"),
    "statement_name": env.str("RATE_LIMIT_STATEMENT_NAME", default="20/600"),
    "follow": env.str("RATE_LIMIT_FOLLOW", default="20/600"),
    "councillor_message": env.str("RATE_LIMIT_COUNCILLOR_MESSAGE", default="5/3600"),
    "question": env.str("RATE_LIMIT_QUESTION", default="5/3600"),
    "consultation": env.str("RATE_LIMIT_CONSULTATION", default="60/600"),  # pages answered
    "grant": env.str("RATE_LIMIT_GRANT", default="60/600"),  # application pages saved
    "translate": env.str("RATE_LIMIT_TRANSLATE", default="30/600"),  # machine translations
}
# How many proxies in front of the app set X-Forwarded-For (0: trust only REMOTE_ADDR).
TOWNHALL_TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
# Emailed confirmation links (signatures, new petitions) work for this long.
TOWNHALL_CONFIRM_LINK_DAYS = env.int("CONFIRM_LINK_DAYS", default=7)
# Writing to a councillor: when the writer is asked whether they had a reply, how long
# their message and details are kept, and how many answers before a rate is published.
TOWNHALL_FOLLOW_UP_DAYS = env.int("FOLLOW_UP_DAYS", default=14)
TOWNHALL_MESSAGE_KEEP_DAYS = env.int("MESSAGE_KEEP_DAYS", default=28)
# Whose bank holidays deadlines skip: ENG (England and Wales share them), SCT or NIR.
TOWNHALL_BANK_HOLIDAYS_REGION = env.str("BANK_HOLIDAYS_REGION", default="ENG")
# The licence of the registers in the open data catalogue, and of new datasets.
TOWNHALL_OPEN_DATA_LICENCE = env.str("OPEN_DATA_LICENCE", default="OGL-UK-3.0")
# Working days after an executive decision in which scrutiny members may call it in.
TOWNHALL_CALL_IN_WORKING_DAYS = env.int("CALL_IN_WORKING_DAYS", default=5)
# Councillors register gifts and hospitality worth more than this (the council's code).
TOWNHALL_GIFTS_THRESHOLD_POUNDS = env.int("GIFTS_THRESHOLD_POUNDS", default=50)
TOWNHALL_RESPONSIVENESS_MIN_ANSWERS = env.int("RESPONSIVENESS_MIN_ANSWERS", default=5)
# The council's ModernGov site: set, the worker brings it in nightly at MODERNGOV_HOUR (local
# time), asking for meetings from DAYS_BACK before to DAYS_AHEAD after the day (council.moderngov).
TOWNHALL_MODERNGOV_URL = env.str("MODERNGOV_URL", default="")
TOWNHALL_MODERNGOV_TIMEOUT = env.float("MODERNGOV_TIMEOUT", default=60)
TOWNHALL_MODERNGOV_DAYS_BACK = env.int("MODERNGOV_DAYS_BACK", default=60)
TOWNHALL_MODERNGOV_DAYS_AHEAD = env.int("MODERNGOV_DAYS_AHEAD", default=180)
TOWNHALL_MODERNGOV_HOUR = env.int("MODERNGOV_HOUR", default=2)
# Machine translation of petitions and comments, when a reader asks (docs/translating.md):
# empty is off; deepl://KEY@api-free.deepl.com or libretranslate+https://host/?api_key=KEY.
TOWNHALL_MACHINE_TRANSLATION_URL = env.str("MACHINE_TRANSLATION_URL", default="")
TOWNHALL_MACHINE_TRANSLATION_TIMEOUT = env.float("MACHINE_TRANSLATION_TIMEOUT", default=5)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages some boroughs need that Django does not know, described as Django describes its own.
EXTRA_LANG_INFO = {
    "gu": {"bidi": False, "code": "gu", "name": "Gujarati", "name_local": "ગુજરાતી"},
}
LANG_INFO.update(EXTRA_LANG_INFO)
# The interface's languages, default first (docs/translating.md). Each needs a catalogue in
# src/townhall/locale/ and a code Django knows (or an entry in EXTRA_LANG_INFO).
TOWNHALL_LANGUAGES = env.list("TOWNHALL_LANGUAGES", default=["en-gb", "cy", "pl", "ro", "fa"])
LANGUAGE_CODE = TOWNHALL_LANGUAGES[0]
LANGUAGES = [(code, LANG_INFO.get(code, {}).get("name", code)) for code in TOWNHALL_LANGUAGES]
# Languages a person has reviewed: the others say they were translated with machine help.
TOWNHALL_REVIEWED_LANGUAGES = env.list("TOWNHALL_REVIEWED_LANGUAGES", default=[])
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Editors' pages in the same languages, with Wagtail's own locales: one tree per language,
# each made on migrate (core.translations.sync_locales; decision 17).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = env.str("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
# Files only staff may see (consultation respondents' uploads): never served as media.
TOWNHALL_PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(DATA_DIR / "private")))
# `townhall backup` encrypts every file to this GPG key when set (docs/backups.md).
TOWNHALL_BACKUP_GPG_RECIPIENT = env.str("BACKUP_GPG_RECIPIENT", default="")
# Uploads on this host's disk, or in an S3-compatible bucket every host shares (S3_BUCKET).
STORAGES = {
    **file_storages(env, TOWNHALL_PRIVATE_MEDIA_ROOT),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Wagtail's database backend, given only the words of every query (core.search.backend).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "townhall.core.search.backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Sign language videos and their captions (core.models.versions) are documents too.
WAGTAILDOCS_EXTENSIONS += ["mp4", "webm", "vtt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents always pass Wagtail's serve view and its collection privacy checks, also from a
# bucket (where Wagtail would otherwise redirect to the file's own address).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Staff sign in to the admin with a username and password; residents (grant applicants)
# have accounts by email alone, signing in with a code sent there each time (decision 12).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/grants/applications/"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",  # each app's rules.py, record by record
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "townhall.staff_sign_in.adapters.StaffAwareAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ALLAUTH_TRUSTED_PROXY_COUNT = TOWNHALL_TRUSTED_PROXIES
# Staff may also sign in with the council's identity provider, and need a second factor
# before the admin opens (docs/staff-sign-in.md). A social sign-in never makes staff.
# With STAFF_SSO_REQUIRED, staff accounts set no password through allauth (staff_sign_in.forms).
ACCOUNT_FORMS = {
    "reset_password_from_key": "townhall.staff_sign_in.forms.StaffResetPasswordKeyForm",
    "change_password": "townhall.staff_sign_in.forms.StaffChangePasswordForm",
    "set_password": "townhall.staff_sign_in.forms.StaffSetPasswordForm",
}
SOCIALACCOUNT_ADAPTER = "townhall.staff_sign_in.adapters.StaffSocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = providers_from_env(env)
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"  # the provider vouches for the address
SOCIALACCOUNT_STORE_TOKENS = False  # Townhall never calls the provider's APIs afterwards
TOWNHALL_STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=not (DEBUG or DEMO))
TOWNHALL_STAFF_SSO_REQUIRED = env.bool("STAFF_SSO_REQUIRED", default=False)
TOWNHALL_STAFF_SSO_IS_SECOND_FACTOR = env.bool("STAFF_SSO_IS_SECOND_FACTOR", default=False)
TOWNHALL_STAFF_SSO_NEW_ACCOUNT_DOMAINS = env.list("STAFF_SSO_NEW_ACCOUNT_DOMAINS", default=[])
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False  # a security key is a second factor, not a password
MFA_ALLOW_UNVERIFIED_EMAIL = True  # staff accounts are made by an administrator, not by email
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or DEMO  # the demo runs on http://127.0.0.1
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Django's deploy check looks for its own CSRF middleware by name; ours is a subclass of it
# that also accepts the browser's Origin for people without a session (core.csrf).
SILENCED_SYSTEM_CHECKS = ["security.W003"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind TLS (the deployment guide's set-up) these are switched on by HTTPS=on.
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = logging_config(
    env.str("LOG_LEVEL", default="INFO"), env.str("LOG_FORMAT", default="plain")
)
# /metrics answers only a request with "Authorization: Bearer <this>" (404 when unset).
TOWNHALL_METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# With Redis, each web process adds its request counts to shared totals this often, and is
# listed as reporting until this long after its last flush (operations.shared_metrics).
TOWNHALL_METRICS_FLUSH_SECONDS = env.float("METRICS_FLUSH_SECONDS", default=5.0)
TOWNHALL_METRICS_PROCESS_TTL_SECONDS = env.int("METRICS_PROCESS_TTL_SECONDS", default=60)
TOWNHALL_REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=0.5)

if SENTRY_DSN := env.str("SENTRY_DSN", default=""):
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        send_default_pii=False,  # no addresses, cookies or form data leave the site
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

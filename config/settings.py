"""Settings for Clinician Commons, read from the environment (django-environ).

Defaults make a first run work with no services: SQLite and Celery tasks run
in-process. With DATABASE_URL and REDIS_URL set, the same code runs on
PostgreSQL with a real Celery worker and beat.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config.deploy import deploy_version

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
_env_file = BASE_DIR / ".env"
if _env_file.exists():
    env.read_env(str(_env_file))

DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("TESTING", default=False)

# A production secret has no default: with DEBUG off, SECRET_KEY must be set.
if DEBUG or TESTING:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-deploy")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to at least 32 characters when DEBUG is off."
        )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The name members know the site by: every email's greeting, subject and signature, not
# the host a request came in on (issue 22.15: "Hello from 127.0.0.1").
SITE_NAME = env.str("SITE_NAME", default="Clinician Commons")

INSTALLED_APPS = [
    # The admin, opened to group-scoped moderators too (accounts/admin_site.py).
    "accounts.admin_site.ClinicianAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Lowest layer first: each app imports only those listed before it (import-linter's
    # contracts in pyproject.toml hold this).
    "notifications",
    "accounts",
    "forum",
    "moderation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security.PermissionsPolicyMiddleware",
    # Signed-in responses: Cache-Control private, no-store (config/security.py).
    "config.security.PrivatePagesMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user holding the powers its session earned (TOTP in this login).
    "accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Moderators and staff: set up MFA, and pass it in this session, before the admin.
    "accounts.middleware.RequireMFAForModeratorsMiddleware",
    # Times in the reader's own zone (accounts/timezones.py).
    "accounts.middleware.ReaderTimeZoneMiddleware",
    # Topics refused to a reader without a current license: the reason, not a bare 403.
    "accounts.middleware.ReadingRefusedMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "forum.context_processors.site",
                "moderation.context_processors.moderation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# Parameters bound by the server rather than pasted into the SQL: psycopg then prepares a
# statement the fifth time a connection runs it, and PostgreSQL stops planning it on every
# request (planning was most of a short query's cost; bench/README.md). Pays off with
# persistent connections (CONN_MAX_AGE > 0); turn it off behind a transaction-mode pooler.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_PREPARED_STATEMENTS", default=True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
# Migrations run as the role that owns the schema; the app (DATABASE_URL) connects as a
# role that owns nothing, so it cannot truncate, disable or drop the append-only tables'
# triggers (config/db_roles.py; `manage.py setup_db_roles`, README "Deployment"). Unset:
# migrate connects with DATABASE_URL. Never in tests: their database is pytest's own.
MIGRATE_DATABASE = (
    env.db_url("MIGRATE_DATABASE_URL")
    if env.str("MIGRATE_DATABASE_URL", default="") and not TESTING
    else None
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cc",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "clinician-commons",
        }
    }
# Sessions stay in the database (durable); with Redis they are read through the cache,
# which takes a query off every signed-in page (accounts/sessions.py: Django's cached_db,
# with a sign-out that an outage cannot undo).
SESSION_ENGINE = "accounts.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)

# Django's and allauth's backends, reading the session's user through a precompiled
# statement (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]

# django-allauth: email is the login, verification is mandatory.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Clinician Commons"
# Moderator and staff powers need a session that passed TOTP in this login (accounts/access.py);
# a pass older than this asks for the authenticator again (a step-up, not a new sign-in).
ACCESS_TOTP_MAX_AGE_SECONDS = env.int("ACCESS_TOTP_MAX_AGE_SECONDS", default=12 * 3600)
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
# Sign-up also asks for the name colleagues see and takes the browser's time zone.
ACCOUNT_FORMS = {"signup": "accounts.forms.ClinicianSignupForm"}
# NPPES NPI registry (license verification). Tests point it at a local fake server.
NPPES_API_URL = env.str("NPPES_API_URL", default="https://npiregistry.cms.hhs.gov/api/")
NPPES_TIMEOUT_SECONDS = env.float("NPPES_TIMEOUT_SECONDS", default=5.0)
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS: list[object] = [BASE_DIR / "static"]
# htmx comes from the npm registry (package.json), served from node_modules, never copied in.
if (BASE_DIR / "node_modules" / "htmx.org" / "dist").is_dir():
    STATICFILES_DIRS.append(("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Uploaded license evidence: never under a public URL; served by a checked view.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
MEDIA_URL = "/private-media-is-not-served/"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: without REDIS_URL, tasks run in-process (eagerly) so a first run needs no services.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = env.bool("CELERY_TASK_EAGER_PROPAGATES", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    # The sweep runs on the default worker, so it still finds what is waiting (and /healthz
    # tells of it) when the screening worker is down; the screening it enqueues waits there.
    "moderation.tasks.sweep_unscreened": {"queue": "default"},
    "moderation.tasks.*": {"queue": "screening"},
    "accounts.tasks.*": {"queue": "default"},
    "forum.tasks.*": {"queue": "default"},
    "notifications.tasks.*": {"queue": "default"},
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 300}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "sweep-unscreened-revisions": {
        "task": "moderation.tasks.sweep_unscreened",
        "schedule": timedelta(minutes=1),
        "options": {"queue": "default"},
    },
    "publish-due-scheduled-posts": {
        "task": "forum.tasks.publish_due_posts",
        "schedule": timedelta(minutes=1),
    },
    "expire-licenses-daily": {
        "task": "accounts.tasks.expire_licenses",
        "schedule": crontab(hour=6, minute=0),
    },
    # Standing that changes by the clock alone (a restriction's end, a license's date):
    # the flags those members gave are ranked again (accounts.standing.announce_lapses).
    "announce-standing-lapses": {
        "task": "accounts.tasks.announce_standing_lapses",
        "schedule": timedelta(minutes=1),
    },
    "sweep-registry-checks": {
        "task": "accounts.tasks.sweep_registry_checks",
        "schedule": timedelta(minutes=10),
    },
    "send-digests": {
        "task": "forum.tasks.send_digests",
        "schedule": crontab(minute=5),
    },
}
# Digests go out after this hour in each member's own time zone (forum/digests.py).
FORUM_DIGEST_HOUR = 7

# /healthz answers 503 (and the admin index says so) when the oldest post waiting for
# screening has waited longer than this.
SCREENING_BACKLOG_MAX_SECONDS = env.int("SCREENING_BACKLOG_MAX_SECONDS", default=600)

# Screening policy thresholds (see moderation/policy.py). Unset: the model artifact's own.
MODERATION_QUEUE_THRESHOLD = env.float("MODERATION_QUEUE_THRESHOLD", default=None)
MODERATION_HOLD_THRESHOLD = env.float("MODERATION_HOLD_THRESHOLD", default=None)
MODERATION_DATA_DIR = Path(
    env.str("MODERATION_DATA_DIR", default=str(BASE_DIR.parent / "shared" / "data"))
)
# A moderator's claim on a case lapses after this many minutes (moderation/claims.py): the
# case then counts as unclaimed everywhere, so a forgotten claim never strands it.
MODERATION_CLAIM_MINUTES = env.int("MODERATION_CLAIM_MINUTES", default=30)

# Forum limits: bad input gets a clear message, never a 500.
FORUM_TITLE_MAX = 200
FORUM_BODY_MAX = 20_000
FORUM_REASON_MAX = 300
FORUM_PAGE_SIZE = 20
FORUM_TOPICS_PER_PAGE = 30
# Cached topic-list HTML is keyed by each group's topics_version (bumped on every change);
# the timeout only bounds how stale relative times ("5 minutes ago") can get.
FORUM_TOPIC_LIST_CACHE_SECONDS = env.int("FORUM_TOPIC_LIST_CACHE_SECONDS", default=60)
# Shared HTML of a thread page's posts (forum/thread_html.py); keys change with the content,
# so this only bounds how long an unread page's HTML stays in the cache.
FORUM_THREAD_CACHE_SECONDS = env.int("FORUM_THREAD_CACHE_SECONDS", default=3600)
# Part of every cached HTML key (thread pages, topic lists, home): a deploy never serves
# HTML older code rendered. From the environment, else the git commit read once at start,
# else a digest of the code (config/deploy.py); docs/caching.md.
DEPLOY_VERSION = deploy_version(env.str("DEPLOY_VERSION", default=""), BASE_DIR)
# The header's unread-notification count (forget on change; this bounds a racing read).
FORUM_UNREAD_COUNT_CACHE_SECONDS = env.int("FORUM_UNREAD_COUNT_CACHE_SECONDS", default=30)
# Search ranks only the newest this many matches the reader may see (forum/search.py).
FORUM_SEARCH_CANDIDATES = env.int("FORUM_SEARCH_CANDIDATES", default=200)
# Read pages cache the "before you can post" notice this long (0: off; tests read it fresh).
FORUM_POSTING_NOTICE_CACHE_SECONDS = env.int(
    "FORUM_POSTING_NOTICE_CACHE_SECONDS", default=0 if TESTING else 30
)

# Security headers. Production-only hardening switches on when DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG and not TESTING)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG or TESTING else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): no inline script or style anywhere, nothing
# from other origins. data: images are allauth's TOTP QR code. Tested in tests/security/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer",
        "microphone", "payment", "usb",
    )
}  # fmt: skip

# Abuse limits (config/ratelimit.py; allauth's own cover sign-up, login and password reset).
# Counted in the cache: Redis when REDIS_URL is set, so every web process shares them.
_LIMITS_ON = not TESTING
FORUM_POSTING_RATE_LIMIT = env.str(
    "FORUM_POSTING_RATE_LIMIT", default="8/m,60/h" if _LIMITS_ON else ""
)
FORUM_EDIT_RATE_LIMIT = env.str("FORUM_EDIT_RATE_LIMIT", default="10/m,60/h" if _LIMITS_ON else "")
FORUM_JOIN_RATE_LIMIT = env.str("FORUM_JOIN_RATE_LIMIT", default="5/m,20/h" if _LIMITS_ON else "")
# Pictures attached in the composer (forum/images.py).
FORUM_IMAGE_RATE_LIMIT = env.str(
    "FORUM_IMAGE_RATE_LIMIT", default="10/m,60/h" if _LIMITS_ON else ""
)
# A declined join request may be asked again this many days after the decision.
FORUM_JOIN_ASK_AGAIN_DAYS = env.int("FORUM_JOIN_ASK_AGAIN_DAYS", default=30)
# On in tests too: their own tests count on them.
FORUM_DRAFT_CHECK_RATE_LIMIT = env.str("FORUM_DRAFT_CHECK_RATE_LIMIT", default="30/m")
# The composer's preview (forum/composer.py): one Markdown render per request.
FORUM_PREVIEW_RATE_LIMIT = env.str("FORUM_PREVIEW_RATE_LIMIT", default="60/m")
MODERATION_FLAG_RATE_LIMIT = env.str("MODERATION_FLAG_RATE_LIMIT", default="10/h")
if REDIS_URL:
    # A Redis outage must cost speed, not requests: sessions fall back to the database and
    # rate limits fail open (config/cache.py; shown by tests/reliability/).
    CACHES["default"]["BACKEND"] = "config.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Per-task success lines drown everything else when tasks run in-process.
        "celery.app.trace": {"level": env.str("CELERY_TRACE_LOG_LEVEL", default="WARNING")},
    },
}

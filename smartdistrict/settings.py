"""Settings: every knob comes from the environment with a typed default.

The defaults give a safe local instance (DEBUG off, SQLite under ``var/``).
``.env.example`` documents each variable; docs/deploy.md says which to set in production.
"""

import datetime as dt
from pathlib import Path

import environ
import xstatic.pkg.leaflet

from smartdistrict.core.observability.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

env = environ.Env()
# A .env file is optional; the real environment always wins.
environ.Env.read_env(PROJECT_DIR / ".env", overwrite=False)

VAR_DIR = Path(env.str("SMARTDISTRICT_VAR_DIR", default=str(PROJECT_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite database, queue and uploads live here

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str(
    "SECRET_KEY",
    # Only good for local use; production refuses to start without its own (see checks).
    default="insecure-local-only-key-change-me",
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
USE_X_FORWARDED_HOST = env.bool("USE_X_FORWARDED_HOST", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "huey.contrib.djhuey",
    "django_htmx",
    "smartdistrict.core",
    "smartdistrict.geography",
    "smartdistrict.organisations",
    "smartdistrict.accounts",
    "smartdistrict.feedback",
    "smartdistrict.jurisdictions",
    "smartdistrict.open311",
    "smartdistrict.inbox",
    "smartdistrict.environment",
    "smartdistrict.portal",
    "smartdistrict.console",
    "smartdistrict.targets",
    "smartdistrict.survey",
    "smartdistrict.alleys",
    "smartdistrict.dashboard",
    "smartdistrict.demo",
]

MIDDLEWARE = [
    # Outermost: every line logged below a request carries its id (and so do its jobs).
    "smartdistrict.core.observability.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # U+0000 in a URL and Django's request limits: a 400 in the caller's format, not a 500.
    "smartdistrict.core.request_guard.RequestGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Answers a log-in that the throttle refused (429, Retry-After, translated).
    "smartdistrict.accounts.middleware.LoginLockoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "smartdistrict.core.security.ContentSecurityPolicyMiddleware",
]

# The apps' parts of core's machinery, wired here so that core imports none of them:
# a refused request answered in its protocol's format (core.request_guard), the checks of
# /readyz beyond the database and migrations (core.health), and what /metrics reads at
# each scrape beyond the queue (core.observability.metrics).
REQUEST_GUARD_FORMATS = {"/open311/": "smartdistrict.open311.renderers.guard_refusal"}
READINESS_CHECKS = {"geography": "smartdistrict.geography.health.geography_state"}
METRICS_SOURCES = {
    "reports": "smartdistrict.feedback.metrics.gauges",
    "environment": "smartdistrict.environment.metrics.gauges",
}

ROOT_URLCONF = "smartdistrict.urls"
WSGI_APPLICATION = "smartdistrict.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "smartdistrict.core.context_processors.map_settings",
                "smartdistrict.geography.context_processors.jurisdiction_names",
            ],
        },
    },
]

# --- database -------------------------------------------------------------
# An empty value (as in a copied .env.example) means the default.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'smartdistrict.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE avoids
    # "database is locked" upgrades inside write transactions.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
# Persistent connections on both engines: on SQLite a new connection per request also
# re-runs the PRAGMAs above, a measurable share of a short write (see docs/BENCHMARKS.md).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url_config(env.str("DATABASE_REPLICA_URL"))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache ---------------------------------------------------------------
# Log-in throttle and intake rate limits count here: use Redis when several processes
# or hosts serve (a per-process memory cache would give each its own budget).
CACHES = {"default": env.cache_url_config(env.str("CACHE_URL", default="") or "locmemcache://")}
# How many reverse proxies of ours stand in front of the app: the client's address is
# then read from X-Forwarded-For (smartdistrict/core/clients.py). 0: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- intake rate limits (smartdistrict/core/ratelimits.py) ----------------------------------
# Each is a list of rates, count/period (s, m, h, d; "5/10m"); all hold; empty: no limit.
# Reports from one client address, whichever resident door (portal form, REST, Open311).
INTAKE_RATES_PER_ADDRESS = env.list("INTAKE_RATES_PER_ADDRESS", default=["10/m", "100/h"])
# Reports sent with one Open311 API key (an app submits for many residents).
INTAKE_RATES_PER_OPEN311_KEY = env.list(
    "INTAKE_RATES_PER_OPEN311_KEY", default=["120/m", "2000/h"]
)
# Reports entered by one member of staff (hotline form, REST as staff).
INTAKE_RATES_PER_STAFF = env.list("INTAKE_RATES_PER_STAFF", default=["60/m", "1000/h"])
# Environment ingestion over HTTP: per ingest token and per client address.
INGEST_RATES_PER_TOKEN = env.list("INGEST_RATES_PER_TOKEN", default=["120/m", "3000/h"])
INGEST_RATES_PER_ADDRESS = env.list("INGEST_RATES_PER_ADDRESS", default=["300/m"])
# false switches every intake rate limit off (e.g. a load test measuring raw capacity).
RATELIMIT_ENABLE = env.bool("RATE_LIMITS_ENABLED", default=True)
# A cache that cannot count lets the request through (logged): intake goes on.
RATELIMIT_FAIL_OPEN = True

# --- background jobs (Huey) ---------------------------------------------------
_huey_url = env.str("HUEY_REDIS_URL", default="")
HUEY = {
    # The queue's name (its Redis keys): deployments sharing one Redis need their own.
    "name": env.str("HUEY_NAME", default="smartdistrict"),
    "immediate": env.bool("HUEY_IMMEDIATE", default=False),
    "consumer": {"workers": env.int("HUEY_WORKERS", default=2), "worker_type": "thread"},
}
if _huey_url:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": _huey_url})
else:
    # No fsync per enqueued job: like Redis's default persistence, a power cut may lose the
    # last seconds of queued notifications, and intake does not wait on the disk.
    HUEY.update(
        {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3"),
         "fsync": False}
    )

# --- accounts -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Staff log in on the console's page; the admin's and the REST API's browsable log-in stay.
LOGIN_URL = "console:login"
# The only backend: ModelBackend behind the log-in throttle, so a locked account or
# address is refused on every entrance before any password is checked (accounts/throttle.py).
AUTHENTICATION_BACKENDS = ["smartdistrict.accounts.backends.ThrottledModelBackend"]
# Failures allowed per account from one address, per account from any address (0: no
# such limit), per address whatever the account; the window they are counted in and how
# long a lock-out lasts (0: as long as the window). The CONSOLE_LOGIN_* names of earlier
# versions are still read.
LOGIN_MAX_FAILURES = env.int(
    "LOGIN_MAX_FAILURES", default=env.int("CONSOLE_LOGIN_MAX_FAILURES", default=5)
)
LOGIN_MAX_FAILURES_PER_ACCOUNT = env.int("LOGIN_MAX_FAILURES_PER_ACCOUNT", default=20)
LOGIN_MAX_FAILURES_PER_ADDRESS = env.int(
    "LOGIN_MAX_FAILURES_PER_ADDRESS",
    default=env.int("CONSOLE_LOGIN_MAX_FAILURES_PER_ADDRESS", default=50),
)
LOGIN_FAILURE_WINDOW_SECONDS = env.int(
    "LOGIN_FAILURE_WINDOW_SECONDS",
    default=env.int("CONSOLE_LOGIN_FAILURE_WINDOW_SECONDS", default=900),
)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=0)

# --- language and time ------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- static files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
# Files every web host and job consumer must see alike (docs/deploy.md, "Files"):
# "default" holds residents' photos (public once re-encoded, under MEDIA_ROOT); "private"
# the files only the app hands out (briefs, exports, workbooks waiting for their commit),
# under PRIVATE_ROOT. Both a shared folder by default; STORAGES (JSON) in the environment
# replaces any alias, e.g. object storage through django-storages' S3Storage.
PRIVATE_ROOT = Path(env.str("PRIVATE_ROOT", default="") or VAR_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Never served by URL: files go out through the download views only.
        "OPTIONS": {"location": str(PRIVATE_ROOT), "base_url": "/private/"},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
STORAGES.update(env.json("STORAGES", default={}))
# Hours a download (an export built in the background) is kept before it is deleted.
DOWNLOAD_KEEP_HOURS = env.int("DOWNLOAD_KEEP_HOURS", default=24)
# --- maps ------------------------------------------------------------------------
# Leaflet tile template; when tiles cannot load the maps still draw wards and markers.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION", default="© OpenStreetMap contributors"
)

# Front-end libraries come from PyPI packages and are served by the app (no CDN).
STATICFILES_DIRS = [("leaflet", xstatic.pkg.leaflet.BASE_DIR)]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

# --- REST API ----------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "smartdistrict.core.api.exception_handler",
    # DRF's parsers, refusing U+0000 in any body field (PostgreSQL cannot store it).
    "DEFAULT_PARSER_CLASSES": [
        "smartdistrict.core.parsers.JSONBodyParser",
        "smartdistrict.core.parsers.FormBodyParser",
        "smartdistrict.core.parsers.MultiPartBodyParser",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    # DRF's own throttles ("support") read the client's address like ours do.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT or None,
    # Per client address; the "me too" button is anonymous, so it is rate-limited.
    "DEFAULT_THROTTLE_RATES": {"support": env.str("SUPPORT_THROTTLE_RATE", default="20/hour")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "smartdistrict API",
    "DESCRIPTION": (
        "REST API of the smartdistrict operations centre, and its Open311 GeoReport v2 "
        "endpoints under /open311/v2/."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Open311's plain Django views are described by a hook so the schema covers both APIs.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "smartdistrict.open311.openapi.add_open311",
        # Links between operations (a new report's code → its detail…): after Open311's.
        "smartdistrict.core.openapi_links.add_links",
    ],
}

# --- environment: readings and alerts ------------------------------------------------
ENVIRONMENT_MQTT_HOST = env.str("ENVIRONMENT_MQTT_HOST", default="127.0.0.1")
ENVIRONMENT_MQTT_PORT = env.int("ENVIRONMENT_MQTT_PORT", default=1883)
ENVIRONMENT_MQTT_TOPIC_PREFIX = env.str("ENVIRONMENT_MQTT_TOPIC_PREFIX", default="smartdistrict")
ENVIRONMENT_MQTT_CLIENT_ID = env.str("ENVIRONMENT_MQTT_CLIENT_ID", default="smartdistrict-ingest")
ENVIRONMENT_MQTT_USERNAME = env.str("ENVIRONMENT_MQTT_USERNAME", default="")
ENVIRONMENT_MQTT_PASSWORD = env.str("ENVIRONMENT_MQTT_PASSWORD", default="")
ENVIRONMENT_MQTT_TLS = env.bool("ENVIRONMENT_MQTT_TLS", default=False)
ENVIRONMENT_MQTT_KEEPALIVE = env.int("ENVIRONMENT_MQTT_KEEPALIVE", default=30)
# How long the broker keeps the subscriber's session (and its unacknowledged messages).
ENVIRONMENT_MQTT_SESSION_EXPIRY = env.int("ENVIRONMENT_MQTT_SESSION_EXPIRY", default=604800)
# Messages the broker may send before the subscriber acknowledges them (MQTT 5 flow control).
ENVIRONMENT_MQTT_RECEIVE_MAXIMUM = env.int("ENVIRONMENT_MQTT_RECEIVE_MAXIMUM", default=100)
# Readings stamped further in the future than this are refused (clock skew allowance).
ENVIRONMENT_FUTURE_SKEW_SECONDS = env.int("ENVIRONMENT_FUTURE_SKEW_SECONDS", default=300)
# Readings dated before this day (00:00 UTC) are refused: a reset sensor clock, a typo.
ENVIRONMENT_EARLIEST_OBSERVATION = dt.date.fromisoformat(
    env.str("ENVIRONMENT_EARLIEST_OBSERVATION", default="2000-01-01")
)
ENVIRONMENT_MAX_BATCH = env.int("ENVIRONMENT_MAX_BATCH", default=5000)
# Days a dead letter (a message or row that could not be stored) is kept; 0: for ever.
ENVIRONMENT_DEAD_LETTER_DAYS = env.int("ENVIRONMENT_DEAD_LETTER_DAYS", default=90)
# Called after each committed batch with the readings it stored (alert rules plug in here).
ENVIRONMENT_INGEST_HOOKS = env.list(
    "ENVIRONMENT_INGEST_HOOKS",
    default=["smartdistrict.environment.alerts.hooks.readings_stored"],
)
# The feedback category of the reports an alert opens (a rule may name another).
ENVIRONMENT_ALERT_CATEGORY = env.str("ENVIRONMENT_ALERT_CATEGORY", default="o-nhiem-kenh")
# The longest period a station page, chart or export may cover.
ENVIRONMENT_PAGE_MAX_DAYS = env.int("ENVIRONMENT_PAGE_MAX_DAYS", default=800)
# Exports of a station's readings over at most this many days are sent at once; longer
# ones are built in the background (a download page).
ENVIRONMENT_EXPORT_INLINE_DAYS = env.int("ENVIRONMENT_EXPORT_INLINE_DAYS", default=31)

# --- staff console ----------------------------------------------------------------------
# The queue's counts of closed states are cached this long (seconds; 0: always count).
CONSOLE_CLOSED_COUNTS_CACHE_SECONDS = env.int("CONSOLE_CLOSED_COUNTS_CACHE_SECONDS", default=60)

# --- dashboard --------------------------------------------------------------------------
# The figures come from daily sums kept by a job: how often it runs, how far back it
# re-reads changed reports, and when it switches to a whole rebuild.
DASHBOARD_REFRESH_MINUTES = env.int("DASHBOARD_REFRESH_MINUTES", default=5)
DASHBOARD_REFRESH_OVERLAP_SECONDS = env.int("DASHBOARD_REFRESH_OVERLAP_SECONDS", default=300)
DASHBOARD_INCREMENTAL_LIMIT = env.int("DASHBOARD_INCREMENTAL_LIMIT", default=20000)
# Hour (local time) of the nightly consistency check.
DASHBOARD_CHECK_HOUR = env.int("DASHBOARD_CHECK_HOUR", default=3)
DASHBOARD_HOTSPOT_RESOLUTION = env.int("DASHBOARD_HOTSPOT_RESOLUTION", default=9)
DASHBOARD_HOTSPOT_ALPHA = env.float("DASHBOARD_HOTSPOT_ALPHA", default=0.05)
# Briefs are private to their requester (in the "private" storage), deleted after some days.
DASHBOARD_BRIEF_KEEP_DAYS = env.int("DASHBOARD_BRIEF_KEEP_DAYS", default=30)


# --- alley upgrades (smartdistrict/alleys, docs/alleys.md) -------------------------------
# The households' decision passes when MORE than this percentage of all the households
# listed for the alley approve (those who do not vote count as not in favour): Law
# 10/2022/QH15 on grassroots democracy, Art. 21(1), and Ordinance 34/2007 before it.
ALLEYS_APPROVAL_PERCENT = env.float("ALLEYS_APPROVAL_PERCENT", default=50.0)
# A report belongs to an alley's condition history when its point is this close to the line.
ALLEYS_REPORT_DISTANCE_M = env.float("ALLEYS_REPORT_DISTANCE_M", default=30.0)
# Report categories that describe an alley's condition (history, ranking of candidates).
ALLEYS_CONDITION_CATEGORIES = env.list(
    "ALLEYS_CONDITION_CATEGORIES",
    default=["hu-hong-duong", "ngap-nuoc", "den-chieu-sang", "rac-thai"],
)
# Of those, the categories whose open reports the accepted works close (with a note).
ALLEYS_WORKS_CATEGORIES = env.list(
    "ALLEYS_WORKS_CATEGORIES", default=["hu-hong-duong", "ngap-nuoc", "den-chieu-sang"]
)
# The months of reports the condition history and the ranking of candidates count.
ALLEYS_CONDITION_MONTHS = env.int("ALLEYS_CONDITION_MONTHS", default=24)
# Online votes with a one-time code, per client address (guessing codes is refused).
ALLEYS_VOTE_RATES = env.list("ALLEYS_VOTE_RATES", default=["10/m", "60/h"])

# --- residents' portal ---------------------------------------------------------------
# The home page's "this month" counts are cached this long (seconds).
PORTAL_COUNTS_CACHE_SECONDS = env.int("PORTAL_COUNTS_CACHE_SECONDS", default=300)
# The public reports (/reports/) list every open report and those resolved, closed or
# refused within this many months.
PUBLIC_REPORTS_CLOSED_MONTHS = env.int("PUBLIC_REPORTS_CLOSED_MONTHS", default=3)
# "My reports" (/my/): one-time codes asked per client address (rates such as 3/m), and
# how long a code is valid (minutes).
RESIDENT_CODE_RATES = env.list("RESIDENT_CODE_RATES", default=["3/m", "10/h"])
RESIDENT_CODE_MINUTES = env.int("RESIDENT_CODE_MINUTES", default=15)
# Hour (local time) of the staff's daily digest of reports due (feedback.tasks.staff_digest).
STAFF_DIGEST_HOUR = env.int("STAFF_DIGEST_HOUR", default=7)
# "Was it fixed?": the resident is asked this many days after resolution (0: never).
FOLLOWUP_AFTER_DAYS = env.int("FOLLOWUP_AFTER_DAYS", default=5)

# --- citizen feedback ---------------------------------------------------------------
# Photos (smartdistrict/feedback/photos.py): bytes of one photo; pixels its header may
# declare; pixels one photo may really decode (a JPEG at its reduced DCT scale); bytes and
# decoded pixels of all the photos of one request together.
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=40_000_000)
# Longest side (pixels) a stored photo is scaled down to, and of its thumbnail.
PHOTO_MAX_SIDE = env.int("PHOTO_MAX_SIDE", default=2048)
PHOTO_THUMB_SIDE = env.int("PHOTO_THUMB_SIDE", default=320)
PHOTO_MAX_DECODE_PIXELS = env.int("PHOTO_MAX_DECODE_PIXELS", default=16_000_000)
PHOTO_MAX_REQUEST_BYTES = env.int("PHOTO_MAX_REQUEST_BYTES", default=25 * 1024 * 1024)
PHOTO_MAX_REQUEST_PIXELS = env.int("PHOTO_MAX_REQUEST_PIXELS", default=64_000_000)
# Empty: the prefix of the loaded jurisdiction pack (pack.toml).
REPORT_CODE_PREFIX = env.str("REPORT_CODE_PREFIX", default="")
DUPLICATE_RADIUS_M = env.float("DUPLICATE_RADIUS_M", default=100.0)
DUPLICATE_DAYS = env.int("DUPLICATE_DAYS", default=30)
# How long the link a resident receives (follow, rate, reopen) stays valid.
RESIDENT_TOKEN_MAX_AGE_DAYS = env.int("RESIDENT_TOKEN_MAX_AGE_DAYS", default=180)
# Personal data of closed reports (contact, device and account ids, phone numbers and
# e-mail addresses written in free text) is removed after this many months (at least 1).
PERSONAL_DATA_RETENTION_MONTHS = env.int("PERSONAL_DATA_RETENTION_MONTHS", default=24)
# What the purge does with a report's photos: "keep" them, keep only the "thumbnails"
# (the full-size pictures are deleted), or "delete" them all.
PERSONAL_DATA_PHOTOS = env.str("PERSONAL_DATA_PHOTOS", default="thumbnails")
# Called by the purge for each batch of reports with their ids, to remove what other apps
# hold about them (Open311's device and account ids); dotted paths.
PERSONAL_DATA_PURGE_HOOKS = env.list(
    "PERSONAL_DATA_PURGE_HOOKS",
    default=["smartdistrict.open311.services.submissions_personal_data_purge",
             "smartdistrict.inbox.common.inbound_personal_data_purge"],
)
# A resident's request to see or erase their data is answered within this many working
# days of its receipt (Decree 356/2025/NĐ-CP: two; docs/security.md, "Privacy").
DATA_REQUEST_ANSWER_WORKING_DAYS = env.int("DATA_REQUEST_ANSWER_WORKING_DAYS", default=2)
# How long the file of a resident's data stays downloadable by the staff who asked for it.
DATA_REQUEST_EXPORT_KEEP_HOURS = env.int("DATA_REQUEST_EXPORT_KEEP_HOURS", default=24)
# What the public-text guard (smartdistrict/feedback/privacy.py) hides in every public
# page and API: any of phone, email, national_id; empty switches it off.
PRIVACY_PUBLIC_MASKS = env.list(
    "PRIVACY_PUBLIC_MASKS", default=["phone", "email", "national_id"]
)
# Channels that tell residents and staff what happened (docs/channels.md): dotted paths
# to classes; each sends only when its own settings are filled in (SMS: a gateway URL;
# Zalo: the OA's keys), so the list can stay as it is.
NOTIFICATION_CHANNELS = env.list("NOTIFICATION_CHANNELS", default=[
    "smartdistrict.feedback.channels.email.EmailChannel",
    "smartdistrict.feedback.channels.sms.HttpSmsGateway",
    "smartdistrict.feedback.channels.zalo.ZaloChannel",
])
# SMS through a JSON-over-HTTP gateway (docs/channels.md); empty URL: no SMS.
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_TOKEN = env.str("SMS_GATEWAY_TOKEN", default="")
SMS_SENDER = env.str("SMS_SENDER", default="")  # the registered brand name
SMS_TIMEOUT_SECONDS = env.float("SMS_TIMEOUT_SECONDS", default=10.0)
# Vietnamese brand-name routes usually require text without diacritics.
SMS_ASCII_ONLY = env.bool("SMS_ASCII_ONLY", default=True)
SMS_MAX_LENGTH = env.int("SMS_MAX_LENGTH", default=320)
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")

# --- intake by e-mail (docs/channels.md, "E-mail intake") --------------------------------
# Where `smartdistrict smtp_intake` listens (behind the mail exchanger that receives the
# city's reporting address), the address answers come from, the largest message taken,
# and the category of a report whose text the suggester cannot place.
EMAIL_INTAKE_HOST = env.str("EMAIL_INTAKE_HOST", default="127.0.0.1")
EMAIL_INTAKE_PORT = env.int("EMAIL_INTAKE_PORT", default=2525)
EMAIL_INTAKE_ADDRESS = env.str("EMAIL_INTAKE_ADDRESS", default="phananh@localhost")
EMAIL_INTAKE_MAX_BYTES = env.int("EMAIL_INTAKE_MAX_BYTES", default=25 * 1024 * 1024)
INTAKE_FALLBACK_CATEGORY = env.str("INTAKE_FALLBACK_CATEGORY", default="khac")

# --- Zalo Official Account (docs/channels.md, "Zalo") ------------------------------------
# The OA's app id and secret key verify the webhook's X-ZEvent-Signature (empty: the
# webhook answers 404); the access token sends messages (empty: no Zalo message is sent).
ZALO_APP_ID = env.str("ZALO_APP_ID", default="")
ZALO_OA_SECRET_KEY = env.str("ZALO_OA_SECRET_KEY", default="")
ZALO_OA_ACCESS_TOKEN = env.str("ZALO_OA_ACCESS_TOKEN", default="")
# Tokens expire (docs/channels.md, "Zalo tokens"): these seed the database's tokens once;
# the app's secret key (not the OA secret above) signs each refresh at ZALO_OAUTH_URL.
ZALO_OA_REFRESH_TOKEN = env.str("ZALO_OA_REFRESH_TOKEN", default="")
ZALO_APP_SECRET_KEY = env.str("ZALO_APP_SECRET_KEY", default="")
ZALO_OAUTH_URL = env.str("ZALO_OAUTH_URL", default="https://oauth.zaloapp.com")
READINESS_CHECKS["zalo"] = "smartdistrict.feedback.channels.zalo_token.zalo_token_state"
ZALO_API_URL = env.str("ZALO_API_URL", default="https://openapi.zalo.me")
ZALO_TIMEOUT_SECONDS = env.float("ZALO_TIMEOUT_SECONDS", default=10.0)
# Photos are fetched only from these hosts (Zalo's content servers) or their subdomains.
ZALO_MEDIA_HOSTS = env.list("ZALO_MEDIA_HOSTS", default=["zdn.vn", "zadn.vn", "zalo.me"])
# A conversation that has not become a report is forgotten after this many minutes.
ZALO_CONVERSATION_MINUTES = env.int("ZALO_CONVERSATION_MINUTES", default=120)

# --- satisfaction survey at one-stop shops (docs/survey.md) --------------------------------
# A score at or below this (1-5) opens a feedback report, in this category (city pack).
SURVEY_LOW_SCORE = env.int("SURVEY_LOW_SCORE", default=2)
SURVEY_REPORT_CATEGORY = env.str("SURVEY_REPORT_CATEGORY", default="thu-tuc-hanh-chinh")
# Below this many answers an index is shown with a "few answers" warning and not ranked.
SURVEY_FEW_ANSWERS = env.int("SURVEY_FEW_ANSWERS", default=30)
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="smartdistrict <noreply@localhost>")

# --- Open311 GeoReport v2 ------------------------------------------------------------
# Empty: the Open311 jurisdiction id of the loaded jurisdiction pack (pack.toml).
OPEN311_JURISDICTION = env.str("OPEN311_JURISDICTION", default="")
OPEN311_CONTACT = env.str("OPEN311_CONTACT", default="")

# --- the deployment's jurisdiction ---------------------------------------------------------
# The code of the loaded jurisdiction (pack) this deployment serves; empty: the one loaded
# (the most recently loaded when there are several). See docs/jurisdictions.md.
SMARTDISTRICT_JURISDICTION = env.str("SMARTDISTRICT_JURISDICTION", default="")
# The pack `make demo` and the test suite load (a folder, or a pack's name under
# smartdistrict/jurisdictions/packs/).
SMARTDISTRICT_PACK = env.str("SMARTDISTRICT_PACK", default="hcmc")
# How often (seconds) a process asks whether cached configuration (boundaries, units,
# categories, routing) changed elsewhere: one indexed read; a reload only on a change.
CONFIG_VERSION_CHECK_SECONDS = env.float("CONFIG_VERSION_CHECK_SECONDS", default=1.0)
# How often (seconds) a process checks for new working-calendar overrides.
CALENDAR_CHECK_SECONDS = env.float("CALENDAR_CHECK_SECONDS", default=5.0)

# --- observability ----------------------------------------------------------------------
# One line per record on stderr with time, level, logger, message and the request id:
# "json" (JSON lines) or "logfmt" (key=value, readable in a terminal).
LOG_FORMAT = env.str("LOG_FORMAT", default="logfmt")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
# One line per request (method, view, status, duration; never the path, which holds tokens).
LOG_REQUESTS = env.bool("LOG_REQUESTS", default=True)
# Prometheus metrics at /metrics (404 when off). With a token the scraper must send
# "Authorization: Bearer <token>"; with addresses (IPs or networks) it must come from one.
# Several gunicorn workers: set PROMETHEUS_MULTIPROC_DIR (docs/deploy.md).
METRICS_ENABLED = env.bool("METRICS_ENABLED", default=False)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_ALLOWED_ADDRESSES = env.list("METRICS_ALLOWED_ADDRESSES", default=[])
# Error reporting to a Sentry-protocol service, only when a DSN is set.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
if SENTRY_DSN:
    from smartdistrict import __version__
    from smartdistrict.core.observability.errors import sentry_init

    sentry_init(
        dsn=SENTRY_DSN, environment=SENTRY_ENVIRONMENT, release=f"smartdistrict@{__version__}",
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )

# --- working-time calendar ---
# Deadlines count office time only (core.calendar). Office periods of a working day in
# TIME_ZONE, comma-separated; every working day has the same periods.
OFFICE_HOURS = env.str("OFFICE_HOURS", default="07:30-11:30,13:00-17:00")
# Working weekdays: 0 = Monday … 6 = Sunday.
WORKING_WEEKDAYS = env.list("WORKING_WEEKDAYS", cast=int, default=[0, 1, 2, 3, 4])
# Country (ISO 3166 code) whose public holidays and swap days the `holidays` package gives.
PUBLIC_HOLIDAYS_COUNTRY = env.str("PUBLIC_HOLIDAYS_COUNTRY", default="VN")
# --- end of working-time calendar ---

"""The environment, paths, security, apps, middleware, templates, language and time: what
every other topic module builds on (they import ``env`` and the paths from here)."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent  # the smartdistrict package
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

# --- language and time ------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["smartdistrict.core.formats"]  # Vietnamese numbers grouped by three
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

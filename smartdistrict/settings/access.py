"""Who may do how much: the cache that counts, the client's address behind proxies, the
intake rate limits and staff accounts with their log-in throttle."""

from smartdistrict.settings.base import env

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

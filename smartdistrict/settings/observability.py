"""Logs, metrics and error reporting."""

from smartdistrict.core.observability.logs import logging_config
from smartdistrict.settings.base import env

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

"""Deployment checks: refuse to run a public instance with the built-in secret key, or
with rate limits that cannot be read; warn when throttles count per process."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    if settings.SECRET_KEY.startswith("insecure-"):
        return [
            Error(
                "SECRET_KEY is the built-in local key.",
                hint="Set SECRET_KEY in the environment (see .env.example).",
                id="smartdistrict.E001",
            )
        ]
    return []


@register(Tags.security)
def rate_limits_are_rates(app_configs, **kwargs):
    from smartdistrict.core.ratelimits import invalid_rates

    return [
        Error(
            f"{name} has {rate!r}, which is not a rate.",
            hint="Write count/period, e.g. 10/m, 100/h or 5/10m (see .env.example).",
            id="smartdistrict.E002",
        )
        for name, rate in invalid_rates()
    ]


@register(Tags.security, deploy=True)
def throttles_share_a_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The cache is per process: each process has its own log-in throttle and "
                "intake rate-limit counts.",
                hint="Set CACHE_URL to Redis (redis://HOST:6379/1) in production.",
                id="smartdistrict.W001",
            )
        ]
    return []


@register()
def metrics_addresses_are_valid(app_configs, **kwargs):
    import ipaddress

    errors = []
    for entry in settings.METRICS_ALLOWED_ADDRESSES:
        try:
            ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"METRICS_ALLOWED_ADDRESSES holds {entry!r}, not an address or network.",
                    hint="Use addresses or networks such as 10.0.0.5 or 10.0.0.0/24.",
                    id="smartdistrict.E003",
                )
            )
    return errors

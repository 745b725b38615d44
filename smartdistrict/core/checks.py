"""Deployment checks: refuse to run a public instance with the built-in secret key."""

from django.conf import settings
from django.core.checks import Error, Tags, register


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
                    id="smartdistrict.E002",
                )
            )
    return errors

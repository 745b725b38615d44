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

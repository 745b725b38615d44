"""Start-up checks of the privacy settings: a typo must not silently switch a guard off or
make the purge remove everything (PERSONAL_DATA_RETENTION_MONTHS=0)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PHOTO_POLICIES = ("keep", "thumbnails", "delete")


@register(Tags.security)
def privacy_settings_are_valid(app_configs, **kwargs):
    from smartdistrict.feedback.privacy import KINDS

    errors = []
    unknown = sorted(set(settings.PRIVACY_PUBLIC_MASKS) - set(KINDS))
    if unknown:
        errors.append(Error(
            f"PRIVACY_PUBLIC_MASKS names {unknown}, which the public-text guard does not know.",
            hint=f"Use any of {', '.join(KINDS)} (empty: no masking).",
            id="smartdistrict.E010",
        ))
    if settings.PERSONAL_DATA_RETENTION_MONTHS < 1:
        errors.append(Error(
            "PERSONAL_DATA_RETENTION_MONTHS must be at least 1.",
            hint="The months after a report's closing that its personal data is kept.",
            id="smartdistrict.E011",
        ))
    if settings.PERSONAL_DATA_PHOTOS not in PHOTO_POLICIES:
        errors.append(Error(
            f"PERSONAL_DATA_PHOTOS is {settings.PERSONAL_DATA_PHOTOS!r}.",
            hint=f"Use one of {', '.join(PHOTO_POLICIES)}.",
            id="smartdistrict.E012",
        ))
    return errors

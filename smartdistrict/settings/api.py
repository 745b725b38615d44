"""The REST API, its OpenAPI schema, and Open311 GeoReport v2."""

from smartdistrict.settings.access import TRUSTED_PROXY_COUNT
from smartdistrict.settings.base import env

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

# --- Open311 GeoReport v2 ------------------------------------------------------------
# Empty: the Open311 jurisdiction id of the loaded jurisdiction pack (pack.toml).
OPEN311_JURISDICTION = env.str("OPEN311_JURISDICTION", default="")
OPEN311_CONTACT = env.str("OPEN311_CONTACT", default="")

"""Citizen feedback: photos, codes, duplicates, personal data, and the channels that carry
reports in and answers out (SMS, e-mail, Zalo)."""

from smartdistrict.settings.base import READINESS_CHECKS, env

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

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="smartdistrict <noreply@localhost>")

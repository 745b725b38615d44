"""Where data lives: the database, the queue of background jobs, static and uploaded files,
and the map tiles."""

from pathlib import Path

import xstatic.pkg.leaflet

from smartdistrict.settings.base import DEBUG, VAR_DIR, env

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
# PostgreSQL: intake's one write statement (feedback/services/intake_rows.py) is prepared
# once per connection (parsed and planned once, then only bound); Django's own queries stay
# unprepared (its default). False behind a pooler in transaction mode that cannot keep
# prepared statements (PgBouncer < 1.21, or max_prepared_statements = 0): docs/deploy.md.
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
# Persistent connections on both engines: on SQLite a new connection per request also
# re-runs the PRAGMAs above, a measurable share of a short write (see docs/BENCHMARKS.md).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url_config(env.str("DATABASE_REPLICA_URL"))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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

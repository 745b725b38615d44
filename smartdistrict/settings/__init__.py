"""Settings: every knob comes from the environment with a typed default.

The defaults give a safe local instance (DEBUG off, SQLite under ``var/``).
``.env.example`` documents each variable; docs/deploy.md says which to set in production.
One module per topic; DJANGO_SETTINGS_MODULE stays ``smartdistrict.settings``.
"""

from smartdistrict.settings.access import *  # noqa: F403
from smartdistrict.settings.api import *  # noqa: F403
from smartdistrict.settings.base import *  # noqa: F403
from smartdistrict.settings.domain import *  # noqa: F403
from smartdistrict.settings.feedback import *  # noqa: F403
from smartdistrict.settings.observability import *  # noqa: F403
from smartdistrict.settings.storage import *  # noqa: F403

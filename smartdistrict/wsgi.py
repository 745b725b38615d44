"""WSGI entry point for gunicorn: ``gunicorn smartdistrict.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
application = get_wsgi_application()

"""WSGI entry point for gunicorn and other servers."""

import os

from django.core.wsgi import get_wsgi_application

from councilplan.runtime import settle_after_startup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilplan.settings.dev")

application = get_wsgi_application()
settle_after_startup()

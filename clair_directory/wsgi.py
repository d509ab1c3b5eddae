"""WSGI entry point: gunicorn serves `clair_directory.wsgi:application`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clair_directory.settings")

application = get_wsgi_application()

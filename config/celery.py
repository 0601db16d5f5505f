"""The Celery application: Redis broker when REDIS_URL is set, in-process otherwise."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("clinician_commons")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

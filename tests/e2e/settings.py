"""Settings for the web server and Celery worker that the browser journeys start.

The project's own settings, plus what a test run of its own needs: a broker key
prefix and a cache prefix per run (several suites may share one Redis), mail
written to files the tests read, and static files served straight from the
finders (no collectstatic step before a run).
"""

from __future__ import annotations

import os

from config.settings import *  # noqa: F403
from config.settings import CACHES, CELERY_BROKER_TRANSPORT_OPTIONS

_RUN = os.environ.get("E2E_RUN_ID", "local")

CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "global_keyprefix": f"e2e-{_RUN}:",
}
CACHES["default"]["KEY_PREFIX"] = f"e2e-{_RUN}"

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("E2E_MAIL_DIR", "var/e2e-mail")

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False

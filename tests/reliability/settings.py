"""Settings for the processes the fault tests start: the project's, with a fast sweep.

Beat runs the unscreened-revision sweep every 3 seconds instead of every minute, so a
test sees recovery in seconds; everything else is production code and configuration.
"""

from __future__ import annotations

from datetime import timedelta

from config.settings import *  # noqa: F403
from config.settings import CELERY_BEAT_SCHEDULE

CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "sweep-unscreened-revisions": {
        **CELERY_BEAT_SCHEDULE["sweep-unscreened-revisions"],
        "schedule": timedelta(seconds=3),
    },
}

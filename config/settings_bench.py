"""Settings for `make bench`: production settings plus a bench-only URL module.

The bench URL module adds a bare "hello world" view (the throughput ceiling);
production URLs are unchanged because only this module points at it.
"""

from __future__ import annotations

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

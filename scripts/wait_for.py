"""Exit 0 when a service answers within N seconds: `wait_for.py postgres|redis URL SECONDS`."""

from __future__ import annotations

import sys
import time


def answers(kind: str, url: str) -> bool:
    try:
        if kind == "postgres":
            import psycopg

            conninfo = url.replace("postgres://", "postgresql://", 1)
            # Connect to the maintenance database: the test database may not exist yet.
            base = conninfo.rsplit("/", 1)[0] + "/postgres"
            with psycopg.connect(base, connect_timeout=2):
                return True
        if kind == "redis":
            import redis

            return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except Exception:
        return False
    raise SystemExit(f"unknown service kind {kind!r}")


def main() -> int:
    kind, url, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    deadline = time.monotonic() + seconds
    while True:
        if answers(kind, url):
            return 0
        if time.monotonic() > deadline:
            return 1
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())

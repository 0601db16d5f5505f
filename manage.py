#!/usr/bin/env python
import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["score_posts"]:
        # Screening needs no database and no app: skip the project's settings and
        # django.setup(), most of the command's cold start (detectors.jsonl).
        from detectors.jsonl import command_line

        sys.exit(command_line(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

"""The deploy's version: part of every cached HTML key, so a deploy never serves HTML that
older code rendered (templates, template tags, labels, the models they read).

`DEPLOY_VERSION` from the environment when set (a release tag, an image digest); else the
commit the code was checked out at (`git rev-parse HEAD`, read once at start); else, with
no git (an installed copy), a digest of the project's own code and templates.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

# What the cached HTML is made from: the apps' Python, the templates and the labels.
_CODE = ("accounts", "config", "detectors", "forum", "moderation", "notifications", "templates")
_SUFFIXES = {".py", ".html", ".txt", ".json"}


def git_commit(base: Path) -> str | None:
    """The commit `base` is checked out at, or None without git or a repository of its own
    (a copy inside some other repository is not that repository's commit)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel", "HEAD"],  # noqa: S607 -- git from PATH
            cwd=base,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) != 2 or Path(lines[0]).resolve() != base.resolve():
        return None
    return lines[1][:12]


def code_digest(base: Path) -> str:
    """A digest of every file of the project's code and templates (names and contents)."""
    digest = hashlib.blake2b(digest_size=8)
    for folder in _CODE:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in _SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return "code-" + digest.hexdigest()


def deploy_version(configured: str, base: Path) -> str:
    """`configured` (the DEPLOY_VERSION setting from the environment) if set, else the git
    commit, else the code's digest."""
    return configured.strip() or git_commit(base) or code_digest(base)

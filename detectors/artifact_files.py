"""Where a versioned model artifact lies: ``<stem>-<version>.npz`` with its ``.json`` in an
artifact directory, the deployed version named in a file there (``CURRENT``,
``CURRENT_WARNINGS``, ``CURRENT_OWN_DETAILS``). Shared by the three models' loaders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def artifact_files(
    directory: Path,
    stem: str,
    current_name: str,
    version: str | None,
    error: type[Exception],
) -> tuple[str, Path, dict[str, Any]]:
    """(version, arrays path, metadata) of the requested version, or of the one
    `current_name` names; `error` when either is missing."""
    if version is None:
        current = directory / current_name
        if not current.is_file():
            raise error(f"{current} does not exist; run make train")
        version = current.read_text(encoding="utf-8").strip()
    arrays_path = directory / f"{stem}-{version}.npz"
    meta_path = directory / f"{stem}-{version}.json"
    if not arrays_path.is_file() or not meta_path.is_file():
        raise error(f"no artifact {arrays_path.name} with its .json in {directory}")
    return version, arrays_path, json.loads(meta_path.read_text(encoding="utf-8"))

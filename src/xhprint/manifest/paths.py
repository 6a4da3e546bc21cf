"""Paths written in an issue folder's files: relative, inside the folder, existing.

manifest.md §1: every path in a manifest or story is relative to the issue folder
and must stay inside it; `../`, absolute paths and symlinks that resolve outside
are `missing-file` errors (preflight.md), as are files that do not exist.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath


def display_path(folder: Path, rel: str) -> str:
    """A file inside `folder` as the user would name it (folder as given, plus rel)."""
    return os.path.join(str(folder), rel) if str(folder) not in ("", ".") else rel


def inside_problem(folder: Path, rel: str) -> str | None:
    """Why `rel` may not be used inside `folder`, or None when it is a file inside it."""
    if not rel:
        return "the path is empty"
    if PurePosixPath(rel).is_absolute() or PureWindowsPath(rel).drive or rel.startswith("\\"):
        return f"{rel!r} is an absolute path; paths in an issue folder are relative to it"
    if ".." in PurePosixPath(rel.replace("\\", "/")).parts:
        return f"{rel!r} leaves the issue folder (..)"
    root = folder.resolve()
    target = (folder / rel).resolve()
    if not target.is_relative_to(root):
        return f"{rel!r} resolves outside the issue folder (symlink to {target})"
    if not target.is_file():
        return f"{rel!r} does not exist" if not target.exists() else f"{rel!r} is not a file"
    return None

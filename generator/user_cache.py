"""The folder where builds keep what saves time in the next process: compiled
templates and parsed fonts. A cache only saves time: outputs are the same with it,
without it, or with a damaged one, and a cache that cannot be used never fails a build.

Both caches are read back as code or objects, so the folder must be the user's own:
one that belongs to someone else, or that others may write to, is not used (as
Jinja2 does for its own default folder).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

CACHE_DIR_VARIABLE = "HEALTH_HANDOUTS_CACHE_DIR"
"""Set to a folder to keep the caches there; set to nothing to turn them off."""


def cache_root() -> Path | None:
    """$HEALTH_HANDOUTS_CACHE_DIR if set (empty: no cache; `~` and relative paths are
    expanded), else `health-handouts` in the user's cache folder ($XDG_CACHE_HOME or
    ~/.cache; %LOCALAPPDATA% on Windows). None when caching is off or there is no
    such folder to use."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured is not None:
        return Path(configured).expanduser().absolute() if configured else None
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", ""))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", ""))
        if not base.is_absolute():  # unset, or relative: the XDG spec says ignore it
            if os.environ.get("HOME") == "":  # Python would take "/" for it
                return None
            try:
                base = Path.home() / ".cache"
            except RuntimeError:  # no home folder to be found
                return None
    return base / "health-handouts" if base.is_absolute() else None


def cache_folder(kind: str) -> Path | None:
    """The cache folder for `kind` (`templates`, `fonts`), made private to the user if
    new; None when caching is off, or the folder cannot be made or is not private."""
    root = cache_root()
    if root is None:
        return None
    folder = root / kind
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder if _private(root) and _private(folder) else None
    except OSError:  # read-only home, a file in the way: build without a cache
        return None


def _private(folder: Path) -> bool:
    """Whether only this user can change what is in `folder`: it is theirs and neither
    group nor others may write to it. Always true where there are no user ids."""
    if not hasattr(os, "getuid"):
        return True
    status = folder.stat()
    return (
        stat.S_ISDIR(status.st_mode)
        and status.st_uid == os.getuid()
        and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )

"""The folder where builds keep what saves time in the next process: compiled
templates and parsed fonts. A cache only saves time: outputs are the same with it,
without it, or with a damaged one, and a cache that cannot be used never fails a build.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_DIR_VARIABLE = "HEALTH_HANDOUTS_CACHE_DIR"
"""Set to a folder to keep the caches there; set to nothing to turn them off."""


def cache_root() -> Path | None:
    """$HEALTH_HANDOUTS_CACHE_DIR if set (empty: no cache), else `health-handouts` in
    the user's cache folder ($XDG_CACHE_HOME or ~/.cache; %LOCALAPPDATA% on Windows).
    None when caching is off or there is no such folder to use."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured is not None:
        return Path(configured) if configured else None
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", ""))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", ""))
        if not base.is_absolute():  # unset, or relative: the XDG spec says ignore it
            try:
                base = Path.home() / ".cache"
            except RuntimeError:  # no home folder to be found
                return None
    return base / "health-handouts" if base.is_absolute() else None


def cache_folder(kind: str) -> Path | None:
    """The cache folder for `kind` (`templates`, `fonts`), made private to the user if
    new; None when caching is off or the folder cannot be made."""
    root = cache_root()
    if root is None:
        return None
    folder = root / kind
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:  # read-only home, a file in the way: build without a cache
        return None
    return folder

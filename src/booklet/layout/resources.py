"""Where the built-in layouts and fonts are: inside an installed wheel, or at the
top of a source checkout (editable installs and running from the repository)."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]   # src/booklet (this file is in layout/)


def builtin_dir(name: str) -> Path:
    """`layouts` or `fonts` as shipped with booklet."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name

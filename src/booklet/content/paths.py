"""Files a project names stay inside the project (or booklet's own data), and are regular files.

Every path written in content or a layout (`abstract_file`, `inserts`, covers, images, layout
names) is found through `confine`: an absolute path, `..` that climbs out, or a symlink whose
target is elsewhere is refused, and so is anything that is not a regular file (a folder, a
device such as /dev/zero, a FIFO), which would grow memory or hang when read.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

MAX_QUOTE = 80   # characters of a value that a message quotes


def quote(value, limit: int = MAX_QUOTE) -> str:
    """`value` as a message shows it: at most `limit` characters, on one line."""
    text = str(value).replace("\n", "⏎")
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Found:
    path: Path | None      # the file, resolved; None when refused or absent
    problem: str | None    # why it is refused ("is outside the project folder", ...); None: absent or found


def inside(path: Path, roots: Iterable[Path]) -> bool:
    """Whether the resolved `path` is within one of `roots` (resolved too)."""
    for root in roots:
        try:
            path.relative_to(root.resolve())
            return True
        except ValueError:
            continue
    return False


def confine(name: str, dirs: Iterable[Path], roots: Iterable[Path]) -> Found:
    """The file `name` (relative) in the first of `dirs` that has it, when it resolves inside
    one of `roots` and is a regular file."""
    roots, dirs = tuple(roots), tuple(dirs)
    if not name or Path(name).is_absolute() or name.startswith("~") or "\0" in name:
        return Found(None, "is an absolute path")
    for folder in dirs:
        candidate = folder / name
        if not os.path.lexists(candidate):
            continue
        try:
            resolved = candidate.resolve(strict=True)
        except (OSError, RuntimeError):      # a dangling or looping symlink
            return Found(None, "is a broken link")
        if not inside(resolved, roots):
            return Found(None, "is outside the project folder")
        return regular(resolved)
    if dirs and not inside(Path(os.path.normpath(dirs[0].resolve() / name)), roots):
        return Found(None, "is outside the project folder")   # climbs out, whether or not it is there
    return Found(None, None)


def regular(path: Path) -> Found:
    """`path` when it is a regular file (stat follows links)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return Found(None, f"cannot be read ({exc.strerror})")
    if stat.S_ISDIR(mode):
        return Found(None, "is a folder, not a file")
    if not stat.S_ISREG(mode):
        return Found(None, "is not a regular file (a device or a pipe)")
    return Found(path, None)


def hidden(path: Path, top: Path) -> bool:
    """A file under `top` whose name or any folder below `top` starts with '.' (macOS `._x`, `.DS_Store`,
    editors' swap files)."""
    try:
        parts = path.relative_to(top).parts
    except ValueError:
        parts = (path.name,)
    return any(part.startswith(".") for part in parts)

"""Locations, diagnostics and the exceptions the CLI turns into messages.

Every problem booklet reports about its input carries a `Loc` (file and line), so
an organiser can jump straight to it. Errors are collected by `Diagnostics` and
raised once, together, at the end of a stage.
"""
from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in an input file; line is 1-based, 0 when the whole file is meant."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, slots=True)
class Diagnostic:
    level: str  # "error" or "warning"
    loc: Loc | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.loc}: " if self.loc else ""
        text = f"{where}{self.level}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class BookletError(Exception):
    """A problem the user can fix; the CLI prints it without a traceback."""

    category = "Build error"

    def __init__(self, message: str = "", diagnostics: tuple[Diagnostic, ...] = ()):
        super().__init__(message)
        self.diagnostics = diagnostics

    def located(self) -> "BookletError":
        """This error, or the one it was made from with its diagnostics: ReportLab re-raises an
        error inside a flowable as type(e)(its own words + str(e)) (utils.annotateException)."""
        error = self
        while not error.diagnostics and isinstance(error.__context__, BookletError):
            error = error.__context__
        return error if error.diagnostics else self

    def __reduce__(self):
        """Pickled with its diagnostics: a part laid out in another process sends it whole."""
        return type(self), (super().__str__(), self.diagnostics)

    def __str__(self) -> str:
        lines = [str(d) for d in self.diagnostics]
        head = super().__str__()
        return "\n".join(([head] if head else []) + lines)


class ContentError(BookletError):
    category = "Content error"


class LayoutError(BookletError):
    category = "Layout error"


class FontError(BookletError):
    category = "Font error"


class AssemblyError(BookletError):
    category = "Assembly error"

class ImporterError(BookletError):
    """A source that cannot be imported, or an output folder that may not be written.

    The message names the file and, where the parser knows them, the line and column.
    """

    category = "Import error"


class OutputError(BookletError):
    """A file booklet cannot write, or read, because of the operating system: a read-only or full
    disk, a missing permission, a file where a folder should be. The message names the path."""

    category = "Output error"

    def __init__(self, message: str = "", diagnostics: tuple[Diagnostic, ...] = (), *, hint: str | None = None):
        super().__init__(message + (f"\n  hint: {hint}" if hint else ""), diagnostics)

    def __reduce__(self):
        return type(self), (Exception.__str__(self), self.diagnostics)

    @classmethod
    def from_os_error(cls, exc: OSError, path, doing: str = "cannot write") -> OutputError:
        reason, hint = os_reason(exc)
        return cls(f"{doing} {path}: {reason}", hint=hint)


_REASONS = {
    errno.EACCES: ("permission denied", "make the folder writable, or choose another one with -o"),
    errno.EPERM: ("permission denied", "make the folder writable, or choose another one with -o"),
    errno.EROFS: ("the disk is read-only", "choose a folder on a writable disk with -o"),
    errno.ENOSPC: ("the disk is full", "free some space on the disk, or choose another folder with -o"),
    errno.EDQUOT: ("the disk quota is used up", "free some space, or choose another folder with -o"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "choose another folder with -o"),
    errno.EEXIST: ("a file is in the way", "remove or rename it, or choose another folder with -o"),
    errno.EISDIR: ("it is a folder", "remove or rename the folder"),
    errno.ENOENT: ("no such file or folder", "check the path, or choose another folder with -o"),
    errno.ENAMETOOLONG: ("the name is too long", "choose a shorter path"),
}


def os_reason(exc: OSError) -> tuple[str, str | None]:
    """What an OSError means in words, and a hint."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return (exc.strerror or str(exc) or type(exc).__name__).lower(), None


@dataclass
class Diagnostics:
    """Collects errors and warnings of one build; `strict` turns warnings into errors."""

    strict: bool = False
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, loc: Loc | None, message: str, hint: str | None = None) -> None:
        self.items.append(Diagnostic("error", loc, message, hint))

    def warn(self, loc: Loc | None, message: str, hint: str | None = None) -> None:
        self.items.append(Diagnostic("warning", loc, message, hint))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "warning"]

    def raise_if_errors(self, kind: type[BookletError] = ContentError, *, final: bool = False) -> None:
        """Raise one exception listing every error so far, in file order.

        At the `final` check, before anything is written, `strict` counts warnings too.
        """
        errors = self.items if (final and self.strict) else self.errors
        if not errors:
            return
        ordered = sorted(errors, key=_file_order)
        noun = "problem" if len(ordered) == 1 else "problems"
        raise kind(f"{len(ordered)} {noun} found:", tuple(ordered))


def _file_order(d: Diagnostic) -> tuple[str, int]:
    return (d.loc.path, d.loc.line) if d.loc else ("", 0)


def display_path(path: Path, root: Path | None) -> str:
    """A path as the user will recognise it: relative to the project when inside it."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)

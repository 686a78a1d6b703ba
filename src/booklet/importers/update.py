"""`booklet import --update DIR [SOURCE]`: read the source again and merge it into DIR's content/.

    origin.recall(DIR) ─▶ source, format, mapping, base ─┐
    read_export(source) ─▶ theirs ───────────────────────┼─▶ merge.merge ─▶ changed files + report
    DIR/content (edited by hand) ────────────────────────┘

All or nothing: content/ is copied to a hidden folder inside DIR, the changes are made there and
checked the way `booklet check` loads a project, and only then is it swapped in: the previous
content/ (and what the project remembered of its source) is moved to
DIR/import-backup/<date-time>-update/, which the report names with the commands that restore it.
A failure before the swap leaves DIR as it was.
"""
from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ImporterError
from . import BACKUP_FOLDER, read_export
from .merge import Changes, merge
from .origin import FOLDER, recall, remember

REPORT_NAME = "import-update-report.txt"
_LISTED = 40         # lines listed per heading; the rest are counted (all of them are in the report file)


@dataclass
class Outcome:
    project: Path
    source: str
    format: str
    changes: Changes
    take_source: bool
    backup: Path | None = None
    problems: list[str] = field(default_factory=list)
    report_file: Path | None = None
    dry_run: bool = False

    @property
    def conflicts(self):
        return self.changes.conflicts

    def render(self, *, full: bool = False) -> str:
        c = self.changes
        lines = [f"updated {self.project} from {self.source} ({self.format})"]
        lines.append(f"  {len(c.taken)} changes taken from the source, {len(c.kept)} of your edits kept, "
                     f"{len(c.conflicts)} conflicts; {len(c.added)} added, {len(c.removed)} removed, "
                     f"{len(c.moved)} moved, {len(c.renamed)} persons renamed")
        side = "the source's value taken (--take-source)" if self.take_source else \
            "yours kept; rerun with --take-source to take the source's"
        sections = [
            (f"conflicts (changed here and in the source: {side}):", [x.render(self.take_source)
                                                                       for x in c.conflicts]),
            ("added in the source:", c.added),
            ("removed in the source:", c.removed),
            ("moved in the source (day, time, room):", c.moved),
            ("persons renamed in the source (every reference follows):", c.renamed),
            ("changed in the source, taken:", c.taken),
            ("your edits kept (the source did not change these):", c.kept),
            ("your additions kept:", c.yours),
            ("to look at:", c.notes),
        ]
        for heading, items in sections:
            if not items:
                continue
            lines.append(heading)
            shown = items if full else items[:_LISTED]
            lines.extend(f"  - {item}" for item in shown)
            if len(items) > len(shown):
                lines.append(f"  … and {len(items) - len(shown)} more (see {self.report_file or REPORT_NAME})")
        if self.dry_run:
            lines.append("nothing was changed (--dry-run): run it again without --dry-run to make these changes")
        elif self.backup is not None:
            p, b = shlex.quote(str(self.project)), shlex.quote(str(self.backup))
            lines.append(f"the previous content/ is in {self.backup}/content; to undo this update:")
            lines.append(f"  rm -r {p}/content {p}/{FOLDER} && mv {b}/content {p}/content && "
                         f"mv {b}/{FOLDER.name} {p}/{FOLDER}")
        else:
            lines.append("content/ is unchanged (nothing to merge)")
        if self.problems:
            lines.append("the merged project does not pass `booklet check`:")
            lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)


def update(project: Path, source: str | None = None, *, fmt: str | None = None, mapping: Path | None = None,
           take_source: bool = False, timeout: float | None = None, token_env: str | None = None,
           dry_run: bool = False) -> Outcome:
    project = Path(project)
    if not (project / "content").is_dir():
        raise ImporterError(f"{project}: no content/ folder here: --update takes a project made by "
                            "`booklet import SOURCE -o DIR`")
    origin = recall(project)
    _refuse_linked_folders(project)
    export = read_export(source or origin.source, fmt=fmt or (None if source else origin.format),
                         mapping=mapping or (Path(origin.mapping) if origin.mapping else None),
                         timeout=timeout, token_env=token_env or origin.token_env)
    result = merge(origin.base, export.files, project, take_source=take_source)
    outcome = Outcome(project, export.source, export.report.format, result.changes, take_source)
    if dry_run:
        outcome.dry_run = True
        return outcome
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    backup = _free(project / BACKUP_FOLDER / f"{stamp}-update")
    if result.files:
        outcome.problems = _apply(project, result.files, backup)
        outcome.backup = backup
        try:
            remember(project, export, base=result.base, previous_to=backup / FOLDER.name)
        except ImporterError as exc:   # content/ is merged already: say where the old one is
            raise ImporterError(f"{exc}\n  content/ is merged, but the base is still the previous import's; "
                                f"the content before the update is in {backup / 'content'}") from None
    else:
        remember(project, export, base=result.base)
    outcome.report_file = project / REPORT_NAME
    try:
        _write_atomically(outcome.report_file, outcome.render(full=True) + "\n")
    except OSError as exc:
        raise ImporterError(f"{outcome.report_file}: cannot write the report: {exc.strerror}") from None
    return outcome


def _free(path: Path) -> Path:
    n, candidate = 2, path
    while candidate.exists():
        candidate, n = path.with_name(f"{path.name}-{n}"), n + 1
    return candidate


def _apply(project: Path, files: dict[str, str | None], backup: Path) -> list[str]:
    """Make the changes in a copy of content/, check it, then swap it in; the old content/ goes to `backup`."""
    content = project / "content"
    tmp = Path(tempfile.mkdtemp(prefix=".content-update-", dir=project))
    try:
        staged = tmp / "content"
        shutil.copytree(content, staged, symlinks=True)
        for rel, text in files.items():
            path = staged / Path(rel).relative_to("content")
            if text is None:
                path.unlink(missing_ok=True)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_symlink():
                path.unlink()       # never write through a link into a file elsewhere
            path.write_text(text, encoding="utf-8", newline="\n")
        problems = _check_staged(project, staged)
        backup.mkdir(parents=True)
        os.replace(content, backup / "content")
        try:
            os.replace(staged, content)
        except OSError:
            os.replace(backup / "content", content)
            raise
        return problems
    except OSError as exc:
        raise ImporterError(f"{exc.filename or content}: cannot write the merged content: {exc.strerror}; "
                            "content/ is unchanged") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _refuse_linked_folders(project: Path) -> None:
    """A folder of content/ that is a link to one elsewhere: the merge would read it as yours, and
    write into it outside the project, before the check and the swap. Said before anything is read."""
    content = project / "content"
    for folder in sorted(p for p in content.rglob("*") if p.is_symlink() and p.is_dir()):
        raise ImporterError(f"{folder.relative_to(project)}: a link to {folder.resolve()}; an update reads and "
                            "writes the files of content/ itself, not through links to folders elsewhere\n"
                            "  hint: put a copy of that folder in content/ instead of the link, then update again")


def _check_staged(project: Path, staged: Path) -> list[str]:
    """`booklet check`'s content problems of the staged copy, named as they will be in content/."""
    shown = str(staged.relative_to(project)) if staged.is_relative_to(project) else str(staged)
    return [p.replace(shown, "content", 1) for p in _check_at(project, staged)]


def _check_at(project: Path, content: Path) -> list[str]:
    from ..content import loader
    from ..errors import Diagnostics
    diag = Diagnostics()
    loader.load(content, diag, root=project)
    return [str(d) for d in diag.errors]


def _write_atomically(path: Path, text: str) -> None:
    """`text` into `path` through a temporary file of its own beside it (two updates at once never
    share one), renamed into place."""
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)     # mkstemp's file is private; a report is the project's, like the rest
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""The pipeline as a table of contents: load → layout, fonts, styles → texts → typeset → assemble → editions → write.

Reads and validates everything before drawing anything, makes every edition
before writing any, and writes each file atomically: a failed build leaves the
previous booklet untouched.
"""
from __future__ import annotations

import dataclasses
import functools
import gc
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .content import compare, loader, selection, snapshot
from .errors import BookletError, ContentError, Diagnostic, Diagnostics, Loc, OutputError
from .layout import definition, fonts, styles
from .layout.templating import Templates
from .output import assemble, back_cover, editions, front_cover
from .sections import errata, running_order, title
from .text import dates
from .typeset import conversion, document, parts
from .typeset.context import SectionContext
from .typeset.crossref import PageRefs
from .typeset.progress import Progress

DEFAULT_LAYOUT = "a5"


@dataclass(frozen=True)
class BuildResult:
    pdf: Path                  # the email edition, or the first file written when it was not asked for
    pages: int                 # all pages of that file, covers included (0 for the .ics or .html alone: none laid out)
    body_pages: int
    refs: PageRefs             # anchor → printed page, as laid out
    warnings: tuple[Diagnostic, ...]
    timings: dict[str, float] = field(default_factory=dict)   # stage → s; keys with a colon time parts of render
    files: dict[str, Path] = field(default_factory=dict)      # edition (email, print, imposed, ics, html) → file
    counts: dict[str, int] = field(default_factory=dict)      # edition → pages (imposed: sheet sides, ics: events, html: contributions)
    stamp: snapshot.Stamp | None = None                        # the programme's version and its date


def _collecting_rarely(function):
    """Run `function` with the garbage collector looking for cycles every 50,000 allocations, not 700.

    A build makes millions of small objects that live to its end (content, flowables); with the
    default threshold the collector scanned them thousands of times, 7 % of a 5,000-contribution
    build. Cycles are still collected, in larger batches. The thresholds are restored afterwards."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        before = gc.get_threshold()
        gc.set_threshold(50_000, 20, 20)
        try:
            return function(*args, **kwargs)
        finally:
            gc.set_threshold(*before)
    return wrapper


def _located_errors(function):
    """Raise a BookletError with its diagnostics, as made, even when ReportLab re-raised it from
    inside a flowable with its own words around the message (see BookletError.located)."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except BookletError as exc:
            located = exc.located()
            if located is exc:
                raise
            raise located from None
    return wrapper


@_located_errors
@_collecting_rarely
def build(project: Path, *, layout: str = DEFAULT_LAYOUT, out_dir: Path | None = None,
          strict: bool = False, edition: str = "all", progress: Progress | None = None,
          jobs: int | None = None, only: Sequence[str] = (), changes_since: str | None = None,
          preview: bool = False) -> BuildResult:
    """Build the booklet; `edition` is email, print (with its imposed file), ics (the calendar), html (the
    web page) or all.
    `progress`, if given, hears of each stage and page as it begins or is done (see typeset/progress.py). `jobs` is how many
    processes may convert its texts and lay it out (default: the cores this process may use; two at
    most are used). `only` holds `--only` filters ("day=2026-06-15,room=semper", see content/selection.py):
    the booklet of what matches, in files named `<slug>-day-2026-06-15-room-semper…`, never the full
    booklet's. `changes_since` names an earlier version of the programme (its snapshot in
    out/versions/): the booklet gets a list of what changed since, and `<slug>-changes.pdf`, the same
    list on an errata sheet. `preview` (booklet serve) stamps the version a build into PROJECT/out
    would have, and saves no snapshot."""
    from . import __version__

    project = Path(project)
    timings: dict[str, float] = {}
    clock = _Clock(timings, progress)
    diag = Diagnostics(strict=strict)

    wanted = selection.parse(only)   # a mistyped filter is told before any content is read
    if only and changes_since is not None:
        raise BookletError("", (Diagnostic("error", Loc("--changes-since"), "cannot be combined with --only",
                                           "build the full booklet with --changes-since"),))
    conference = _load_content(project, diag)
    folder = out_dir or project / "out"
    saving = not (only or preview)   # a part's booklet and a preview leave the versions and errata alone
    release, changes = _versions(conference, project / "out" if preview else folder, changes_since, diag,
                                 saving=saving)
    chosen = selection.resolve(conference, wanted)
    conference = selection.select(conference, chosen)
    clock.lap("load")

    jobs = jobs or parts.cores()
    the_layout, sections, font_set, texts = _prepare(project, layout, conference, diag, jobs)
    ctx = _context(conference, the_layout, font_set, texts, diag,
                   selection=title.selection_line(chosen, the_layout.labels, conference.language))
    ctx = dataclasses.replace(ctx, stamp=release.stamp, changes=changes)
    if changes is not None and "changes" not in the_layout.sections:
        diag.warn(the_layout.loc, f"layout '{the_layout.name}' has no 'changes' among its sections: the booklet "
                  "does not list the changes (the errata sheet does)", "add `changes` to its `sections:` list")
    trim, bleed = the_layout.page_size, the_layout.printing.bleed
    covers = assemble.read_covers(the_layout.covers, trim, bleed, project, diag)
    names = editions.wanted(edition, the_layout.printing)
    laid_out = editions.laid_out(names)   # the PDFs; the calendar and the web page need only the content and its texts
    clock.lap("layout", then=None if laid_out else "editions")

    metadata = _metadata(conference, ctx.labels, __version__, ctx.selection)
    pages, body = [], document.Rendered(pdf=b"", pages=0, refs=PageRefs())   # stay so without a PDF edition
    if laid_out:
        body = document.render(ctx, sections, diag, metadata=metadata, progress=progress, jobs=jobs)
        clock.lap("render")
        timings.update(body.timings)   # the render stage in parts: each section composed, each laid out, the save

        inserts = the_layout.inserts + conference.inserts  # the layout's first, then the content's
        placed = assemble.place_inserts(inserts, the_layout.sections, body.refs.pages, body.pages, trim, bleed,
                                        project, diag)
        covers = assemble.add_cover_text(covers, front_cover.render(ctx))
        covers = assemble.add_back_cover_logos(covers, back_cover.render(ctx))
        pages = assemble.sequence(body.pages, covers, placed, ctx.labels.get("insert", "Insert"))
        clock.lap("assemble")

    made = editions.make(names, pages, body.pdf, ctx,
                         back_covers=len(covers.back), metadata=metadata, language=conference.language, diag=diag)
    sheet = errata.render(ctx, diag, metadata=metadata) if changes is not None else None
    diag.raise_if_errors(ContentError, final=True)  # --strict: warnings stop the build before anything is written
    slug = conference.slug + chosen.suffix   # a filtered booklet never overwrites the full one
    files, counts, contents = _output(folder, slug, names, made, sheet, release, saving=saving)
    write_all(contents)
    clock.lap("editions")
    first = "email" if "email" in files else next(iter(files))
    pages_of_first = counts[first] if laid_out else 0   # --edition ics/html: no page laid out
    return BuildResult(files[first], pages_of_first, body.pages, body.refs, tuple(diag.warnings),
                       timings, files, counts, release.stamp)


def check(project: Path, *, layout: str = DEFAULT_LAYOUT, strict: bool = False):
    """`booklet check`: everything `build` checks before it lays a page out (the content, the layout
    and its words for the content's language, fonts, every text and the glyphs it needs, the
    styles, the covers), so that `check --strict` fails where `build --strict` would before layout.
    Returns the conference and the warnings."""
    project = Path(project)
    diag = Diagnostics(strict=strict)
    conference = _load_content(project, diag)
    the_layout, _, font_set, _ = _prepare(project, layout, conference, diag, jobs=1)
    styles.build(the_layout, font_set, conference.language, diag)
    assemble.read_covers(the_layout.covers, the_layout.page_size, the_layout.printing.bleed, project, diag)
    diag.raise_if_errors(ContentError, final=True)
    return conference, tuple(diag.warnings)


def prepare(project: Path, *, layout: str = DEFAULT_LAYOUT, diag: Diagnostics, jobs: int = 1,
            abstracts: bool = True) -> SectionContext:
    """What the sections are given, for commands that lay out pages of their own from the whole
    programme (handouts/: door signs, day sheets, posters, agendas): the content loaded and checked,
    the layout, its fonts and styles, every text converted. Raises a BookletError on any problem.
    `abstracts=False`: for pages that print none, the abstracts and organiser's pages are left out
    of the context, neither converted nor checked for characters the fonts lack."""
    conference = _load_content(project, diag)
    if not abstracts:
        conference = _without_abstracts(conference)
    the_layout, _, font_set, texts = _prepare(project, layout, conference, diag, jobs)
    return _context(conference, the_layout, font_set, texts, diag)


def _context(conference, the_layout, font_set, texts, diag: Diagnostics, selection: str = "") -> SectionContext:
    from . import __version__

    return SectionContext(
        conference=conference, layout=the_layout, styles=styles.build(the_layout, font_set, conference.language, diag),
        fonts=font_set, labels=the_layout.labels, templates=Templates(list(the_layout.dirs)),
        dates=dates.date_range(conference.start, conference.end, conference.language),
        day_names={s.day: dates.day_name(s.day, conference.language) for s in conference.sessions if s.day},
        short_day_names={d: dates.short_day(d, conference.language) for d in conference.days},
        version=__version__, refs=PageRefs(), texts=texts, selection=selection)


def _without_abstracts(conference):
    sessions = tuple(dataclasses.replace(s, contributions=tuple(
        dataclasses.replace(c, abstract=None, abstract_loc=None, images=()) for c in s.contributions))
        for s in conference.sessions)
    return dataclasses.replace(conference, sessions=sessions, pages=())


def _load_content(project: Path, diag: Diagnostics):
    conference = loader.load(project / "content", diag, root=project)
    diag.raise_if_errors(ContentError)
    return conference


def _output(folder: Path, slug: str, names, made, sheet, release, *, saving: bool):
    """The files of this build: edition → path and → its count (pages, events…), and every path to
    write with its bytes, or None for a file to remove."""
    files, counts = {}, {}
    for made_edition in made:
        files[made_edition.name] = folder / editions.file_name(slug, made_edition.name)
        counts[made_edition.name] = made_edition.pages
    contents = {files[m.name]: m.data for m in made}
    # An edition asked for but not made (the calendar of a programme without times) must not
    # leave the previous build's file beside this build's.
    contents |= {folder / editions.file_name(slug, name): None for name in names if name not in files}
    if sheet:
        files["changes"], counts["changes"] = folder / f"{slug}-changes.pdf", sheet.pages
        contents[files["changes"]] = sheet.pdf
    elif saving:   # the errata of an earlier --changes-since would read as this build's
        contents[folder / f"{slug}-changes.pdf"] = None
    # The snapshot goes with the booklet (a PDF edition).
    if release.data and saving and {"email", "print"} & set(files):
        contents[release.path] = release.data
    return files, counts, contents


def _versions(conference, folder: Path, changes_since: str | None, diag: Diagnostics, *, saving: bool):
    """This build's version of the programme (content/snapshot.py), and what changed since
    `changes_since` (None when not asked). A build that saves its snapshot over that of a version
    named in conference.yaml, with another programme, is warned."""
    history = folder / snapshot.FOLDER
    release = snapshot.release(conference, history)
    if release.replaces and saving:
        diag.warn(conference.loc, f"version {release.stamp.version} was saved with another programme; its "
                  "snapshot now holds this one, so --changes-since cannot show what changed since that print",
                  "if that version went to print, raise `version:` before building the changed programme")
    if changes_since is None:
        return release, None
    earlier = snapshot.earlier(history, conference.slug, changes_since, release)
    return release, compare.compare(earlier.programme, release.programme, earlier.stamp, release.stamp)


def _prepare(project: Path, layout: str, conference, diag: Diagnostics, jobs: int):
    """The layout with the organiser's pages among its sections, its fonts, and every content
    string converted to markup (characters no font has are found here)."""
    the_layout = definition.load(layout, project, conference.language, diag)
    the_layout, sections = running_order(the_layout, conference)
    font_set = fonts.register(the_layout, project, diag)
    texts = conversion.prepare(conference, font_set, the_layout, diag, jobs)
    diag.raise_if_errors(ContentError)   # an image width that is not one
    return the_layout, sections, font_set, texts


def _metadata(conference, labels, version: str, selection: str) -> dict[str, str]:
    subject = " · ".join(part for part in (labels.get("subtitle", ""), selection) if part)
    return {"Title": conference.title, "Subject": subject,
            "Author": ", ".join(conference.organisers) or conference.title,
            "Creator": f"booklet {version}", "Keywords": conference.short or ""}


# Editions are written as a set: each to a temporary name next to its file, then all renamed; a
# file they replace is first moved to a backup name, so a failure puts every old file back. A build
# killed half-way leaves hidden files with these endings, and the next build removes them.
TEMPORARY, BACKUP = ".booklet-new", ".booklet-old"


def write_all(files: dict[Path, bytes | None]) -> None:
    """Write every file of `files`, or none: out/ then holds all of them, or what it held before.
    A file whose bytes are None is one this build does not make: a file of that name is removed
    with the rest, or kept when they are. An operating-system error (a read-only or full disk,
    `out` being a file) is an OutputError naming the path."""
    for folder in {path.parent for path in files}:
        _make_folder(folder)
        _remove_leftovers(folder, [path.name for path in files if path.parent == folder])
    for path in files:
        if path.is_dir():
            raise OutputError(f"cannot write {path}: a folder of that name is in the way",
                              hint="remove or rename that folder, or choose another one with -o")
    written: dict[Path, Path] = {}       # file → its temporary
    moved: dict[Path, Path] = {}         # file → its backup
    done: list[Path] = []
    try:
        for path, data in files.items():
            if data is not None:
                written[path] = _write_temporary(path, data)
        for path in files:
            if path.exists():
                moved[path] = _backup_name(path)
                _step(os.replace, path, moved[path], path=path)
            if path in written:
                _step(os.replace, written[path], path, path=path)
                done.append(path)
    except BaseException:
        for path in done:
            if path not in moved:
                path.unlink(missing_ok=True)
        for path, backup in moved.items():
            try:
                os.replace(backup, path)
            except OSError:
                pass                     # left with its backup name; the error below names the file
        for tmp in written.values():
            tmp.unlink(missing_ok=True)
        raise
    for backup in moved.values():
        backup.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to `path`, then rename over it: readers never see half a file."""
    write_all({path: data})


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot write into {folder}: it is a file, not a folder",
                          hint="remove or rename that file, or choose another folder with -o")
    _step(lambda: folder.mkdir(parents=True, exist_ok=True), path=folder, doing="cannot make the folder")


def _remove_leftovers(folder: Path, names: list[str]) -> None:
    """Temporary and backup files that a killed build left of the files `names`; nothing else, since
    `-o` may name a folder that holds other people's files too."""
    mine = tuple(f".{name}." for name in names)
    try:
        leftovers = [p for p in folder.iterdir()
                     if p.name.startswith(mine) and p.name.endswith((TEMPORARY, BACKUP, ".tmp"))]  # .tmp: older booklets
    except OSError:
        return
    for path in leftovers:
        try:
            path.unlink()
        except OSError:
            pass


def _write_temporary(path: Path, data: bytes) -> Path:
    def write() -> Path:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(name, 0o666 & ~_umask())   # mkstemp makes the file private; a booklet is for sharing
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return Path(name)
    return _step(write, path=path)


def _backup_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{BACKUP}")


def _step(function, *args, path: Path, doing: str = "cannot write"):
    """`function(*args)`, with an OSError turned into an OutputError naming `path`."""
    try:
        return function(*args)
    except OSError as exc:
        raise OutputError.from_os_error(exc, path, doing) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _Clock:
    """Times the stages of build(), one lap each, and tells `progress` which stage begins."""
    FOLLOWS = {"load": "layout", "layout": "render", "render": "assemble", "assemble": "editions"}

    def __init__(self, timings: dict[str, float], progress: Progress | None = None):
        self.timings, self.progress, self.last = timings, progress, time.perf_counter()
        self._begin("load")

    def lap(self, stage: str, then: str | None = None) -> None:
        """`stage` is done; `then` (else the stage that follows it) begins."""
        now = time.perf_counter()
        self.timings[stage] = now - self.last
        self.last = now
        self._begin(then or self.FOLLOWS.get(stage))

    def _begin(self, stage: str | None) -> None:
        if stage and self.progress:
            self.progress(stage, 0)

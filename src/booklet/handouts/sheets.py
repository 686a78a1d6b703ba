"""`booklet sheets [PROJECT] --kind door|day|poster|all`: the printed handouts, into out/sheets/.

The project is loaded and checked as `build` loads it (`build.prepare`); each kind's module
turns the SectionContext and its layout block (`sheets:` in layout.yaml, layout/sheet_settings.py)
into PDF files; all files of one run are written as a set, atomically (`build.write_all`).
What the kinds share lives here: the command, a canvas set up for embedded fonts only, the sessions
of a room and a day, and file names.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from ..build import DEFAULT_LAYOUT, prepare, write_all
from ..content.model import Room, Session
from ..errors import ContentError, Diagnostic, Diagnostics, LayoutError, Loc
from ..layout.sheet_settings import KINDS, POSTER_SIZES, SHEET_SIZES, SheetSpec, turned
from ..options import count, print_warnings, project_arg

FOLDER = "sheets"


@dataclass(frozen=True)
class Sheet:
    """One PDF file of handouts."""

    name: str          # file name inside out/sheets/
    data: bytes
    pages: int


@dataclass(frozen=True)
class SheetsResult:
    files: dict[Path, int]                # file → pages
    warnings: tuple[Diagnostic, ...]
    removed: tuple[Path, ...] = ()        # an earlier run's files of these kinds that this run does not make


def register(commands) -> None:
    """The `sheets` sub-command (called from cli.py's parser)."""
    p = commands.add_parser(
        "sheets", help="print handouts: door signs, day sheets, a poster, into PROJECT/out/sheets/",
        description="Write printed handouts from the programme into PROJECT/out/sheets/: door signs (one PDF "
                    "per room, a page per day), day sheets (one page per day, every room), and a poster of the "
                    "whole conference. Sizes, fonts and type sizes come from the layout's `sheets:` block.")
    project_arg(p)
    p.add_argument("--kind", action="append", choices=(*KINDS, "all"), default=[],
                   help="door: a sign per room and day; day: a sheet per day with every room; poster: the "
                        "whole conference on one large page; all (default): every kind. Repeatable")
    p.add_argument("--size", choices=POSTER_SIZES, default=None,
                   help="the poster's paper size (default: the layout's `sheets: poster: size`, A1)")
    p.add_argument("--layout", default=DEFAULT_LAYOUT,
                   help=f"layout name (default: {DEFAULT_LAYOUT})")
    p.add_argument("-o", "--out", type=Path, help="output folder (default: PROJECT/out/sheets)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    p.set_defaults(run=_run)


def _run(args) -> int:
    result = make(args.project, kinds=args.kind, layout=args.layout, out_dir=args.out, poster_size=args.size,
                  strict=args.strict)
    print_warnings(result.warnings)
    if not args.quiet:
        for path, pages in result.files.items():
            print(f"wrote {path} ({count(pages, 'page')}, {path.stat().st_size / 1024:.0f} KB)")
        for path in result.removed:
            print(f"removed {path} (an earlier run's; this programme no longer makes it)")
    return 0


def make(project: Path, *, kinds=(), layout: str = DEFAULT_LAYOUT, out_dir: Path | None = None,
         poster_size: str | None = None, strict: bool = False) -> SheetsResult:
    """Write the handouts of `kinds` (door, day, poster; none or "all": every kind)."""
    from . import day, door, foyer  # the kinds import this module for what they share

    project = Path(project)
    wanted = [k for k in KINDS if not kinds or "all" in kinds or k in kinds]
    diag = Diagnostics(strict=strict)
    ctx = prepare(project, layout=layout, diag=diag, abstracts=False)   # no sheet prints an abstract
    diag.raise_if_errors(ContentError)
    if not any(s.timed for s in ctx.conference.sessions):
        raise ContentError("", (Diagnostic(
            "error", Loc("content/"), "the programme has no session with a day, a start and an end: "
                                      "there is nothing to print on a door sign, a day sheet or a poster",
            "give the sessions `day:`, `start:` and `end:`"),))
    makers = {"door": lambda: door.make(ctx, ctx.layout.sheets.door),
              "day": lambda: day.make(ctx, ctx.layout.sheets.day),
              "poster": lambda: foyer.make(ctx, _poster_spec(ctx.layout.sheets.poster, poster_size), diag)}
    sheets = [sheet for kind in wanted for sheet in makers[kind]()]
    diag.raise_if_errors(ContentError, final=True)
    folder = out_dir or project / "out" / FOLDER
    files = {folder / sheet.name: sheet for sheet in sheets}
    # Only booklet's own folder is tidied: -o may name a folder of the user's, where a file called
    # door-codes.pdf is theirs, not a sign of ours.
    stale = stale_files(folder, wanted, files) if out_dir is None else ()
    write_all({**{path: sheet.data for path, sheet in files.items()}, **dict.fromkeys(stale)})
    return SheetsResult({path: sheet.pages for path, sheet in files.items()}, tuple(diag.warnings), stale)


# The names booklet gives the files of a kind that depends on the programme: a room's sign, a day's
# sheet. The poster is named by its paper size, and a poster of another size is not stale.
OWN_NAMES = {"door": re.compile(r"door-[A-Za-z0-9._-]+\.pdf"), "day": re.compile(r"day-\d{4}-\d\d-\d\d\.pdf")}


def stale_files(folder: Path, kinds, files: dict) -> tuple[Path, ...]:
    """The files in `folder` named as booklet names a sign or sheet of `kinds` that this run does
    not write: a room without sessions any more, a day taken out. Nothing else is touched."""
    if not folder.is_dir():
        return ()
    patterns = [OWN_NAMES[kind] for kind in kinds if kind in OWN_NAMES]
    return tuple(sorted(path for path in folder.iterdir()
                        if path.is_file() and path not in files
                        and any(pattern.fullmatch(path.name) for pattern in patterns)))


def _poster_spec(spec: SheetSpec, size: str | None) -> SheetSpec:
    """The layout's poster block, at `--size` when given (turned as the layout turns it)."""
    if size is None:
        return spec
    landscape = spec.page[0] > spec.page[1]
    return replace(spec, size_name=size, page=turned(SHEET_SIZES[size], landscape))


def new_canvas(ctx, spec: SheetSpec, title: str) -> tuple[Canvas, io.BytesIO]:
    """A canvas of the kind's page size whose every font is one of the layout's (embedded, never
    ReportLab's Helvetica), dated by SOURCE_DATE_EPOCH like the booklet (invariant)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=spec.page, invariant=1, initialFontName=font(ctx, spec))
    conference = ctx.conference
    canvas.setTitle(f"{conference.title}: {title}")
    canvas.setAuthor(", ".join(conference.organisers) or conference.title)
    canvas.setSubject(title)
    canvas.setCreator(f"booklet {ctx.version}")
    return canvas, buffer


def font(ctx, spec: SheetSpec, face: str = "") -> str:
    """The registered name of the kind's font family in `face` ("", "bold", "italic")."""
    role = f"{spec.font}-{face}" if face else spec.font
    if role not in ctx.fonts:
        families = sorted(r for r in ctx.fonts.names if "-" not in r)
        raise LayoutError("", (Diagnostic(
            "error", spec.loc or ctx.layout.loc, f"sheets: {spec.kind}: font '{role}' is not one of the layout's fonts",
            f"name a family of `fonts:` with a regular and a bold face, one of: {', '.join(families)}"),))
    return ctx.fonts.resolve(role)


def sessions_of(conference, room: Room, day) -> list[Session]:
    """The sessions of `room` on `day`, in time order, with those for every room (a keynote, a
    break); empty when the room has none of its own that day (it gets no door sign)."""
    mine = [s for s in conference.sessions if s.day == day and room in s.rooms]
    if not mine:
        return []
    everyone = [s for s in conference.sessions if s.day == day and s.timed and not s.rooms and not s.location]
    return sorted(mine + everyone, key=time_order)


def time_order(session: Session):
    """Timed sessions by their start (a night session's times past midnight after the evening),
    untimed ones after them in file order."""
    return (0, session.span[0], session.span[1]) if session.timed else (1, 0, 0)


def file_part(text: str) -> str:
    """`text` as part of a file name: letters, digits, dots, hyphens and underscores."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "x"


def unique_part(text: str, taken: set[str]) -> str:
    """`file_part(text)`, with -2, -3 … when another's is the same, in capitals or not (ids `Main`
    and `main`, or `hall` and `hall.`, are two rooms but would be one file on a Mac or Windows)."""
    base = part = file_part(text)
    n = 1
    while part.casefold() in taken:
        n += 1
        part = f"{base}-{n}"
    taken.add(part.casefold())
    return part

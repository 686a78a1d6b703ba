"""`booklet agenda`: personal agendas, short PDFs of chosen talks in the booklet's typography.

An agenda is what one reader will attend: contributions and whole sessions, chosen by id, from a
file or a calendar (picks.py), or everything one person presents, co-authors or chairs
(`--person ID`), or that for every such person at once (`--person all`, the mail-merge case, with a
progress bar on a terminal). What is on an agenda and its pages: itinerary.py.

Content, layout, fonts and texts are loaded once (`build.prepare`, without the abstracts, which
no agenda prints); each agenda is then one small document. `--person all` shares that work across
persons and, with two cores, lays out every other person's agenda in a second process
(typeset.parts.forked). Each file is written atomically, as it is made.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..build import DEFAULT_LAYOUT, prepare, write_atomically
from ..content.model import Person
from ..errors import BookletError, ContentError, Diagnostic, Diagnostics, Loc
from ..options import count, positive, print_warnings, project_arg
from ..typeset import parts
from . import picks
from .itinerary import Agenda, Item, find_person, person_items, plan, render

FOLDER = "agendas"          # under the project's out/


@dataclass(frozen=True)
class Written:
    path: Path
    pages: int
    items: int
    clashes: int


def make(project: Path, *, ids: str | None = None, source: Path | None = None, person: str | None = None,
         title: str | None = None, out: Path | None = None, layout: str = DEFAULT_LAYOUT,
         strict: bool = False) -> tuple[Written, tuple[Diagnostic, ...]]:
    """One agenda: of the items `ids` or the file `source` names, or of `person` (an id or a name)."""
    project = Path(project)
    wanted = _wanted(ids, source)    # a file that cannot be read is told before the content is loaded
    diag = Diagnostics(strict=strict)
    ctx = prepare(project, layout=layout, diag=diag, abstracts=False)
    conference = ctx.conference
    if person is not None:
        who = find_person(conference, person)
        items = person_items(conference).get(who.id, [])
        if not items:
            raise ContentError("", (Diagnostic("error", Loc("--person"), f"{who.name} ({who.id}) chairs, presents and "
                                               "co-authors nothing in the programme", "a person only on a committee, "
                                               "or only in people.yaml, has no agenda"),))
        agenda = Agenda(who.id, title or who.name, plan(items))
    else:
        items = [Item(c.session, c.contribution) for c in picks.resolve(conference, wanted)]
        agenda = Agenda(source.stem if source else "agenda", title or ctx.labels["agenda"], plan(items))
    data, pages = render(ctx, agenda, diag)
    diag.raise_if_errors(ContentError, final=True)
    path = _path(out, project, agenda.name)
    write_atomically(path, data)
    return Written(path, pages, len(agenda.entries), agenda.clashes), tuple(diag.warnings)


def _wanted(ids: str | None, source: Path | None) -> list[picks.Pick]:
    wanted = picks.from_option(ids) if ids is not None else []
    if ids is not None and not wanted:
        raise ContentError("", (Diagnostic("error", picks.OPTION, "names no contribution or session",
                                           "give ids separated by commas: --ids talk-1,talk-2"),))
    if source is not None:
        wanted += picks.from_file(source)
    return wanted


def _path(out: Path | None, project: Path, name: str) -> Path:
    """`-o FILE.pdf`, or NAME.pdf in the folder `-o` names, or in the project's out/agendas/."""
    if out is not None and out.suffix.lower() == ".pdf":
        return out
    return (out or project / "out" / FOLDER) / f"{name}.pdf"


def make_all(project: Path, *, out: Path | None = None, layout: str = DEFAULT_LAYOUT,
             strict: bool = False, jobs: int | None = None,
             progress: Callable[[int, int], None] | None = None) -> tuple[list[Path], tuple[Diagnostic, ...]]:
    """An agenda for every person who chairs, presents or co-authors something, in
    `out/agendas/<person id>.pdf`: the content, layout and fonts loaded once, and with `jobs` of 2
    every other person laid out in a second process. `progress(done, total)` hears of each file."""
    project = Path(project)
    if out is not None and out.suffix.lower() == ".pdf":
        raise BookletError("", (Diagnostic("error", Loc("-o"), f"'{out}' is a file name, and --person all writes "
                                           "one file per person", "give a folder with -o"),))
    diag = Diagnostics(strict=strict)
    ctx = prepare(project, layout=layout, diag=diag, abstracts=False)
    diag.raise_if_errors(ContentError, final=True)
    by_person = person_items(ctx.conference)
    people = [p for p in ctx.conference.people if p.id in by_person]
    folder = out or project / "out" / FOLDER
    jobs = min(jobs or parts.cores(), 2)
    if jobs < 2 or len(people) < 2 or not parts.can_fork():
        return _write_agendas(ctx, people, by_person, folder, diag, progress, total=len(people)), \
            tuple(diag.warnings)
    import multiprocessing
    done_elsewhere = multiprocessing.Value("i", 0, lock=False)   # the second process's count, for the bar

    def second_half():
        child = Diagnostics(strict=strict)
        paths = _write_agendas(ctx, people[1::2], by_person, folder, child,
                               lambda done, total: setattr(done_elsewhere, "value", done))
        return paths, child.items

    with parts.forked(second_half) as second:
        report = (lambda done, total: progress(done + done_elsewhere.value, len(people))) if progress else None
        mine = _write_agendas(ctx, people[0::2], by_person, folder, diag, report)
        theirs, their_diagnostics = second()
    diag.items += their_diagnostics
    if progress:
        progress(len(people), len(people))
    paths = [path for pair in zip(mine, theirs) for path in pair] + mine[len(theirs):]
    return paths, tuple(diag.warnings)


def _write_agendas(ctx, people: list[Person], by_person: dict[str, list[Item]], folder: Path, diag: Diagnostics,
                   progress: Callable[[int, int], None] | None, total: int | None = None) -> list[Path]:
    paths = []
    for number, person in enumerate(people, 1):
        data, _ = render(ctx, Agenda(person.id, person.name, plan(by_person[person.id])), diag)
        diag.raise_if_errors(ContentError, final=True)
        path = folder / f"{person.id}.pdf"
        write_atomically(path, data)
        paths.append(path)
        if progress:
            progress(number, total or len(people))
    return paths


def register(commands) -> None:
    """The `agenda` sub-command (called from cli.py's parser)."""
    p = commands.add_parser(
        "agenda", help="a personal agenda PDF: chosen talks (--ids, --from) or a person's own (--person)",
        description="Write a short PDF of chosen talks in time order, with room and time, a grid of each day "
                    "that marks them, and clashes marked; or everything a person presents, co-authors or chairs.")
    project_arg(p)
    p.add_argument("--ids", metavar="ID[,ID...]",
                   help="contribution ids, session ids (the whole session) or their web addresses, comma-separated")
    p.add_argument("--from", dest="source", type=Path, metavar="FILE",
                   help="a file of ids, one a line (# comments), or an .ics calendar whose events carry the "
                        "contributions' UIDs (booklet's own calendar) or URLs; writes out/agendas/FILE-NAME.pdf")
    p.add_argument("--person", metavar="ID|all",
                   help="the agenda of a person (id, or name as printed): what they present, co-author or chair; "
                        "`all`: one file per such person, out/agendas/<person id>.pdf")
    p.add_argument("--title", help="the agenda's title (default: 'Personal agenda', or the person's name)")
    p.add_argument("-o", "--out", type=Path,
                   help="the PDF to write (a name ending in .pdf) or the folder for it (default: PROJECT/out/agendas)")
    p.add_argument("--layout", default=DEFAULT_LAYOUT, help=f"layout name (default: {DEFAULT_LAYOUT})")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems, and no progress bar")
    p.add_argument("-j", "--jobs", type=positive, default=None,
                   help="processes for --person all (default: the cores available; 2 at most are used)")
    p.set_defaults(run=_run)


def _run(args) -> int:
    if args.person is not None and (args.ids is not None or args.source is not None):
        raise BookletError("", (Diagnostic("error", Loc("--person"), "a person's agenda is chosen by the person",
                                           "give --person alone, or --ids/--from alone"),))
    if args.person == "all" and args.title:
        raise BookletError("", (Diagnostic("error", Loc("--title"), "--person all titles each agenda with its "
                                           "person's name", "leave --title out"),))
    if args.person is None and args.ids is None and args.source is None:
        raise BookletError("", (Diagnostic("error", None, "say what goes on the agenda",
                                           "give --ids ID,ID..., --from FILE (ids or .ics) or --person ID|all"),))
    if args.person == "all":
        with _progress_bar(sys.stderr, quiet=args.quiet, unit="agenda") as bar:
            paths, warnings = make_all(args.project, out=args.out, layout=args.layout, strict=args.strict,
                                       jobs=args.jobs, progress=bar)
        print_warnings(warnings)
        if not args.quiet:
            where = paths[0].parent if paths else args.out or args.project / "out" / FOLDER
            print(f"wrote {count(len(paths), 'agenda')} into {where}")
        return 0
    written, warnings = make(args.project, ids=args.ids, source=args.source, person=args.person,
                             title=args.title, out=args.out, layout=args.layout, strict=args.strict)
    print_warnings(warnings)
    if not args.quiet:
        clashes = f", {count(written.clashes, 'clash', 'clashes')}" if written.clashes else ""
        print(f"wrote {written.path} ({count(written.pages, 'page')}, {count(written.items, 'item')}{clashes})")
    return 0


@contextmanager
def _progress_bar(stream: TextIO, *, quiet: bool, unit: str):
    """A callback `(done, total)` drawing a progress bar on `stream` when it is a terminal and not
    `quiet` (a bar in a log file is noise); it is closed on the way out, also after a failure."""
    bars = []

    def show(done: int, total: int) -> None:
        if not bars:
            from tqdm import tqdm   # here: only a terminal run draws a bar
            # no monitor thread: a process with a thread may not fork (typeset.parts.can_fork)
            tqdm.monitor_interval = 0
            bars.append(tqdm(total=total, unit=f" {unit}s", file=stream, leave=False, dynamic_ncols=True))
        bars[0].update(done - bars[0].n)

    try:
        yield show if not quiet and getattr(stream, "isatty", lambda: False)() else None
    finally:
        if bars:
            bars[0].close()



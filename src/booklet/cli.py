"""`booklet build | agenda | check | new | serve | list-layouts | list-fonts | import`: parse arguments, run, report.

The one place that turns a BookletError into a message and an exit code; any other exception
is a bug, shown with its traceback only under --verbose. On a terminal, a status line shows which
stage a build is in and how many pages are laid out (`StatusLine`).
"""
from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TextIO

from . import __version__, importers, starter
from .build import DEFAULT_LAYOUT, build, check
from .errors import BookletError, ContentError, Diagnostic, Loc, os_reason
from .handouts import agenda
from .handouts import sheets as handout_sheets
from .layout import definition, fonts
from .options import count, positive, print_warnings, project_arg
from .output import editions


def main(argv: list[str] | None = None) -> int:
    _forgiving_streams()
    args = _parser().parse_args(argv)
    try:
        _check_environment(args)
        return args.run(args)
    except BookletError as exc:
        print(f"{exc.category}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:          # `booklet list-fonts | head`: the reader has what it wanted
        _silence_stdout()
        return 0
    except OSError as exc:           # the operating system said no: a user's problem, not a bug
        reason, hint = os_reason(exc)
        where = f" {exc.filename}" if exc.filename else ""
        print(f"Error: cannot use{where}: {reason}" + (f"\n  hint: {hint}" if hint else ""), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the previous booklet is unchanged", file=sys.stderr)
        return 130
    except Exception:  # a bug in booklet, not in the user's files
        if args.verbose:
            traceback.print_exc()
        else:
            print(f"Internal error: {sys.exc_info()[1]!r}\n  This is a bug in booklet; "
                  "run again with --verbose and report the traceback.", file=sys.stderr)
        return 2


def _forgiving_streams() -> None:
    """Print what cannot be encoded (a file name in a terminal whose encoding lacks a letter of it)
    as backslash escapes, rather than failing on it."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):   # not a text stream of io's kind, or closed
            pass


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so that Python's flush at exit stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _check_environment(args) -> None:
    """Settings outside the arguments that would otherwise fail deep inside a build, and a project
    folder that is really its content folder."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip() and not epoch.strip().isdigit():
        raise BookletError("", (Diagnostic(
            "error", Loc("SOURCE_DATE_EPOCH"), f"is {epoch[:40]!r}, not a whole number of seconds since 1970-01-01",
            "set it to a number such as $(git log -1 --format=%ct), or unset it"),))
    project = getattr(args, "project", None)
    if args.run in (_build, _check) and project is not None and not (project / "content").is_dir() \
            and (project / "conference.yaml").is_file():
        above = os.path.normpath(project / "..")
        raise ContentError("", (Diagnostic(
            "error", Loc(str(project)), "this is a content folder, not a project folder (it holds conference.yaml)",
            f"run `booklet {'build' if args.run is _build else 'check'} {above if project != Path('.') else '..'}` "
            "from here: the project is the folder above"),))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="booklet", description="Compile a conference programme into a PDF booklet.")
    parser.add_argument("--version", action="version", version=f"booklet {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show the time of each stage (build) and tracebacks of internal errors")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    p = commands.add_parser("build", help="build the booklet PDF into PROJECT/out/")
    _project_arg(p)
    p.add_argument("--layout", default=DEFAULT_LAYOUT, help=f"layout name (default: {DEFAULT_LAYOUT})")
    p.add_argument("--edition", choices=editions.CHOICES, default="all",
                   help="email: <slug>.pdf; print: <slug>-print.pdf and <slug>-imposed.pdf; ics: <slug>.ics, the "
                        "timed programme as a calendar; html: <slug>.html, one self-contained page for screens and "
                        "screen readers; all (default): every one (the .ics when a session has times)")
    p.add_argument("-o", "--out", type=Path, help="output folder (default: PROJECT/out)")
    p.add_argument("--only", action="append", default=[], metavar="KEY=VALUE[,...]",
                   help="build the booklet of part of the programme: day=2026-06-15, room=ROOM-ID, track=TRACK-ID; "
                        "comma-separated or repeated; values of one key are alternatives, different keys must all "
                        "hold. Files are named <slug>-day-2026-06-15....pdf, beside the full booklet's")
    p.add_argument("--changes-since", metavar="VERSION",
                   help="add a list of what changed since an earlier version of the programme (its snapshot in "
                        "OUT/versions/) to the booklet, and write it with the changed days' grids on a one-sheet "
                        "errata insert, <slug>-changes.pdf")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems, and no progress on a terminal")
    p.add_argument("-j", "--jobs", type=positive, default=None,
                   help="processes to use (default: the cores available; 2 at most are used): with 2, many "
                        "abstracts are converted and a long booklet is laid out in two parts at once")
    p.set_defaults(run=_build)

    agenda.register(commands)

    p = commands.add_parser("check", help="validate the content, layout and fonts without laying out")
    _project_arg(p)
    p.add_argument("--layout", default=DEFAULT_LAYOUT, help=f"layout name (default: {DEFAULT_LAYOUT})")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(run=_check)

    p = commands.add_parser("new", help="write a small example project into DIR to start from",
                            description="Write a small working project into DIR: a two-day conference that "
                                        "uses every kind of content, each field commented. DIR must be new or "
                                        "empty; `booklet build DIR` then builds it.")
    p.add_argument("folder", type=Path, metavar="DIR", help="the project folder to make (new, or empty)")
    p.add_argument("--title", help="the conference's title (default: Example Conference 2027)")
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                   help="show tracebacks of internal errors")
    p.set_defaults(run=_new)

    p = commands.add_parser("serve", help="show the booklet in the browser, built again on every save",
                            description="Serve a live preview of the booklet (its e-mail edition) on this "
                                        "computer: the page marks the pages a save changed and shows a content "
                                        "error with its file and line. out/ is not written. Ctrl-C stops it.")
    _project_arg(p)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this computer only)")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000; 0: any free port)")
    p.add_argument("--layout", default=DEFAULT_LAYOUT, help=f"layout name (default: {DEFAULT_LAYOUT})")
    p.set_defaults(run=_serve)

    p = commands.add_parser("list-layouts", help="layouts available to the project")
    _project_arg(p)
    p.set_defaults(run=lambda a: _print_all(definition.available(a.project)))

    p = commands.add_parser("list-fonts", help="font files available to the project")
    _project_arg(p)
    p.set_defaults(run=lambda a: _print_all(fonts.available(a.project)))
    importers.register(commands)
    handout_sheets.register(commands)
    return parser


def _project_arg(p: argparse.ArgumentParser) -> None:
    project_arg(p, verbose="show the time of each stage (build) and tracebacks of internal errors")


def _build(args) -> int:
    with on_terminal(sys.stderr, quiet=args.quiet) as status:
        result = build(args.project, layout=args.layout, out_dir=args.out, strict=args.strict, edition=args.edition,
                       progress=status, jobs=args.jobs, only=args.only, changes_since=args.changes_since)
    print_warnings(result.warnings)
    if not args.quiet:
        for name, path in result.files.items():
            n = result.counts[name]
            what = {"imposed": f"{n} sheet sides", "ics": count(n, "event"),
                    "html": count(n, "contribution")}.get(name, count(n, "page"))
            print(f"wrote {path} ({what}, {path.stat().st_size / 1024:.0f} KB)")
        stages = {stage: s for stage, s in result.timings.items() if ":" not in stage}  # parts are in their stage
        version = f"programme version {result.stamp.version} of {result.stamp.date:%Y-%m-%d}" if result.stamp else ""
        laid_out = f"{result.pages} pages" if result.pages else ""   # none for --edition html or ics
        details = "; ".join(part for part in (laid_out, version) if part)
        print(f"built in {sum(stages.values()):.2f} s" + (f" ({details})" if details else ""))
        if args.verbose:
            _print_timings(result.timings)
    return 0


def _serve(args) -> int:
    # Imported here: the other commands need none of the server's libraries.
    from .serve import serve

    return serve(args.project, host=args.host, port=args.port, layout=args.layout,
                 say=lambda line: print(line, flush=True))


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, not {text!r}")
    return int(text)


def _print_timings(timings: dict[str, float]) -> None:
    """Each stage, and under it the parts of render (each section composed and laid out, the save)."""
    width = max(len(stage) for stage in timings) + 4
    for stage, seconds in timings.items():
        name = ("    " if ":" in stage else "  ") + stage
        print(f"{name:<{width}} {seconds:6.2f} s")


def _check(args) -> int:
    conference, warnings = check(args.project, layout=args.layout, strict=args.strict)
    print_warnings(warnings)
    print(f"ok: {count(len(conference.sessions), 'session')}, "
          f"{count(len(conference.contributions), 'contribution')}, {count(len(conference.people), 'person')}")
    return 0


def _new(args) -> int:
    written, slug = starter.create(args.folder, args.title)
    print(f"wrote {count(len(written), 'file')} into {args.folder} (a two-day example conference; "
          "the comments in its content/*.yaml explain each field)")
    print(f"next: booklet build {shlex.quote(str(args.folder))}   (it writes {args.folder / 'out' / slug}.pdf)")
    print(f"then: change the files in {args.folder / 'content'} to your own conference")
    return 0


def _print_all(names: list[str]) -> int:
    print("\n".join(names))
    return 0


# Build progress on a terminal: one status line, rewritten in place, naming the stage and the pages done.

LABELS = {"load": "loading content", "layout": "preparing", "render": "rendering", "compose": "composing",
          "section": "laying out", "render:save": "saving the PDF", "render:wait": "waiting for the second part",
          "render:join": "joining the parts", "assemble": "assembling",
          "editions": "writing editions"}


def describe(stage: str) -> str:
    """'section:abstracts' → 'laying out abstracts'; unknown stages are shown as they are."""
    if stage in LABELS:
        return LABELS[stage]
    kind, _, name = stage.partition(":")
    return f"{LABELS[kind]} {name}" if kind in LABELS and name else stage


class StatusLine:
    """Shows progress on `stream` as one line, redrawn at most every `interval` seconds; a new stage
    is shown at once, so a slow stage never sits behind the name of the one before."""

    def __init__(self, stream: TextIO, *, interval: float = 0.1, clock: Callable[[], float] = time.monotonic):
        self.stream, self.interval, self.clock = stream, interval, clock
        self.width = _columns(stream) - 1   # a line that wraps could no longer be redrawn in place
        self.stage, self.drawn_at, self.shown = "", float("-inf"), 0   # shown: characters now on the line

    def __call__(self, stage: str, pages: int = 0) -> None:
        now = self.clock()
        if stage == self.stage and now - self.drawn_at < self.interval:
            return
        self.stage, self.drawn_at = stage, now
        done = f", {pages:,} page{'' if pages == 1 else 's'}" if pages else ""
        self._draw(f"booklet: {describe(stage)}{done}")

    def clear(self) -> None:
        """Blank the line and put the cursor at its start, so that what is printed next starts clean."""
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0

    def _draw(self, text: str) -> None:
        text = text[:self.width]
        # Spaces, not an ANSI erase, cover a longer previous text: any terminal understands them.
        self.stream.write("\r" + text.ljust(self.shown))
        self.stream.flush()
        self.shown = len(text)


@contextmanager
def on_terminal(stream: TextIO, *, quiet: bool = False) -> Iterator[StatusLine | None]:
    """A StatusLine on `stream` if it is a terminal and not `quiet`, else None; the line is cleared
    on the way out, also when the build fails, so that messages after it are not garbled."""
    status = StatusLine(stream) if not quiet and _is_terminal(stream) else None
    try:
        yield status
    finally:
        if status:
            status.clear()


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80   # 0 from a pseudo-terminal without a size
    except (OSError, ValueError, AttributeError):   # not a real terminal (a test's fake one) or closed
        return 80

"""`booklet import SOURCE -o DIR` and `--update DIR`: a programme from Indico, pretalx, frab, pentabarf or a
spreadsheet → a booklet project (content/ YAML and Markdown abstracts).

    frab/pretalx/pentabarf XML ─┐
    frab/pretalx JSON ──────────┤ reader ─▶ Programme ─▶ writer ─▶ {path: text} ─▶ DIR/content/
    Indico JSON (event, tt) ────┤   (project.py: sessions, contributions, People)      (all or nothing)
    CSV (+ mapping file) ───────┘

The format is told from the content (`--format` forces one). Nothing is written
when the source cannot be read; an existing non-empty DIR is only touched with
`--force`, and then only the files an import writes are replaced, their previous
versions moved to DIR/import-backup/<date-time>/.
After writing, the project is loaded like `booklet check` does, and any problem
is printed with the report.

A SOURCE that is an http(s) URL is downloaded first (remote.py) and then read like a file. The
project remembers its source and keeps the files it imported as the merge base (origin.py, in
DIR/.booklet/import/); `--update DIR` reads the source again and merges it into the edited
content (update.py, merge.py: a three-way merge by entry ids and fields).

`register(subparsers)` adds the sub-command to booklet's argument parser.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml

from ..errors import ImporterError

if TYPE_CHECKING:   # the pipeline is imported when an import runs: `booklet build` only registers the command
    from .project import People, Programme
    from .report import Report

__all__ = ["FORMATS", "Export", "ImporterError", "detect", "import_source", "main", "read_export", "register", "run"]

FORMATS = {
    "frab-xml": "frab/pretalx schedule XML",
    "pentabarf-xml": "pentabarf XML",
    "frab-json": "frab/pretalx schedule JSON",
    "indico-json": "Indico event export JSON",
    "indico-timetable-json": "Indico timetable export JSON",
    "csv": "CSV table",
}
_ALIASES = {"xml": "frab-xml", "frab": "frab-xml", "pretalx-xml": "frab-xml", "pentabarf": "pentabarf-xml",
            "fosdem": "pentabarf-xml", "json": "frab-json", "pretalx": "frab-json", "pretalx-json": "frab-json",
            "indico": "indico-json", "indico-timetable": "indico-timetable-json", "tsv": "csv"}
_MAPPING_KEYS = ("columns", "ignore", "defaults", "year", "date_format", "session_title", "delimiter", "first_day",
                 "conference", "names")
_NAMES_KEYS = ("split", "split_on", "recase_capitals")
_CONFERENCE_KEYS = ("title", "short", "dates", "timezone", "venue", "language", "organisers")


def register(subparsers) -> argparse.ArgumentParser:
    """Add `import` to booklet's sub-commands; the handler is `run(args)`."""
    p = subparsers.add_parser(
        "import", help="make a booklet project from an Indico, pretalx, frab, pentabarf or CSV export, or "
                       "merge a newer export into one (--update)",
        description="Read a programme export (a file, or an http(s) URL) and write a booklet project (content/ "
                    "YAML and Markdown) that `booklet build DIR` turns into a booklet; with --update, merge the "
                    "source's changes into a project made so, keeping your own edits. Formats: "
                    + ", ".join(FORMATS) + ".",
        usage="booklet import SOURCE -o DIR [options]\n       booklet import --update DIR [SOURCE] [options]")
    p.add_argument("source", nargs="?", metavar="SOURCE",
                   help="the export: a file, or the URL of a pretalx/frab schedule or an Indico export "
                        "(with --update: default, the one the project remembers)")
    p.add_argument("-o", "--out", type=Path, metavar="DIR", help="the project folder to write")
    p.add_argument("--update", type=Path, metavar="DIR",
                   help="merge the source's changes into the project DIR: your edits are kept, fields only the "
                        "source changed are updated, and fields both changed are reported (yours kept); the "
                        f"previous content/ is saved in DIR/{BACKUP_FOLDER}/<date-time>/")
    p.add_argument("--take-source", action="store_true",
                   help="with --update: where you and the source changed the same field, take the source's value")
    p.add_argument("--dry-run", action="store_true",
                   help="with --update: show what the update would change, and change nothing")
    p.add_argument("--format", metavar="F", help="force a format: " + ", ".join(FORMATS) + " (default: detected)")
    p.add_argument("--force", action="store_true",
                   help="write into a folder that is not empty: only the files an import writes are replaced, "
                        "their previous versions moved to DIR/import-backup/<date-time>/")
    p.add_argument("--mapping", type=Path, metavar="FILE",
                   help="YAML file: CSV columns, defaults, year, conference fields (see docs/importing.md)")
    p.add_argument("--timeout", type=_seconds, default=30.0, metavar="SECONDS",
                   help="for a URL: how long to wait for the server (default: 30)")
    p.add_argument("--token-env", metavar="VAR",
                   help="for a URL: the environment variable holding an API token, sent as 'Authorization: "
                        "Bearer' and never stored (default: INDICO_TOKEN, for Indico export URLs)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                   help="show tracebacks of internal errors")
    p.set_defaults(run=run)
    return p


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"expected a number of seconds between 0 and 3600, not {text!r}")
    return value


def run(args) -> int:
    if args.update is not None:
        return _run_update(args)
    if args.dry_run or args.take_source:
        raise ImporterError("--dry-run and --take-source go with --update DIR (booklet import --update DIR --dry-run)")
    if args.source is None or args.out is None:
        raise ImporterError("booklet import needs a SOURCE and -o DIR (booklet import SOURCE -o DIR), or "
                            "--update DIR to merge a newer export into a project")
    report = import_source(args.source, args.out, fmt=args.format, force=args.force, mapping=args.mapping,
                           timeout=args.timeout, token_env=args.token_env)
    if not getattr(args, "quiet", False):
        print(report.render(files=False))
        print(f"wrote {args.out} — next: booklet build {args.out}; when the source changes: "
              f"booklet import --update {args.out}")
    else:
        if report.backup:
            print(f"previous versions of the replaced files: {report.backup}", file=sys.stderr)
        if report.problems:
            print("\n".join(report.problems), file=sys.stderr)
    return 0


def _run_update(args) -> int:
    if args.out is not None or args.force:
        raise ImporterError("--update DIR merges into the project DIR: leave out -o and --force "
                            "(booklet import --update DIR [SOURCE])")
    from . import update
    outcome = update.update(args.update, args.source, fmt=args.format, mapping=args.mapping,
                            take_source=args.take_source, timeout=args.timeout, token_env=args.token_env,
                            dry_run=args.dry_run)
    if not getattr(args, "quiet", False):
        print(outcome.render())
    elif outcome.problems or outcome.conflicts:
        print(outcome.render(), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """`booklet import ...` on its own, for tests and before cli.py registers it."""
    parser = argparse.ArgumentParser(prog="booklet")
    register(parser.add_subparsers(required=True))
    args = parser.parse_args(["import", *(argv or [])] if argv and argv[0] != "import" else argv)
    try:
        return args.run(args)
    except ImporterError as exc:
        print(f"{exc.category}: {exc}", file=sys.stderr)
        return 1


# -- the pipeline ----------------------------------------------------------------
def import_source(source: str | Path, out: Path, *, fmt: str | None = None, force: bool = False,
                  mapping: Path | None = None, timeout: float | None = None, token_env: str | None = None) -> Report:
    """Read `source` (a file, or an http(s) URL as a string) and write the project `out`; the project
    remembers the source and keeps what was imported as the base of a later `--update`."""
    out = Path(out)
    fmt = _format_name(fmt)
    _check_out(out, force)
    export = read_export(source, fmt=fmt, mapping=mapping, timeout=timeout, token_env=token_env)
    _write(export.files, out, export.report, force)
    from . import origin
    # --force: the merge base goes to the backup with the files it was the base of, so that putting
    # them back (as the update's report shows) gives a project an --update can merge into again.
    backup = Path(export.report.backup) / origin.FOLDER.name if export.report.backup else None
    origin.remember(out, export, previous_to=backup)
    return export.report


@dataclass
class Export:
    """An export read and rendered: the content files it makes, and where it came from."""
    files: dict[str, str]           # {relative path: text}, as `writer.render` makes them
    report: Report
    format: str
    source: str                     # a file's path, or the URL with secret-looking parameters cut
    mapping: Path | None
    token_env: str | None           # the variable a token was read from (its name; never its value)


def read_export(source: str | Path, *, fmt: str | None = None, mapping: Path | None = None,
                timeout: float | None = None, token_env: str | None = None) -> Export:
    """A file or URL → the content files it makes and the report; nothing is written."""
    from . import remote
    fmt = _format_name(fmt)
    from .report import Report
    if isinstance(source, str) and remote.is_url(source):
        download = remote.fetch(source, timeout=timeout or remote.TIMEOUT, token_env=token_env)
        data, shown, used_env = download.data, download.url, (token_env or remote.DEFAULT_TOKEN_ENV
                                                               if download.token_sent else token_env)
        name = Path("/" + urlsplit(source).path.lstrip("/"))       # a year in the URL's path, as in a file's
        report = Report(source=shown)
        cut = remote.secret_parameters(source)
        if cut:
            report.check(f"the URL's secret-looking parameters ({', '.join(cut)}) were used for this download "
                         f"and not remembered; for --update, put an API token in {token_env or 'INDICO_TOKEN'} "
                         "instead")
        display = download.name
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImporterError(f"{path}: cannot read: {exc.strerror}") from None
        name, shown, used_env, display = path, str(path), None, path.name
        report = Report(source=shown)
    options = _read_mapping(mapping) if mapping else {}
    from .project import People
    data = _utf16_as_utf8(data, name, report)
    people = People(report, **_names_options(options.get("names"), mapping))
    try:
        fmt, programme = _read(data, name, fmt, options, report, people)
    except ImporterError as exc:
        if shown == str(name):
            raise
        raise ImporterError(f"{exc} (read from {shown})") from None
    report.format = FORMATS[fmt]
    _apply_conference(programme, options.get("conference") or {}, mapping)
    from . import writer
    persons = people.finish()
    files = writer.render(programme, persons, report, source_name=display, format_name=FORMATS[fmt])
    return Export(files, report, fmt, shown, Path(mapping) if mapping else None, used_env)


def _utf16_as_utf8(data: bytes, source: Path, report: Report) -> bytes:
    """UTF-16 (Excel's "Unicode text", XML saved as UTF-16) → the same text as UTF-8 bytes, so that every
    reader sees one encoding; an XML declaration's encoding is changed to match."""
    import re
    head = data[:400]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"
    elif len(head) >= 8 and head[1::2].count(0) * 10 >= len(head[1::2]) * 9 and head[0::2].count(0) == 0:
        encoding = "utf-16-le"
    elif len(head) >= 8 and head[0::2].count(0) * 10 >= len(head[0::2]) * 9 and head[1::2].count(0) == 0:
        encoding = "utf-16-be"
    else:
        return data
    try:
        text = data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise ImporterError(f"{source}: the file is UTF-16 but byte {exc.start} cannot be read as UTF-16") from None
    if encoding != "utf-16":
        report.guessed("the file is UTF-16 without a byte-order mark: read as " + encoding.upper())
    text = re.sub(r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""", r"\1\2UTF-8\2", text)
    return text.encode("utf-8")


def _format_name(fmt: str | None) -> str | None:
    if fmt is None:
        return None
    name = _ALIASES.get(fmt.lower(), fmt.lower())
    if name not in FORMATS:
        raise ImporterError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
    return name


def detect(data: bytes) -> str:
    """The format of an export, told from its first characters and its structure."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        return "frab-xml"
    if head in (b"{", b"["):
        return "json"
    short = data.strip(b"\xef\xbb\xbf \t\r\n")
    if len(short) < 100 and b"\n" not in short:
        try:
            json.loads(short)
            return "json"      # a lone JSON value (null, 5): read as JSON, then told it is no export
        except ValueError:
            pass
    return "csv"


def _read(data: bytes, source: Path, fmt: str | None, options: dict, report: Report,
          people: People) -> tuple[str, Programme]:
    kind = fmt or detect(data)
    if kind in ("frab-xml", "pentabarf-xml"):
        from . import frab
        root = _parse_xml(data, source)
        if root.tag != "schedule":
            raise ImporterError(f"{source}: XML with root <{root.tag}> is not a frab, pretalx or pentabarf "
                                "schedule (root <schedule>)")
        schedule = frab.from_xml(root)
        if fmt is None:
            kind = "frab-xml" if (schedule.meta.get("time_zone_name") or any(
                e.fields.get("date") and "T" in (e.fields.get("date") or "") for e in schedule.events[:5])) \
                else "pentabarf-xml"
            if any(e.fields.get("date") is None for e in schedule.events[:5]) and schedule.events:
                kind = "pentabarf-xml"
        return kind, frab.to_programme(schedule, report, people)
    if kind in ("json", "frab-json", "indico-json", "indico-timetable-json"):
        from . import frab, indico
        obj = _parse_json(data, source)
        if kind == "json":
            if indico.is_event_export(obj):
                kind = "indico-json"
            elif indico.is_timetable_export(obj):
                kind = "indico-timetable-json"
            elif isinstance(obj, dict) and ("schedule" in obj or "conference" in obj):
                kind = "frab-json"
            else:
                raise ImporterError(f"{source}: JSON that is neither a frab/pretalx schedule nor an Indico "
                                    "export; use --format to say which it is")
        from . import shape
        if kind == "frab-json":
            obj = shape.conform(obj, shape.FRAB_JSON, source, "a frab/pretalx schedule")
            if not isinstance(obj.get("schedule", obj).get("conference"), dict):
                raise ImporterError(f"{source}: not a frab/pretalx schedule: no schedule.conference object")
            return kind, frab.to_programme(frab.from_json(obj), report, people)
        if kind == "indico-json":
            if not indico.is_event_export(obj):
                raise ImporterError(f"{source}: not an Indico event export: no results list with an event")
            obj = shape.conform(obj, shape.INDICO_EVENT, source, "an Indico event export")
            return kind, indico.read_event_export(obj, report, people)
        if not indico.is_timetable_export(obj):
            raise ImporterError(f"{source}: not an Indico timetable export: no results by event and day")
        obj = shape.conform(obj, shape.INDICO_TIMETABLE, source, "an Indico timetable export")
        return kind, indico.read_timetable_export(obj, report, people)
    from . import table
    text = table.decode(data, report)
    if fmt is None and not table.looks_like_table(text) and not options.get("delimiter"):
        raise ImporterError(f"{source}: cannot tell the format (not XML, not JSON, no CSV header); "
                            f"use --format with one of {', '.join(FORMATS)}")
    try:
        return "csv", table.read(text, report, people, source=source, mapping=_table_mapping(options))
    except ImporterError as exc:     # every message names the file
        if str(exc).startswith(str(source)):
            raise
        raise ImporterError(f"{source}: {exc}") from None


def _parse_xml(data: bytes, source: Path):
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring
    try:
        return fromstring(data)
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        reason = str(exc).split(":")[0]
        raise ImporterError(f"{source}:{line}:{column + 1}: malformed XML: {reason}") from None
    except DefusedXmlException as exc:
        raise ImporterError(f"{source}: the XML declares entities or external references, which booklet "
                            f"refuses to expand ({type(exc).__name__})") from None
    except (LookupError, ValueError) as exc:      # <?xml encoding="UTv-8"?>, multi-byte encodings
        raise ImporterError(f"{source}:1: the XML declares an encoding that cannot be read ({exc}); "
                            "save it as UTF-8") from None


def _parse_json(data: bytes, source: Path):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImporterError(f"{source}: JSON is not UTF-8 (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImporterError(f"{source}:{exc.lineno}:{exc.colno}: malformed JSON: {exc.msg}") from None
    except RecursionError:
        raise ImporterError(f"{source}: the JSON is nested too deeply for a programme export") from None


# -- the mapping file ---------------------------------------------------------------
def _read_mapping(path: Path) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ImporterError(f"{path}: cannot read the mapping file: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ImporterError(f"{path}{where}: mapping file is not valid YAML: {getattr(exc, 'problem', exc)}") \
            from None
    if not isinstance(data, dict):
        raise ImporterError(f"{path}: a mapping file is a YAML mapping with {', '.join(_MAPPING_KEYS)}")
    unknown = [k for k in data if k not in _MAPPING_KEYS]
    if unknown:
        raise ImporterError(f"{path}: unknown key {unknown[0]!r}; known: {', '.join(_MAPPING_KEYS)}")
    conference = data.get("conference") or {}
    if not isinstance(conference, dict) or any(k not in _CONFERENCE_KEYS for k in conference):
        raise ImporterError(f"{path}: 'conference' takes {', '.join(_CONFERENCE_KEYS)}")
    return data


def _names_options(value, path) -> dict:
    """The mapping file's `names:` block: the user's own rules for names (nothing is split or
    recased without them)."""
    if value is None:
        return {}
    hint = ("names takes split: {\"Ada & Alan\": [Ada Lovelace, Alan Turing]}, split_on: [\" & \", \" / \"] "
            "and recase_capitals: true")
    if not isinstance(value, dict) or any(k not in _NAMES_KEYS for k in value):
        raise ImporterError(f"{path}: {hint}")
    split = value.get("split") or {}
    if not isinstance(split, dict) or not all(isinstance(v, list) and v and all(isinstance(x, str) for x in v)
                                              for v in split.values()):
        raise ImporterError(f"{path}: names: split maps a name as written to a list of names; {hint}")
    split_on = value.get("split_on") or []
    if isinstance(split_on, str):
        split_on = [split_on]
    if not isinstance(split_on, list) or not all(isinstance(x, str) and x.strip() for x in split_on):
        raise ImporterError(f"{path}: names: split_on is a list of separators such as \" & \"; {hint}")
    recase = value.get("recase_capitals", False)
    if not isinstance(recase, bool):
        raise ImporterError(f"{path}: names: recase_capitals is true or false")
    return {"split": {str(k): list(v) for k, v in split.items()}, "split_on": split_on, "recase_capitals": recase}


def _table_mapping(options: dict):
    from .table import DEFAULT_COLUMNS, Mapping
    columns = {}
    for name, value in (options.get("columns") or {}).items():
        if name not in DEFAULT_COLUMNS:
            raise ImporterError(f"mapping file: unknown field {name!r} under columns; fields: "
                                + ", ".join(DEFAULT_COLUMNS))
        columns[name] = [str(v) for v in (value if isinstance(value, list) else [value])]
    year = options.get("year")
    if year is not None and not (isinstance(year, int) and 1900 < year < 2200):
        raise ImporterError(f"mapping file: year must be a year such as 2024, got {year!r}")
    delimiter = options.get("delimiter")
    if delimiter is not None:
        delimiter = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}.get(str(delimiter).lower(), delimiter)
        if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in "\"\r\n":
            raise ImporterError(f"mapping file: delimiter is one character such as ';', ',', '|' or tab, "
                                f"got {options.get('delimiter')!r}")
    first_day = options.get("first_day")
    if first_day is not None:
        import datetime as dt
        try:
            first_day = first_day if isinstance(first_day, dt.date) else dt.date.fromisoformat(str(first_day))
        except ValueError:
            raise ImporterError(f"mapping file: first_day is a date written YYYY-MM-DD, got {first_day!r}") from None
    return Mapping(columns=columns, ignore=[str(x) for x in options.get("ignore") or []],
                   defaults={str(k): str(v) for k, v in (options.get("defaults") or {}).items()},
                   year=year, date_format=options.get("date_format"), session_title=options.get("session_title"),
                   delimiter=delimiter, first_day=first_day)


def _apply_conference(p: Programme, fields: dict, path) -> None:
    import datetime as dt
    for key in ("title", "short", "timezone", "venue", "language"):
        if fields.get(key):
            setattr(p, key, str(fields[key]))
    if fields.get("organisers"):
        value = fields["organisers"]
        p.organisers = [str(v) for v in (value if isinstance(value, list) else [value])]
    dates = fields.get("dates")
    if dates:
        try:
            p.start = dt.date.fromisoformat(str(dates["start"]))
            p.end = dt.date.fromisoformat(str(dates.get("end") or dates["start"]))
        except (KeyError, TypeError, ValueError):
            raise ImporterError(f"{path}: conference dates are written {{start: YYYY-MM-DD, end: YYYY-MM-DD}}") \
                from None


# -- writing ------------------------------------------------------------------------
REPORT_NAME = "import-report.txt"
BACKUP_FOLDER = "import-backup"
_HEADER = "# Imported by `booklet import`"


def _check_out(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise ImporterError(f"{out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise ImporterError(f"{out} is not empty; use --force to replace the files an import writes "
                            f"(their previous versions are moved to {out / BACKUP_FOLDER}/; your other files "
                            "are kept)")


def _write(files: dict[str, str], out: Path, report: Report, force: bool) -> None:
    """Write into a temporary folder beside DIR, check it, then move it into place.

    Into an existing folder (`--force`), only the files an import writes are replaced: those of this
    import, and those an earlier import wrote (listed in its report, or YAML files that begin with
    the importer's header) that this one does not write again. Their previous versions are moved to
    DIR/import-backup/<date-time>/, which the report names. Every other file is left alone."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.import-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)     # mkdtemp makes it private; the project should not be
    try:
        for rel, text in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        report.written = sorted(files)
        if not out.exists():
            report.problems = _check(tmp)
            (tmp / REPORT_NAME).write_text(report.render() + "\n", encoding="utf-8")
            tmp.rename(out)
            return
        _check_out(out, force)
        _replace(tmp, out, sorted(files), report)
        report.problems = _check(out)
        (out / REPORT_NAME).write_text(report.render() + "\n", encoding="utf-8")
    except OSError as exc:
        raise ImporterError(f"{exc.filename or out}: cannot write: {exc.strerror}") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _earlier_import(out: Path) -> list[str]:
    """The files an earlier import wrote into `out` (relative paths), as far as can be told."""
    found: set[str] = set()
    try:
        lines = (out / REPORT_NAME).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    if "written:" in lines:
        for line in lines[lines.index("written:") + 1:]:
            if not line.startswith("  "):
                break
            rel = line.strip()
            if rel.startswith("content/") and ".." not in Path(rel).parts:
                found.add(rel)
    content = out / "content"
    if content.is_dir():
        for path in content.rglob("*.yaml"):
            try:
                with path.open(encoding="utf-8") as f:
                    if f.read(len(_HEADER)) == _HEADER:
                        found.add(path.relative_to(out).as_posix())
            except (OSError, UnicodeDecodeError):
                continue
    return sorted(rel for rel in found if (out / rel).is_file() and not (out / rel).is_symlink())


def _replace(new: Path, out: Path, written: list[str], report: Report) -> None:
    """Move the previous versions of the files an import writes into a dated backup folder, then
    the new files into place; on failure, everything moved is moved back."""
    import datetime as dt
    previous = sorted({rel for rel in written if (out / rel).exists() or (out / rel).is_symlink()}
                      | set(_earlier_import(out)) | ({REPORT_NAME} if (out / REPORT_NAME).is_file() else set()))
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    backup = out / BACKUP_FOLDER / stamp
    n = 2
    while backup.exists():
        backup, n = out / BACKUP_FOLDER / f"{stamp}-{n}", n + 1
    moved: list[tuple[Path, Path]] = []      # (from, to), to undo
    try:
        for rel in previous:
            target = backup / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(out / rel, target)
            moved.append((out / rel, target))
        for rel in written:
            target = out / rel
            if target.is_dir() and not target.is_symlink():
                raise ImporterError(f"{target} is a folder; the import writes a file there. Move it away and "
                                    "import again")
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(new / rel, target)
            moved.append((new / rel, target))
    except BaseException:
        for src, dst in reversed(moved):
            try:
                os.replace(dst, src)
            except OSError:
                pass
        raise
    if previous:
        report.backup = str(backup)
        report.replaced = len(previous)


def _check(project: Path) -> list[str]:
    """What `booklet check` says about the written project (empty when it passes)."""
    from ..content import loader
    from ..errors import Diagnostics
    diag = Diagnostics()
    loader.load(project / "content", diag, root=project)
    return [str(d) for d in diag.errors]

"""CSV: one row per contribution (or per presenter of one), columns matched by header name.

The default mapping (DEFAULT_COLUMNS) knows English and German header names; a
mapping file (`--mapping FILE`, YAML) names other columns, ignores some, sets
defaults and the year for dates written without one. See docs/importing.md.

Rows become sessions this way:
- with a session column: rows with the same session title, day, times and room
  form one session; rows with the same contribution title in a session are one
  contribution (the DVPW export has one row per presenter);
- without a session column but with times: each row is a session of its own;
- with neither: all rows form one untimed session named after the file.

Cells "", "NA", "tbd", "n/a", "-" (and the like) count as empty. Text decoded
twice on its way into the file (mojibake: "RÃ©mi", "M‡tŽ") is repaired.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..content.schema import is_language_tag
from ..errors import ImporterError
from . import markup, names, timeutil
from .project import (
    KINDS,
    Contribution,
    People,
    PersonRef,
    Programme,
    Session,
    is_placeholder,
    kind_from_words,
    looks_like_institution,
)
from .report import Report

# field → header names it is found under (compared folded: case, spaces, punctuation and umlauts aside)
DEFAULT_COLUMNS: dict[str, list[str]] = {
    "id": ["id", "uid", "code", "contribution id", "paper id", "submission id", "abstract id", "beitrag id",
           "beitragsnummer", "nr", "no", "number", "nummer"],
    "title": ["title", "titel", "talk", "talk title", "paper", "paper title", "contribution", "contribution title",
              "beitrag", "beitragstitel", "vortrag", "vortragstitel", "name", "event", "programmpunkt", "thema",
              "veranstaltung"],
    "session": ["session", "session title", "session name", "sitzung", "sitzungstitel", "panel title",
                "panel name", "panel titel", "block", "slot title"],
    "session_id": ["session id", "session code", "sitzung id", "panel id"],
    "kind": ["kind", "type", "typ", "art", "format", "session type", "event type", "beitragsart"],
    "day": ["day", "date", "datum", "tag", "start day", "start date", "startdatum"],
    "end_day": ["end day", "end date", "enddatum"],
    "time": ["time", "zeit", "uhrzeit", "time slot", "timeslot", "slot time", "zeitfenster"],
    "start": ["start", "start time", "time start", "starttime", "start at", "begin", "beginn", "von", "from",
              "startzeit", "uhrzeit von"],
    "end": ["end", "end time", "time end", "endtime", "end at", "ende", "bis", "to", "endzeit", "uhrzeit bis"],
    "duration": ["duration", "dauer", "length", "laenge", "minutes", "minuten", "duration min"],
    "room": ["room", "raum", "location", "ort", "place", "venue", "hall", "saal", "hoersaal", "stage", "buehne"],
    "track": ["track", "tracks", "stream", "reihe", "series", "podcast", "sendung", "category", "kategorie",
              "themenbereich", "topic", "theme"],
    "speakers": ["speakers", "speaker", "presenter", "presenters", "presenting author", "referent", "referentin",
                 "referenten", "referentinnen", "referent innen", "vortragende", "vortragender", "teilnehmer",
                 "teilnehmende", "participants", "persons", "people", "personen", "mitwirkende"],
    "authors": ["authors", "author", "autor", "autoren", "autorin", "autor innen", "coauthor", "coauthors",
                "co author", "co authors", "koautor", "koautoren", "ko autor innen", "mitautoren", "co autoren"],
    "affiliation": ["affiliation", "affiliations", "presenter affiliation", "speaker affiliation", "institution",
                    "institut", "organisation", "organization", "einrichtung", "hochschule", "university"],
    "chairs": ["chairs", "chair", "chairperson", "chairpersons", "convener", "conveners", "moderator",
               "moderators", "moderation", "leitung", "vorsitz", "sitzungsleitung", "host", "hosts"],
    "abstract": ["abstract", "description", "beschreibung", "body", "summary", "zusammenfassung", "text",
                 "kurzbeschreibung", "inhalt", "details", "abstract text"],
    "board": ["board", "board number", "board no", "poster number", "poster no", "poster nr", "posternummer",
              "poster board", "booth", "stand"],
    "url": ["url", "link", "web", "website", "webseite", "web page", "page url", "talk url", "event url",
            "contribution url", "permalink"],
    "lang": ["lang", "language", "sprache", "talk language", "vortragssprache"],
}
PERSON_FIELDS = ("speakers", "authors", "chairs")


def _language(rec: dict, report: Report, where: str) -> str | None:
    """A row's language when it is a language tag ("de", "pt-BR"), for the contribution's `lang:`
    (written when it is not the programme's); a word such as "Deutsch" is left out, and said."""
    value = (_value(rec, "lang") or "").strip()
    if not value:
        return None
    if is_language_tag(value):
        return value
    report.dropped("languages that are not a language tag such as de or pt-BR (the contribution's lang:)",
                   f"{where}: {value[:40]}")
    return None
_GENERIC_NAMES = {"program", "programme", "programm", "schedule", "timetable", "agenda", "fahrplan", "export",
                  "data", "table", "sessions", "contributions", "talks", "events", "abstracts", "sheet1",
                  "tabelle1", "download"}
_MAC_SUSPECT = set("‡Ž†‚ˆ‹Œ™›Ÿƒ")
_UTF8_AS_CP1252 = re.compile(r"Ã[\x80-\xbf\u0152-\u2122]|â€|Â[\xa0-\xbf]")


def fold(header: str) -> str:
    s = header.casefold().translate(names._TRANSLIT)
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


_ODD = set("‡†‚ˆ‰‹Œ™›ƒ¬¶·¸˝˛ˇ◊ı∂∆∑∏π∫Ω≈≠≤≥÷€")


def _badness(text: str) -> int:
    """Signs of mis-decoding: odd symbols, and capitals with accents right after small letters ("tŽ")."""
    score = sum(ch in _ODD for ch in text)
    for a, b in zip(text, text[1:]):
        if a.isalpha() and a.islower() and b.isupper() and ord(b) > 127:
            score += 1
        if a.isalpha() and b in "—–" or a in "—–" and b.isalpha():
            score += 1
    return score


def repair_mojibake(text: str) -> str:
    """Undo text decoded twice: UTF-8 read as cp1252 ("RÃ©mi"), Mac Roman read as cp1252 ("M‡tŽ");
    a repair is kept only when it leaves fewer signs of mis-decoding than it found."""
    if _UTF8_AS_CP1252.search(text):
        try:
            return text.encode("cp1252").decode("utf-8")
        except UnicodeError:
            pass
    if any(ch in _MAC_SUSPECT for ch in text):
        try:
            fixed = text.encode("cp1252").decode("mac_roman")
        except UnicodeError:
            return text
        if _badness(fixed) < _badness(text) and not any(ch in _MAC_SUSPECT for ch in fixed):
            return fixed
    return text


def decode(data: bytes, report: Report) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data.count(b"\x00") * 3 > len(data):
        raise ImporterError("the file looks like UTF-16 but cannot be read as UTF-16; save it as UTF-8 "
                            "(\"CSV UTF-8\" in Excel)")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    line = data[:bad].count(b"\n") + 1
    report.guessed("the file is not UTF-8: read as Windows-1252", f"first non-UTF-8 byte on line {line}")
    return text


def looks_like_table(text: str) -> bool:
    lines = [ln for ln in text.splitlines()[:5] if ln.strip()]
    return bool(lines) and any(sep in lines[0] for sep in DELIMITERS)


DELIMITERS = (",", ";", "\t", "|")


def delimiter_of(text: str) -> str:
    """The delimiter that reads the first rows most consistently: as many cells in each row as in
    the header, and more than one. Quoted cells may hold any delimiter and line end (an Excel
    export: `"Hallo; Welt";"Müller, Anna"` with CRLF); csv.Sniffer guesses wrong on such files."""
    sample = text[:65536]
    best, best_score = ",", None
    for delimiter in DELIMITERS:
        rows = []
        try:
            for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                if any(cell.strip() for cell in row):
                    rows.append(len(row))
                if len(rows) >= 50:
                    break
        except csv.Error:
            continue
        if not rows or rows[0] < 2:
            continue
        body = rows[1:-1] if len(rows) > 2 else rows[1:]   # the sample may cut the last row
        same = sum(n == rows[0] for n in body)
        score = (same == len(body), same, rows[0])
        if best_score is None or score > best_score:
            best, best_score = delimiter, score
    return best


@dataclass
class Mapping:
    columns: dict[str, list[str]] = field(default_factory=dict)   # field → header names
    ignore: list[str] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)
    year: int | None = None
    date_format: str | None = None
    session_title: str | None = None
    delimiter: str | None = None          # None: found by `delimiter_of`
    first_day: dt.date | None = None      # the date of the first day, for weekday names ("Freitag")


def read(text: str, report: Report, people: People, *, source: Path, mapping: Mapping) -> Programme:
    rows = _rows(text, report, mapping.delimiter)
    (_, header), body = rows[0], rows[1:]
    columns = _match_columns(header, mapping, report, [row for _, row in body])
    fixed = 0
    records = []
    for line_no, row in body:
        if len(row) != len(header):
            report.changed("rows with more or fewer cells than the header (padded or cut)", f"line {line_no}")
            row = (row + [""] * len(header))[:len(header)]
        cells = []
        for cell in row:
            repaired = repair_mojibake(cell)
            if repaired != cell:
                fixed += 1
                report.changed("text decoded twice (mojibake) repaired", f"{cell[:24]!r} → {repaired[:24]!r}")
            cells.append(unicodedata.normalize("NFC", repaired))
        record = {"_line": line_no}
        for name, index in columns.items():
            record[name] = cells[index]
        for name, value in mapping.defaults.items():
            if is_placeholder(record.get(name)):
                record[name] = str(value)
        records.append(record)
    if not records:
        raise ImporterError(f"{source}: the table has a header but no rows")
    return _build(records, columns, report, people, source, mapping)


FIELD_LIMIT = 16 * 1024 * 1024     # characters in one cell (Python's csv stops at 131,072)


def _rows(text: str, report: Report, delimiter: str | None = None) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or delimiter_of(text))
    rows = []
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, FIELD_LIMIT))
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        hint = (f" (a cell may hold at most {FIELD_LIMIT:,} characters; is a quotation mark left open "
                "before it?)") if "field larger" in str(exc) else ""
        raise ImporterError(f"line {reader.line_num}: {exc}{hint}") from None
    finally:
        csv.field_size_limit(limit)
    if not rows:
        raise ImporterError("the table is empty")
    return rows


def _match_columns(header: list[str], mapping: Mapping, report: Report,
                   rows: list[list[str]] | None = None) -> dict[str, int]:
    folded = [fold(h) for h in header]

    def fits(name: str, index: int) -> bool:
        """An id column must hold a different value in every row; otherwise try the next name."""
        if name != "id" or rows is None:
            return True
        values = [r[index].strip() if index < len(r) else "" for r in rows]
        return all(values) and len(set(values)) == len(values)
    used: dict[str, int] = {}
    taken: set[int] = set()
    ignore = {fold(h) for h in mapping.ignore}
    # the mapping file first, then the defaults
    for source, table in (("mapping", mapping.columns), ("default", DEFAULT_COLUMNS)):
        for name, candidates in table.items():
            if name in used or name.startswith("_"):
                continue
            for candidate in candidates:
                c = fold(candidate)
                hits = [i for i, h in enumerate(folded) if h == c and i not in taken and h not in ignore
                        and (source == "mapping" or fits(name, i))]
                if hits:
                    used[name] = hits[0]
                    taken.add(hits[0])
                    break
            else:
                if source == "mapping":
                    raise ImporterError(f"mapping file: no column named {candidates!r} for '{name}'",
                                        ()) from None
    # several columns for one field in the mapping file (e.g. chairs: [chairs, discussants])
    for name, candidates in mapping.columns.items():
        for extra_i, candidate in enumerate(candidates[1:], 1):
            c = fold(candidate)
            hits = [i for i, h in enumerate(folded) if h == c and i not in taken]
            if hits:
                used[f"{name}+{extra_i}"] = hits[0]
                taken.add(hits[0])
    unused = [header[i].strip() or f"column {i + 1} (no header)" for i in range(len(header))
              if i not in taken and folded[i] not in ignore]
    for name in unused:
        report.dropped("columns not imported (name them in a mapping file to use them)", repr(name))
    if "title" not in used:
        raise ImporterError("no title column: the header has none of " + ", ".join(
            repr(h) for h in DEFAULT_COLUMNS["title"][:6]) + ", …; name it in a mapping file (columns: {title: ...})")
    return used


def _values(record: dict, name: str) -> list[str]:
    """The field's cell and those of extra columns mapped to it."""
    out = [record.get(name)] + [v for k, v in record.items() if k.startswith(name + "+")]
    return [v for v in out if not is_placeholder(v)]


def _value(record: dict, name: str) -> str | None:
    v = record.get(name)
    return None if is_placeholder(v) else names.clean_space(v)


def _build(records: list[dict], columns: dict[str, int], report: Report, people: People, source: Path,
           mapping: Mapping) -> Programme:
    p = Programme()
    stem = _humanise(source.stem)
    if fold(stem) not in _GENERIC_NAMES:
        p.title = stem
        report.guessed("conference title from the file name (set conference: title: in a mapping file)", stem)
    year = _year_from(source, records, mapping, report)
    day_fmt = _date_column_format(records, "day", year, mapping, report)
    end_day_fmt = _date_column_format(records, "end_day", year, mapping, report)
    person_style = {f: _person_style(records, f) for f in PERSON_FIELDS}
    has_session = "session" in columns or "session_id" in columns
    has_time = any(f in columns for f in ("start", "time"))
    whole_file = None
    if not has_session and not has_time:
        whole_file = mapping.session_title or _humanise(source.stem)
        if not mapping.session_title:
            report.guessed("no session or time columns: every row in one untimed session named after the file",
                           whole_file)
    sessions: dict[tuple, Session] = {}
    contributions: dict[tuple, Contribution] = {}
    ids_seen: set[str] = set()
    id_unique = _unique(records, "id")
    if "id" in columns and not id_unique:
        report.dropped("ids from the id column (they repeat): ids made from titles instead")
    for order, rec in enumerate(records):
        line = rec["_line"]
        title = _value(rec, "title")
        if title and len(title) > 2 and title[0] == title[-1] == '"':
            report.check("titles wrapped in quotation marks, kept as written", title)
        track = _value(rec, "track")
        if not title and track and not has_session:
            title = track
            report.guessed("rows without a title titled after their track", f"line {line}: {track}")
        day = _date(rec, "day", day_fmt, year, mapping.first_day)
        start, end = _times(rec, report, line)
        if "end_day" in columns and end is not None:
            end_day = _date(rec, "end_day", end_day_fmt, year, mapping.first_day)
            if end_day and day:
                end += (end_day - day).days * 1440
        length = timeutil.duration(_value(rec, "duration"))
        if end is None and start is not None and length:
            end = start + length
        if start is not None and end is not None and end <= start and "end_day" not in columns:
            end += 1440   # "22:00–02:00": the end is on the next day
        room = p.room(_value(rec, "room"))
        track = p.track(track)
        session_title = (_value(rec, "session") or _value(rec, "session_id")) if has_session else None
        if has_session and not session_title:
            session_title = title
        if not has_session and not title and not any(_values(rec, f) for f in PERSON_FIELDS):
            report.dropped("rows with nothing but placeholders skipped", f"line {line}")
            continue
        # -- the session
        if whole_file:
            key = ("file",)
            session_title = whole_file
        elif has_session:
            key = ("s", session_title, _value(rec, "session_id"), day, start, end, room)
        else:
            key = ("r", title, day, start, end, room)
        session = sessions.get(key)
        if session is None:
            kind = _kind(rec, session_title or title or "", report)
            session = Session(title=session_title or title or "", kind=kind, day=day, start=start, end=end,
                              rooms=[room] if room else [], order=order)
            if has_session and _value(rec, "session_id"):
                session.source_id = _value(rec, "session_id")
            sessions[key] = session
            p.sessions.append(session)
        for ref in _persons(rec, "chairs", person_style["chairs"], people, line):
            if all(r.key != ref.key for r in session.chairs):
                session.chairs.append(ref)
        # -- the contribution
        if not title:
            persons = [v for f in ("speakers", "authors") for v in _values(rec, f)]
            if not persons or not session.title:
                report.dropped("rows without a title or persons: no contribution", f"line {line}")
                continue
            title = session.title          # a panel's presenters without talk titles: never dropped
            report.guessed("rows without a title but with persons: one contribution titled like its session "
                           "holds them", f"line {line}: {title[:40]}")
        ckey = (key, names.fold(title))
        c = contributions.get(ckey)
        if c is None:
            ident = _value(rec, "id") if id_unique else None
            c = Contribution(title=title, source_id=ident)
            c.abstract = markup.to_markdown(rec.get("abstract") if not is_placeholder(rec.get("abstract")) else None,
                                            "auto", report, f"line {line}")
            board = _value(rec, "board")
            c.board = board
            c.url = markup.web_url(_value(rec, "url"), report, f"line {line}")
            c.lang = _language(rec, report, f"line {line}")
            if track and (has_session or whole_file):
                c.track = track
            elif track:
                session.track = track
            if length and start is None:
                c.duration = length
            contributions[ckey] = c
            session.contributions.append(c)
            if ident:
                ids_seen.add(ident)
        else:
            report.merged("rows with the same session and title merged into one contribution",
                          f"line {line}: {title[:40]}")
        affiliation = _values(rec, "affiliation")
        speakers = _persons(rec, "speakers", person_style["speakers"], people, line, affiliation)
        authors = _persons(rec, "authors", person_style["authors"], people, line)
        for ref in speakers:
            if all(r.key != ref.key for r in c.speakers):
                c.speakers.append(ref)
        for ref in authors:
            if all(r.key != ref.key for r in c.authors + c.speakers):
                c.authors.append(ref)
    if "speakers" not in columns and "authors" in columns:
        report.check("no speaker column: every person is written as an author, none as presenting")
    for s in p.sessions:
        if not s.contributions and s.kind == "talks" and has_session:
            report.check("sessions without any contribution (all their rows lacked a title)", s.title)
    return p


def _year_from(source: Path, records, mapping: Mapping, report: Report) -> int | None:
    """A year for dates written without one: from the mapping file, else from the file's path."""
    if mapping.year:
        return mapping.year
    values = [r.get(f) or "" for r in records for f in ("day", "end_day") if not is_placeholder(r.get(f))]
    if not timeutil.needs_year(values):
        return None
    for part in reversed(source.resolve().parts):
        m = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", part)
        if m:
            report.guessed("dates without a year: year taken from the file's path (set `year:` in a mapping file)",
                           m[-1])
            return int(m[-1])
    return None


def _date_column_format(records, name: str, year: int | None, mapping: Mapping, report: Report) -> str | None:
    values = [r.get(name) for r in records if not is_placeholder(r.get(name))]
    if not values:
        return None
    if mapping.date_format:
        if mapping.date_format not in timeutil.DATE_FORMATS:
            raise ImporterError(f"mapping file: date_format must be one of {', '.join(timeutil.DATE_FORMATS)}")
        return mapping.date_format
    fmt = timeutil.date_format_for(values, year)
    if fmt is None and timeutil.weekday_numbers(values) is not None:
        if mapping.first_day is None:
            raise ImporterError(f"the {name} column names weekdays, not dates (e.g. {values[0]!r}): give the date "
                                "of the first day with `first_day: 1999-08-06` in a mapping file (--mapping FILE)")
        report.guessed(f"weekday names in the {name} column: dates from first_day {mapping.first_day} on",
                       f"{values[0]} → {timeutil.weekday_date(values[0], mapping.first_day)}")
        return timeutil.WEEKDAY
    if fmt is None:
        sample = values[0]
        if year is None and re.fullmatch(r"\d{3,4}|\d{1,2}\.\d{1,2}\.", sample.strip()):
            raise ImporterError(f"dates in the {name} column have no year (e.g. {sample!r}): give one with "
                                "`year: 2024` in a mapping file (--mapping FILE)")
        raise ImporterError(f"cannot read the dates in the {name} column (e.g. {sample!r}): set "
                            f"`date_format:` in a mapping file to one of {', '.join(timeutil.DATE_FORMATS)}")
    twin = {"DD/MM/YYYY": "MM/DD/YYYY", "DD/MM/YY": "MM/DD/YY"}.get(fmt)
    if twin and all(timeutil.parse_date(v, twin, year) for v in values):
        report.guessed(f"day-first dates ({fmt}): the {name} column reads either way "
                       "(set `date_format:` in a mapping file)", values[0])
    return fmt


def _date(rec, name: str, fmt: str | None, year: int | None, first_day: dt.date | None = None) -> dt.date | None:
    v = rec.get(name)
    if fmt is None or is_placeholder(v):
        return None
    if fmt == timeutil.WEEKDAY:
        return timeutil.weekday_date(v, first_day)
    return timeutil.parse_date(v, fmt, year)


def _times(rec, report: Report, line: int) -> tuple[int | None, int | None]:
    start = end = None
    if not is_placeholder(rec.get("time")):
        start, end = timeutil.clock_range(rec["time"])
        if start is None:
            start = timeutil.clock(rec["time"])
        if start is None:
            report.dropped("times that could not be read", f"line {line}: {rec['time']!r}")
    for name in ("start", "end"):
        raw = rec.get(name)
        if raw is None:
            continue
        if is_placeholder(raw):
            if raw.strip():
                report.dropped(f"placeholder {name} times (tbd, …)", f"line {line}: {raw.strip()!r}")
            continue
        value = timeutil.clock(raw)
        if value is None:
            report.dropped("times that could not be read", f"line {line}: {raw!r}")
        elif name == "start":
            start = value
        else:
            end = value
    return start, end


def _kind(rec, title: str, report: Report) -> str:
    raw = _value(rec, "kind")
    if raw:
        if raw.lower() in KINDS:
            return raw.lower()
        kind = kind_from_words(raw)
        if kind:
            return kind
        report.guessed("type values that name no session kind: kind from the title, else talks", raw)
    track = _value(rec, "track")
    kind = kind_from_words(title, track, whole_words=True)
    if kind:
        report.guessed("session kind from the title or track", f"{title[:40]} → {kind}")
    return kind or "talks"


def _person_style(records, name: str) -> str:
    """"semicolon": "Name, Affiliation; Name, Affiliation"; "comma": "Name, Name"."""
    values = [r.get(name) or "" for r in records]
    return "semicolon" if any(";" in v for v in values) else "comma"


def _persons(rec, name: str, style: str, people: People, line: int,
             affiliations: list[str] | None = None) -> list[PersonRef]:
    out = []
    for cell in _values(rec, name):
        cell = cell.replace("\u00a0", " ")
        if style == "semicolon":
            items = []
            for part in _split_outside_brackets(cell, r";"):
                person, aff = (_split_outside_brackets(part, r",", 1) + [""])[:2]
                items.append((person, [aff.strip()] if aff.strip() else []))
        else:
            items = []
            for x in _split_outside_brackets(cell, r"\s*(?:,|\s&\s|\s+and\s+|\s+und\s+)\s*"):
                if items and looks_like_institution(x) and not looks_like_institution(items[-1][0]):
                    items[-1][1].append(x.strip())     # "Rebecca Strauch, Universität Konstanz"
                    people.report.guessed("an institution after a name in a comma-separated cell taken as that "
                                          "person's affiliation", f"line {line}: {items[-1][0]}, {x.strip()}")
                else:
                    items.append((x, []))
        for raw, affs in items:
            m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", raw.strip())
            if m and not affs:
                raw, affs = m[1], [m[2].strip()]
            if not affs and affiliations and len(items) == 1:
                affs = [a for a in affiliations]
            out.extend(people.add_all(raw, affiliations=affs, where=f"line {line}"))
    return out


def _split_outside_brackets(text: str, pattern: str, limit: int = 0) -> list[str]:
    """`re.split`, but not inside parentheses: "Ada (Univ. A, UK), Alan" → ["Ada (Univ. A, UK)", "Alan"]."""
    out, last, depth_at = [], 0, []
    depth = 0
    for ch in text:
        depth_at.append(depth)
        depth = depth + 1 if ch in "([" else max(depth - 1, 0) if ch in ")]" else depth
    for m in re.finditer(pattern, text):
        if m.start() < len(depth_at) and depth_at[m.start()] == 0 and m.end() > m.start():
            out.append(text[last:m.start()])
            last = m.end()
            if limit and len(out) == limit:
                break
    out.append(text[last:])
    return out


def _unique(records, name: str) -> bool:
    values = [r.get(name) for r in records if not is_placeholder(r.get(name))]
    return bool(values) and len(values) == len(set(values)) and len(values) == len(records)


def _humanise(stem: str) -> str:
    words = re.sub(r"[_\s]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Programme"

"""Load stage: a project's content/ folder → a validated `Conference`.

Files in content/ (searched recursively, in path order):
- `conference.yaml`: the event (a mapping);
- `people*.yaml`: the person registry (a list of persons);
- every other `*.yaml`: programme sessions (a list of sessions);
- Markdown abstracts, referenced from contributions by `abstract_file`;
- `pages/*.md`: the organiser's own pages (see pages.py).

All problems are collected in `diag`; the caller raises them together.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
import zoneinfo
from pathlib import Path

from ..errors import Diagnostics, Loc, display_path
from . import consistency
from .inserts import SECTION_NAMES, read_inserts
from .model import (
    SESSION_KINDS,
    Author,
    Committee,
    Conference,
    Contribution,
    Member,
    Online,
    Person,
    Sponsor,
    Room,
    Session,
    Track,
)
from .pages import find_images, image_file, read_pages
from .paths import confine, hidden, quote
from .schema import MAX_URL, Fields, closest, is_language_tag, is_web_address, type_name
from .snapshot import VERSION_TEXT
from .yamlio import YList, YMap, load_yaml

CONFERENCE_FIELDS = ("title", "short", "slug", "dates", "timezone", "day_ends", "venue", "language", "organisers",
                     "rooms", "tracks", "inserts", "committees", "sponsors", "online", "version")
PERSON_FIELDS = ("id", "name", "family", "title", "affiliations")
SESSION_FIELDS = ("session", "id", "kind", "day", "start", "end", "room", "track", "chairs", "contributions",
                  "location", "description", "url", "lang")
CONTRIBUTION_FIELDS = ("id", "title", "speakers", "authors", "abstract", "abstract_file", "board", "start",
                       "duration", "track", "url", "lang")
AUTHOR_REF_FIELDS = ("person", "affiliations")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Limits that keep every build short (README, "Limits"): text past them is an error at its line.
MAX_TITLE = 2_000          # characters of a session or contribution title
MAX_ABSTRACT = 200_000     # characters of one abstract or session description
MAX_WORD = 1_000           # characters without a space: a line cannot break inside them
_LONG_WORD = re.compile(r"\S{%d,}" % (MAX_WORD + 1))


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "booklet"


def load(content_dir: Path, diag: Diagnostics, *, root: Path | None = None) -> Conference | None:
    """Read every content file under `content_dir`; None when it cannot form a conference."""
    root = root or content_dir.parent
    if not content_dir.is_dir():
        diag.error(Loc(display_path(content_dir, root)), "no content folder here",
                   "a booklet project is a folder with content/conference.yaml; try `booklet build PROJECT_DIR`")
        return None
    reader = _Reader(content_dir, root, diag)
    files = reader.content_files(content_dir)
    conference_file = None
    for path in files:
        if path.stem == "conference" and path.parent == content_dir:
            conference_file = path
        elif path.stem.startswith("people"):
            reader.read_people(path)
    for path in files:
        if path != conference_file and not path.stem.startswith("people"):
            reader.read_sessions(path)
    if conference_file is None:
        diag.error(Loc(display_path(content_dir, root)), "content/conference.yaml is missing",
                   "it names the event: title, dates, language (see README)")
        reader.read_sessions_only()
        return None
    conference = reader.read_conference(conference_file)
    pages = read_pages(content_dir / "pages", content_dir, root, SECTION_NAMES, reader.shown, diag)
    return dataclasses.replace(conference, pages=pages) if conference and pages else conference


class _Reader:
    """State of one load: the person registry, ids seen, sessions read so far."""

    def __init__(self, content_dir: Path, root: Path, diag: Diagnostics):
        self.content_dir, self.root, self.diag = content_dir, root, diag
        self.registry: dict[str, Person] = {}
        self.inline_people: dict[str, Person] = {}
        self.inline_by_name: dict[tuple, Person] = {}
        self.used: dict[str, Person] = {}          # first-appearance order
        self.session_raw: list[tuple[YMap, str]] = []
        self.ids: dict[str, tuple[str, Loc]] = {}
        self._folders: dict[Path, str] = {}         # folder → as shown in messages
        self.made_ids: dict[str, str] = {}          # session ids made from a title → the title
        self.people_unread: list[str] = []          # people files that could not be read (said once)

    def shown(self, path: Path) -> str:
        """`path` as messages show it, relative to the project when inside it. Every abstract's
        location goes through here: each folder is resolved once, not each file."""
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = display_path(path.parent, self.root)
        return str(Path(folder) / path.name)

    def content_files(self, content_dir: Path) -> list[Path]:
        """The YAML files under `content_dir`, in path order: hidden files (`.x`, macOS `._x`) are
        skipped, and a file that leaves the project or is not a regular file is an error."""
        out = []
        for path in sorted(content_dir.rglob("*")):
            if path.suffix not in (".yaml", ".yml") or hidden(path, content_dir) or path.is_dir():
                continue
            found = confine(str(path.relative_to(content_dir)), [content_dir], [self.root])
            if found.path is None:
                self.diag.error(Loc(self.shown(path)), f"{found.problem or 'cannot be read'}; it is not read",
                                "content files are regular files inside the project; copy the file in")
                continue
            out.append(path)
        return out

    def _top_list(self, path: Path, what: str) -> YList | None:
        data = load_yaml(path, self.shown(path), self.diag)
        if data is None:
            return None
        if not isinstance(data, YList):
            self.diag.error(Loc(self.shown(path), getattr(data, "loc", Loc("", 1)).line or 1),
                            f"expected a list of {what}, got {type_name(data)}", "start each entry with '- '")
            return None
        return data

    # -- people ---------------------------------------------------------------
    def read_people(self, path: Path) -> None:
        errors = len(self.diag.errors)
        entries = self._top_list(path, "persons")
        if entries is None and len(self.diag.errors) > errors:
            self.people_unread.append(self.shown(path))
        for i, entry in enumerate(entries or ()):
            if not isinstance(entry, YMap):
                self.diag.error(entries.loc_of(i), f"person {i + 1}: expected a mapping with id and name")
                continue
            person = self._person(entry, f"person {i + 1}", require_id=True)
            if person is None:
                continue
            if person.id in self.registry:
                self.diag.error(entry.loc, f"person '{person.id}' is defined twice",
                                f"the first is at {self.registry[person.id].loc}")
                continue
            self.registry[person.id] = person

    def _person(self, m: YMap, what: str, *, require_id: bool) -> Person | None:
        f = Fields(m, what, self.diag, PERSON_FIELDS)
        pid = f.text("id", required=require_id, example="ada-lovelace")
        name = f.text("name", required=True, example="Ada Lovelace")
        if pid is not None and not _ID.match(pid):
            f.error("id", f"must be letters, digits, '-', '_' or '.', got '{pid}'")
            return None
        if name is None:
            return None
        family = f.text("family") or name.split()[-1]
        if family not in name:
            f.error("family", f"'{quote(family)}' is not part of the name '{quote(name)}'",
                    "family names the part of 'name' the index sorts by")
            family = name.split()[-1]
        return Person(id=pid or slugify(name), name=name, family=family, title=f.text("title"),
                      affiliations=f.text_list("affiliations"), loc=m.loc)

    # -- sessions ---------------------------------------------------------------
    def read_sessions(self, path: Path) -> None:
        for i, entry in enumerate(self._top_list(path, "sessions") or ()):
            if isinstance(entry, YMap):
                self.session_raw.append((entry, f"session {i + 1}"))
            else:
                self.diag.error(Loc(self.shown(path), 1), f"session {i + 1}: expected a mapping, got {type_name(entry)}")

    def _claim_id(self, kind: str, ident: str, loc: Loc) -> bool:
        """Session and contribution ids share one namespace: both are link targets."""
        if ident in self.ids:
            first_kind, first_loc = self.ids[ident]
            hint = "ids must be unique across sessions and contributions"
            if ident in self.made_ids:
                hint = (f"the session at {first_loc} has no `id:`; '{ident}' was made from its title "
                        f"'{quote(self.made_ids[ident], 60)}'; give that session an `id:` of its own, or rename this one")
            self.diag.error(loc, f"{kind} id '{ident}' is already used by a {first_kind} at {first_loc}", hint)
            return False
        self.ids[ident] = (kind, loc)
        return True

    def _free_id(self, base: str) -> str:
        """An id derived from a title, numbered when another session has the same title."""
        ident, n = base, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        return ident

    def _session(self, m: YMap, what: str, event: "_Event") -> Session | None:
        written = (_plain(m.get("session")) or "").strip()
        named = _plain(m.get("id")) or (slugify("".join(c for c in written if unicodedata.category(c) != "Cc"))
                                        if written else None)
        f = Fields(m, f"session '{named}'" if named else what, self.diag, SESSION_FIELDS)
        if isinstance(m.get("session"), str) and not written:
            self.diag.error(f.loc_of("session"), f"{what}: session title is empty",
                            "write the session's title after `session:`, e.g. `session: Keynote`")
            title = None
        else:
            title = self._limited(f, "session", f.text("session", required=True, example="Keynote"), MAX_TITLE)
            title = self._printable(f, "session", title)
        sid = f.text("id") or (self._free_id(slugify(title)) if title else None)
        if title is None or sid is None:
            return None
        if not f.has("id"):
            self.made_ids[sid] = title
        f.what = f"session '{sid}'"
        self._claim_id("session", sid, m.loc)
        kind = f.choice("kind", SESSION_KINDS, default="talks")
        day = f.date("day") or event.only_day
        if day and event.start and event.end and not event.start <= day <= event.end:
            f.error("day", f"{day} is outside the conference dates {event.start} – {event.end}")
        start, end = f.time("start"), f.time("end")
        if start and end and end == start:
            f.error("end", f"{end:%H:%M} is not after start {start:%H:%M}")
        elif start and end and end < start and end > event.day_ends:
            f.error("end", f"{end:%H:%M} is before start {start:%H:%M}",
                    f"an end before the start is read as the next morning only up to {event.day_ends:%H:%M} "
                    "(`day_ends:` in conference.yaml); otherwise fix the end")
        elif start and not end:
            f.error_at(f.loc, "'end' is missing", "a session with a start time needs an end time too")
        elif end and not start:
            f.error_at(f.loc, "'start' is missing", "a session with an end time needs a start time too")
        if start and day is None:
            f.error_at(f.loc, "'day' is missing", "a timed session needs its day, e.g. `day: 2025-05-04`")
        rooms = self._refs(f, "room", event.rooms, "rooms in conference.yaml")
        location = f.text("location")
        if location and rooms:
            f.error("location", "is given together with 'room'",
                    "a session is in one of the rooms, or somewhere else (location); keep one")
            location = None
        track = self._ref(f, "track", event.tracks, "tracks in conference.yaml")
        chairs = tuple(a.person for a in self._authors(f, "chairs", presenting=False))
        lang = _language_tag(f)
        contributions = []
        items = f.items("contributions")
        for i, entry in enumerate(items):
            if not isinstance(entry, YMap):
                f.error_at(items.loc_of(i), f"contribution {i + 1}: expected a mapping with title and speakers")
                continue
            contribution = self._contribution(entry, f"{sid}-{i + 1}", event, lang)
            if contribution:
                contributions.append(contribution)
        session = Session(id=sid, title=title, kind=kind, day=day, start=start, end=end, rooms=rooms,
                          chairs=chairs, contributions=tuple(contributions), loc=m.loc, track=track,
                          location=location, url=_url(f), lang=lang,
                          description=self._limited(f, "description", f.text("description"), MAX_ABSTRACT),
                          description_loc=f.loc_of("description") if f.has("description") else None)
        return dataclasses.replace(session, contributions=_in_time_order(session))

    def _refs(self, f: Fields, key: str, known: dict, where: str) -> tuple:
        """One id or a list of ids, each resolved in `known`."""
        out = []
        values = f.items(key)
        if known is None:  # conference.yaml unusable: rooms and tracks cannot be checked
            return ()
        for i, ref in enumerate(values):
            if not isinstance(ref, (str, int)) or isinstance(ref, bool):
                f.error_at(values.loc_of(i), f"'{key}' must name an id, got {type_name(ref)}")
            elif str(ref) in known:
                out.append(known[str(ref)])
            else:
                f.error_at(values.loc_of(i), f"unknown {key} '{ref}'", self._hint(str(ref), known, where))
        return tuple(out)

    def _ref(self, f: Fields, key: str, known: dict, where: str):
        found = self._refs(f, key, known, where)
        if len(found) > 1:
            f.error(key, "names more than one; give one id")
        return found[0] if found else None

    def _contribution(self, m: YMap, fallback_id: str, event: "_Event",
                      session_lang: str | None = None) -> Contribution | None:
        f = Fields(m, f"contribution '{_plain(m.get('id')) or fallback_id}'", self.diag, CONTRIBUTION_FIELDS)
        cid = f.text("id") or fallback_id
        f.what = f"contribution '{cid}'"
        if not _ID.match(cid):
            f.error("id", f"must be letters, digits, '-', '_' or '.', got '{cid}'")
        self._claim_id("contribution", cid, m.loc)
        title = self._limited(f, "title", f.text("title", required=True, example="On the shape of things"),
                              MAX_TITLE)
        title = self._printable(f, "title", title)
        authors = self._authors(f, "speakers", presenting=True) + self._authors(f, "authors", presenting=False)
        abstract, abstract_loc = self._abstract(f)
        board = f.text("board")
        start, duration = f.time("start"), f.integer("duration", minimum=1)
        track = self._ref(f, "track", event.tracks, "tracks in conference.yaml")
        images = ()
        if abstract and "![" in abstract:   # figures: found relative to the content folder, like a page's
            where = abstract_loc or m.loc
            images = tuple(find_images(abstract, where.line if where.line > 1 else 0, where.path, self.content_dir,
                                       self.root, self.shown, self.diag, f"contribution '{cid}': ").items())
        if title is None:
            return None
        return Contribution(id=cid, title=title, authors=_unique_authors(authors), abstract=abstract,
                            abstract_loc=abstract_loc, board=board, loc=m.loc, start=start, duration=duration,
                            track=track, images=images, url=_url(f), lang=_language_tag(f) or session_lang)

    def _abstract(self, f: Fields) -> tuple[str | None, Loc | None]:
        if f.has("abstract") and f.has("abstract_file"):
            f.error("abstract_file", "is given together with 'abstract'", "keep one of the two")
            return None, None
        if f.has("abstract"):
            return self._limited(f, "abstract", f.text("abstract"), MAX_ABSTRACT), f.loc_of("abstract")
        name = f.text("abstract_file")
        if name is None:
            return None, None
        found = confine(name, [self.content_dir], [self.root])
        if found.path is None:
            f.error("abstract_file", f"cannot read '{quote(name)}': {found.problem or 'no such file'}",
                    "paths are relative to the content folder, e.g. abstracts/x.md"
                    + (", and stay inside the project" if found.problem else ""))
            return None, None
        path = found.path
        try:
            text = path.read_text(encoding="utf-8-sig").strip()   # a byte-order mark is not text
        except (OSError, UnicodeDecodeError) as exc:
            reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc.strerror
            f.error("abstract_file", f"cannot read '{quote(name)}': {reason}",
                    "paths are relative to the content folder, e.g. abstracts/x.md")
            return None, None
        loc = Loc(self.shown(path), 1)
        return self._limited(f, "abstract_file", text, MAX_ABSTRACT, loc) or None, loc

    def _printable(self, f: Fields, key: str, title: str | None) -> str | None:
        """A title without control characters (a bell, an escape): they print as nothing and would
        reach the PDF's bookmarks; each is removed with a warning at the title's line."""
        if title is None:
            return None
        found = sorted({c for c in title if unicodedata.category(c) == "Cc" and c not in "\t\n\r"})
        if not found:
            return title
        names = ", ".join(f"U+{ord(c):04X}" for c in found)
        f.warn(key, f"has control characters ({names}); they are left out",
               "remove them from the title; they are not printable")
        return "".join(c for c in title if c not in found) or None

    def _limited(self, f: Fields, key: str, text: str | None, limit: int, loc: Loc | None = None) -> str | None:
        """`text` when it is within `limit` characters and has no word over MAX_WORD; else an error
        at its line (`loc`: where the text starts, when it is a file of its own)."""
        if text is None:
            return None
        where = loc or f.loc_of(key)
        if len(text) > limit:
            self.diag.error(where, f"{f.what}: '{key}' is {len(text):,} characters long, more than {limit:,}",
                            "shorten it; booklet's limits are listed in the README (Limits)")
            return None
        word = _LONG_WORD.search(text)
        if word:
            line = where.line + text.count("\n", 0, word.start()) if loc else where.line
            self.diag.error(Loc(where.path, line), f"{f.what}: '{key}' has a word of {len(word[0]):,} characters "
                            f"without a space, more than {MAX_WORD:,}: '{quote(word[0], 40)}'",
                            "a line cannot break inside it; add spaces, or shorten it")
            return None
        return text

    def _authors(self, f: Fields, key: str, *, presenting: bool) -> tuple[Author, ...]:
        out = []
        items = f.items(key)
        for i, ref in enumerate(items):
            loc = items.loc_of(i)
            author = self._author(ref, loc, f"{f.what}: {key} item {i + 1}", presenting)
            if author:
                out.append(author)
                self.used.setdefault(author.person.id, author.person)
        return tuple(out)

    def _author(self, ref, loc: Loc, what: str, presenting: bool) -> Author | None:
        """A person reference: an id, `{person: id, affiliations: [...]}`, or an inline person."""
        if isinstance(ref, str):
            person = self._lookup(ref, loc, what)
            return Author(person, person.affiliations, presenting) if person else None
        if not isinstance(ref, YMap):
            self.diag.error(loc, f"{what}: expected a person id or a mapping, got {type_name(ref)}")
            return None
        if "person" in ref:
            f = Fields(ref, what, self.diag, AUTHOR_REF_FIELDS)
            pid = f.text("person", required=True, example="ada-lovelace")
            person = self._lookup(pid, loc, what) if pid else None
            if person is None:
                return None
            return Author(person, f.text_list("affiliations") if "affiliations" in ref else person.affiliations,
                          presenting)
        person = self._person(ref, what, require_id=False)
        if person is None:
            return None
        return Author(self._same_person(person, explicit_id="id" in ref), person.affiliations, presenting)

    def _same_person(self, person: Person, *, explicit_id: bool) -> Person:
        """An inline person is one entry across contributions: by its id when it has one, else by
        name and affiliations. The same name with other affiliations is another person (a homonym)."""
        if explicit_id:
            return self.registry.get(person.id) or self.inline_people.setdefault(person.id, person)
        key = (person.name, person.affiliations)
        if key in self.inline_by_name:
            return self.inline_by_name[key]
        registered = next((p for p in self.registry.values() if (p.name, p.affiliations) == key), None)
        if registered:
            return registered
        ident, n = person.id, 1
        while ident in self.registry or ident in self.inline_people:
            n += 1
            ident = f"{person.id}-{n}"
        person = dataclasses.replace(person, id=ident)
        self.inline_people[ident] = self.inline_by_name[key] = person
        return person

    def _lookup(self, pid: str, loc: Loc, what: str) -> Person | None:
        person = self.registry.get(pid)
        if person is None and self.people_unread:
            return None   # the people file's own error says it; "unknown person" for each use would bury it
        if person is None:
            self.diag.error(loc, f"{what}: unknown person '{pid}'", self._hint(pid, self.registry, "people.yaml"))
        return person

    @staticmethod
    def _hint(word: str, known, where: str) -> str:
        guess = closest(word, known)
        return f"did you mean '{guess}'?" if guess else f"define it in {where}"

    # -- conference -----------------------------------------------------------
    def read_sessions_only(self) -> None:
        """Without a usable conference.yaml, still check every session, so one run shows all problems."""
        event = _Event(None, None, None, None)
        for m, what in self.session_raw:
            self._session(m, what, event)

    def read_conference(self, path: Path) -> Conference | None:
        errors_before = len(self.diag.errors)
        data = load_yaml(path, self.shown(path), self.diag)
        if not isinstance(data, YMap):
            if len(self.diag.errors) == errors_before:  # empty, or a list: say so (a syntax error said enough)
                self.diag.error(Loc(self.shown(path), 1), f"expected a mapping of event fields, got {type_name(data)}",
                                "conference.yaml starts with lines like `title: ...` and `dates: {start: ...}`")
            self.read_sessions_only()
            return None
        f = Fields(data, "conference", self.diag, CONFERENCE_FIELDS)
        title = f.text("title", required=True, example="My Conference 2025")
        start, end = self._dates(f)
        event = _Event(start, end, self._rooms(f), self._tracks(f), self._day_ends(f))
        sessions = [s for m, what in self.session_raw if (s := self._session(m, what, event))]
        language = f.text("language") or "en"
        if not re.match(r"^[a-z]{2,3}([-_][A-Za-z]{2,4})?$", language):
            f.error("language", f"must be a language code such as 'en' or 'de', got '{language}'")
            language = "en"
        if title is None or start is None or end is None:
            return None
        short = f.text("short")
        slug = f.text("slug")
        if slug and not _ID.match(slug):
            f.error("slug", f"must be letters, digits, '-', '_' or '.', got '{slug}'",
                    "it names the output file out/<slug>.pdf")
            slug = None
        conference = Conference(
            title=title, short=short, slug=slug or slugify(short or title), start=start, end=end,
            timezone=_timezone(f), venue=f.text("venue"), language=language,
            organisers=f.text_list("organisers"), rooms=tuple(event.rooms.values()),
            tracks=tuple(event.tracks.values()), sessions=tuple(sessions), people=tuple(self.used.values()),
            loc=data.loc, inserts=read_inserts(f.items("inserts"), [self.content_dir, self.root], SECTION_NAMES,
                                               self.diag, roots=[self.root]),
            committees=self._committees(f), sponsors=self._sponsors(f), online=_online(f, slug or slugify(short or title)),
            version=self._version(f))
        consistency.check(conference, self.diag)
        return conference

    @staticmethod
    def _version(f: Fields) -> str | None:
        """`version: 3` (or "2026-12b"): the version the booklet is stamped with; it names a file."""
        version = f.text("version")
        if version and not VERSION_TEXT.match(version):
            f.error("version", f"must be up to 40 letters, digits, '.', '-' or '_', got '{quote(version)}'",
                    "e.g. `version: 2`; leave it out to have booklet count versions itself")
            return None
        return version

    def _committees(self, f: Fields) -> tuple[Committee, ...]:
        """`committees: [{name, members: [...]}]`; a member is a person id, `{person: id, affiliations}`
        or an inline `{name, affiliations}`. Members are not added to the index's persons."""
        out = []
        items = f.items("committees")
        for i, entry in enumerate(items):
            if not isinstance(entry, YMap):
                f.error_at(items.loc_of(i), f"committee {i + 1}: expected a mapping with name and members",
                           "e.g. `- {name: Programme committee, members: [ada, {name: Alan Turing}]}`")
                continue
            c = Fields(entry, f"committee {i + 1}", self.diag, ("name", "members"))
            name = c.text("name", required=True, example="Programme committee")
            if name:
                c.what = f"committee '{name}'"
            members = []
            listed = c.items("members")
            for j, ref in enumerate(listed):
                author = self._author(ref, listed.loc_of(j), f"{c.what}: members item {j + 1}", False)
                if author:
                    members.append(Member(author.person, author.affiliations))
            if not listed:
                c.error_at(c.loc, "'members' is missing or empty", "add `members: [person-id, ...]`")
            if name:
                out.append(Committee(name, tuple(members), entry.loc))
        return tuple(out)

    def _sponsors(self, f: Fields) -> tuple[Sponsor, ...]:
        """`sponsors: [{name, logo, tier, url}]`; the logo is an image in the content folder."""
        out = []
        items = f.items("sponsors")
        for i, entry in enumerate(items):
            if not isinstance(entry, YMap):
                f.error_at(items.loc_of(i), f"sponsor {i + 1}: expected a mapping with name, logo and tier",
                           "e.g. `- {name: Acme, logo: images/acme.png, tier: Gold, url: https://acme.example}`")
                continue
            e = Fields(entry, f"sponsor {i + 1}", self.diag, ("name", "logo", "tier", "url"))
            name = e.text("name", required=True, example="Acme Instruments")
            if name:
                e.what = f"sponsor '{name}'"
            url = e.text("url")
            if url and not re.match(r"(?i)^(https?://|mailto:)", url):
                e.error("url", f"must start with https:// or http://, got '{url}'")
                url = None
            src = e.text("logo")
            logo = image_file(src, e.loc_of("logo"), self.content_dir, self.root, self.shown, self.diag,
                              f"{e.what}: 'logo': ") if src else None
            if name:
                out.append(Sponsor(name, e.text("tier") or "", logo, url, entry.loc))
        return tuple(out)

    def _day_ends(self, f: Fields) -> dt.time:
        value = f.time("day_ends")
        if value is not None and value > dt.time(12, 0):
            f.error("day_ends", f"must be a time of the next morning, up to 12:00, got {value:%H:%M}",
                    'e.g. day_ends: "04:00" for a programme that runs until 4 a.m.')
            return DAY_ENDS
        return value or DAY_ENDS

    def _dates(self, f: Fields):
        if not f.has("dates"):
            f.error_at(f.loc, "'dates' is missing", "add a line like `dates: {start: 2025-05-04, end: 2025-05-06}`")
            return None, None
        dates = f.mapping("dates")
        if dates is None:
            return None, None
        d = Fields(dates, "conference dates", self.diag, ("start", "end"))
        start = d.date("start", required=True)
        end = d.date("end") or start
        if start and end and end < start:
            d.error("end", f"{end} is before start {start}")
        return start, end

    def _rooms(self, f: Fields) -> dict[str, Room]:
        return self._id_list(f, "rooms", "room", ("short", "capacity"), ("main", "Main hall"),
                             lambda e, rid, name: Room(rid, name, e.text("short") or name,
                                                       e.integer("capacity", minimum=1)))

    def _tracks(self, f: Fields) -> dict[str, Track]:
        return self._id_list(f, "tracks", "track", ("colour",), ("ml", "Imaging"),
                             lambda e, tid, name: Track(tid, name, self._colour(e)))

    def _id_list(self, f: Fields, key: str, noun: str, more: tuple, example: tuple, make) -> dict:
        """A list of {id, name, ...} such as rooms or tracks, in order, each id once."""
        out: dict = {}
        items = f.items(key)
        for i, entry in enumerate(items):
            if not isinstance(entry, YMap):
                f.error_at(items.loc_of(i), f"{noun} {i + 1}: expected a mapping with id and name")
                continue
            e = Fields(entry, f"{noun} {i + 1}", self.diag, ("id", "name") + more)
            ident = e.text("id", required=True, example=example[0])
            name = e.text("name", required=True, example=example[1])
            if ident and name:
                if ident in out:
                    e.error("id", f"'{ident}' is used by two {noun}s")
                out[ident] = make(e, ident, name)
        return out

    @staticmethod
    def _colour(e: Fields) -> str | None:
        colour = e.text("colour")
        if colour and not re.match(r"^#[0-9a-fA-F]{6}$", colour):
            e.error("colour", f"must be written #rrggbb, got '{colour}'")
            return None
        return colour


def _language_tag(f: Fields) -> str | None:
    """`lang:` of a session or contribution: a BCP 47 language tag ("de", "pt-BR"), for the HTML
    edition's lang= and the PDF's hyphenation; anything else is an error at its line."""
    tag = f.text("lang")
    if tag is None:
        return None
    tag = tag.strip()
    if not is_language_tag(tag):
        hint = "a BCP 47 language tag, e.g. `lang: de`, `lang: pt-BR` or `lang: zh-Hant`"
        if "_" in tag and is_language_tag(tag.replace("_", "-")):
            hint = f"write it with hyphens: `lang: {tag.replace('_', '-')}`"
        f.error("lang", f"must be a language tag such as 'de' or 'pt-BR', got '{quote(tag)}'", hint)
        return None
    return tag


def _timezone(f: Fields) -> str | None:
    """`timezone:`, an IANA name (Europe/Berlin); one zoneinfo does not know is kept as written and
    warned of here, at its line, since only the calendar needs it (and is then not written)."""
    name = f.text("timezone")
    if name:
        try:
            zoneinfo.ZoneInfo(name.strip())
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):   # OSError: a folder, such as 'Europe'
            guess = closest(name.strip(), zoneinfo.available_timezones())
            f.warn("timezone", f"is '{quote(name)}', not a time zone name of the IANA database: no calendar "
                   "(.ics) is written", f"did you mean '{guess}'?" if guess else
                   "use a name such as Europe/Berlin or America/New_York, or leave `timezone:` out for "
                   "floating times")
    return name


def _online(f: Fields, slug: str) -> Online:
    """`online:` in conference.yaml: the web address of a folder that holds the editions under their
    file names (<slug>.pdf, .html, .ics), or a mapping of each edition (pdf, html, ics) to its own."""
    value = f.m.get("online")
    if value is None:
        return Online()
    if isinstance(value, YMap):
        g = Fields(value, "online", f.diag, Online.EDITIONS)
        return Online(**{name: _web_address(g, name) for name in Online.EDITIONS if g.has(name)})
    folder = _web_address(f, "online")
    if folder is None:
        return Online()
    folder = folder if folder.endswith("/") else folder + "/"
    return Online(pdf=f"{folder}{slug}.pdf", html=f"{folder}{slug}.html", ics=f"{folder}{slug}.ics")


def _url(f: Fields) -> str | None:
    """`url:` of a session or contribution (see _web_address)."""
    return _web_address(f, "url")


def _web_address(f: Fields, key: str) -> str | None:
    """A web address (http or https, with a host, no spaces): a session's or contribution's `url:`,
    which a layout may print as a QR code, or where an edition is online; anything else is an error
    at its line."""
    url = f.text(key)
    if url is None:
        return None
    if not is_web_address(url):
        f.error(key, f"must be a web address starting with https:// or http://, got '{quote(url)}'",
                f'write the whole address, e.g. `{key}: "https://example.org/{"talk/42" if key == "url" else "ec-2027/"}"`')
        return None
    if len(url.encode("utf-8")) > MAX_URL:
        f.error(key, f"is {len(url.encode('utf-8')):,} bytes long, more than {MAX_URL:,}",
                "use a shorter address (a link shortener, or the page's short form)")
        return None
    return url


def _plain(value) -> str | None:
    """A scalar as written, to name a thing in messages before it is validated."""
    if value is None or isinstance(value, (YMap, YList, bool)):
        return None
    return str(getattr(value, "raw", value))


DAY_ENDS = dt.time(6, 0)   # a session ending before its start ends the next morning, by this time


class _Event:
    """What sessions are checked against: the conference dates, rooms and tracks, and how late
    into the next morning a day may run."""

    def __init__(self, start, end, rooms: dict[str, Room], tracks: dict[str, Track],
                 day_ends: dt.time = DAY_ENDS):
        self.start, self.end, self.rooms, self.tracks = start, end, rooms, tracks
        self.day_ends = day_ends
        self.only_day = start if start is not None and start == end else None


def _in_time_order(session: Session) -> tuple[Contribution, ...]:
    """A session's contributions by their start; one without a time stays after the one it
    follows in the file. In an overnight session 00:30 comes after 23:45."""
    keys, key = [], -1
    for c in session.contributions:
        if c.start is not None:
            key = session.minute_of(c.start)
        keys.append(key)
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return tuple(session.contributions[i] for i in order)


def _unique_authors(authors: tuple[Author, ...]) -> tuple[Author, ...]:
    """A person listed as speaker and again as co-author counts once, as speaker."""
    seen, out = set(), []
    for a in authors:
        if a.person.id not in seen:
            seen.add(a.person.id)
            out.append(a)
    return tuple(out)

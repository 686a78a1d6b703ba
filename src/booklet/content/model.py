"""The programme as the rest of booklet sees it: frozen, validated, cross-linked.

Loaders build it; booklet sections read it. Nothing here knows about YAML files,
pages or fonts. References are resolved: a contribution holds `Person` objects,
not ids, and the same person is the same object wherever they appear.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import Loc

SESSION_KINDS = ("keynote", "plenary", "talks", "posters", "workshop", "panel", "break", "meal", "social")


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str                 # display form, e.g. "Gabriel Crespo López-Urrutia"
    family: str               # the part the index sorts by, e.g. "Crespo López-Urrutia"
    title: str | None         # "Dr.", "Prof. Dr.": kept apart from the name
    affiliations: tuple[str, ...]
    loc: Loc

    @property
    def given(self) -> str:
        """The name without the family part ("Gabriel")."""
        head, sep, tail = self.name.rpartition(self.family)
        return (head + tail).strip() if sep else ""

    @property
    def index_name(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass(frozen=True, slots=True)
class Author:
    """A person's part in one contribution, with the affiliations shown there."""

    person: Person
    affiliations: tuple[str, ...]
    presenting: bool


@dataclass(frozen=True, slots=True)
class Room:
    id: str
    name: str
    short: str
    capacity: int | None = None


@dataclass(frozen=True, slots=True)
class Track:
    id: str
    name: str
    colour: str | None     # "#rrggbb"; print always adds a label, colour is never the only signal


@dataclass(frozen=True, slots=True)
class Contribution:
    id: str
    title: str
    authors: tuple[Author, ...]    # presenting authors first, in source order
    abstract: str | None           # Markdown source
    abstract_loc: Loc | None
    board: str | None              # poster board number
    loc: Loc
    start: dt.time | None = None   # within its session, when the programme gives it
    duration: int | None = None    # minutes
    track: Track | None = None
    images: tuple = ()             # (path as written, ImageFile): the figures its abstract shows
    url: str | None = None         # its page on the web (http or https): a QR code in the programme
    lang: str | None = None        # BCP 47 tag when not the conference's language: its own `lang:`, or its session's

    @property
    def end(self) -> dt.time | None:
        if self.start is None or self.duration is None:
            return None
        return add_minutes(self.start, self.duration)

    @property
    def speakers(self) -> tuple[Author, ...]:
        return tuple(a for a in self.authors if a.presenting)

    @property
    def coauthors(self) -> tuple[Author, ...]:
        return tuple(a for a in self.authors if not a.presenting)


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    title: str
    kind: str
    day: dt.date | None
    start: dt.time | None
    end: dt.time | None
    rooms: tuple[Room, ...]        # empty: not tied to a room (all rooms, for a timed plenary or break,
                                   # unless it has a location)
    chairs: tuple[Person, ...]
    contributions: tuple[Contribution, ...]
    loc: Loc
    track: Track | None = None
    location: str | None = None            # a place outside the rooms ("Uppsala Castle"): its own grid lane
    description: str | None = None         # Markdown shown under the session in the programme
    description_loc: Loc | None = None
    url: str | None = None                 # its page on the web (http or https)
    lang: str | None = None                # BCP 47 tag of its title and description, when given (`lang:`)

    @property
    def timed(self) -> bool:
        return self.day is not None and self.start is not None and self.end is not None

    @property
    def overnight(self) -> bool:
        """It ends the next morning: an end earlier than the start (23:30–01:30) is after midnight."""
        return self.timed and self.end < self.start

    @property
    def span(self) -> tuple[int, int] | None:
        """(start, end) in minutes from the beginning of its day; an overnight end is past 1440."""
        if not self.timed:
            return None
        return self.minute_of(self.start), self.minute_of(self.end)

    def minute_of(self, t: dt.time) -> int:
        """Minutes from the beginning of the session's day to `t`, a time within the session:
        in an overnight session a time earlier than its start is the next morning."""
        return minutes(t) + (DAY if self.overnight and t < self.start else 0)

    @property
    def single_item(self) -> bool:
        """A session that is just one contribution of the same title (frab-style events)."""
        return len(self.contributions) == 1 and self.contributions[0].title == self.title


@dataclass(frozen=True, slots=True)
class Online:
    """Where the editions of the booklet are published (`online:` in conference.yaml), each a web
    address or None: the PDF's colophon and the web page's footer point to them."""
    pdf: str | None = None
    html: str | None = None
    ics: str | None = None

    EDITIONS = ("pdf", "html", "ics")

    def items(self) -> list[tuple[str, str]]:
        """(edition, address) of each edition that is online, in the order above."""
        return [(name, url) for name in self.EDITIONS if (url := getattr(self, name))]


@dataclass(frozen=True, slots=True)
class Conference:
    title: str
    short: str | None
    slug: str
    start: dt.date
    end: dt.date
    timezone: str | None
    venue: str | None
    language: str
    organisers: tuple[str, ...]
    rooms: tuple[Room, ...]
    tracks: tuple[Track, ...]
    sessions: tuple[Session, ...]
    people: tuple[Person, ...]     # everyone who appears anywhere, in first-appearance order
    loc: Loc
    inserts: tuple = ()            # inserts.InsertSpec: PDFs placed between sections (maps, sponsors)
    pages: tuple["Page", ...] = ()             # the organiser's own pages (content/pages/*.md)
    committees: tuple["Committee", ...] = ()
    sponsors: tuple["Sponsor", ...] = ()
    online: Online = Online()      # where the editions are published (`online:`), none by default
    version: str | None = None     # `version:` of the programme ("3"); None: booklet counts versions (snapshot.py)

    @property
    def contributions(self) -> tuple[Contribution, ...]:
        return tuple(c for s in self.sessions for c in s.contributions)

    def sessions_of_kind(self, *kinds: str) -> tuple[Session, ...]:
        return tuple(s for s in self.sessions if s.kind in kinds)

    @property
    def days(self) -> tuple[dt.date, ...]:
        return tuple(sorted({s.day for s in self.sessions if s.day}))


@dataclass(frozen=True, slots=True)
class ImageFile:
    """An image a page shows, found and read when the content was loaded."""

    path: Path                    # absolute, inside the project
    shown: str                    # as messages name it
    kind: str                     # "raster" (PNG, JPEG) or "svg"
    pixels: tuple[int, int]       # width, height; for SVG its size in points
    loc: Loc                      # where the page names it


@dataclass(frozen=True, slots=True)
class Page:
    """An organiser's page (content/pages/NAME.md): front matter, then a Markdown body."""

    name: str                     # the file's stem: pages are told apart by it
    title: str
    place: str                    # "front", "back", "before" or "after"
    section: str | None           # the section a "before"/"after" place names
    order: int
    contents: bool                # listed in the contents
    start_right: bool             # opens on a right-hand page
    columns: int                  # 1, or 2 for long text
    body: str                     # Markdown
    body_loc: Loc                 # the line before the body's first line: block lines count from it
    images: dict                  # source path as written → ImageFile
    loc: Loc


@dataclass(frozen=True, slots=True)
class Member:
    """A committee member: a person of the registry or named inline."""

    person: Person
    affiliations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Committee:
    name: str
    members: tuple[Member, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Sponsor:
    name: str
    tier: str                     # tiers are shown in the order they first appear
    logo: ImageFile | None
    url: str | None
    loc: Loc


DAY = 24 * 60   # minutes


def minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def add_minutes(t: dt.time, delta: int) -> dt.time:
    """The clock time `delta` minutes after `t`: past midnight it reads 00:10, as a clock does."""
    total = (minutes(t) + delta) % DAY
    return dt.time(total // 60, total % 60)


def clock(minute: int) -> str:
    """"HH:MM" of a minute of the day; minutes past midnight of the next morning (1450) read 00:10."""
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"

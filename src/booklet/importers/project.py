"""What every importer produces: a programme in booklet's terms, before it is written.

Readers fill a `Programme`; the writer turns it into content/ files. Persons go
through one `People` registry, which merges the same person written in different
ways (capitals, diacritics, titles, the source's own person ids) and keeps the
affiliations each contribution gives.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from . import names
from .report import Report

KINDS = ("keynote", "plenary", "talks", "posters", "workshop", "panel", "break", "meal", "social")
PLACEHOLDERS = {"", "tbd", "tba", "t.b.d.", "t.b.a.", "n/a", "na", "n.a.", "none", "null", "nan", "-", "--", "–",
                "?", "??", "no track", "kein", "keine", "nicht", "なし", "特になし", "未定", "ない", "無し"}

# Words that name a kind of session, in the order they are tried (a "lunch break" is a meal).
_KIND_WORDS = [
    ("meal", r"lunch|dinner|breakfast|brunch|mittagspause|mittagessen|mittag|abendessen|frühstück|fruehstueck|"
             r"meal|buffet"),
    ("break", r"coffee|kaffee\w*|break|\w*pause|tea|intermission|recess"),
    ("keynote", r"keynote|festvortrag|invited plenary"),
    ("posters", r"poster"),
    ("panel", r"panel|podium|round ?table|discussion|diskussion|fishbowl"),
    ("workshop", r"workshop|tutorial|hands-on|hackathon|hacking|bof|birds of a feather|lab\b|übung|uebung|kurs"),
    ("social", r"social|party|reception|empfang|get-together|get together|excursion|exkursion|ausflug|banquet|"
               r"conference dinner|gala|concert|konzert"),
    ("plenary", r"plenary|plenum|opening|closing|welcome|begrüßung|begruessung|eröffnung|eroeffnung|abschluss"),
    ("talks", r"talk|lecture|vortrag|vorträge|presentation|präsentation|oral|lightning|session|devroom|maintrack|"
              r"contributed|paper|short|long"),
]


_INSTITUTION = re.compile(
    r"\b(?:universit\w*|univ\.|institut\w*|college|hochschule|school|zentrum|centre|center|akademie|academy|"
    r"foundation|stiftung|gmbh|e\.\s?v\.|ministry|ministerium|department|laboratory|labs?)\b", re.IGNORECASE)


def looks_like_institution(text: str) -> bool:
    return bool(_INSTITUTION.search(text or ""))


def kind_from_words(*texts: str | None, whole_words: bool = False) -> str | None:
    """The session kind a type name suggests ("lightningtalk", "BoF (45 minutes)"), or with
    `whole_words` a title or track ("Lunch Break", "Keynote: …"; not "Breaking the monolith" nor
    "Social policy around the world": a title only counts when it is short or starts with the word)."""
    for text in texts:
        if not text:
            continue
        low = text.lower().strip()
        for kind, words in _KIND_WORDS:
            if whole_words:
                if kind in ("talks", "plenary"):
                    continue
                if kind == "posters":
                    words = r"poster ?sessions?|posters|poster presentations?"
                pattern = rf"(?:^|\b|_)(?:{words})(?:\b|$)"
                m = re.search(pattern, low)
                if m and (len(low.split()) <= 4 or m.start() == 0 and re.match(rf"^(?:{words})\s*[:–—-]", low)):
                    return kind
            elif re.search(rf"(?:^|\b|_)(?:{words})", low):
                return kind
    return None


def is_placeholder(value) -> bool:
    return value is None or str(value).strip().lower() in PLACEHOLDERS


def ascii_slug(text: str, limit: int = 48) -> str:
    """"Jörg's Vortrag über Karten" → "joergs-vortrag-ueber-karten"; "" for text mostly in other scripts."""
    text = text or ""
    letters = [ch for ch in text if ch.isalpha()]
    s = unicodedata.normalize("NFKD", text.translate(names._TRANSLIT))
    s = s.encode("ascii", "ignore").decode().lower()
    if letters and sum(ch.isalpha() for ch in s) * 2 < len(letters):
        return ""
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > limit:
        cut = s[:limit]
        s = cut.rsplit("-", 1)[0] if "-" in cut[limit // 2:] else cut
    return s.strip("-")


class Ids:
    """Unique ids in one namespace (booklet checks session and contribution ids together)."""

    def __init__(self):
        self.used: set[str] = set()
        self.numbered: dict[str, int] = {}

    def make(self, wanted: str | None, fallback: str) -> str:
        """A slug of `wanted`, else `fallback` numbered ("c-1", "c-2", …); "-2" added on a clash."""
        base = ascii_slug(wanted or "")
        if not base:
            n = self.numbered.get(fallback, 0) + 1
            while f"{fallback}-{n}" in self.used:
                n += 1
            self.numbered[fallback] = n
            base = f"{fallback}-{n}"
        elif not re.match(r"^[a-z0-9]", base):
            base = f"{fallback}-{base}"
        ident, n = base, 2
        while ident in self.used:
            ident, n = f"{base}-{n}", n + 1
        self.used.add(ident)
        return ident


@dataclass
class PersonRef:
    key: str
    affiliations: tuple[str, ...] | None = None   # what this contribution says; None: nothing said


@dataclass
class Contribution:
    title: str
    source_id: str | None = None
    speakers: list[PersonRef] = field(default_factory=list)
    authors: list[PersonRef] = field(default_factory=list)
    abstract: str | None = None          # Markdown
    board: str | None = None
    start: int | None = None             # minutes; written only when it says more than the session
    duration: int | None = None
    track: str | None = None             # track name
    url: str | None = None               # its own page (pretalx talk, Indico contribution)
    lang: str | None = None              # its language (BCP 47), as the source says; written when not the programme's


@dataclass
class Session:
    title: str
    kind: str = "talks"
    day: dt.date | None = None
    start: int | None = None             # minutes after midnight of `day`
    end: int | None = None               # may exceed 1440 (past midnight); the writer decides
    rooms: list[str] = field(default_factory=list)   # room names; empty: not said / all rooms
    track: str | None = None
    chairs: list[PersonRef] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    source_id: str | None = None
    order: int = 0                       # source order, to keep it among equals
    url: str | None = None               # its own page (an Indico session block)


@dataclass
class Room:
    name: str                            # unique within the programme
    short: str | None = None
    capacity: int | None = None
    display: str | None = None           # the name shown, when two rooms share one (parallel columns)


@dataclass
class Track:
    name: str
    colour: str | None = None


@dataclass
class Programme:
    title: str | None = None
    short: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    timezone: str | None = None
    day_ends: int | None = None       # minutes after midnight that the latest night session ends by
    venue: str | None = None
    language: str | None = None
    organisers: list[str] = field(default_factory=list)
    rooms: list[Room] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)

    def room(self, name: str | None, **extra) -> str | None:
        """Register a room by name (first appearance sets the display order); its name or None."""
        name = names.clean_space(name or "")
        if is_placeholder(name):
            return None
        for r in self.rooms:
            if r.name == name:
                for k, v in extra.items():
                    if v is not None and getattr(r, k) is None:
                        setattr(r, k, v)
                return name
        self.rooms.append(Room(name, **extra))
        return name

    def track(self, name: str | None, colour: str | None = None) -> str | None:
        name = names.clean_space(name or "")
        if is_placeholder(name):
            return None
        colour = colour if colour and re.fullmatch(r"#[0-9a-fA-F]{6}", colour) else None
        for t in self.tracks:
            if t.name == name:
                t.colour = t.colour or colour
                return name
        self.tracks.append(Track(name, colour))
        return name


@dataclass
class _Person:
    key: str
    spellings: list[tuple[names.Name, str]] = field(default_factory=list)   # (parsed, as written)
    affiliations: Counter = field(default_factory=Counter)
    first_affiliations: tuple[str, ...] = ()

    @property
    def best(self) -> names.Name:
        return max(self.spellings, key=lambda s: names.quality(*s))[0]


class People:
    """The person registry of one import.

    Every name is kept as the source writes it (up to white space): handles ("RND"), names
    with an institution ("Tatiana Bazzichelli / Disruption Network Lab"), quotes and capitals.
    What looks odd is listed under "check" in the report, never acted on. Only the user's
    mapping file may split a name into several persons (`names: split:` / `split_on:`) or
    recase capitals (`names: recase_capitals: true`).
    """

    def __init__(self, report: Report, *, split: dict[str, list[str]] | None = None,
                 split_on: list[str] | None = None, recase_capitals: bool = False):
        self.report = report
        self.persons: dict[str, _Person] = {}
        self.by_source: dict[str, str] = {}        # the source's person id → key
        self.by_name: dict[str, str] = {}          # folded name → key
        self.split = {names.clean_space(k): [names.clean_space(v) for v in vs] for k, vs in (split or {}).items()}
        self.split_on = [x for x in (split_on or []) if x.strip()]
        self.recase_capitals = recase_capitals

    def add_all(self, raw: str | None, **options) -> list[PersonRef]:
        """`add`, after the user's own rules for names that are several persons (mapping file)."""
        written = names.clean_space(raw or "")
        parts = self.split.get(written)
        if parts is None and self.split_on and written:
            pattern = "|".join(re.escape(x) for x in self.split_on)
            pieces = [x.strip() for x in re.split(pattern, written) if x.strip()]
            parts = pieces if len(pieces) > 1 else None
        if parts is None:
            ref = self.add(raw, **options)
            return [ref] if ref else []
        self.report.changed("names split into several persons by the mapping file", f"{written} → "
                            + " / ".join(parts))
        options = {k: v for k, v in options.items() if k not in ("given", "family", "source_id")}
        return [ref for ref in (self.add(part, **options) for part in parts) if ref]

    def add(self, raw: str | None, *, affiliations=None, source_id: str | None = None, family_first: bool = False,
            given: str | None = None, family: str | None = None, where: str = "") -> PersonRef | None:
        """A person as the source writes them → a reference, merging with anyone already known."""
        raw = names.clean_space(raw or "")
        if (not raw and not given and not family) or is_placeholder(raw or f"{given or ''}{family or ''}"):
            if raw:
                self.report.dropped("placeholder person names (tbd, NA, …)", raw)
            return None
        name, honorific = names.parse(raw, family_first=family_first, given=given, family=family,
                                      recase_capitals=self.recase_capitals)
        if name is None:
            self.report.dropped("person entries without a name", where or raw)
            return None
        self._odd(raw, name)
        if honorific:
            self.report.changed("honorifics before names (Mr., Ms., …) kept apart as the person's title", raw)
        affs = tuple(a for a in (names.clean_space(x) for x in (affiliations or ())) if a and not is_placeholder(a))
        key = self.by_source.get(source_id) if source_id else None
        by_name = self.by_name.get(name.key)
        if key is None:
            key = by_name
        elif by_name is not None and by_name != key:
            key = by_name   # two source ids, one name: the name wins, ids differ in the source's bookkeeping
        if key is None:
            key = f"p{len(self.persons) + 1}"
            self.persons[key] = _Person(key)
        person = self.persons[key]
        if person.spellings and all(s[0].display != name.display for s in person.spellings):
            known, known_raw = person.spellings[0]
            if known.display.casefold() == name.display.casefold():
                self.report.merged("persons whose names differ only in capitals", f"{known_raw} = {raw}")
            else:
                self.report.merged("persons written in two ways", f"{known_raw} = {raw}")
        person.spellings.append((name, raw))
        self.by_name.setdefault(name.key, key)
        if source_id:
            self.by_source.setdefault(source_id, key)
        if affs:
            person.affiliations[affs] += 1
            if not person.first_affiliations:
                person.first_affiliations = affs
        return PersonRef(key, affs or None)

    def _odd(self, raw: str, name: names.Name) -> None:
        """Names that may not be one person's name: listed under "check", kept as written."""
        if _INSTITUTION.search(raw):
            self.report.check("person names that mention an institution, kept as written", raw)
        if re.search(r"\s(?:/|&|\+|and|und|et)\s", raw):
            self.report.check("person names that may be several persons, kept as one (split them with "
                              "`names: split:` in a mapping file)", raw)
        if raw.count("(") != raw.count(")") or raw.count("[") != raw.count("]"):
            self.report.check("person names with unbalanced brackets, kept as written", raw)
        if not name.recased and names.is_capitals(name.family) and (name.given or " " in name.family):
            self.report.check("family names written in capitals, kept as written (`names: {recase_capitals: "
                              "true}` in a mapping file recases them)", raw)

    def finish(self) -> dict[str, dict]:
        """key → {name, family?, title?, affiliations} with the best spelling; ids are made by the writer."""
        out = {}
        recased = []
        for key, p in self.persons.items():
            best = p.best
            if best.recased:
                recased.append(f"{p.spellings[0][1]} → {best.display}")
            titles = [s[0].title for s in p.spellings if s[0].title]
            affs = p.affiliations.most_common(1)[0][0] if p.affiliations else ()
            if p.affiliations and len(p.affiliations) > 1:
                top = p.affiliations.most_common()
                if top[0][1] == top[1][1]:
                    affs = p.first_affiliations
            family = best.family if best.family != best.display.split(" ")[-1] else None
            out[key] = {"name": best.display, "family": family, "title": titles[0] if titles else None,
                        "affiliations": list(affs)}
        for example in recased[:4]:
            self.report.guessed("names written in capitals recased", example)
        if len(recased) > 4:
            self.report.guessed("names written in capitals recased", count=len(recased) - 4)
        self._similar(out)
        return out

    def _similar(self, persons: dict[str, dict]) -> None:
        """Names that may be one person, written differently enough not to merge: listed, not merged."""
        by_family: dict[str, list[str]] = {}
        for key, p in self.persons.items():
            by_family.setdefault(names.fold(p.best.family), []).append(key)
        for keys in by_family.values():
            if len(keys) < 2 or len(keys) > 20:
                continue
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    ga, gb = self.persons[a].best.given, self.persons[b].best.given
                    fa, fb = names.fold(ga), names.fold(gb)
                    if fa and fb and fa[0] == fb[0] and (fa.startswith(fb.rstrip(".")) or fb.startswith(fa.rstrip(".")))\
                            and len(min(fa, fb, key=len).replace(" ", "")) <= 2:
                        self.report.check("persons with the same family name and matching initials, kept apart",
                                          f"{persons[a]['name']} / {persons[b]['name']}")

"""Paragraphs parsed and broken into lines in an earlier build, kept for the next one.

`booklet serve` builds the same booklet again after every save, in one process that lives on.
Most paragraphs are the same text in the same style at the same width as the build before, and
parsing their markup and breaking them into lines (with hyphenation) is a fifth of a build. While
a `Memo` is active (`activate`), `flowables.Paragraph` takes them from it:

- a paragraph's fragments, by its markup, bullet and case rule and its style's every attribute
  (a style is made anew by each build, so it is compared by value, not by object);
- its lines, height and line widths at each width it was wrapped at.

Only whole paragraphs made from markup are kept, never the parts of one split across pages (those
depend on where the page ended). Fonts are known by name: the process that holds a memo must not
outlive a change of the fonts or the layout (booklet serve starts a new one). Entries no build has
used since the one before are dropped at the end of each build, so the memo holds about one
booklet. tests/test_rebuild_cache.py holds the promise: a rebuild with the memo gives the same
bytes as a clean build.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..content import yamlio


@dataclass
class Entry:
    """One paragraph: what parsing its markup gave, and its lines at each width."""

    text: str
    frags: list
    style: object
    bullet: object
    widths: dict = field(default_factory=dict)   # available width → (lines, height, line widths)


@dataclass
class Memo:
    entries: dict = field(default_factory=dict)        # paragraph key → Entry
    used: set = field(default_factory=set)             # keys asked for in this build
    hits: dict = field(default_factory=lambda: {"paragraphs": [0, 0], "lines": [0, 0]})   # name → [hits, misses]
    _styles: dict = field(default_factory=dict)        # id(style) → (style, its attributes as a key)
    files: yamlio.Kept = field(default_factory=yamlio.Kept)   # content files parsed
    tables: dict = field(default_factory=dict)          # kind → {key: value} (`recall`)
    recalled: dict = field(default_factory=dict)        # kind → keys asked for in this build

    def style_key(self, style) -> str:
        """The style's attributes, as a string: the same for equal styles made by different builds."""
        known = self._styles.get(id(style))
        if known is None or known[0] is not style:
            attributes = sorted((k, v) for k, v in vars(style).items() if k != "parent")
            known = self._styles[id(style)] = (style, repr(attributes))
        return known[1]

    def paragraph(self, key) -> Entry | None:
        self.used.add(key)
        entry = self.entries.get(key)
        self.hits["paragraphs"][entry is None] += 1
        return entry

    def keep(self, key, entry: Entry) -> None:
        self.entries[key] = entry

    def lines(self, entry: Entry, width: float):
        found = entry.widths.get(width)
        self.hits["lines"][found is None] += 1
        return found

    def recall(self, kind: str, key, make):
        """The value `make()` gave for `key` in this or the build before, or `make()` now."""
        table = self.tables.setdefault(kind, {})
        self.recalled.setdefault(kind, set()).add(key)
        counts = self.hits.setdefault(kind, [0, 0])
        if key in table:
            counts[0] += 1
            return table[key]
        counts[1] += 1
        value = table[key] = make()
        return value

    def end_build(self, *, forget: bool = True) -> dict[str, tuple[int, int]]:
        """Forget what this build did not use (unless not `forget`: a build that failed half-way
        used only part of the booklet); this build's (hits, misses) by kind, counted anew."""
        if forget:
            self.entries = {key: entry for key, entry in self.entries.items() if key in self.used}
            self.tables = {kind: {key: value for key, value in table.items() if key in self.recalled.get(kind, ())}
                           for kind, table in self.tables.items()}
        counts = {name: (hits, misses) for name, (hits, misses) in self.hits.items()}
        counts["files"] = self.files.end_build(forget=forget)
        self.used, self.recalled, self._styles = set(), {}, {}
        self.hits = {name: [0, 0] for name in self.hits}
        return counts


_active: Memo | None = None


def activate(memo: Memo | None) -> None:
    """Use `memo` in the builds of this process from now on (None: stop)."""
    global _active
    _active = memo
    yamlio.kept = memo.files if memo else None


def active() -> Memo | None:
    return _active

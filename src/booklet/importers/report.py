"""What an import did: counts, and what was dropped, merged, guessed or changed.

Notes with the same message are gathered into one line with a count and a few
examples, so a 1,000-row import still gives a report a person reads to the end.
"""
from __future__ import annotations

from dataclasses import dataclass, field

CATEGORIES = ("dropped", "merged", "guessed", "changed", "check")
_EXAMPLES = 4


@dataclass
class _Note:
    message: str
    count: int = 0
    examples: list[str] = field(default_factory=list)


@dataclass
class Report:
    source: str = ""
    format: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    notes: dict[str, dict[str, _Note]] = field(default_factory=lambda: {c: {} for c in CATEGORIES})
    written: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # the written project failed `booklet check`
    backup: str | None = None       # where the previous versions of replaced files went (import --force)
    replaced: int = 0

    def note(self, category: str, message: str, example: str | None = None, count: int = 1) -> None:
        """Record one occurrence of `message` (e.g. "rows without a title skipped")."""
        notes = self.notes[category]
        item = notes.setdefault(message, _Note(message))
        item.count += count
        if example is not None and len(item.examples) < _EXAMPLES and example not in item.examples:
            item.examples.append(example)

    def dropped(self, message: str, example: str | None = None, count: int = 1) -> None:
        self.note("dropped", message, example, count)

    def merged(self, message: str, example: str | None = None, count: int = 1) -> None:
        self.note("merged", message, example, count)

    def guessed(self, message: str, example: str | None = None, count: int = 1) -> None:
        self.note("guessed", message, example, count)

    def changed(self, message: str, example: str | None = None, count: int = 1) -> None:
        self.note("changed", message, example, count)

    def check(self, message: str, example: str | None = None, count: int = 1) -> None:
        """Something a person should look at; nothing was changed."""
        self.note("check", message, example, count)

    def count_of(self, category: str, message: str) -> int:
        note = self.notes[category].get(message)
        return note.count if note else 0

    def render(self, files: bool = True) -> str:
        """The report; `files`: with the list of written files (import-report.txt has it, the terminal not)."""
        c = self.counts
        lines = [f"imported {self.source} ({self.format})",
                 "  " + ", ".join(f"{c.get(k, 0)} {k}" for k in
                                  ("days", "rooms", "tracks", "sessions", "contributions", "persons", "abstracts"))]
        for category in CATEGORIES:
            notes = self.notes[category]
            if not notes:
                continue
            lines.append(f"{category}:")
            for note in notes.values():
                examples = "; ".join(note.examples)
                more = ", e.g. " if note.count > len(note.examples) else ": "
                lines.append(f"  - {note.message} ({note.count})" + (f"{more}{examples}" if examples else ""))
        if self.backup:
            lines.append(f"replaced {self.replaced} files an import wrote before; their previous versions are in "
                         f"{self.backup}")
        if self.problems:
            lines.append("the written project does not pass `booklet check` yet:")
            lines.extend(f"  {p}" for p in self.problems)
        if self.written and files:
            lines.append("written:")        # read by the next `import --force`: these files are the import's
            lines.extend(f"  {rel}" for rel in self.written)
        return "\n".join(lines)

"""Field-by-field reading of YAML mappings with located, collected messages.

Content and layout loaders describe what they expect through `Fields`; every
problem becomes a diagnostic naming file, line, the thing being read and the
field, with a hint (the closest valid key for a typo, the expected form for a
malformed value). Reading never stops at the first problem.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Iterable

from ..errors import Diagnostics, Loc
from .paths import quote
from .yamlio import YList, YMap

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_WEB_ADDRESS = re.compile(r"(?i)^https?://[^\s/?#@]+(?:[/?#]\S*)?$")
MAX_URL = 1_000   # bytes of a contribution's or session's `url`: its QR code must stay readable


def is_web_address(url: str) -> bool:
    """An http or https address with a host, no spaces, no user:password@ and no control
    characters: what a contribution's or session's `url:` may be (importers keep only these)."""
    return bool(_WEB_ADDRESS.match(url)) and not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in url)


# A well-formed BCP 47 (RFC 5646) language tag: language (with up to three extended subtags), script,
# region, variants, extensions, private use; or private use alone. Well-formed, not looked up in
# IANA's registry: "de", "pt-BR", "zh-Hant-TW", "sr-Latn", "de-CH-1996", "x-klingon". The language
# is 2 or 3 letters: RFC 5646's 4-8 letter ones are reserved and unused, and "English" is a mistake.
_LANGUAGE_TAG = re.compile(
    r"[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}"
    r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"
    r"|[Xx](?:-[A-Za-z0-9]{1,8})+")
MAX_LANGUAGE_TAG = 35


def is_language_tag(tag: str) -> bool:
    """Whether `tag` is a well-formed BCP 47 language tag (what `lang:` and HTML's lang= take)."""
    return len(tag) <= MAX_LANGUAGE_TAG and bool(_LANGUAGE_TAG.fullmatch(tag))


def closest(word: str, choices: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    choices = sorted(choices)
    guess = closest(word, choices)
    if guess:
        return f"did you mean '{guess}'?"
    return "expected one of: " + ", ".join(f"'{c}'" for c in choices)


def type_name(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (YMap, dict)):
        return "a mapping"
    if isinstance(value, (YList, list)):
        return "a list"
    return quote(repr(getattr(value, "raw", value)))


def located_list(values: list, loc: Loc) -> YList:
    """A YList made in code, every item placed at `loc`."""
    out = YList(values)
    out.loc, out.locs = loc, [loc] * len(values)
    return out


class Fields:
    """One mapping being read; `what` names it in messages, e.g. "contribution 'x7'"."""

    def __init__(self, mapping: YMap, what: str, diag: Diagnostics, allowed: Iterable[str]):
        self.m, self.what, self.diag = mapping, what, diag
        self.allowed = tuple(allowed)
        for key in mapping:
            if key not in self.allowed:
                self.error_at(mapping.key_loc(key), f"unknown field '{key}'", did_you_mean(key, self.allowed))

    @property
    def loc(self) -> Loc:
        return self.m.loc

    def loc_of(self, key: str) -> Loc:
        return self.m.loc_of(key)

    def has(self, key: str) -> bool:
        return self.m.get(key) is not None

    def error(self, key: str, message: str, hint: str | None = None) -> None:
        self.error_at(self.loc_of(key), f"'{key}' {message}", hint)

    def error_at(self, loc: Loc, message: str, hint: str | None = None) -> None:
        self.diag.error(loc, f"{self.what}: {message}", hint)

    def warn(self, key: str, message: str, hint: str | None = None) -> None:
        self.diag.warn(self.loc_of(key), f"{self.what}: '{key}' {message}", hint)

    def _missing(self, key: str, required: bool, example: str) -> None:
        """Report a required field that is absent, with a line to copy."""
        if required:
            self.error_at(self.loc, f"'{key}' is missing", f"add a line like `{key}: {example}`")

    def text(self, key: str, *, required: bool = False, example: str = "...") -> str | None:
        value = self.m.get(key)
        if value is None:
            self._missing(key, required, example)
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(key, f"must be text, got {type_name(value)}", "quote the value")
            return None
        text = str(getattr(value, "raw", value)).strip()
        if not text and required:
            self.error(key, "is empty")
            return None
        return text or None

    def integer(self, key: str, *, minimum: int | None = None) -> int | None:
        value = self.m.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"must be a whole number, got {type_name(value)}")
            return None
        if minimum is not None and value < minimum:
            self.error(key, f"must be at least {minimum}, got {value}")
            return None
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.m.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(key, f"must be true or false, got {type_name(value)}")
            return default
        return value

    def choice(self, key: str, options: Iterable[str], *, default: str | None = None,
               required: bool = False) -> str | None:
        options = tuple(options)
        value = self.text(key, required=required, example=options[0])
        if value is None:
            return default
        if value not in options:
            self.error(key, f"must be one of {', '.join(options)}; got '{quote(value)}'", did_you_mean(value, options))
            return default
        return value

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self.text(key, required=required, example="2021-09-23")
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.error(key, f"must be a date written YYYY-MM-DD, got '{quote(value)}'")
            return None

    def time(self, key: str) -> dt.time | None:
        value = self.text(key)
        if value is None:
            return None
        match = _TIME.match(value)
        if not match:
            self.error(key, f"must be a time written HH:MM (24-hour), got '{quote(value)}'", 'e.g. "09:30"')
            return None
        return dt.time(int(match[1]), int(match[2]))

    def mapping(self, key: str, *, required: bool = False) -> YMap | None:
        value = self.m.get(key)
        if value is None:
            self._missing(key, required, "{...}")
            return None
        if not isinstance(value, YMap):
            self.error(key, f"must be a mapping (key: value lines), got {type_name(value)}")
            return None
        return value

    def items(self, key: str) -> YList:
        """A list value; a single scalar is accepted as a one-item list."""
        value = self.m.get(key)
        if isinstance(value, YList):
            return value
        if isinstance(value, YMap):
            self.error(key, "must be a list, got a mapping", "start each item with '- '")
            value = None
        return located_list([] if value is None else [value], self.loc_of(key))

    def text_list(self, key: str) -> tuple[str, ...]:
        out = []
        values = self.items(key)
        for i, value in enumerate(values):
            if isinstance(value, (YMap, YList)) or value is None or isinstance(value, bool):
                self.error_at(values.loc_of(i), f"'{key}' item {i + 1} must be text, got {type_name(value)}")
                continue
            text = str(getattr(value, "raw", value)).strip()
            if text:
                out.append(text)
        return tuple(out)

"""YAML reading that remembers where every value came from.

Mappings become `YMap` and sequences `YList`; both know their own location and
the location of each member, so validation can say `content/people.yaml:12`.

The implicit typing is deliberately narrow (close to YAML 1.2's core schema):
`09:00` stays the string it looks like instead of YAML 1.1's sexagesimal 540,
`2021-09-23` stays a string for the loader to parse with a proper message, and
`no` / `on` are words, not booleans. Only true/false, null, decimal integers
and floats are typed.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import Diagnostics, Loc


class YMap(dict):
    """A mapping with `loc` (where it starts) and per-key locations."""

    loc: Loc
    key_locs: dict
    value_locs: dict

    def loc_of(self, key) -> Loc:
        """Where the value of `key` is written (falls back to the mapping)."""
        return self.value_locs.get(key, self.loc)

    def key_loc(self, key) -> Loc:
        return self.key_locs.get(key, self.loc)


class YList(list):
    """A sequence with `loc` and per-item locations."""

    loc: Loc
    locs: list

    def loc_of(self, index: int) -> Loc:
        return self.locs[index] if 0 <= index < len(self.locs) else self.loc


class YFloat(float):
    """A float that remembers how it was written: `9.30` is 9.3 but reads back as "9.30"."""

    raw: str


# libyaml's parser when PyYAML was built with it (the wheels are): several times faster.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):
    yaml_implicit_resolvers: dict = {}

    def construct_yaml_float(self, node):
        value = YFloat(super().construct_yaml_float(node))
        value.raw = node.value
        return value


_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)


def _resolver(tag: str, pattern: str, first) -> None:
    _Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))


_resolver("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789")
_resolver("float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789")
_resolver("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
_resolver("merge", r"^(?:<<)$", ["<"])


def load_yaml(path: Path, shown_as: str, diag: Diagnostics):
    """Parse one YAML file into YMap/YList/scalars; problems go to `diag`, returning None."""
    text = read_text(path, shown_as, diag)
    if text is None:
        return None
    if kept is None:
        return parse_yaml(text, shown_as, diag)
    return kept.parsed(text, shown_as, diag)


class Kept:
    """Files parsed before, by their text and name: `booklet serve` parses the project again after
    every save, and all but the saved file are as they were (typeset/reuse.py keeps one of these
    while it builds). A file with a problem is parsed every time, so its problem is told again.
    The loader only reads what parsing gave; it is never changed."""

    def __init__(self):
        self.values: dict = {}
        self.used: set = set()
        self.hits = [0, 0]

    def parsed(self, text: str, shown_as: str, diag: Diagnostics):
        key = (text, shown_as)
        self.used.add(key)
        self.hits[key not in self.values] += 1
        if key in self.values:
            return self.values[key]
        problems = len(diag.items)
        value = parse_yaml(text, shown_as, diag)
        if len(diag.items) == problems:
            self.values[key] = value
        return value

    def end_build(self, *, forget: bool = True) -> tuple[int, int]:
        """Forget the files this build did not read (if `forget`); (hits, misses) of this build."""
        if forget:
            self.values = {key: value for key, value in self.values.items() if key in self.used}
        counts, self.used, self.hits = tuple(self.hits), set(), [0, 0]
        return counts


kept: Kept | None = None    # set by typeset.reuse.activate


def read_text(path: Path, shown_as: str, diag: Diagnostics, *, encoding: str = "utf-8") -> str | None:
    """A content file's text, or None with an error at its name when it cannot be read as UTF-8."""
    try:
        return path.read_text(encoding=encoding)
    except UnicodeDecodeError as exc:
        diag.error(Loc(shown_as), f"not UTF-8 text (byte {exc.start})", "save the file as UTF-8")
    except OSError as exc:
        diag.error(Loc(shown_as), f"cannot read file: {exc.strerror}")
    return None


def parse_yaml(text: str, shown_as: str, diag: Diagnostics):
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or exc.context or "invalid YAML"
        diag.error(Loc(shown_as, line), f"YAML syntax: {problem}", _syntax_hint(problem))
        return None
    except yaml.YAMLError as exc:
        diag.error(Loc(shown_as), f"YAML syntax: {exc}")
        return None
    finally:
        loader.dispose()
    if node is None:
        return None
    walk = _Walk()
    try:
        return _convert(node, loader, shown_as, diag, walk)
    except _TooMany as exc:
        diag.error(Loc(shown_as, exc.line), f"YAML aliases (*name) expand to more than {MAX_ALIAS_VALUES:,} values",
                   "an alias repeats the value its anchor (&name) marks; write the values out, or use fewer aliases")
    except RecursionError:
        diag.error(Loc(shown_as), "YAML nested too deeply", "a programme needs a few levels of lists and mappings")
    return None


# An alias (*name) repeats the value its anchor marks: a few lines can stand for billions of values
# (a "billion laughs"). The values aliases add to a file, counted over the whole file, are limited.
MAX_ALIAS_VALUES = 10_000


class _TooMany(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


class _Walk:
    """Nodes already converted once; every further visit is an alias's copy and counts."""

    def __init__(self):
        self.seen: set[int] = set()
        self.repeated = 0


def _loc(node, shown_as: str) -> Loc:
    return Loc(shown_as, node.start_mark.line + 1)


def _convert(node, loader, shown_as: str, diag: Diagnostics, walk: _Walk):
    if id(node) in walk.seen:
        walk.repeated += 1
        if walk.repeated > MAX_ALIAS_VALUES:
            raise _TooMany(node.start_mark.line + 1)
    else:
        walk.seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, loader, shown_as, diag, walk)
    if isinstance(node, yaml.SequenceNode):
        out = YList(_convert(item, loader, shown_as, diag, walk) for item in node.value)
        out.loc = _loc(node, shown_as)
        out.locs = [_loc(item, shown_as) for item in node.value]
        return out
    return loader.construct_object(node, deep=True)


def _convert_mapping(node, loader, shown_as: str, diag: Diagnostics, walk: _Walk) -> YMap:
    own = sum(1 for key, _ in node.value if key.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)  # resolves merge keys (<<): merged pairs first, then the node's own
    merged = len(node.value) - own
    out = YMap()
    out.loc, out.key_locs, out.value_locs = _loc(node, shown_as), {}, {}
    written: set[str] = set()  # keys written in this mapping itself, not merged in
    for position, (key_node, value_node) in enumerate(node.value):
        key = _convert(key_node, loader, shown_as, diag, walk)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            diag.error(_loc(key_node, shown_as), "a key must be a plain word")
            continue
        key = str(getattr(key, "raw", key))
        if position >= merged:
            if key in written:
                diag.error(_loc(key_node, shown_as), f"'{key}' is given twice in this mapping",
                           f"the first is on line {out.key_locs[key].line}; keep one")
                continue
            written.add(key)
        out[key] = _convert(value_node, loader, shown_as, diag, walk)  # a written key overrides a merged one
        out.key_locs[key] = _loc(key_node, shown_as)
        out.value_locs[key] = _loc(value_node, shown_as)
    return out


def _syntax_hint(problem: str) -> str:
    if "escape character" in problem:   # "$\log n$" in double quotes: YAML reads \l as an escape
        return ("in double quotes a backslash starts an escape: write maths and other backslashes in single "
                "quotes ('$\\log n$') or as a block (|)")
    return "check indentation, and quote values that contain ': ' or start with [ { * & ! | > % @"

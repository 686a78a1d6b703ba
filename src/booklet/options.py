"""What every sub-command's arguments and output share: the project argument, a whole number
of 1 or more, "3 pages", and warnings on stderr. A library at the bottom of the layers, so that
cli.py and the commands built on the pipeline (handouts/, serve.py) use one copy."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

TRACEBACKS = "show tracebacks of internal errors"


def project_arg(p: argparse.ArgumentParser, *, verbose: str = TRACEBACKS) -> None:
    """The optional PROJECT folder (default: here) and -v, whose help says what it shows."""
    p.add_argument("project", nargs="?", type=Path, default=Path("."),
                   help="project folder holding content/ (default: the current folder)")
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=verbose)


def positive(text: str) -> int:
    """An argparse type: a whole number of 1 or more (-j)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return int(text)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 page', '3 pages'; `plural` when adding an s is wrong ('clashes')."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def print_warnings(warnings) -> None:
    for warning in warnings:
        print(warning, file=sys.stderr)

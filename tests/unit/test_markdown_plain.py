"""Plain text skips the Markdown parser, and comes out exactly as the parser would make it."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from booklet.content import loader
from booklet.errors import Diagnostics
from booklet.text import markdown
from booklet.text.markdown import Fallbacks, RichText

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def rich():
    covered = set(range(32, 0x250)) | {0x2013, 0x2014, 0x2019, 0x201C, 0x201D}
    return RichText(Fallbacks(covered, []), code_font="Courier", link_colour="#0a5a7c")


def _programme_texts(project: Path) -> list[str]:
    conference = loader.load(project / "content", Diagnostics(), root=project)
    texts = [s.title for s in conference.sessions]
    texts += [t for c in conference.contributions for t in (c.title, c.abstract) if t]
    return texts


def _fuzz(count: int) -> list[str]:
    """Texts near the edge of what counts as plain: block starts, breaks, spaces, markup characters."""
    rng = random.Random(7)
    pieces = ["word", "Zoë", "Łódź", "2021", "1.", "1)", "#", "-", "+", "=", "|", "*", "_", "`", "$", "&", "<", ">",
              "[", "]", "!", "~", "\\", "e.g.", "(x)", ":", ";", "'", '"', "%", "@", "https://doi.org/10.1000/xyz",
              "www.example.org", "10.1234/abc.5", "a/b", "---", "\u00a0", "\t", "  ", " "]
    out = []
    for _ in range(count):
        words = [rng.choice(pieces) for _ in range(rng.randint(1, 8))]
        text = ""
        for word in words:
            text += word + rng.choice([" ", " ", " ", "", "\n", "\n\n", "  \n\n", "\n \n"])
        out.append(rng.choice(["", " ", "\n"]) + text)
    return out


def _all_texts(tmp_path_factory) -> list[str]:
    texts = _programme_texts(ROOT) + _programme_texts(ROOT / "tests" / "corpus" / "nasty") + _fuzz(4000)
    generated = tmp_path_factory.mktemp("generated")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "150", str(generated)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return texts + _programme_texts(generated)


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    return _all_texts(tmp_path_factory)


def test_plain_abstracts_come_out_as_the_parser_makes_them(rich, texts):
    plain = [t for t in texts if markdown._plain_paragraphs(t) is not None]
    assert len(plain) > 300              # the fast way is taken often, so the comparison means something
    different = [t for t in plain if rich.blocks(t) != rich._parsed_blocks(t)]
    assert different == []


def test_plain_titles_come_out_as_the_parser_makes_them(rich, texts):
    plain = [t for t in texts if markdown._PLAIN.fullmatch(t.strip())]
    assert len(plain) > 300
    different = [t for t in plain if rich.inline(t) != rich._parsed_inline(t.strip())]
    assert different == []


@pytest.mark.parametrize("text", ["# A heading", "1. first", "- item", "    code", "a  b", "R&amp;D", "![x](y.png)",
                                  "p < 0.05", "$x$", "*em*", "snake_case", "a\u00a0b", "one\n\n\ntwo", "a \nb",
                                  "a\n b", "a\n# b", "a\n---", "a\n1. b"])
def test_markdown_and_its_near_misses_go_to_the_parser(text):
    assert markdown._plain_paragraphs(text) is None


def test_a_booklet_of_plain_texts_never_imports_the_parser(tmp_path):
    """The default content: its titles and abstracts are all plain text."""
    check = f"""
import sys
from pathlib import Path
import booklet
booklet.build(Path({str(ROOT)!r}), out_dir=Path(sys.argv[1]), edition="email")
assert "markdown_it" not in sys.modules, "markdown_it was imported"
"""
    done = subprocess.run([sys.executable, "-c", check, str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

"""Issue 19, item 10: a build always ends, in time linear in its input, or with a located content error.

Each hostile input is built in a subprocess with a timeout: a hang fails the test instead of the suite.
"""
from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest


HOSTILE = Path(__file__).resolve().parent / "corpus" / "hostile"
TIMEOUT = 60   # seconds; each of these builds takes about one on a laptop


def _project(tmp_path: Path, programme: str, files: dict[str, str] | None = None) -> Path:
    content = tmp_path / "p" / "content"
    content.mkdir(parents=True)
    (content / "conference.yaml").write_text("title: T\ndates: {start: 2025-03-04}\n", encoding="utf-8")
    (content / "people.yaml").write_text("- {id: ada, name: Ada Lovelace}\n", encoding="utf-8")
    (content / "programme.yaml").write_text(programme, encoding="utf-8")
    for name, text in (files or {}).items():
        (content / name).write_text(text, encoding="utf-8")
    return content.parent


def _build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "booklet", "build", str(project), "-q", "--edition", "email",
                           "-o", str(project / "out")], capture_output=True, text=True, timeout=TIMEOUT)


def _talk(title: str = "A talk", abstract: str = "abstract: Hello.") -> str:
    return ("- session: Talks\n  day: 2025-03-04\n  start: '09:00'\n  end: '10:00'\n  contributions:\n"
            f"    - id: x\n      title: {json.dumps(title)}\n"
            f"      speakers: [ada]\n      {abstract}\n")


def _words(n: int) -> str:
    """`n` characters of words of 3 to 11 letters."""
    words, i, length = [], 0, 0
    while length < n:
        words.append("abcdefghijk"[: 3 + i % 9])
        length += len(words[-1]) + 1
        i += 1
    return " ".join(words)[:n]


def test_a_2000_character_title_is_a_located_error_not_a_hang(tmp_path):
    result = _build(_project(tmp_path, _talk("x" * 2000)))
    assert result.returncode == 1, result.stderr
    assert ("content/programme.yaml:7: error: contribution 'x': 'title' has a word of 2,000 characters without a "
            "space, more than 1,000") in result.stderr


def test_a_2000_character_title_of_words_builds_with_programme_and_abstracts(tmp_path):
    result = _build(_project(tmp_path, _talk(_words(2000))))
    assert result.returncode == 0, result.stderr


def test_a_3000_character_session_title_is_a_located_error_not_a_layout_error(tmp_path):
    result = _build(_project(tmp_path, _talk().replace("session: Talks", f"session: {_words(3000)}")))
    assert result.returncode == 1, result.stderr
    assert "content/programme.yaml:1: error: session" in result.stderr
    assert "'session' is 3,000 characters long, more than 2,000" in result.stderr
    assert "LayoutError" not in result.stderr and "internal error" not in result.stderr


def test_a_title_at_the_limit_builds(tmp_path):
    result = _build(_project(tmp_path, _talk(_words(2000)).replace("session: Talks", f"session: {_words(2000)}")))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("text", ["word " * 200_000, "x" * 1_000_000], ids=["1MB-of-words", "1MB-one-word"])
def test_a_megabyte_of_abstract_is_a_located_error(tmp_path, text):
    result = _build(_project(tmp_path, _talk(abstract="abstract_file: big.md"), {"big.md": "Intro\n\n" + text}))
    assert result.returncode == 1, result.stderr
    assert "content/big.md:" in result.stderr and "contribution 'x': 'abstract_file'" in result.stderr
    assert "MemoryError" not in result.stderr


def test_an_abstract_just_under_the_limit_builds(tmp_path):
    text = "\n\n".join(_words(199_000)[i:i + 900] for i in range(0, 199_000, 900))
    result = _build(_project(tmp_path, _talk(abstract="abstract_file: big.md"), {"big.md": text}))
    assert result.returncode == 0, result.stderr


def test_a_yaml_alias_bomb_is_not_expanded(tmp_path):
    bomb = (HOSTILE / "alias-bomb.yaml").read_text(encoding="utf-8")
    result = _build(_project(tmp_path, _talk(), {"more.yaml": bomb}))
    assert result.returncode == 1, result.stderr
    assert "content/more.yaml:" in result.stderr
    assert "YAML aliases (*name) expand to more than 10,000 values" in result.stderr


def test_a_deeply_nested_yaml_file_is_a_located_error(tmp_path):
    result = _build(_project(tmp_path, _talk(), {"more.yaml": "[" * 50_000 + "]" * 50_000}))
    assert result.returncode == 1, result.stderr
    assert "content/more.yaml" in result.stderr and "Traceback" not in result.stderr


def test_a_heading_kept_with_the_next_that_cannot_fit_on_a_page_does_not_loop():
    """The cause of the 2000-character-title hang: ReportLab switches keep-with-next off on the
    flowable it groups, and a paragraph made at layout time (LaterParagraph) asked the paragraph
    inside instead, so a group taller than a page was made again and again, for ever."""
    from io import BytesIO

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from booklet.typeset.flowables import LaterParagraph

    style = ParagraphStyle("h", fontSize=40, leading=48, keepWithNext=1)
    story = [LaterParagraph(lambda: Paragraph("tall heading " * 400, style)), Paragraph("next", ParagraphStyle("b"))]

    def give_up(*_):
        raise TimeoutError("the layout loops")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(20)
    try:
        SimpleDocTemplate(BytesIO()).build(story)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

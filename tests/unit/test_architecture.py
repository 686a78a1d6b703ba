"""The import contract of docs/architecture.md: every import in src/booklet goes downward.

Layers, top to bottom; a module may import its own layer's folder and any layer below, never one
above, and never a sibling in the same row (importers and output know nothing of each other).
Imports inside functions count too: a lazy import is still a dependency.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "booklet"

LAYERS = (
    {"__main__", "__init__"},          # `python -m booklet`, `import booklet`
    {"cli"},                            # the command line
    {"handouts", "serve"},              # commands built on the pipeline: sheets and agendas, live preview
    {"build"},                          # the pipeline, stage by stage
    {"importers", "output", "starter"},   # starter: `booklet new`, a project copied from _starter/
    {"sections"},
    {"typeset"},
    {"layout"},
    {"text"},
    {"content"},
    {"pdf", "errors", "options"},     # options: the sub-commands' shared arguments and words
)
# Outside libraries a stage may not use: content and text know nothing of PDF or ReportLab.
FORBIDDEN_LIBRARIES = {
    "content": ("reportlab", "pypdf", "pikepdf"),
    "text": ("reportlab", "pypdf", "pikepdf"),
    "importers": ("reportlab", "pypdf", "pikepdf"),
}


def unit_of(module: str) -> str:
    """booklet.typeset.grid → typeset; booklet.cli → cli; booklet → __init__."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def rank(unit: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if unit in layer)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, module: str, is_package: bool):
    """(imported module, line) for every import in `source`, relative ones made absolute."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "booklet":   # `from . import cli`: the names are modules
                for alias in node.names:
                    yield f"booklet.{alias.name}", node.lineno
            else:
                yield target, node.lineno


def violations(source: str, module: str, is_package: bool = False) -> list[str]:
    own = unit_of(module)
    found = []
    for target, line in imports(source, module, is_package):
        if target.split(".")[0] in FORBIDDEN_LIBRARIES.get(own, ()):
            found.append(f"{module}:{line}: {own} may not use {target}")
        if not target.startswith("booklet.") or target == "booklet.__version__":
            continue
        other = unit_of(target)
        if other == own:
            continue
        if rank(other) < rank(own) or (rank(other) == rank(own) and other != own):
            found.append(f"{module}:{line}: {own} may not import {target} ({other} is not below it)")
    return found


def all_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, module_name(path)


def test_every_folder_and_top_module_has_a_layer():
    units = {unit_of(name) for _, name in all_modules()}
    placed = set().union(*LAYERS)
    assert units <= placed, f"not in LAYERS (add it to docs/architecture.md and here): {units - placed}"


def test_imports_go_downward():
    found = []
    for path, name in all_modules():
        found += violations(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("module, source", [
    ("booklet.content.model", "from ..typeset import flowables"),
    ("booklet.content.loader", "from ..layout.definition import Layout"),
    ("booklet.sections.glance", "from ..output import editions"),
    ("booklet.typeset.document", "from ..sections import SECTIONS"),
    ("booklet.output.assemble", "from booklet.importers import writer"),
    ("booklet.importers.frab", "def f():\n    from ..output import editions"),
    ("booklet.text.markdown", "import reportlab.platypus"),
    ("booklet.pdf.join", "from ..errors import Loc\nfrom ..content.model import Person"),
])
def test_a_forbidden_import_is_caught(module, source):
    assert violations(source, module)


@pytest.mark.parametrize("module, source", [
    ("booklet.sections.glance", "from ..typeset.grid import Block\nfrom ..content.model import Session"),
    ("booklet.typeset.document", "from .context import SectionContext\nfrom ..pdf import join"),
    ("booklet.build", "from .sections import SECTIONS\nfrom .output import editions"),
    ("booklet.output.marks", "from ..text.escape import esc"),
])
def test_an_allowed_import_passes(module, source):
    assert violations(source, module) == []


def test_the_section_builders_are_the_sections_content_and_layouts_name():
    from booklet.content.inserts import SECTION_NAMES
    from booklet.sections import SECTIONS
    assert tuple(SECTIONS) == SECTION_NAMES


def test_no_two_module_names_differ_only_by_a_prefix_or_a_plural():
    """`text` and `richtext`, `text` and `texts`, `content` and `contents` confused readers."""
    names = {path.stem if path.name != "__init__.py" else path.parent.name for path, _ in all_modules()}
    names -= {"__init__", "__main__", "booklet"}
    clashes = {(a, b) for a in names for b in names if a != b and (a.endswith(b) or a in (b + "s", b + "es"))}
    assert clashes - {("context", "text")} == set()   # "con" is no prefix: one word, not two

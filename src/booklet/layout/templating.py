"""Jinja2 templates from the layout folders → paragraphs with style roles.

A template renders ReportLab paragraph markup. Content values are escaped on
the way in (autoescape), so `<` and `&` in a title print as themselves. The
output is a sequence of `<para style="ROLE">…</para>`, `<spacer height="…"/>` and
`<image src="logo.png" width="30mm"/>` elements, which `blocks()` turns into
(role, markup), (None, height) and (IMAGE, (file, width)) pairs. An image is a block of
its own: ReportLab draws an `<img>` inside a paragraph over the lines around it, so
that is an error naming the template.
"""
from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..errors import LayoutError
from .units import parse_length

_BLOCK = re.compile(r'<para style="([^"]+)">(.*?)</para>|<spacer height="([^"]+)"/>'
                    r'|<image\s+src="([^"]*)"(?:\s+width="([^"]*)")?\s*/>', re.S)
IMAGE = "<image>"   # the role of an image block


class Templates:
    def __init__(self, dirs: list[Path]):
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d / "templates") for d in dirs]),
            undefined=jinja2.StrictUndefined, autoescape=True, trim_blocks=True, lstrip_blocks=True)

    def render(self, name: str, /, **context) -> str:
        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateNotFound:
            raise LayoutError(f"template '{name}' not found in the layout's templates/ folder") from None
        except jinja2.TemplateSyntaxError as exc:
            raise LayoutError(f"{exc.filename or name}:{exc.lineno}: error: template syntax: {exc.message}") from None
        except jinja2.UndefinedError as exc:
            raise LayoutError(f"template '{name}': {exc.message}") from None

    def line(self, template: str, /, **context) -> str:
        """A template that writes one piece of markup (a line, an entry), not paragraphs.

        Pass ready-made markup wrapped in `markup()`, so it is not escaped a second time."""
        return self.render(template, **context).strip()

    def blocks(self, name: str, /, **context) -> list[tuple[str | None, str | float]]:
        out: list[tuple[str | None, str | float]] = []
        for match in _BLOCK.finditer(self.render(name, **context)):
            role, markup, height, src, width = match.groups()
            if src is not None:
                out.append((IMAGE, (src, width or "")))
            elif role is not None:
                if re.search(r"<img\b", markup, re.I):
                    raise LayoutError(f"template '{name}': an <img> inside <para> is drawn over the text around it; "
                                      'put it on a line of its own as <image src="file.png" width="30mm"/>')
                out.append((role, markup.strip()))
            else:
                length = parse_length(height)
                if length is None:
                    raise LayoutError(f"template '{name}': spacer height '{height}' is not a length")
                out.append((None, length))
        return out


def markup(value) -> Markup:
    """Mark booklet-made markup as safe for templates (content in it is already escaped)."""
    if isinstance(value, (list, tuple)):
        return [Markup(v) for v in value]
    return Markup(value)

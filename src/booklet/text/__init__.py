"""Text: content strings in, paragraph markup out; no ReportLab documents here.

Markdown with HTML, maths, fallback fonts and right-to-left runs (markdown, maths), escaping
(escape), bylines (people), and the language-dependent pieces: index order (collation), word
breaks (hyphenation), dates.
"""

"""Typeset: the conference, the layout and the section builders in; the body PDF with its page
references and outline out (`document.render`).

Content strings become markup once (conversion), sections are composed into flowables and laid
out on facing pages by a ReportLab document (document, flowables, grid, crossref), a long booklet
in two processes at once (parts). Knows no section by name: build.py hands them in.
"""

"""Handouts: what organisers print besides the booklet, from the same project and layout.

A project in (loaded as `build` loads it); PDF files out under out/sheets/ and out/agendas/:
door signs per room and day, a one-page sheet per day, the foyer poster (`booklet sheets`), and
personal agendas (`booklet agenda`). Sits above `build.py`, whose loading and writing it reuses.
"""

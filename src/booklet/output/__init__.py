"""Output: the body PDF, covers and inserts in; the editions' bytes out (e-mail, print with
crop marks, imposed 2-up for saddle stitching, and the programme as an iCalendar file).
`assemble` orders the pages and labels them, `editions` writes each edition, `impose`, `marks`
and `placing` draw the printer's sheets, `ics` writes the calendar.
"""

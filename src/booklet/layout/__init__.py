"""Layout: layouts/NAME/ (layout.yaml with `extends:`, templates, covers) and fonts/ in; a
`definition.Layout`, registered fonts (`fonts.FontSet`), paragraph styles by role (`styles`) and
Jinja templates (`templating`) out. Lengths, colours and font names live here as data, never in code.
"""

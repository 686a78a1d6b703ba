"""Load stage: content/*.yaml and *.md in, a validated, frozen `model.Conference` out.

YAML is read with the file and line of every value (yamlio), checked field by field (schema,
loader), cross-checked across sessions (consistency); every problem is collected and reported
at once. Nothing downstream reads YAML or re-validates.
"""

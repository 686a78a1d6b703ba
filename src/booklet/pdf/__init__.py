"""PDF bytes, below every stage that writes a PDF: an incremental update of a saved PDF (update)
and the join of two laid-out parts into one body (join). Knows nothing of booklets.
"""

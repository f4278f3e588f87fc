"""Alliance politics as games, built on :mod:`gametheory`.

The models arrive with later issues; this package exists so the layout is fixed.
"""

"""Benchmarks of the gametheory solvers against peer libraries (not part of the installed package)."""

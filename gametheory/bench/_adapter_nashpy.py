"""Benchmark adapters for nashpy (``nashpy.Game`` methods; generators are consumed inside the timed call)."""

from __future__ import annotations

from functools import partial

from ..game import NormalFormGame
from ._solver import Solver, register_solver


def _prepare(method: str, game: NormalFormGame):
    import nashpy

    A, B = game.bimatrix(exact=False)
    g = nashpy.Game(A, B)
    if method == "vertex":
        return lambda: list(g.vertex_enumeration())
    if method == "support":
        return lambda: list(g.support_enumeration())
    return lambda: [g.lemke_howson(initial_dropped_label=0)]


for _method, _finds, _text in (
    ("vertex", "all", "nashpy Game.vertex_enumeration"),
    ("support", "all", "nashpy Game.support_enumeration"),
    ("lemke-howson", "one", "nashpy Game.lemke_howson(initial_dropped_label=0)"),
):
    register_solver(
        Solver(f"nashpy.{_method}", prepare=partial(_prepare, _method), finds=_finds, library="nashpy",
               requires=("nashpy",), description=_text),
        replace=True,
    )

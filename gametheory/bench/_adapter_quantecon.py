"""Benchmark adapters for QuantEcon's numba solvers (``quantecon.game_theory``).

QuantEcon stores each player's payoffs with the player's own actions first, so
the column player's array is ``B`` transposed.  Its numba compilation on first
call is paid in the runner's warm-up, not in the timings.
"""

from __future__ import annotations

from functools import partial

from ..game import NormalFormGame
from ._solver import Solver, register_solver


def _prepare(method: str, game: NormalFormGame):
    import quantecon.game_theory as qe

    A, B = game.bimatrix(exact=False)
    g = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
    if method == "vertex":
        return lambda: qe.vertex_enumeration(g)
    if method == "support":
        return lambda: qe.support_enumeration(g)
    return lambda: [qe.lemke_howson(g, init_pivot=0)]


for _method, _finds, _text in (
    ("vertex", "all", "quantecon.game_theory.vertex_enumeration"),
    ("support", "all", "quantecon.game_theory.support_enumeration"),
    ("lemke-howson", "one", "quantecon.game_theory.lemke_howson(init_pivot=0)"),
):
    register_solver(
        Solver(f"quantecon.{_method}", prepare=partial(_prepare, _method), finds=_finds, library="quantecon",
               requires=("quantecon.game_theory",), description=_text),
        replace=True,
    )

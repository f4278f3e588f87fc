"""Benchmark adapters for pygambit 16 (``pygambit.nash``): ``enummixed`` (all extreme equilibria) and ``lcp`` (one)."""

from __future__ import annotations

from fractions import Fraction
from functools import partial
from typing import Any

import numpy as np

from ..game import NormalFormGame
from ._solver import Solver, register_solver


def _profiles(result: Any) -> list[tuple[np.ndarray, ...]]:
    """``convert``: pygambit's MixedStrategyProfile objects to one vector per player (Fractions if rational)."""
    players = list(result.game.players)
    if result.rational:
        return [
            tuple(np.array([Fraction(eq[s]) for s in p.strategies], dtype=object) for p in players)
            for eq in result.equilibria
        ]
    return [tuple(np.array([float(eq[s]) for s in p.strategies]) for p in players) for eq in result.equilibria]


def _prepare(method: str, exact: bool, game: NormalFormGame):
    import pygambit as gbt

    if exact:
        A, B = game.to_exact().bimatrix(exact=True)
        g = gbt.Game.from_arrays(A.tolist(), B.tolist())
    else:
        A, B = game.bimatrix(exact=False)
        g = gbt.Game.from_arrays(A, B)
    if method == "enummixed":
        return partial(gbt.nash.enummixed_solve, g, rational=exact)
    return partial(gbt.nash.lcp_solve, g, rational=exact, stop_after=1)


for _name, _method, _finds, _exact, _text in (
    ("enummixed", "enummixed", "all", False, "pygambit.nash.enummixed_solve(rational=False)"),
    ("enummixed-rational", "enummixed", "all", True, "pygambit.nash.enummixed_solve(rational=True)"),
    ("lcp", "lcp", "one", False, "pygambit.nash.lcp_solve(rational=False, stop_after=1)"),
    ("lcp-rational", "lcp", "one", True, "pygambit.nash.lcp_solve(rational=True, stop_after=1)"),
):
    register_solver(
        Solver(f"pygambit.{_name}", prepare=partial(_prepare, _method, _exact), convert=_profiles, finds=_finds, library="pygambit",
               exact=_exact, requires=("pygambit",), description=_text),
        replace=True,
    )

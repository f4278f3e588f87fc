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


#: Player counts of the N-player methods in the benchmark (their two-player runs are not benchmarked).
N_PLAYERS = tuple(range(3, 11))


def _float_profiles(result: Any) -> list[tuple[np.ndarray, ...]]:
    """``convert`` for methods that approximate: always floats, even from a rational profile (simpdiv's grid
    points are rational but their regret is not zero, so they must be judged by the float bound)."""
    players = list(result.game.players)
    return [tuple(np.array([float(eq[s]) for s in p.strategies]) for p in players) for eq in result.equilibria]


def _prepare_nplayer(method: str, game: NormalFormGame):
    import pygambit as gbt

    arrays = game.arrays(False)
    g = gbt.Game.from_arrays(*[arrays[..., i] for i in range(game.num_players)])
    # the same acceptance bound as ours: regret <= 1e-9 x payoff range (Gambit's maxregret is relative to it too)
    if method == "simpdiv":
        return partial(gbt.nash.simpdiv_solve, g.mixed_strategy_profile(rational=True), maxregret=gbt.Rational(1, 10**9))
    if method == "logit":
        return partial(gbt.nash.logit_solve, g, maxregret=1e-9)
    if method == "gnm":
        return partial(gbt.nash.gnm_solve, g)
    if method == "ipa":
        return partial(gbt.nash.ipa_solve, g)
    if method == "liap":
        return partial(gbt.nash.liap_solve, g.mixed_strategy_profile(), maxregret=1e-9)
    return partial(gbt.nash.enumpoly_solve, g, use_strategic=True, maxregret=1e-9)


for _name, _finds, _text in (
    ("simpdiv", "one", "pygambit.nash.simpdiv_solve(centroid start, maxregret=1e-9)"),
    ("logit", "one", "pygambit.nash.logit_solve(maxregret=1e-9)"),
    ("gnm", "one", "pygambit.nash.gnm_solve (global Newton, default perturbation)"),
    ("ipa", "one", "pygambit.nash.ipa_solve (iterated polymatrix approximation)"),
    ("liap", "one", "pygambit.nash.liap_solve(centroid start, maxregret=1e-9)"),
    ("enumpoly", "all", "pygambit.nash.enumpoly_solve(use_strategic=True, maxregret=1e-9)"),
):
    register_solver(
        Solver(f"pygambit.{_name}", prepare=partial(_prepare_nplayer, _name), convert=_float_profiles, finds=_finds,
               library="pygambit", players=N_PLAYERS, requires=("pygambit",), description=_text),
        replace=True,
    )

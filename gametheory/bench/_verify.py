"""Independent check of the profiles a benchmarked solver returns.

The check does not trust the solver: for each returned profile it computes
every player's regret (the best pure payoff against the others' mixed
strategies minus the expected payoff) directly from the payoff arrays, and
adds the profile's distance from the product of simplices (sum of
probabilities off 1, negative probabilities).  Profiles of Fractions are
checked in rational arithmetic, where an equilibrium must have regret exactly
0; float profiles pass when their regret is at most ``1e-9`` times the payoff
range (the tolerance of :data:`gametheory.result.DEFAULT_TOL`).
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..game import NormalFormGame
from ..result import DEFAULT_TOL

__all__ = ["profile_regret", "verify_profiles", "equilibria_json"]


def profile_regret(game: NormalFormGame, profile: Sequence[Any]) -> Any:
    """Largest regret of ``profile`` plus its distance from the simplices (a Fraction if the profile is exact).

    A profile of the wrong shape has infinite regret; a NaN anywhere gives NaN.
    """
    vectors = [np.asarray(v) for v in profile]
    if len(vectors) != game.num_players or any(v.shape != (n,) for v, n in zip(vectors, game.shape)):
        return float("inf")
    exact = all(v.dtype == object for v in vectors) and all(isinstance(p, (int, Fraction)) for v in vectors for p in v)
    if exact:
        arrays = game.arrays(True)
    else:
        arrays = game.arrays(False)
        vectors = [v.astype(float) for v in vectors]
    worst: Any = Fraction(0) if exact else 0.0
    for i in range(game.num_players):
        u = arrays[..., i]
        for j in range(game.num_players - 1, -1, -1):
            if j != i:
                u = np.tensordot(u, vectors[j], axes=([j], [0]))
        gain = max(u) - u.dot(vectors[i])
        off = abs(sum(vectors[i]) - 1) + max(0, -min(vectors[i]))
        term = gain + off
        if not exact and not np.isfinite(term):
            return float("nan")
        worst = max(worst, term)
    return worst


def verify_profiles(game: NormalFormGame, profiles: Sequence[Sequence[Any]]) -> tuple[float, bool]:
    """``(max_regret, verified)`` over ``profiles``: regret 0 exactly for exact ones, else <= 1e-9 x payoff range.

    No profiles: ``(0.0, True)`` (an empty answer is judged by the comparison with other solvers).
    """
    arr = game.arrays(False)
    scale = float(np.max(arr) - np.min(arr)) or 1.0
    worst, ok = 0.0, True
    for prof in profiles:
        r = profile_regret(game, prof)
        if isinstance(r, Fraction):
            ok = ok and r == 0
            r = float(r)
        else:
            r = float(r)
            ok = ok and bool(r <= DEFAULT_TOL * scale)
        worst = r if np.isnan(r) or r > worst else worst
    return worst + 0.0, ok


def equilibria_json(profiles: Sequence[Sequence[Any]], digits: int = 10) -> str:
    """The profiles as compact JSON (floats rounded to ``digits`` decimals) for the results table."""
    if not profiles:
        return ""
    data = [[[round(float(p), digits) for p in v] for v in prof] for prof in profiles]
    return json.dumps(data, separators=(",", ":"))

"""Rescue a float equilibrium that lost precision: re-solve its supports in rational arithmetic.

Float pivoting on badly scaled games (payoffs spanning many orders of
magnitude, such as the Savani-von Stengel games) can end at the right
vertex, i.e. the right pair of supports, with probabilities too inaccurate
to pass the regret certificate.  Given such a candidate ``(x, y)`` this
module reads off its supports ``I = supp x``, ``J = supp y`` (at a few
thresholds, in case tiny entries are rounding noise), and solves the
indifference equations of a nondegenerate equilibrium exactly:

.. math::

    A_{I J} y_J = u \\mathbf 1, \\quad \\mathbf 1^T y_J = 1, \\qquad
    x_I^T B_{I J} = w \\mathbf 1^T, \\quad \\mathbf 1^T x_I = 1,

in rational arithmetic.  A solution is accepted only if it is nonnegative
and its regret is exactly zero in the rational game, so a rescued profile is
a proved equilibrium (of the game with the payoffs' exact decimal values),
never a guess.  Cost: ``O(k^3)`` rational operations for supports of size
``k``, paid only when the float certificate fails.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import numpy as np

from .._exact_linalg import solve_exact
from ..game import NormalFormGame

__all__ = ["refine_bimatrix"]

#: Relative thresholds below which a float probability is read as zero.
_THRESHOLDS = (1e-12, 1e-9, 1e-6, 1e-4)


def _indifference(M: np.ndarray, rows: Sequence[int], cols: Sequence[int]) -> list[Fraction] | None:
    """Mixed strategy on ``cols`` making every row in ``rows`` of ``M`` earn the same payoff, or None."""
    k = len(cols)
    matrix = [[M[i, j] for j in cols] + [Fraction(-1)] for i in rows]
    matrix.append([Fraction(1)] * k + [Fraction(0)])
    rhs = [Fraction(0)] * len(rows) + [Fraction(1)]
    sol = solve_exact(matrix, rhs)
    if sol is None or any(p < 0 for p in sol[:k]):
        return None
    return sol[:k]


def refine_bimatrix(game: NormalFormGame, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """An exact equilibrium on the supports of the float profile ``(x, y)``, or None if there is none.

    The returned vectors hold Fractions and have regret exactly zero in
    ``game.to_exact()``.
    """
    A, B = game.bimatrix(exact=True)
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    tried: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    for t in _THRESHOLDS:
        I = tuple(int(i) for i in np.flatnonzero(x > t * max(x.max(), 1e-300)))
        J = tuple(int(j) for j in np.flatnonzero(y > t * max(y.max(), 1e-300)))
        if not I or not J or len(I) != len(J) or (I, J) in tried:
            continue
        tried.add((I, J))
        yJ = _indifference(A, I, J)
        xI = _indifference(B.T, J, I)
        if yJ is None or xI is None:
            continue
        xe = np.array([Fraction(0)] * len(x), dtype=object)
        ye = np.array([Fraction(0)] * len(y), dtype=object)
        xe[list(I)], ye[list(J)] = xI, yJ
        if game.max_regret((xe, ye), exact=True) == 0:
            return xe, ye
    return None

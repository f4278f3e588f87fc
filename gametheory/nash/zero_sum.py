"""Two-player zero-sum (constant-sum) games by linear programming."""

from __future__ import annotations

import time
from fractions import Fraction
from typing import Any

import numpy as np
from scipy.optimize import linprog

from .._linprog import solve_lp
from ..errors import NotSupported, SolverError
from ..game import NormalFormGame
from ..result import NashResult, certify

__all__ = ["zero_sum", "game_value", "maximin"]


def maximin(M: Any, *, exact: bool = False) -> tuple[np.ndarray, Any]:
    """Row player's optimal (maximin) mixed strategy and value of the matrix game ``M``.

    Solves ``max v  s.t.  M^T x >= v 1,  1^T x = 1,  x >= 0``.  Float mode uses
    HiGHS's dual simplex, so the answer is a vertex of the optimal set.  Exact
    mode (``M`` of exact numbers) goes through
    :func:`gametheory._linprog.solve_lp`, which proves the rational optimum by
    LP duality; ``x`` is then Fractions and ``v`` a Fraction.
    """
    if exact:
        M = np.asarray(M, dtype=object)
        m, n = M.shape
        one, zero = Fraction(1), Fraction(0)
        c = np.array([zero] * m + [-one], dtype=object)
        G = np.vstack([
            np.hstack([-M.T, np.full((n, 1), one, dtype=object)]),
            np.hstack([-np.eye(m, dtype=int).astype(object), np.full((m, 1), zero, dtype=object)]),
        ])
        E = np.array([[one] * m + [zero]], dtype=object)
        sol = solve_lp(c, G, np.full(n + m, zero, dtype=object), E, np.array([one], dtype=object), exact=True)
        if sol.status != "optimal":
            raise SolverError(f"the maximin linear program is {sol.status}")
        return np.array(sol.x[:m], dtype=object), sol.x[m]
    M = np.asarray(M, dtype=np.float64)
    m, n = M.shape
    # shift to positive payoffs so v > 0; the LP is then bounded and well scaled
    shift = 1.0 - M.min()
    Mp = M + shift
    c = np.zeros(m + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-Mp.T, np.ones((n, 1))])
    A_eq = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    res = linprog(
        c,
        A_ub=A_ub,
        b_ub=np.zeros(n),
        A_eq=A_eq,
        b_eq=[1.0],
        bounds=[(0, None)] * m + [(None, None)],
        method="highs-ds",
    )
    if res.status != 0:
        raise SolverError(f"the maximin linear program failed: {res.message}")
    x = np.clip(res.x[:m], 0, None)
    x /= x.sum()
    return x, float(res.x[-1] - shift)


def _zero_sum_matrix(game: NormalFormGame, exact: bool) -> np.ndarray:
    if game.num_players != 2:
        raise NotSupported(f"the zero-sum LP needs a two-player game, this one has {game.num_players} players")
    g = game.to_exact() if exact else game.to_float()
    tol = 0.0 if exact else 1e-9 * max(1.0, float(np.ptp(game._float)))
    if not g.is_constant_sum(tol=tol):
        raise NotSupported(
            "the zero-sum LP needs a zero-sum or constant-sum game; this game's payoffs do not add up to a "
            "constant (use method='vertex' or 'lemke-howson')"
        )
    A, _ = g.bimatrix(exact=exact)
    return A


def zero_sum(game: NormalFormGame, *, exact: bool = False, tol: float | None = None) -> NashResult:
    """An equilibrium (a pair of optimal strategies) of a zero-sum game, by linear programming.

    Parameters
    ----------
    game : NormalFormGame
        A two-player constant-sum game: ``A + B`` is constant.
    exact : bool
        Solve both LPs in exact arithmetic: the float optimum's basis is
        certified (and repaired if need be) by rational simplex pivots, so
        the strategies are proved optimal.

    Returns
    -------
    NashResult
        ``method="lp"``, one equilibrium, ``complete=False`` (the optimal
        strategy sets can be polytopes; this is one vertex of each).
        ``result.payoffs[0][0]`` is the value of the game to the row player.

    Notes
    -----
    By the minimax theorem (von Neumann 1928) the row player's maximin
    strategy ``x* = argmax_x min_j (x^T A)_j`` and the column player's minimax
    strategy ``y* = argmin_y max_i (A y)_i`` form an equilibrium and
    ``max min = min max = v``.  Each is one LP with ``m + 1`` (``n + 1``)
    variables, solved by HiGHS dual simplex in polynomial time in practice.
    Every equilibrium of a zero-sum game pays ``v``; the tests check that
    against the all-equilibria solvers.

    References
    ----------
    .. [1] von Neumann, J. (1928). Zur Theorie der Gesellschaftsspiele.
       *Mathematische Annalen* 100, 295-320.
    .. [2] Dantzig, G. B. (1951). A proof of the equivalence of the programming
       problem and the game problem. In *Activity Analysis of Production and
       Allocation*, 330-335.

    Examples
    --------
    >>> import gametheory as gt
    >>> rps = gt.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> res = gt.zero_sum(rps, exact=True)
    >>> [str(p) for p in res.equilibria[0][0]], str(res.payoffs[0][0])
    (['1/3', '1/3', '1/3'], '0')
    """
    start = time.perf_counter()
    A = _zero_sum_matrix(game, exact)
    x, _ = maximin(A, exact=exact)
    y, _ = maximin(-A.T, exact=exact)
    params = {"tol": tol}
    return certify(game, [(x, y)], method="lp", exact=exact, start=start, tol=None if exact else tol,
                   complete=False, parameters=params)


def game_value(game: NormalFormGame, *, exact: bool = False) -> Any:
    """The value of a two-player zero-sum game to the row player (a Fraction if ``exact``)."""
    res = zero_sum(game, exact=exact)
    return res.payoffs[0][0]


"""Optimal correlated and coarse correlated equilibria by linear programming.

The CE polytope (see :mod:`gametheory.correlated._polytope`) is described by
``sum_i n_i (n_i - 1)`` incentive rows over ``P = prod_i n_i`` unknowns, so a
CE maximising any linear objective -- total welfare, one player's payoff, a
weighted sum -- is one LP, solvable in polynomial time in the size of the
payoff table, unlike a Nash equilibrium [1]_.  The same holds for the CCE
polytope with ``sum_i n_i`` rows.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from .._linprog import solve_lp
from .._numbers import to_fraction_array, to_float_array
from ..errors import InvalidOption, InvalidPayoffs, InvalidStrategy, SolverError
from ..game import NormalFormGame
from ..result import DEFAULT_TOL
from ._polytope import CorrelatedPolytope, _check_game, _gains, _payoff_range, correlated_polytope
from ._result import CorrelatedResult, _marginals

__all__ = ["correlated_equilibrium", "FLOAT_SOLVERS"]

#: cvxpy solvers tried in float mode, in this order (those not installed are skipped).
#: Simplex codes come first: they return a vertex with accurate multipliers.
FLOAT_SOLVERS = ("HIGHS", "CLARABEL", "ECOS", "SCIPY", "GLPK")

_OBJECTIVES = ("welfare", "player", "weighted", "feasible")


def _weights(game: NormalFormGame, objective: Any, player: Any, weights: Any, exact: bool) -> tuple[str, np.ndarray]:
    """The objective's name and one weight per player."""
    func = "correlated_equilibrium"
    N = game.num_players
    if not isinstance(objective, str):
        if weights is not None:
            raise InvalidOption(f"{func}: objective is a weight vector and weights is given too; pass one of them")
        weights, objective = objective, "weighted"
    if objective not in _OBJECTIVES:
        raise InvalidOption(f"{func}: objective {objective!r} is unknown; use one of {list(_OBJECTIVES)} or a weight vector")
    if player is not None and objective != "player":
        raise InvalidOption(f"{func}: player is only used with objective='player', not {objective!r}")
    if weights is not None and objective not in ("welfare", "weighted"):
        raise InvalidOption(f"{func}: weights are only used with objective='weighted', not {objective!r}")
    zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)
    if objective == "feasible":
        w = np.array([zero] * N, dtype=object if exact else np.float64)
    elif objective == "player":
        if player is None:
            raise InvalidOption(f"{func}: objective='player' needs player= (an index or label)")
        try:
            k = game.player_index(player)
        except InvalidStrategy as exc:
            raise InvalidOption(f"{func}: player: {exc}") from None
        w = np.array([one if j == k else zero for j in range(N)], dtype=object if exact else np.float64)
    elif weights is None:
        if objective == "weighted":
            raise InvalidOption(f"{func}: objective='weighted' needs weights= (one number per player)")
        w = np.array([one] * N, dtype=object if exact else np.float64)
    else:
        objective = "weighted"
        raw = np.asarray(weights, dtype=object)
        if raw.shape != (N,):
            raise InvalidOption(f"{func}: weights has shape {raw.shape}, expected ({N},): one number per player")
        try:
            w = to_fraction_array(raw, f"{func}: weights") if exact else to_float_array(raw, f"{func}: weights")
        except InvalidPayoffs as exc:
            raise InvalidOption(str(exc)) from None
    w.setflags(write=False)
    return objective, w


def _objective_vector(game: NormalFormGame, w: np.ndarray, exact: bool) -> np.ndarray:
    """``c`` with ``c @ mu.reshape(-1) = sum_i w_i E_mu[u_i]``."""
    arr = game.arrays(exact)
    return arr.reshape(-1, game.num_players).dot(w)


def _upper_bound(poly: CorrelatedPolytope, c: np.ndarray, y: np.ndarray):
    """``max_s (c - A^T y)_s``, an upper bound on ``c @ mu`` over the polytope for any ``y >= 0``.

    For ``mu`` in the polytope, ``y @ A @ mu <= 0`` and ``mu`` is a probability
    vector, so ``c @ mu <= (c - A^T y) @ mu <= max_s (c - A^T y)_s``: weak
    duality in one line, checkable without trusting the solver.
    """
    red = c - poly.A.T.dot(y)
    return max(red) if poly.exact else float(np.max(red))


def _solve_exact(game: NormalFormGame, poly: CorrelatedPolytope, c: np.ndarray, coarse: bool):
    A_ub, b_ub = poly.inequalities()
    sol = solve_lp(-c, A_ub, b_ub, poly.A_eq, poly.b_eq, exact=True)
    if sol.status != "optimal":
        # the polytope contains every Nash equilibrium and lies in the simplex
        raise SolverError(f"correlated_equilibrium: the exact LP returned status {sol.status!r}; this is a bug, please report it")
    mu = np.asarray(sol.x, dtype=object).reshape(game.shape)
    if any(v < 0 for v in mu.reshape(-1)) or sum(mu.reshape(-1), Fraction(0)) != 1:
        raise SolverError("correlated_equilibrium: the exact LP solution is not a probability distribution; this is a bug")
    violation = max(max(g.reshape(-1)) for g in _gains(game, mu, coarse, True))
    y = np.asarray(sol.y_ub[: poly.A.shape[0]], dtype=object)
    if violation > 0 or any(v < 0 for v in y):
        raise SolverError(f"correlated_equilibrium: exact certificate failed (violation {violation}); this is a bug")
    gap = _upper_bound(poly, c, y) - c.dot(mu.reshape(-1))
    if gap != 0:
        raise SolverError(f"correlated_equilibrium: exact optimality gap {gap} is not 0; this is a bug")
    return mu, Fraction(0), Fraction(0), "exact-simplex", ""


def _available_solvers() -> list[str]:
    import cvxpy as cp

    installed = set(cp.installed_solvers())
    return [s for s in FLOAT_SOLVERS if s in installed]


def _solve_float(game: NormalFormGame, poly: CorrelatedPolytope, c: np.ndarray, coarse: bool, bound: float, gap_bound: float):
    # cvxpy takes about two seconds to import: only float solves pay for it
    import cvxpy as cp

    P = poly.num_profiles
    x = cp.Variable(P)
    incentive = poly.A @ x <= 0
    problem = cp.Problem(cp.Maximize(c @ x), [incentive, x >= 0, cp.sum(x) == 1])
    failures = []
    solvers = _available_solvers()
    if not solvers:
        raise SolverError(f"correlated_equilibrium: none of the LP solvers {list(FLOAT_SOLVERS)} is installed with cvxpy; "
                          "install one (e.g. highspy) or use exact=True")
    for name in solvers:
        try:
            problem.solve(solver=name)
        except (cp.error.SolverError, ValueError, ArithmeticError) as exc:
            failures.append(f"{name}: {exc}")
            continue
        if problem.status not in ("optimal", "optimal_inaccurate") or x.value is None:
            failures.append(f"{name}: status {problem.status}")
            continue
        mu = np.clip(np.asarray(x.value, dtype=np.float64), 0.0, None)
        # interior-point solvers leave 1e-11-size mass on profiles outside the optimal face
        mu[mu < 1e-13] = 0.0
        total = mu.sum()
        if not (total > 0 and math.isfinite(total)):
            failures.append(f"{name}: no probability mass in the solution")
            continue
        mu = (mu / total).reshape(game.shape)
        violation = max(0.0, max(float(np.max(g)) for g in _gains(game, mu, coarse, False)))
        if not violation <= bound:
            failures.append(f"{name}: incentive violation {violation:.3g} above {bound:.3g}")
            continue
        dual = incentive.dual_value
        y = np.clip(np.asarray(dual, dtype=np.float64).reshape(-1), 0.0, None) if dual is not None else np.zeros(poly.A.shape[0])
        gap = max(0.0, _upper_bound(poly, c, y) - float(c.dot(mu.reshape(-1))))
        if not gap <= gap_bound:
            failures.append(f"{name}: optimality gap {gap:.3g} above {gap_bound:.3g}")
            continue
        message = ("; ".join(failures) + f"; solved by {name}") if failures else ""
        return mu, violation, gap, name, message
    raise SolverError("correlated_equilibrium: no LP solver returned a certified answer (" + "; ".join(failures)
                      + "); try exact=True")


def correlated_equilibrium(
    game: NormalFormGame,
    objective: str | Sequence[Any] = "welfare",
    *,
    player: int | str | None = None,
    weights: Sequence[Any] | None = None,
    coarse: bool = False,
    exact: bool = False,
    tol: float | None = None,
) -> CorrelatedResult:
    """A correlated (or coarse correlated) equilibrium maximising a linear objective.

    Solves ``max_mu c @ mu`` over the CE polytope
    ``{mu >= 0, sum(mu) = 1, sum_{s_-i} mu(s, s_-i) [u_i(t, s_-i) - u_i(s, s_-i)] <= 0}``
    (or the CCE polytope with ``coarse=True``), where
    ``c @ mu = sum_i w_i E_mu[u_i]``.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    objective : {"welfare", "player", "weighted", "feasible"} or sequence of numbers
        ``"welfare"``: maximise the sum of expected payoffs; ``"player"``:
        maximise ``player``'s expected payoff; ``"weighted"`` (or a weight
        vector passed directly): maximise ``sum_i w_i E[u_i]``; ``"feasible"``:
        any point of the polytope (a vertex).
    player : int or str, optional
        The player for ``objective="player"``.
    weights : sequence of numbers, optional
        One weight per player for ``objective="weighted"`` (with the default
        ``"welfare"``, giving weights makes it a weighted welfare).
    coarse : bool
        Coarse correlated equilibrium instead.
    exact : bool
        Rational LP with an exact simplex certificate
        (:func:`gametheory._linprog.solve_lp`): the distribution holds Fractions,
        the incentive violation and the optimality gap are exactly 0.  Float
        payoffs are read as their shortest decimal (``0.1 -> 1/10``).
    tol : float, optional
        Float mode: the incentive violation must not exceed
        ``tol * max(1, payoff range)`` and the optimality gap
        ``tol * max(1, payoff range) * max(1, sum_i |w_i|)`` (default ``1e-9``).

    Returns
    -------
    CorrelatedResult

    Raises
    ------
    InvalidGame
        If ``game`` is not a NormalFormGame.
    InvalidOption
        Unknown objective, missing or unknown player, weights of the wrong
        length or not finite, a bad ``tol``.
    SolverError
        Float mode: no installed cvxpy solver (tried in the order of
        ``FLOAT_SOLVERS``) gave a distribution passing both checks.

    Notes
    -----
    Float mode solves the LP with cvxpy, then clips negative round-off,
    renormalises, and checks the cleaned distribution: its incentive
    violation (by :func:`deviation_gains`, independently of the LP matrix)
    and its optimality gap against the weak-duality bound
    ``max_s (c - A^T y)_s`` built from the solver's multipliers ``y >= 0``.
    The LP has ``P = prod_i n_i`` variables and ``sum_i n_i (n_i - 1)``
    incentive rows (``sum_i n_i`` for a CCE), so the cost is polynomial in
    the size of the payoff table [1]_ [2]_.

    References
    ----------
    .. [1] R. J. Aumann, "Subjectivity and correlation in randomized strategies",
       Journal of Mathematical Economics 1(1), 67-96, 1974.
    .. [2] C. H. Papadimitriou and T. Roughgarden, "Computing correlated
       equilibria in multi-player games", Journal of the ACM 55(3), 2008.

    Examples
    --------
    Chicken (Aumann 1974): the best CE for welfare mixes (D, D) with the two
    pure equilibria and gives 21/4 each, more than any Nash equilibrium.

    >>> import gametheory as gt
    >>> from gametheory.correlated import correlated_equilibrium
    >>> chicken = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> res = correlated_equilibrium(chicken, exact=True)
    >>> [str(p) for p in res.distribution.reshape(-1)], [str(v) for v in res.payoffs]
    (['1/2', '1/4', '1/4', '0'], ['21/4', '21/4'])
    """
    start = time.perf_counter()
    _check_game(game, "correlated_equilibrium")
    if not isinstance(exact, (bool, np.bool_)):
        raise InvalidOption(f"correlated_equilibrium: exact must be True or False, got {exact!r}")
    if not isinstance(coarse, (bool, np.bool_)):
        raise InvalidOption(f"correlated_equilibrium: coarse must be True or False, got {coarse!r}")
    if tol is not None and not (isinstance(tol, (int, float)) and math.isfinite(tol) and tol > 0):
        raise InvalidOption(f"correlated_equilibrium: tol must be a positive finite number, got {tol!r}")
    exact, coarse = bool(exact), bool(coarse)
    name, w = _weights(game, objective, player, weights, exact)
    poly = correlated_polytope(game, coarse=coarse, exact=exact)
    c = _objective_vector(game, w, exact)
    if exact:
        mu, violation, gap, solver, message = _solve_exact(game, poly, c, coarse)
        bound: Any = Fraction(0)
    else:
        base = DEFAULT_TOL if tol is None else float(tol)
        bound = base * max(1.0, _payoff_range(game))
        gap_bound = bound * max(1.0, float(np.abs(w).sum()))
        mu, violation, gap, solver, message = _solve_float(game, poly, c, coarse, bound, gap_bound)
    arr = game.arrays(exact).reshape(-1, game.num_players)
    flat = mu.reshape(-1)
    payoffs = flat.dot(arr)
    value = c.dot(flat)
    mu.setflags(write=False)
    payoffs.setflags(write=False)
    return CorrelatedResult(
        game=game,
        coarse=coarse,
        exact=exact,
        distribution=mu,
        payoffs=payoffs,
        objective=name,
        weights=w,
        objective_value=value if exact else float(value),
        violation=violation,
        tol=bound,
        gap=gap,
        marginals=_marginals(mu),
        solver=solver,
        parameters={"objective": name, "player": player if isinstance(player, (int, str)) else None,
                    "coarse": coarse, "exact": exact, "tol": tol},
        time=time.perf_counter() - start,
        message=message,
    )

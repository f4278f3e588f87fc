"""The core and its relatives: core points, the epsilon-core and least core, balancedness,
superadditivity and convexity.

For an allocation ``x`` the *excess* of a coalition is ``e(S, x) = v(S) - x(S)``
(what ``S`` could get on its own beyond what ``x`` gives it).  The core is
``{x : x(N) = v(N), e(S, x) <= 0 for all S}``; the epsilon-core relaxes the
proper coalitions' constraints to ``e(S, x) <= epsilon`` and the least core
is the epsilon-core for the smallest ``epsilon`` that makes it non-empty.
All of them are linear programs in ``n + 1`` variables with one row per
coalition, solved by :func:`gametheory._linprog.solve_lp` (in exact mode
certified in rational arithmetic), then re-checked here.
"""

from __future__ import annotations

import time
from fractions import Fraction
from typing import Any

import numpy as np

from .._linprog import solve_lp
from .._numbers import to_fraction, to_fraction_array, to_float_array
from ..errors import EmptyCore, InvalidOption, InvalidPayoffs, InvalidStrategy, SolverError
from ._result import CooperativeResult, finish, float_tolerance
from ._tugame import TUGame, checked_game, integer_scaled_values, subset_sums

__all__ = [
    "coalition_matrix",
    "excesses",
    "in_core",
    "least_core",
    "core_point",
    "epsilon_core",
    "is_balanced",
    "is_superadditive",
    "is_convex",
]


def coalition_matrix(n: int) -> np.ndarray:
    """``A[S, i] = 1`` iff player ``i`` is in bitmask ``S``; shape ``(2**n, n)``, int8.

    The constraint matrix of the coalition LPs (``x(S) = A[S] @ x``), built
    by broadcasting shifts, ``O(n 2**n)``.

    Examples
    --------
    >>> from gametheory.cooperative import coalition_matrix
    >>> coalition_matrix(2).tolist()
    [[0, 0], [1, 0], [0, 1], [1, 1]]
    """
    masks = np.arange(1 << n, dtype=np.int64)
    return ((masks[:, None] >> np.arange(n)) & 1).astype(np.int8)


def _allocation(game: TUGame, x: Any, exact: bool, where: str) -> np.ndarray:
    arr = np.asarray(x, dtype=object) if not isinstance(x, np.ndarray) else x
    if arr.shape != (game.n,):
        raise InvalidStrategy(f"{where}: x must have one entry per player, shape ({game.n},), got shape {arr.shape}")
    try:
        return to_fraction_array(arr, where=f"{where}: x") if exact else to_float_array(arr, where=f"{where}: x")
    except InvalidPayoffs as exc:
        raise InvalidStrategy(str(exc)) from None


def _values(game: TUGame, exact: bool) -> np.ndarray:
    return game.exact_values() if exact else game.float_values


def excesses(game: TUGame, x: Any, *, exact: bool = False) -> np.ndarray:
    """Excess ``e(S, x) = v(S) - x(S)`` of every coalition, indexed by bitmask (length ``2**n``).

    Exact (Fractions) with ``exact=True``, else float64.  ``O(2**n)``.
    The excess measures how much ``S`` is short of what it could get alone;
    the core, least core and nucleolus are defined through it [1]_.

    References
    ----------
    .. [1] D. Schmeidler, "The nucleolus of a characteristic function game",
       SIAM Journal on Applied Mathematics 17(6), 1163-1170, 1969.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, excesses
    >>> [str(e) for e in excesses(TUGame([0, 1, 1, 3]), [2, 1], exact=True)]
    ['0', '-1', '0', '0']
    """
    where = "excesses"
    game, exact = checked_game(game, exact, where)
    xv = _allocation(game, x, exact, where)
    return _values(game, exact) - subset_sums(xv)


def in_core(game: TUGame, x: Any, *, exact: bool = False, tol: float | None = None) -> bool:
    """True if ``x(N) = v(N)`` and ``x(S) >= v(S)`` for every coalition ``S``.

    Exact comparison with ``exact=True``; otherwise within ``tol`` (default
    ``1e-9 * max(1, max |v|)``).  The core is Gillies' (1959, cited in
    :func:`core_point`); the test computes every excess (:func:`excesses`),
    ``O(2**n)``.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, in_core
    >>> g = TUGame.glove(left=1, right=2)
    >>> in_core(g, [1, 0, 0]), in_core(g, ["1/2", "1/4", "1/4"], exact=True)
    (True, False)
    """
    where = "in_core"
    game, exact = checked_game(game, exact, where, dense=False)
    e = excesses(game, x, exact=exact)
    if exact:
        return bool(e[-1] == 0 and max(e) <= 0)
    bound = float_tolerance(game, tol)
    return bool(abs(e[-1]) <= bound and np.max(e) <= bound)


def _least_core_lp(game: TUGame, exact: bool, where: str):
    """Solve ``min eps : x(S) + eps >= v(S)`` (proper S), ``x(N) = v(N)``; return (x, eps, residual, max excess)."""
    n = game.n
    v = _values(game, exact)
    A = coalition_matrix(n)[1:-1].astype(np.int64)
    rows = np.hstack([-A, -np.ones((len(A), 1), dtype=np.int64)])
    b_ub = -v[1:-1]
    A_eq = np.array([[1] * n + [0]], dtype=np.int64)
    b_eq = v[-1:]
    c = np.array([0] * n + [1], dtype=np.int64)
    lp = solve_lp(c, rows, b_ub, A_eq, b_eq, exact=exact)
    if lp.status != "optimal":
        raise SolverError(f"{where}: the least-core LP returned status {lp.status!r}; it is always feasible and bounded")
    x, eps = lp.x[:n], lp.x[n]
    e = v - subset_sums(x)
    max_exc = max(e[1:-1]) if exact else float(np.max(e[1:-1]))
    # certificate: primal feasibility and optimality of (x, eps) with the LP's multipliers
    residual = _lp_residual(c, rows, b_ub, A_eq, b_eq, lp.x, lp.y_ub, lp.y_eq, exact)
    residual = max(residual, abs(max_exc - eps))
    return x, eps, residual, max_exc


def _lp_residual(c, A_ub, b_ub, A_eq, b_eq, z, y, w, exact: bool) -> Any:
    """Largest violation of the LP optimality conditions at (z, y, w), recomputed here.

    Primal feasibility, dual feasibility (``y >= 0``, ``c + A_ub.T y + A_eq.T w = 0``) and
    complementary slackness; in exact mode in rational arithmetic.
    """
    if not exact:
        c, A_ub, b_ub, A_eq, b_eq, z, y, w = (
            np.asarray(a, dtype=float) for a in (c, A_ub, b_ub, A_eq, b_eq, z, y, w)
        )
        slack = b_ub - A_ub @ z
        parts = [
            np.max(-slack, initial=0.0),
            np.max(np.abs(A_eq @ z - b_eq), initial=0.0),
            np.max(-y, initial=0.0),
            np.max(np.abs(c + A_ub.T @ y + A_eq.T @ w), initial=0.0),
            np.max(np.abs(y * slack), initial=0.0),
        ]
        return float(max(parts))
    c, A_ub, b_ub, A_eq, b_eq = (to_fraction_array(a, "LP data") for a in (c, A_ub, b_ub, A_eq, b_eq))
    zero = Fraction(0)
    slack = b_ub - A_ub.dot(z)
    parts = [
        max(max(-slack, default=zero), zero),
        max((abs(t) for t in (A_eq.dot(z) - b_eq)), default=zero),
        max(max(-y, default=zero), zero),
        max(abs(t) for t in (c + A_ub.T.dot(y) + A_eq.T.dot(w))),
        max((abs(t) for t in y * slack), default=zero),
    ]
    return max(parts)


def least_core(game: TUGame, *, exact: bool = False) -> CooperativeResult:
    """The least core: the smallest ``epsilon`` for which the epsilon-core is non-empty, and a point of it.

    Parameters
    ----------
    game : TUGame
        A dense game.
    exact : bool
        Solve and certify the LP in rational arithmetic.

    Returns
    -------
    CooperativeResult
        ``epsilon`` is the least-core value (``<= 0`` iff the core is
        non-empty), ``allocation`` a least-core point, ``max_excess`` its
        largest excess over proper coalitions (``== epsilon``).  ``residual``
        is the largest violation of the LP's optimality conditions
        (feasibility, dual feasibility, complementary slackness), recomputed
        from the LP's multipliers.

    Notes
    -----
    .. math:: \\varepsilon^* = \\min \\{\\varepsilon : x(N) = v(N),\\ x(S) + \\varepsilon
              \\ge v(S)\\ \\forall\\, \\emptyset \\ne S \\subsetneq N\\}

    (Maschler, Peleg and Shapley [1]_), one LP with ``n + 1`` variables and
    ``2**n - 2`` inequalities.  A one-player game has no proper coalition:
    its least core is ``{v(N)}``, reported with ``epsilon = 0``.

    References
    ----------
    .. [1] M. Maschler, B. Peleg, L. S. Shapley, "Geometric properties of
       the kernel, nucleolus and related solution concepts", Mathematics of
       Operations Research 4(4), 303-338, 1979.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, least_core
    >>> g = TUGame([0, 0, 0, 1, 0, 1, 1, 1])   # three-player majority game: empty core
    >>> str(least_core(g, exact=True).epsilon)
    '1/3'
    """
    start = time.perf_counter()
    where = "least_core"
    game, exact = checked_game(game, exact, where)
    if game.n == 1:
        v = _values(game, exact)
        return finish(
            game, "least-core", [v[-1]], exact=exact, residual=0, start=start, epsilon=Fraction(0) if exact else 0.0,
            parameters={"exact": exact}, message="one player: no proper coalition, the least core is {v(N)}",
        )
    x, eps, residual, max_exc = _least_core_lp(game, exact, where)
    return finish(
        game, "least-core", x, exact=exact, residual=residual, start=start, epsilon=eps, max_excess=max_exc,
        parameters={"exact": exact}, tol=float_tolerance(game, None, 10),
    )


def epsilon_core(
    game: TUGame, epsilon: Any, *, exact: bool = False, allow_empty: bool = False
) -> CooperativeResult:
    """A point of the epsilon-core ``{x : x(N) = v(N), x(S) + epsilon >= v(S) for proper S}``.

    Parameters
    ----------
    game : TUGame
    epsilon : number
    exact : bool
    allow_empty : bool
        Return ``status="empty"`` (allocation None) instead of raising when
        the epsilon-core is empty.

    Returns
    -------
    CooperativeResult
        A least-core point (it lies in every non-empty epsilon-core);
        ``epsilon`` is the requested value and ``details["least_core_epsilon"]``
        the least-core value.

    Raises
    ------
    EmptyCore
        If the epsilon-core is empty (``epsilon`` below the least-core value) and not ``allow_empty``.

    Notes
    -----
    The epsilon-core is non-empty iff ``epsilon >= epsilon*`` of :func:`least_core`
    (Shapley and Shubik [1]_); one LP.

    References
    ----------
    .. [1] L. S. Shapley, M. Shubik, "Quasi-cores in a monetary economy with
       nonconvex preferences", Econometrica 34(4), 805-827, 1966.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, epsilon_core
    >>> g = TUGame([0, 0, 0, 1, 0, 1, 1, 1])
    >>> epsilon_core(g, "1/2", exact=True).status
    'ok'
    """
    start = time.perf_counter()
    where = "epsilon_core"
    game, exact = checked_game(game, exact, where, dense=False)
    try:
        eps_req: Any = to_fraction(epsilon, f"{where}: epsilon")
    except InvalidPayoffs as exc:
        raise InvalidOption(str(exc)) from None
    if not exact:
        eps_req = float(eps_req)
    lc = least_core(game, exact=exact)
    bound = 0 if exact else float_tolerance(game, None, 10)
    params = {"epsilon": epsilon, "exact": exact, "allow_empty": allow_empty}
    details = {"least_core_epsilon": lc.epsilon}
    if lc.epsilon - eps_req > bound:
        msg = f"the {epsilon}-core is empty: the least-core value is {lc.epsilon}"
        if not allow_empty:
            raise EmptyCore(f"{where}: {msg}")
        return finish(game, "epsilon-core", None, exact=exact, residual=lc.residual, start=start, epsilon=eps_req,
                      status="empty", message=msg, parameters=params, details=details, tol=lc.tol)
    return finish(game, "epsilon-core", lc.allocation, exact=exact, residual=lc.residual, start=start,
                  epsilon=eps_req, max_excess=lc.max_excess, parameters=params, details=details, tol=lc.tol)


def core_point(game: TUGame, *, exact: bool = False, allow_empty: bool = False) -> CooperativeResult:
    """A point of the core, or a proof that the core is empty.

    Parameters
    ----------
    game : TUGame
    exact : bool
        Rational arithmetic: the point is exactly in the core, or the core
        is exactly empty (positive least-core value with an exact LP certificate).
    allow_empty : bool
        Return ``status="empty"`` (allocation None) instead of raising.

    Returns
    -------
    CooperativeResult
        ``allocation`` is a least-core point, which is in the core whenever
        the core is non-empty; ``epsilon`` is the least-core value (``<= 0``).

    Raises
    ------
    EmptyCore
        If the core is empty and not ``allow_empty``.

    Notes
    -----
    The core [1]_ is non-empty iff the least-core value is ``<= 0``, which by
    LP duality is the Bondareva-Shapley condition (see :func:`is_balanced`).
    One LP with ``n + 1`` variables and ``2**n - 2`` rows.

    References
    ----------
    .. [1] D. B. Gillies, "Solutions to general non-zero-sum games", in
       Contributions to the Theory of Games IV, Annals of Mathematics
       Studies 40, 47-85, 1959.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, core_point
    >>> [str(x) for x in core_point(TUGame.glove(left=1, right=2), exact=True).allocation]
    ['1', '0', '0']
    """
    start = time.perf_counter()
    where = "core_point"
    game, exact = checked_game(game, exact, where, dense=False)
    lc = least_core(game, exact=exact)
    bound = 0 if exact else float_tolerance(game, None, 10)
    params = {"exact": exact, "allow_empty": allow_empty}
    if lc.epsilon > bound:
        msg = f"the core is empty: the least-core value is {lc.epsilon} > 0"
        if not allow_empty:
            raise EmptyCore(f"{where}: {msg}")
        return finish(game, "core", None, exact=exact, residual=lc.residual, start=start, epsilon=lc.epsilon,
                      status="empty", message=msg, parameters=params, tol=lc.tol)
    return finish(game, "core", lc.allocation, exact=exact, residual=lc.residual, start=start, epsilon=lc.epsilon,
                  max_excess=lc.max_excess, parameters=params, tol=lc.tol)


def is_balanced(game: TUGame, *, exact: bool = False, tol: float | None = None) -> bool:
    """Bondareva-Shapley test: is ``sum_S lambda_S v(S) <= v(N)`` for every balanced collection?

    Parameters
    ----------
    game : TUGame
    exact : bool
        Certify the LP in rational arithmetic (no tolerance).
    tol : float, optional
        Float mode: balanced when the optimum exceeds ``v(N)`` by at most
        ``tol * max(1, max |v|)`` (default 1e-8 relative).

    Returns
    -------
    bool
        True iff the game is balanced, i.e. (Bondareva [1]_, Shapley [2]_) its core is non-empty.

    Notes
    -----
    Solves ``max sum_{S != empty} lambda_S v(S)`` over ``lambda >= 0`` with
    ``sum_{S ni i} lambda_S = 1`` for every ``i`` through its dual,
    ``min x(N)`` subject to ``x(S) >= v(S)`` for all non-empty ``S`` (``n``
    variables, ``2**n - 1`` rows).  The dual's multipliers are the optimal
    balancing weights ``lambda``; both solutions are checked (primal and dual
    feasibility, equal objective values) before the answer is given.  This
    LP is independent of the least-core LP of :func:`core_point`, so the two
    cross-check each other.

    References
    ----------
    .. [1] O. N. Bondareva, "Some applications of linear programming methods
       to the theory of cooperative games", Problemy Kibernetiki 10, 119-139, 1963.
    .. [2] L. S. Shapley, "On balanced sets and cores", Naval Research
       Logistics Quarterly 14(4), 453-460, 1967.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, is_balanced
    >>> is_balanced(TUGame([0, 0, 0, 1, 0, 1, 1, 1]), exact=True)
    False
    """
    where = "is_balanced"
    game, exact = checked_game(game, exact, where)
    n = game.n
    v = _values(game, exact)
    A = coalition_matrix(n)[1:].astype(np.int64)
    c = np.ones(n, dtype=np.int64)
    lp = solve_lp(c, -A, -v[1:], exact=exact)
    if lp.status != "optimal":
        raise SolverError(f"{where}: the Bondareva-Shapley LP returned status {lp.status!r}")
    lam = lp.y_ub  # multipliers of x(S) >= v(S): the optimal balancing weights
    if exact:
        primal_gap = max(max(-lam), Fraction(0))
        cover = A.T.dot(lam) - 1
        weights_gap = max(abs(t) for t in cover)
        value_gap = abs(lam.dot(v[1:]) - lp.value)
        feas = max(max(v[1:] - A.dot(lp.x)), Fraction(0))
        if max(primal_gap, weights_gap, value_gap, feas) != 0:
            raise SolverError(f"{where}: the exact Bondareva-Shapley certificate failed")
        return bool(lp.value <= v[-1])
    bound = float_tolerance(game, 1e-8 if tol is None else tol)
    lam = np.asarray(lam, dtype=float)
    gaps = [
        max(float(np.max(-lam)), 0.0),
        float(np.max(np.abs(A.T @ lam - 1.0))),
        abs(float(lam @ v[1:]) - float(lp.value)),
        max(float(np.max(v[1:] - A @ lp.x)), 0.0),
    ]
    if max(gaps) > bound:
        raise SolverError(f"{where}: the Bondareva-Shapley certificate failed (violation {max(gaps):.3g} > {bound:.3g})")
    return bool(lp.value <= v[-1] + bound)


def _numeric(game: TUGame, exact: bool, tol: float | None) -> tuple[np.ndarray, Any]:
    """Values as exact integers (scaled) or floats, with the matching tolerance."""
    if exact:
        return integer_scaled_values(game)[0], 0
    return game.float_values, float_tolerance(game, tol)


def is_superadditive(game: TUGame, *, exact: bool = False, tol: float | None = None) -> bool:
    """True if ``v(S | T) >= v(S) + v(T)`` for all disjoint coalitions ``S, T``.

    Notes
    -----
    Superadditivity is the condition von Neumann and Morgenstern [1]_ put on
    characteristic functions.  Checks all ``3**n`` ordered pairs of disjoint
    coalitions, vectorised in blocks of ``3**11``; exact mode compares
    integers (values scaled by their common denominator), float mode allows
    ``tol * max(1, max |v|)``.

    References
    ----------
    .. [1] J. von Neumann and O. Morgenstern, Theory of Games and Economic
       Behavior, Princeton University Press, 1944, Section 25.3.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, is_superadditive
    >>> is_superadditive(TUGame([0, 1, 1, 3])), is_superadditive(TUGame([0, 2, 2, 3]))
    (True, False)
    """
    where = "is_superadditive"
    game, exact = checked_game(game, exact, where)
    n = game.n
    V, bound = _numeric(game, exact, tol)
    m = min(n, 11)
    S = np.zeros(1, dtype=np.int64)
    T = np.zeros(1, dtype=np.int64)
    for i in range(m):
        bit = 1 << i
        # each player is outside both, in S, or in T
        S, T = np.concatenate([S, S + bit, S]), np.concatenate([T, T, T + bit])
    rest = n - m
    for code in range(3**rest):
        s_off = t_off = 0
        for j in range(rest):
            code, digit = divmod(code, 3)
            if digit == 1:
                s_off |= 1 << (m + j)
            elif digit == 2:
                t_off |= 1 << (m + j)
        Sm, Tm = S + s_off, T + t_off
        gap = V[Sm | Tm] - V[Sm] - V[Tm]
        if np.any(gap < -bound):
            return False
    return True


def is_convex(game: TUGame, *, exact: bool = False, tol: float | None = None) -> bool:
    """True if ``v`` is supermodular: ``v(S | T) + v(S & T) >= v(S) + v(T)`` for all ``S, T``.

    Notes
    -----
    Uses the equivalent local condition ``v(S+i+j) - v(S+j) >= v(S+i) - v(S)``
    for ``i != j`` outside ``S`` (increasing marginal contributions), checked
    for all ``n (n-1) / 2`` pairs on strided views of the value vector,
    ``O(n**2 2**n)``.  Convex games (Shapley [1]_) have a non-empty core
    containing the Shapley value.

    References
    ----------
    .. [1] L. S. Shapley, "Cores of convex games", International Journal of
       Game Theory 1(1), 11-26, 1971.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, is_convex
    >>> is_convex(TUGame.from_function(3, lambda S: len(S) ** 2))
    True
    """
    where = "is_convex"
    game, exact = checked_game(game, exact, where)
    n = game.n
    V, bound = _numeric(game, exact, tol)
    for j in range(n):
        for i in range(j):
            view = V.reshape(1 << (n - 1 - j), 2, 1 << (j - 1 - i), 2, 1 << i)
            d = view[:, 1, :, 1, :] - view[:, 1, :, 0, :] - view[:, 0, :, 1, :] + view[:, 0, :, 0, :]
            if np.any(d < -bound):
                return False
    return True

"""Rubinstein's alternating-offers bargaining: the subgame-perfect equilibrium.

Two players alternate proposals, player 1 first (``proposer=0``) unless told
otherwise; after each rejection a period passes and player ``i``'s gains over
the disagreement point are discounted by ``delta_i``.  The unique
subgame-perfect equilibrium is stationary: player 1 always proposes ``x``,
player 2 always proposes ``y``, each accepts exactly the offers worth at least
waiting one period for their own proposal:

    x2 - d2 = delta2 (y2 - d2),      y1 - d1 = delta1 (x1 - d1),

with ``x`` and ``y`` on the Pareto frontier, and the first proposal is
accepted at once.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Any

import numpy as np

from .._numbers import is_exact_scalar, to_fraction
from ..errors import InvalidBargainingProblem, InvalidOption, InvalidPayoffs, NoAgreement, NotSupported, SolverError
from ._problem import BargainingProblem, _bisect, _in, _Polytope, check_tol
from ._result import RubinsteinResult

__all__ = ["rubinstein", "rubinstein_frontier"]


def _delta(value: Any, name: str, func: str, exact: bool) -> Any:
    if isinstance(value, bool) or value is None:
        raise InvalidOption(f"{func}: {name} must be a number in [0, 1], got {value!r}")
    try:
        # Strings such as "9/10" are exact numbers; float mode takes their value.
        v = to_fraction(value, f"{func}: {name}") if exact or isinstance(value, str) else value
        v = v if exact else float(v)
    except (InvalidPayoffs, TypeError, ValueError) as exc:
        raise InvalidOption(f"{func}: {name} must be a number in [0, 1], got {value!r} ({exc})") from None
    if not exact and not math.isfinite(v):
        raise InvalidOption(f"{func}: {name} must be a number in [0, 1], got {value!r}")
    if not 0 <= v <= 1:
        raise InvalidOption(f"{func}: {name} = {value} is not a discount factor in [0, 1]")
    return v


def _discounts(delta1, delta2, rates, period, func: str, exact: bool | None) -> tuple[Any, Any, bool, dict]:
    """The pair of discount factors, whether they are exact, and the parameters to record."""
    if rates is not None or period is not None:
        if delta1 is not None or delta2 is not None:
            raise InvalidOption(f"{func}: give either delta1 and delta2, or rates and period, not both")
        if rates is None or period is None:
            raise InvalidOption(f"{func}: rates and period go together: delta_i = exp(-rates[i] * period)")
        if exact:
            raise InvalidOption(f"{func}: exact=True cannot be used with rates (exp(-r * period) is irrational)")
        try:
            r = [float(v) for v in rates]
            dt = float(period)
        except (TypeError, ValueError):
            raise InvalidOption(f"{func}: rates must be two numbers and period a number, got {rates!r}, {period!r}") from None
        if len(r) != 2 or not all(math.isfinite(v) and v >= 0 for v in r):
            raise InvalidOption(f"{func}: rates must be two finite non-negative discount rates, got {rates!r}")
        if not (math.isfinite(dt) and dt > 0):
            raise InvalidOption(f"{func}: period must be a positive finite number, got {period!r}")
        d1, d2 = math.exp(-r[0] * dt), math.exp(-r[1] * dt)
        if d1 == 1.0 and d2 == 1.0:
            raise InvalidOption(f"{func}: both discount factors are 1 (rates {r} times period {dt}); the game has no unique equilibrium")
        return d1, d2, False, {"rates": r, "period": dt}
    if delta1 is None or delta2 is None:
        raise InvalidOption(f"{func}: give the discount factors delta1= and delta2= (or rates= and period=)")
    if exact is None:
        exact = all(is_exact_scalar(v) and not isinstance(v, (float, np.floating)) for v in (delta1, delta2))
    d1 = _delta(delta1, "delta1", func, exact)
    d2 = _delta(delta2, "delta2", func, exact)
    if d1 == 1 and d2 == 1:
        raise InvalidOption(f"{func}: delta1 = delta2 = 1: with no cost of delay every split is an equilibrium")
    return d1, d2, exact, {}


def _check_proposer(proposer: Any, func: str) -> int:
    if isinstance(proposer, bool) or proposer not in (0, 1):
        raise InvalidOption(f"{func}: proposer must be 0 (player 1 first) or 1 (player 2 first), got {proposer!r}")
    return int(proposer)




def rubinstein(
    delta1: Any = None,
    delta2: Any = None,
    *,
    proposer: int = 0,
    rates: Any = None,
    period: Any = None,
    problem: BargainingProblem | None = None,
    exact: bool | None = None,
    tol: float | None = None,
) -> RubinsteinResult:
    """Subgame-perfect shares of Rubinstein's alternating-offers game.

    Parameters
    ----------
    delta1, delta2 : number
        Discount factors per period, in ``[0, 1]`` and not both 1.
    proposer : {0, 1}
        Who makes the first offer.
    rates, period : optional
        Instead of the factors: discount rates ``(r1, r2)`` and the period
        length, ``delta_i = exp(-r_i * period)`` (float).
    problem : BargainingProblem, optional
        Bargain over this two-player problem's frontier instead of a unit pie
        (see :func:`rubinstein_frontier`).
    exact : bool, optional
        Default: exact when both factors are exact numbers (ints, Fractions,
        strings).  ``True`` reads float factors as decimals (``0.9 -> 9/10``).
    tol : float, optional
        Float-mode bound on the residual (default ``1e-6``).

    Returns
    -------
    RubinsteinResult
        ``shares`` is the split of the unit pie in the equilibrium.

    Notes
    -----
    For a unit pie and ``d = (0, 0)`` the equilibrium proposals are [1]_

        x = ((1 - delta2) / (1 - delta1 delta2), delta2 (1 - delta1) / (1 - delta1 delta2))
        y = (delta1 (1 - delta2) / (1 - delta1 delta2), (1 - delta1) / (1 - delta1 delta2))

    (player 1's and player 2's), and the first proposal is accepted.  Cost
    O(1); the two indifference conditions are checked exactly in rational
    arithmetic.

    References
    ----------
    .. [1] A. Rubinstein, "Perfect equilibrium in a bargaining model",
       *Econometrica* 50(1), 97-109, 1982.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.bargaining import rubinstein
    >>> [str(s) for s in rubinstein(delta1=Fraction(9, 10), delta2=Fraction(4, 5)).shares]
    ['5/7', '2/7']
    """
    func = "rubinstein"
    if problem is not None:
        return rubinstein_frontier(problem, delta1, delta2, rates=rates, period=period, proposer=proposer, tol=tol, exact=exact)
    start = time.perf_counter()
    proposer = _check_proposer(proposer, func)
    if exact is not None and not isinstance(exact, (bool, np.bool_)):
        raise InvalidOption(f"{func}: exact must be True, False or None, got {exact!r}")
    d1, d2, ex, params = _discounts(delta1, delta2, rates, period, func, exact)
    tol = check_tol(tol, func)
    one = Fraction(1) if ex else 1.0
    den = one - d1 * d2
    x = np.array([(one - d2) / den, d2 * (one - d1) / den], dtype=object if ex else float)
    y = np.array([d1 * (one - d2) / den, (one - d1) / den], dtype=object if ex else float)
    checks = [x[1] - d2 * y[1], y[0] - d1 * x[0], x[0] + x[1] - one, y[0] + y[1] - one]
    if ex:
        if any(c != 0 for c in checks):
            raise SolverError(f"{func}: the closed form failed its exact check; this is a bug")
        residual: Any = Fraction(0)
    else:
        residual = float(max(abs(c) for c in checks))
        if not residual <= tol:
            raise SolverError(f"{func}: residual {residual:.3g} above tol {tol:.1e}")
    for v in (x, y):
        v.setflags(write=False)
    shares = np.array(x if proposer == 0 else y, copy=True)
    shares.setflags(write=False)
    zero = np.array([Fraction(0), Fraction(0)] if ex else [0.0, 0.0], dtype=object if ex else float)
    zero.setflags(write=False)
    params.update({"proposer": proposer, "exact": ex})
    return RubinsteinResult(
        method="rubinstein",
        shares=shares,
        proposals=(x, y),
        deltas=(d1, d2),
        proposer=proposer,
        exact=ex,
        residual=residual,
        tol=Fraction(0) if ex else tol,
        disagreement=zero,
        problem=None,
        parameters=params,
        time=time.perf_counter() - start,
    )


class _PolytopeCurve:
    """The Pareto frontier of a two-player polytope problem, evaluated by LPs (float)."""

    def __init__(self, problem: BargainingProblem) -> None:
        self.P = _Polytope(problem, False)
        self.d = np.asarray(_in(problem.disagreement, False), dtype=float)
        self.scale = self.P.scale

    def analyse(self) -> str:
        P = self.P
        _, reason = P.agreement_gain()
        if reason:
            return reason
        a = P.ideal()
        self.q, self.a2 = float(a[0]), float(a[1])
        nvar = P.k + P.n
        sol = P.lp(P.unit(nvar, P.k, -1), np.concatenate([np.zeros(P.k), [0.0, -1.0]])[None, :], np.array([-self.a2 + 1e-12 * self.scale]))
        self.m = float(-sol.value) if sol.status == "optimal" else self.q
        return ""

    def F(self, y: float) -> float:
        if y <= self.m:
            return self.a2
        P = self.P
        nvar = P.k + P.n
        row = np.concatenate([np.zeros(P.k), [-1.0, 0.0]])[None, :]
        sol = P.lp(P.unit(nvar, P.k + 1, -1), row, np.array([-min(y, self.q)]))
        if sol.status != "optimal":
            raise SolverError(f"rubinstein_frontier: the frontier LP at u1 = {y:.6g} is {sol.status}")
        return float(-sol.value)


def rubinstein_frontier(
    problem: BargainingProblem,
    delta1: Any = None,
    delta2: Any = None,
    *,
    rates: Any = None,
    period: Any = None,
    proposer: int = 0,
    tol: float | None = None,
    exact: bool | None = None,
) -> RubinsteinResult:
    """Subgame-perfect equilibrium of alternating offers over a two-player Pareto frontier.

    Parameters
    ----------
    problem : BargainingProblem
        A frontier problem, or a two-player polytope problem (its frontier is
        evaluated by LPs).  Win-sets on utilities restrict the frontier.
    delta1, delta2, rates, period, proposer, tol
        As in :func:`rubinstein`.
    exact : bool, optional
        Only ``None``/``False``: the frontier equilibrium is computed in floating point.

    Returns
    -------
    RubinsteinResult
        ``shares`` are the utilities of the accepted first offer.

    Raises
    ------
    NoAgreement
        No agreement gives both players more than ``d``.

    Notes
    -----
    With ``F`` the frontier on ``[m, q]`` (``q`` player 1's ideal, ``m`` the
    largest ``u1`` at player 2's ideal), player 2's proposal answers player
    1's by ``y1 = max(m, d1 + delta1 (x1 - d1))`` and ``x1`` solves

        F(x1) - d2 = delta2 (F(y1(x1)) - d2),

    whose left side minus right side is non-increasing in ``x1`` for a concave
    ``F`` (so the root is unique) [1]_; it is found by bisection, or ``x1 = q``
    when player 2 accepts even player 1's best point.  As the period length
    ``dt`` goes to 0 with ``delta_i = exp(-r_i dt)``, the equilibrium tends to
    the asymmetric Nash solution with weights proportional to ``1 / r_i``
    [2]_.  Cost: about 100 evaluations of ``F``.

    References
    ----------
    .. [1] M. J. Osborne and A. Rubinstein, *Bargaining and Markets*, ch. 3,
       Academic Press, 1990.
    .. [2] K. Binmore, A. Rubinstein and A. Wolinsky, "The Nash bargaining
       solution in economic modelling", *RAND Journal of Economics* 17(2),
       176-188, 1986.

    Examples
    --------
    >>> from gametheory.bargaining import BargainingProblem, rubinstein_frontier
    >>> pie = BargainingProblem.from_frontier(lambda u: 1 - u, (0, 1), disagreement=[0, 0])
    >>> [round(float(s), 6) for s in rubinstein_frontier(pie, delta1=0.9, delta2=0.8).shares]
    [0.714286, 0.285714]
    """
    func = "rubinstein_frontier"
    start = time.perf_counter()
    if not isinstance(problem, BargainingProblem):
        raise InvalidBargainingProblem(f"{func}: problem must be a BargainingProblem, got {type(problem).__name__}")
    if problem.num_players != 2:
        raise NotSupported(f"{func}: alternating offers are defined here for two players; the problem has {problem.num_players}")
    if exact:
        raise NotSupported(f"{func}: the frontier equilibrium is computed in floating point; exact=True is available for the unit pie (rubinstein without problem=)")
    proposer = _check_proposer(proposer, func)
    d1, d2, _, params = _discounts(delta1, delta2, rates, period, func, False)
    tol = check_tol(tol, func)
    C = problem._curve(tol) if problem.kind == "frontier" else _PolytopeCurve(problem)
    reason = C.analyse()
    if reason:
        raise NoAgreement(f"{func}: {reason}")
    e1, e2 = float(C.d[0]), float(C.d[1])
    m, q = C.m, C.q

    def reply(x1: float) -> float:
        return max(m, e1 + d1 * (x1 - e1))

    def psi(x1: float) -> float:
        return C.F(x1) - e2 - d2 * (C.F(reply(x1)) - e2)

    x1 = q if psi(q) >= 0 else _bisect(lambda t: psi(t) >= 0, m, q, want_first=False)
    y1 = reply(x1)
    x = np.array([x1, C.F(x1)])
    y = np.array([y1, C.F(y1)])
    span1, span2 = q - e1, C.a2 - e2
    gap2 = (x[1] - e2) - d2 * (y[1] - e2)
    gap1 = (y[0] - e1) - d1 * (x[0] - e1)
    # at a corner the indifference condition holds as an inequality (the offer is accepted with room to spare)
    r2 = max(0.0, -gap2) if x1 >= q else abs(gap2)
    r1 = max(0.0, -gap1) if y1 <= m and gap1 >= 0 else abs(gap1)
    residual = max(r1 / span1, r2 / span2)
    if not residual <= tol:
        raise SolverError(f"{func}: the equilibrium fails its check (residual {residual:.3g} > tol {tol:.1e})")
    for v in (x, y):
        v.setflags(write=False)
    shares = np.array(x if proposer == 0 else y, copy=True)
    shares.setflags(write=False)
    dis = np.array(C.d, dtype=float, copy=True)
    dis.setflags(write=False)
    params.update({"proposer": proposer})
    return RubinsteinResult(
        method="rubinstein_frontier",
        shares=shares,
        proposals=(x, y),
        deltas=(d1, d2),
        proposer=proposer,
        exact=False,
        residual=residual,
        tol=tol,
        disagreement=dis,
        problem=problem,
        parameters=params,
        time=time.perf_counter() - start,
    )

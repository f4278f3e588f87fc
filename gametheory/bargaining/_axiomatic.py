"""Axiomatic bargaining solutions: Nash, Kalai-Smorodinsky, egalitarian, utilitarian, dictatorial.

Every solution is computed on the *individually rational set*
``IR = {u in S : u >= d}`` of the problem, with its win-sets, and returned
only after a check:

* polytope problems, linear solutions (Kalai-Smorodinsky, egalitarian,
  utilitarian, dictatorial): a sequence of linear programs through
  :func:`gametheory._linprog.solve_lp`; with ``exact=True`` each is certified
  in rational arithmetic, and the answer is then checked to be feasible and
  Pareto optimal by one more exact LP.  In float mode the same checks run in
  floating point against ``tol``.
* polytope problems, Nash: a convex program solved by cvxpy (CLARABEL, SCS as
  fallback).  The certificate is the first-order gap
  ``max over u in IR of grad(u*) . (u - u*)``, one LP; by concavity it bounds
  the loss in ``sum w_i log(u_i - d_i)``, and it is dimensionless.  With
  ``exact=True`` the exact point is recovered from the active face and the gap
  is proved to be exactly 0.
* frontier problems: one-dimensional root finding on ``u1``; the certificate
  is the first-order-condition residual (finite differences unless a
  derivative was given).

No agreement
------------
When no feasible agreement gives every player strictly more than ``d`` (for
instance when win-sets do not intersect) the solvers raise
:class:`~gametheory.errors.NoAgreement`; with ``allow_disagreement=True`` they
return a result with ``status="no_agreement"`` and ``utilities = d``.
"""

from __future__ import annotations

import inspect
import math
import time
import warnings
from fractions import Fraction
from typing import Any, Callable

import numpy as np

from .._exact_linalg import _eliminate
from .._numbers import to_fraction_array
from ..errors import (
    InvalidBargainingProblem,
    InvalidOption,
    InvalidPayoffs,
    NoAgreement,
    NotSupported,
    SolverError,
)
from ._problem import BargainingProblem, _bisect, _FrontierCurve, _in, _Polytope, _zeros, check_tol
from ._result import BargainingResult

__all__ = [
    "nash_solution",
    "kalai_smorodinsky",
    "egalitarian",
    "utilitarian",
    "dictatorial",
    "ideal_point",
    "solve_bargaining",
    "METHODS",
]

# Dual multipliers below this share (of the total, which is 1) are read as zero
# when deciding, in float mode, which players a max-min LP has pinned down.
_DUAL_ZERO = 1e-7

# Frontier certificates count pieces of min(f, caps) within this (relative) distance as meeting:
# a bisection for a root at a kink stops a rounding error short of it.
_KINK = 1e-9


# ---------------------------------------------------------------------- arguments
def _check_common(problem: Any, func: str, exact: Any, tol: Any, allow: Any) -> float:
    if not isinstance(problem, BargainingProblem):
        raise InvalidBargainingProblem(f"{func}: problem must be a BargainingProblem, got {type(problem).__name__}")
    if not isinstance(exact, (bool, np.bool_)):
        raise InvalidOption(f"{func}: exact must be True or False, got {exact!r}")
    if not isinstance(allow, (bool, np.bool_)):
        raise InvalidOption(f"{func}: allow_disagreement must be True or False, got {allow!r}")
    if exact and problem.kind == "frontier":
        raise NotSupported(
            f"{func}: exact=True needs a polytope problem (points, inequalities, linear); "
            "a frontier problem is solved in floating point"
        )
    return check_tol(tol, func)


def _weights(weights: Any, n: int, exact: bool, func: str) -> np.ndarray:
    """Positive weights normalised to sum 1 (Fractions when exact)."""
    if weights is None:
        weights = [1] * n
    try:
        arr = np.array(weights, dtype=object)
    except ValueError:
        raise InvalidOption(f"{func}: weights must be a vector of {n} positive numbers") from None
    if arr.ndim != 1 or arr.shape[0] != n:
        raise InvalidOption(f"{func}: weights must be a vector of {n} positive numbers (one per player), got shape {arr.shape}")
    try:
        w = to_fraction_array(arr, "weights") if exact else np.array([float(v) for v in arr], dtype=np.float64)
    except (InvalidPayoffs, TypeError, ValueError) as exc:
        raise InvalidOption(f"{func}: weights: {exc}") from None
    if not exact and not np.all(np.isfinite(w)):
        raise InvalidOption(f"{func}: weights must be finite, got {list(arr)}")
    if not all(v > 0 for v in w):
        raise InvalidOption(f"{func}: weights must be positive, got {[str(v) for v in arr]}")
    total = sum(w, Fraction(0)) if exact else float(np.sum(w))
    return np.array([v / total for v in w], dtype=object) if exact else w / total


def _player(problem: BargainingProblem, player: Any, func: str) -> int:
    if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
        if 0 <= player < problem.num_players:
            return int(player)
        raise InvalidOption(f"{func}: player index {player} out of range 0..{problem.num_players - 1}")
    if isinstance(player, str) and player in problem.players:
        return problem.players.index(player)
    raise InvalidOption(f"{func}: unknown player {player!r}; players are {list(problem.players)} (or indices 0..{problem.num_players - 1})")


def _no_agreement(problem, method, exact, reason, allow, start, tol, params, weights=None) -> BargainingResult:
    if not allow:
        raise NoAgreement(f"{method}: {reason}")
    d = np.array(_in(problem.disagreement, exact), copy=True)
    d.setflags(write=False)
    zero = Fraction(0) if exact else 0.0
    return BargainingResult(
        problem=problem,
        method=method,
        utilities=d,
        agreement=None,
        disagreement=d,
        weights=weights,
        exact=exact,
        residual=zero,
        tol=zero if exact else tol,
        certificate={},
        solver_status="no_agreement",
        status="no_agreement",
        message=reason,
        parameters=params,
        time=time.perf_counter() - start,
    )


def _frozen(v: np.ndarray) -> np.ndarray:
    v = np.array(v, copy=True)
    v.setflags(write=False)
    return v


# ---------------------------------------------------------------------- polytope machinery
def _leximin(P: _Polytope, scale: np.ndarray, fixed: dict | None = None, extra: tuple | None = None) -> np.ndarray:
    """The leximin point of the gains ``(u_i - d_i) / scale_i`` over the set: ``z = (x, u)``.

    Repeats the max-min LP ``max t s.t. u_i - d_i >= t scale_i`` over the
    players not yet fixed; a player whose row has a positive dual multiplier
    cannot gain at any optimum (complementary slackness), so it is fixed at
    ``t`` and the LP is solved again for the others.  The multipliers of a
    round sum to 1, so each round fixes someone: at most ``n`` LPs.
    ``fixed`` maps players to gains they must keep; ``extra = (G, h)`` are
    more rows on ``(x, u)``.
    """
    k, n, ex = P.k, P.n, P.exact
    one = Fraction(1) if ex else 1.0
    fixed = dict(fixed or {})
    z = None
    while True:
        free = [i for i in range(n) if i not in fixed]
        if not free:
            break
        nvar = k + n + 1
        rows, rhs, soft = [], [], []
        for i, v in fixed.items():
            r = _zeros((nvar,), ex)
            r[k + i] = -one
            rows.append(r)
            rhs.append(-(P.d[i] + scale[i] * v))
            soft.append(True)
        if extra is not None:
            for r0, h0 in zip(*extra):
                rows.append(np.concatenate([r0, _zeros((1,), ex)]))
                rhs.append(h0)
                soft.append(True)
        for i in free:
            r = _zeros((nvar,), ex)
            r[k + i] = -one
            r[-1] = scale[i]
            rows.append(r)
            rhs.append(-P.d[i])
            soft.append(False)
        G2 = np.vstack(rows)
        h2 = np.array(rhs, dtype=object if ex else float)
        sol = P.lp(P.unit(nvar, nvar - 1, -1), G2, h2)
        if sol.status == "infeasible" and not ex:
            # float: the previous optimum meets its own value only up to round-off; relax the kept values a little
            sol = P.lp(P.unit(nvar, nvar - 1, -1), G2, h2 + 1e-9 * P.scale * np.array(soft, dtype=float))
        if sol.status != "optimal":
            raise SolverError(f"a max-min (leximin) linear program is {sol.status}; this is a bug, please report it")
        t = -sol.value
        y = sol.y_ub[-len(free):]
        if ex:
            newly = [i for i, yi in zip(free, y) if yi > 0]
        else:
            share = np.asarray(y, dtype=float) * np.asarray([float(scale[i]) for i in free])
            newly = [i for i, s in zip(free, share) if s > _DUAL_ZERO] or [free[int(np.argmax(share))]]
        for i in newly:
            fixed[i] = t
        z = sol.x
    if z is None:
        raise SolverError("leximin called with every player fixed")
    return np.asarray(z[: k + n])


def _clean_agreement(problem: BargainingProblem, x: np.ndarray, exact: bool) -> np.ndarray:
    if exact:
        return np.array(x, dtype=object)
    x = np.array(x, dtype=np.float64)
    # round-off leaves 1e-17-size weights on unused points; zero them so the mix reads true
    x[np.abs(x) < 1e-12 * max(1.0, float(np.max(np.abs(x), initial=0.0)))] = 0.0
    return x + 0.0


def _finish_polytope(P: _Polytope, problem, method, z, start, tol, params, cert, weights=None,
                     solver_status="optimal", message="", pareto=True, info=None) -> BargainingResult:
    """Check a polytope solution (feasible; Pareto optimal) and build its result.

    ``cert`` holds the residuals (each must be 0 when exact, at most ``tol``
    otherwise); ``info`` holds other numbers reported with them.
    """
    k, ex = P.k, P.exact
    z = np.asarray(z, dtype=object if ex else float)
    feas = P.violation(z)
    cert = dict(cert)
    cert["feasibility"] = feas
    if pareto:
        cert["pareto_gap"] = P.pareto_gap(z[k:])
    if ex:
        bad = {key: v for key, v in cert.items() if isinstance(v, Fraction) and v != 0}
        if bad:
            raise SolverError(f"{method}: the exact check failed ({bad}); this is a bug, please report it with the problem")
        residual: Any = Fraction(0)
    else:
        cert["lp_residual"] = P.lp_residual
        residual = max(float(v) for v in cert.values() if isinstance(v, (int, float)))
        if not residual <= tol:
            raise SolverError(
                f"{method}: the solution fails its check (residual {residual:.3g} > tol {tol:.1e}: {cert}); "
                "the problem may be badly scaled"
            )
    cert.update(info or {})
    u = _frozen(z[k:] if ex else z[k:] + 0.0)  # + 0.0 turns -0.0 into 0.0
    x = _frozen(_clean_agreement(problem, P.full_agreement(z[:k]), ex))
    return BargainingResult(
        problem=problem,
        method=method,
        utilities=u,
        agreement=x,
        disagreement=_frozen(P.d),
        weights=None if weights is None else _frozen(weights),
        exact=ex,
        residual=residual,
        tol=Fraction(0) if ex else tol,
        certificate=cert,
        solver_status=solver_status,
        status="ok",
        message=message,
        parameters=params,
        time=time.perf_counter() - start,
        binding=P.binding(z, tol),
    )


def _finish_curve(C: _FrontierCurve, problem, method, u, start, tol, params, cert, weights=None) -> BargainingResult:
    u = np.array([float(u[0]), float(u[1])])
    cert = dict(cert)
    cert["feasibility"] = C.violation(u)
    residual = max(float(v) for v in cert.values())
    if not residual <= tol:
        raise SolverError(
            f"{method}: the solution fails its check (residual {residual:.3g} > tol {tol:.1e}: {cert}); "
            "the frontier may be too irregular for finite differences (pass derivative=)"
        )
    return BargainingResult(
        problem=problem,
        method=method,
        utilities=_frozen(u),
        agreement=_frozen(u),
        disagreement=_frozen(C.d),
        weights=None if weights is None else _frozen(weights),
        exact=False,
        residual=residual,
        tol=tol,
        certificate=cert,
        solver_status="converged",
        status="ok",
        parameters=params,
        time=time.perf_counter() - start,
        binding=C.binding(u),
    )


def _setup(problem, method, exact, tol, allow, start, params, weights=None, ideal=False):
    """The view of the problem for the solver (and the ideal point if asked), or a finished no-agreement result."""
    if problem.kind == "frontier":
        C = problem._curve(tol)
        reason = C.analyse()
        if reason:
            return None, None, _no_agreement(problem, method, False, reason, allow, start, tol, params, weights)
        return C, None, None
    P = problem._polytope(exact)
    if ideal:
        a, reason = P.ideal_or_reason()
    else:
        a, (_, reason) = None, P.agreement_gain()
    if reason:
        return None, None, _no_agreement(problem, method, exact, reason, allow, start, tol, params, weights)
    return P, a, None


# ---------------------------------------------------------------------- Nash
def _nash_cvxpy(P: _Polytope, w: np.ndarray, ideal: np.ndarray, solver: str | None, func: str):
    """Maximise ``sum w_i log(u_i - d_i)`` over the set in float: ``(x, u, status)``."""
    import cvxpy as cp

    k, n = P.k, P.n
    d = np.asarray(P.d, dtype=float)
    s = np.asarray(ideal, dtype=float) - d  # gains scaled to [0, 1]: the objective is invariant, the solver better conditioned
    G, h = P.Gf[: P.num_base], P.hf[: P.num_base]
    E, f = P.Ef, P.ff
    Gx, Gg, hh = G[:, :k], G[:, k:] * s, h - G[:, k:] @ d
    Ex, Eg, ff = E[:, :k], E[:, k:] * s, f - E[:, k:] @ d
    x = cp.Variable(k)
    g = cp.Variable(n)
    cons = []
    if len(hh):
        norm = np.maximum(np.max(np.abs(np.hstack([Gx, Gg])), axis=1), 1e-300)
        cons.append((Gx / norm[:, None]) @ x + (Gg / norm[:, None]) @ g <= hh / norm)
    if len(ff):
        norm = np.maximum(np.max(np.abs(np.hstack([Ex, Eg])), axis=1), 1e-300)
        cons.append((Ex / norm[:, None]) @ x + (Eg / norm[:, None]) @ g == ff / norm)
    prob = cp.Problem(cp.Maximize(np.asarray(w, dtype=float) @ cp.log(g)), cons)
    names = [solver] if solver else ["CLARABEL", "SCS"]
    options = {"CLARABEL": {"tol_gap_abs": 1e-10, "tol_gap_rel": 1e-10, "tol_feas": 1e-10}}
    status = "not solved"
    for name in names:
        try:
            with warnings.catch_warnings():
                # "solution may be inaccurate": the first-order certificate below decides
                warnings.simplefilter("ignore", UserWarning)
                prob.solve(solver=name, **options.get(name, {}))
        except cp.error.SolverError as exc:
            if "cannot solve" in str(exc):
                raise InvalidOption(f"{func}: solver {name!r} cannot handle the logarithms of the Nash objective; use CLARABEL or SCS") from None
            status = f"{name} failed: {exc}"
            continue
        except (ValueError, cp.error.DCPError) as exc:
            raise InvalidOption(f"{func}: solver {name!r} cannot be used here: {exc}") from None
        status = prob.status
        if status in ("optimal", "optimal_inaccurate") and g.value is not None:
            return np.asarray(x.value, dtype=float), d + s * np.asarray(g.value, dtype=float), f"{name}: {status}"
    raise SolverError(f"{func}: the convex solver did not find the Nash solution (status: {status})")


def _nullspace(rows: list[list[Fraction]], ncols: int, rhs: list[Fraction] | None = None):
    """Exact ``(particular, basis)`` of ``rows @ z == rhs`` (rhs 0 if None), or None if inconsistent."""
    rhs = rhs if rhs is not None else [Fraction(0)] * len(rows)
    M, pivots = _eliminate([[Fraction(v) for v in r] + [Fraction(b)] for r, b in zip(rows, rhs)], ncols)
    if any(all(v == 0 for v in row[:ncols]) and row[ncols] != 0 for row in M):
        return None
    part = [Fraction(0)] * ncols
    for i, c in enumerate(pivots):
        part[c] = M[i][ncols]
    basis = []
    for j in range(ncols):
        if j in pivots:
            continue
        v = [Fraction(0)] * ncols
        v[j] = Fraction(1)
        for i, c in enumerate(pivots):
            v[c] = -M[i][j]
        basis.append(v)
    return part, basis


def _nash_candidates(P: _Polytope, w: np.ndarray, z_float: np.ndarray):
    """Exact candidates for the Nash point, from the active face of the float solution.

    On the affine hull of the face: a vertex is the candidate itself; on a
    hyperplane ``a . u = beta`` the first-order conditions
    ``w_i / (u_i - d_i) = lambda a_i`` give ``u_i = d_i + w_i (beta - a . d) / a_i``
    (weights summing to 1), rational.  Faces of other dimensions (``n >= 3``)
    may have an irrational optimum; rounded guesses are offered instead and
    the caller's exact check accepts or rejects each.
    """
    k, n = P.k, P.n
    nv = k + n
    d = P.d
    seen = set()
    for rel in (1e-7, 1e-5, 1e-9):
        slack = P.hf[: P.num_base] - P.Gf[: P.num_base] @ z_float
        size = np.maximum(1.0, np.abs(P.Gf[: P.num_base]).max(axis=1) * max(1.0, float(np.max(np.abs(z_float)))))
        act = tuple(np.flatnonzero(np.abs(slack) <= rel * size))
        if act in seen:
            continue
        seen.add(act)
        rows = [list(P.E[i]) for i in range(P.E.shape[0])] + [list(P.G[i]) for i in act]
        rhs = [P.f[i] for i in range(len(P.f))] + [P.h[i] for i in act]
        sol = _nullspace(rows, nv, rhs)
        if sol is None:
            continue
        part, basis = sol
        pu = [part[k + i] for i in range(n)]
        dirs = [[v[k + i] for i in range(n)] for v in basis]
        dirs = [v for v in dirs if any(x != 0 for x in v)]
        normal = _nullspace(dirs, n) if dirs else ([Fraction(0)] * n, [[Fraction(int(i == j)) for j in range(n)] for i in range(n)])
        if normal is None:
            continue
        nbasis = normal[1]
        if len(nbasis) == n:  # a vertex of the utility set
            yield np.array(pu, dtype=object)
        elif len(nbasis) == 1:  # a facet: the hyperplane a . u = beta
            a = nbasis[0]
            beta = sum((ai * pi for ai, pi in zip(a, pu)), Fraction(0))
            gap = beta - sum((ai * di for ai, di in zip(a, d)), Fraction(0))
            if gap < 0:
                a, gap = [-ai for ai in a], -gap
            if gap > 0 and all(ai > 0 for ai in a):
                yield np.array([d[i] + w[i] * gap / a[i] for i in range(n)], dtype=object)
    uf = z_float[k:]
    for den in (10**3, 10**9):
        yield np.array([Fraction(float(v)).limit_denominator(den) for v in uf], dtype=object)


def _verify_nash_exact(P: _Polytope, w: np.ndarray, u: np.ndarray):
    """``z = (x, u)`` if ``u`` is proved to be the Nash point (exact LPs), else None."""
    if any(ui - di <= 0 for ui, di in zip(u, P.d)):
        return None
    x = P.point_agreement(u)
    if x is None:
        return None
    grad = np.array([wi / (ui - di) for wi, ui, di in zip(w, u, P.d)], dtype=object)
    c = np.concatenate([P.zero(P.k), -grad])
    sol = P.lp(c)
    if sol.status != "optimal" or -sol.value != grad.dot(u):
        return None
    return np.asarray(x, dtype=object)


def nash_solution(
    problem: BargainingProblem,
    weights: Any = None,
    *,
    exact: bool = False,
    allow_disagreement: bool = False,
    tol: float | None = None,
    solver: str | None = None,
) -> BargainingResult:
    """The Nash bargaining solution, symmetric or weighted (asymmetric).

    Parameters
    ----------
    problem : BargainingProblem
    weights : array_like, optional
        Positive bargaining weights ``w`` (default equal); normalised to sum 1.
    exact : bool
        Polytope problems with rational data (and rational weights): return
        Fractions, proved optimal.  Falls back to float, with ``exact=False``
        and a ``message``, when the exact point is irrational (possible only
        for ``n >= 3`` on a face of dimension between 1 and ``n - 2``).
    allow_disagreement : bool
        Return a ``status="no_agreement"`` result instead of raising
        :class:`~gametheory.errors.NoAgreement`.
    tol : float, optional
        Float-mode bound on the certificate (default ``1e-6``).
    solver : str, optional
        cvxpy solver (default CLARABEL, then SCS).

    Returns
    -------
    BargainingResult
        ``certificate["first_order_gap"]`` is
        ``max over u in IR of sum_i w_i (u_i - u*_i) / (u*_i - d_i)``: it is
        ``>= 0``, it is 0 exactly at the optimum, and by concavity it bounds
        the shortfall of ``sum w_i log(u_i - d_i)`` from its maximum.

    Raises
    ------
    NoAgreement
        No feasible agreement gives every player more than ``d``.
    InvalidOption
        Bad weights, tolerance or solver name.
    SolverError
        The convex solver failed, or its answer failed the check.

    Notes
    -----
    The solution maximises the Nash product ``prod (u_i - d_i)^{w_i}`` over
    ``IR`` [1]_ [2]_; it is the unique point satisfying Pareto optimality,
    symmetry (equal weights), invariance to positive affine transformations
    of each player's utility and independence of irrelevant alternatives.
    Polytope problems are solved as an exponential-cone program (interior
    point, polynomial time) in gains rescaled by the ideal point (``n`` LPs);
    the certificate is one LP.  Exact mode solves one rational linear system
    on the active face and proves optimality with two exact LPs (the point
    is feasible; the linearised objective ``grad . u`` is maximised at it).
    Frontier problems: the root of
    ``w1 / (u1 - d1) + w2 f'(u1) / (f(u1) - d2)``, by bisection (the
    function is non-increasing, because the objective is concave in ``u1``).

    References
    ----------
    .. [1] J. F. Nash, "The bargaining problem", *Econometrica* 18(2), 155-162, 1950.
    .. [2] E. Kalai, "Nonsymmetric Nash solutions and replications of 2-person
       bargaining", *International Journal of Game Theory* 6(3), 129-133, 1977.

    Examples
    --------
    >>> from gametheory.bargaining import BargainingProblem, nash_solution
    >>> pie = BargainingProblem.from_inequalities([[1, 1]], [1], disagreement=[0, 0])
    >>> [str(v) for v in nash_solution(pie, weights=[1, 2], exact=True).utilities]
    ['1/3', '2/3']
    """
    func = "nash_solution"
    start = time.perf_counter()
    tol = _check_common(problem, func, exact, tol, allow_disagreement)
    if solver is not None and not isinstance(solver, str):
        raise InvalidOption(f"{func}: solver must be a cvxpy solver name, got {solver!r}")
    w = _weights(weights, problem.num_players, exact, func)
    params = {"weights": list(w), "exact": exact, "tol": tol, "solver": solver, "allow_disagreement": allow_disagreement}
    if problem.kind == "frontier":
        view, _, done = _setup(problem, "nash", False, tol, allow_disagreement, start, params, w)
        return done if done is not None else _nash_curve(view, problem, w, start, tol, params)
    # The ideal point only scales the convex program, so floats do; in exact mode a float
    # "no agreement" is confirmed exactly, and an agreement is proved by the final check (u* > d).
    Pf = problem._polytope(False)
    P = problem._polytope(True) if exact else Pf
    ideal, reason = Pf.ideal_or_reason()
    close = ideal is not None and np.min(ideal - np.asarray(Pf.d, dtype=float)) <= 1e-6 * Pf.scale
    if exact and (reason or close):
        ideal, reason = P.ideal_or_reason()
        ideal = None if ideal is None else np.asarray(ideal, dtype=float)
    if reason:
        return _no_agreement(problem, "nash", exact, reason, allow_disagreement, start, tol, params, w)
    wf = np.asarray(w, dtype=float)
    x_f, u_f, status = _nash_cvxpy(Pf, wf, ideal, solver, func)
    z_f, gap = _polish_nash(Pf, wf, np.concatenate([x_f, u_f]))
    message = ""
    if exact:
        tried = set()
        for cand in _nash_candidates(P, w, z_f):
            key = tuple(cand)
            # a candidate far from the float optimum is a misread face: skip its exact LPs
            if key in tried or np.max(np.abs(np.asarray(cand, dtype=float) - z_f[P.k:])) > 1e-3 * Pf.scale:
                continue
            tried.add(key)
            z = _verify_nash_exact(P, w, cand)
            if z is not None:
                cert = {"first_order_gap": Fraction(0)}
                info = {"proved": "u is feasible and maximises grad . v over the set (exact LPs)"}
                return _finish_polytope(P, problem, "nash", z, start, tol, params, cert, w, status, pareto=False, info=info)
        message = (
            "exact=True was requested but the Nash point is not on a vertex or facet of the utility set "
            "(its coordinates may be irrational); this is the float answer, checked in floating point"
        )
    cert = {"first_order_gap": gap}
    return _finish_polytope(Pf, problem, "nash", z_f, start, tol, params, cert, wf, status, message, pareto=False)


def _first_order_gap(P: _Polytope, w: np.ndarray, z: np.ndarray) -> float:
    """``max over v in the set of grad(u) . (v - u)`` at ``u = z[k:]`` (float; inf if ``u`` is not above ``d``)."""
    g = z[P.k:] - np.asarray(P.d, dtype=float)
    if np.any(g <= 0):
        return math.inf
    grad = w / g
    sol = P.lp(np.concatenate([np.zeros(P.k), -grad]))
    if sol.status != "optimal":
        raise SolverError(f"nash_solution: the certificate LP is {sol.status}")
    return max(0.0, float(-sol.value - grad @ z[P.k:]))


def _face_newton(P: _Polytope, w: np.ndarray, z: np.ndarray, act: np.ndarray) -> np.ndarray:
    """Newton's method for ``max sum w_i log(u_i - d_i)`` on the affine hull of a face, from ``z``.

    The interior-point answer is accurate in the objective (1e-8) but, the
    objective being flat at its maximum, only to about 1e-4 in the point; on
    the face the problem is smooth and unconstrained, so a few Newton steps
    reach machine precision.
    """
    k = P.k
    d = np.asarray(P.d, dtype=float)
    M = np.vstack([P.Ef, P.Gf[act]])
    r = np.concatenate([P.ff, P.hf[act]])
    # Active rows with one nonzero (the bounds x_j >= 0 of unused points) pin a
    # variable: fix those first, so the dense algebra below is only as large as
    # the face's free variables, not the number of points.
    single = np.count_nonzero(M, axis=1) == 1
    z0 = z.copy()
    free = np.ones(len(z), dtype=bool)
    if np.any(single):
        cols = np.argmax(M[single] != 0, axis=1)
        z0[cols] = r[single] / M[single, cols]
        free[cols] = False
    M, r = M[~single], r[~single]
    Mf = M[:, free]
    r = r - M[:, ~free] @ z0[~free]
    N = np.zeros((len(z), 0))
    if Mf.shape[0]:
        _, sv, Vt = np.linalg.svd(Mf)
        rank = int(np.sum(sv > 1e-10 * max(1.0, sv[0]))) if len(sv) else 0
        Nf = Vt[rank:].T
        z0[free] = z0[free] - np.linalg.lstsq(Mf, Mf @ z0[free] - r, rcond=None)[0]
    else:
        Nf = np.eye(int(free.sum()))
    N = np.zeros((len(z), Nf.shape[1]))
    N[free] = Nf
    # The objective depends on z only through u = z0_u + Nu s, so run Newton in
    # the (at most n-dimensional) range of Nu: u = z0_u + B t with Nu s = B t for
    # s = V S^-1 t.  Free agreement columns may number in the thousands; this
    # keeps each step an r x r solve.
    Nu = N[k:]
    if Nu.shape[1] == 0:
        return z0
    Ub, sb, Vbt = np.linalg.svd(Nu, full_matrices=False)
    r = int(np.sum(sb > 1e-12 * max(1.0, float(sb[0]))))
    if r == 0:
        return z0
    B = Ub[:, :r]
    u0 = z0[k:]
    t = np.zeros(r)
    for _ in range(60):
        g = u0 + B @ t - d
        if np.any(g <= 0):
            return z
        grad = B.T @ (w / g)
        H = B.T @ ((w / g**2)[:, None] * B)
        step = np.linalg.lstsq(H, grad, rcond=None)[0]
        tau = 1.0
        while np.any(u0 + B @ (t + tau * step) - d <= 0) and tau > 1e-12:
            tau /= 2
        t = t + tau * step
        if tau * np.max(np.abs(B @ step), initial=0.0) <= 1e-15 * max(1.0, float(np.max(np.abs(g)))):
            break
    return z0 + N @ (Vbt[:r].T @ (t / sb[:r]))


def _polish_nash(P: _Polytope, w: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, float]:
    """The best of the solver's point and its Newton-polished versions, and its first-order gap."""
    best, best_gap = z, _first_order_gap(P, w, z)
    best_res = max(best_gap, P.violation(z))
    G, h = P.Gf[: P.num_base], P.hf[: P.num_base]
    size = np.maximum(1.0, np.abs(G).max(axis=1, initial=0.0) * max(1.0, float(np.max(np.abs(z)))))
    tried = set()
    for rel in (1e-7, 1e-5, 1e-9):
        act = np.flatnonzero(np.abs(h - G @ z) <= rel * size)
        if tuple(act) in tried:
            continue
        tried.add(tuple(act))
        cand = _face_newton(P, w, z, act)
        # Active-set refinement: rows the Newton point crosses (weights of
        # barely-used points going negative) join the face, and Newton reruns.
        for _ in range(10):
            crossed = np.flatnonzero(G @ cand - h > 1e-12 * size)
            if len(crossed) == 0:
                break
            act = np.union1d(act, crossed)
            cand = _face_newton(P, w, z, act)
        res = P.violation(cand)
        if res > 1e-10:
            continue
        gap = _first_order_gap(P, w, cand)
        if max(gap, res) < best_res:
            best, best_gap, best_res = cand, gap, max(gap, res)
        if best_res <= 1e-12:
            break
    return best, best_gap


def _nash_curve(C: _FrontierCurve, problem, w, start, tol, params) -> BargainingResult:
    d1, d2 = C.d
    w1, w2 = float(w[0]), float(w[1])

    def psi(y: float, side: int = 0, active: float = 1e-12) -> float:
        """``(u1 - d1)`` times the derivative of the objective (left, right or mean slope)."""
        left, right = C.slopes(y, active)
        slope = (left + right) / 2 if side == 0 else (left if side < 0 else right)
        g2 = C.F(y) - d2
        if g2 <= 0:
            return -math.inf
        return w1 + w2 * slope * (y - d1) / g2

    lo = C.m
    if lo > d1 and psi(lo, +1) <= 0:
        y = lo
    elif psi(C.q, -1) >= 0:
        y = C.q
    else:
        y = _bisect(lambda t: t > d1 and psi(t) > 0, max(lo, d1), C.q, want_first=False)
    foc = 0.0
    if y < C.q:
        foc = max(foc, psi(y, +1, _KINK))
    if y > lo:
        foc = max(foc, -psi(y, -1, _KINK))
    return _finish_curve(C, problem, "nash", (y, C.F(y)), start, tol, params, {"foc_residual": foc}, w)


# ---------------------------------------------------------------------- Kalai-Smorodinsky
def kalai_smorodinsky(
    problem: BargainingProblem,
    *,
    exact: bool = False,
    allow_disagreement: bool = False,
    tol: float | None = None,
) -> BargainingResult:
    """The Kalai-Smorodinsky solution, refined lexicographically so it is Pareto optimal for any ``n``.

    Parameters
    ----------
    problem : BargainingProblem
    exact : bool
        Rational, proved answer for polytope problems.
    allow_disagreement, tol
        As in :func:`nash_solution`.

    Returns
    -------
    BargainingResult

    Notes
    -----
    With the ideal point ``a_i = max {u_i : u in IR}``, the Kalai-Smorodinsky
    point is ``d + t* (a - d)`` with ``t*`` the largest ``t`` such that some
    ``u in IR`` has ``u >= d + t (a - d)`` [1]_.  For two players on a
    comprehensive set it is Pareto optimal; in general it need not be, so the
    tie-break is the lexicographic maxmin of the normalised gains
    ``(u_i - d_i) / (a_i - d_i)`` (Imai's solution [2]_): after ``t*``, the
    players that cannot gain more are fixed and the max-min is repeated for
    the rest.  The result is unique, Pareto optimal and symmetric, and for
    two players it is the classical point.  Cost: ``n`` LPs for the ideal
    point, at most ``n`` max-min LPs, one LP for the Pareto check.  Frontier
    problems: bisection on ``t`` along the segment from ``d`` to ``a``.

    References
    ----------
    .. [1] E. Kalai and M. Smorodinsky, "Other solutions to Nash's bargaining
       problem", *Econometrica* 43(3), 513-518, 1975.
    .. [2] H. Imai, "Individual monotonicity and lexicographic maxmin
       solution", *Econometrica* 51(2), 389-401, 1983.

    Examples
    --------
    >>> from gametheory.bargaining import BargainingProblem, kalai_smorodinsky
    >>> p = BargainingProblem.from_points([[0, 0], [4, 0], [0, 2], [2, 2]], disagreement=[0, 0])
    >>> [str(v) for v in kalai_smorodinsky(p, exact=True).utilities]  # on the ray to the ideal point (4, 2)
    ['8/3', '4/3']
    """
    func = "kalai_smorodinsky"
    start = time.perf_counter()
    tol = _check_common(problem, func, exact, tol, allow_disagreement)
    params = {"exact": exact, "tol": tol, "allow_disagreement": allow_disagreement}
    view, a, done = _setup(problem, "kalai_smorodinsky", exact, tol, allow_disagreement, start, params, ideal=True)
    if done is not None:
        return done
    if isinstance(view, _FrontierCurve):
        C = view
        d1, d2 = C.d
        a1, a2 = C.q, C.a2

        def h(t: float) -> float:
            return C.F(d1 + t * (a1 - d1)) - d2 - t * (a2 - d2)

        t = _bisect(lambda s: h(s) >= 0, 0.0, 1.0, want_first=False)
        y = d1 + t * (a1 - d1)
        cert = {"ray_residual": abs(h(t)) / (a2 - d2)}
        return _finish_curve(C, problem, "kalai_smorodinsky", (y, C.F(y)), start, tol, params, cert)
    P = view
    scale = np.array([ai - di for ai, di in zip(a, P.d)], dtype=object if exact else float)
    z = _leximin(P, scale)
    return _finish_polytope(P, problem, "kalai_smorodinsky", z, start, tol, params, {}, info={"ideal_point": list(a)})


# ---------------------------------------------------------------------- egalitarian
def egalitarian(
    problem: BargainingProblem,
    *,
    exact: bool = False,
    allow_disagreement: bool = False,
    tol: float | None = None,
) -> BargainingResult:
    """The egalitarian solution: equal gains over ``d``, refined to the leximin point.

    Notes
    -----
    Kalai's egalitarian (proportional, with equal weights) solution is
    ``d + t* (1, ..., 1)`` with ``t*`` the largest equal gain available [1]_.
    The tie-break, needed when some players are capped before the others, is
    the lexicographic maxmin of the gains ``u_i - d_i``: fix the players whose
    gain cannot rise above ``t*``, maximise the smallest gain of the others,
    and so on.  The result is unique and Pareto optimal.  It compares
    utilities across players, so it is invariant to a common rescaling and to
    translations, not to rescaling one player.  Cost: at most ``n`` LPs and a
    Pareto check.  Frontier problems: bisection on ``u1 - d1 = f(u1) - d2``.

    References
    ----------
    .. [1] E. Kalai, "Proportional solutions to bargaining situations:
       interpersonal utility comparisons", *Econometrica* 45(7), 1623-1630, 1977.

    Examples
    --------
    >>> from gametheory.bargaining import BargainingProblem, egalitarian
    >>> p = BargainingProblem.from_points([[0, 0], [4, 0], [0, 2], [2, 2]], disagreement=[0, 0])
    >>> [str(v) for v in egalitarian(p, exact=True).utilities]
    ['2', '2']
    """
    func = "egalitarian"
    start = time.perf_counter()
    tol = _check_common(problem, func, exact, tol, allow_disagreement)
    params = {"exact": exact, "tol": tol, "allow_disagreement": allow_disagreement}
    view, _, done = _setup(problem, "egalitarian", exact, tol, allow_disagreement, start, params)
    if done is not None:
        return done
    if isinstance(view, _FrontierCurve):
        C = view
        y, res = _equal_gains(C)
        return _finish_curve(C, problem, "egalitarian", (y, C.F(y)), start, tol, params, {"equal_gain_residual": res})
    P = view
    ones = np.array([Fraction(1) if exact else 1.0] * P.n, dtype=object if exact else float)
    z = _leximin(P, ones)
    return _finish_polytope(P, problem, "egalitarian", z, start, tol, params, {})


def _equal_gains(C: _FrontierCurve) -> tuple[float, float]:
    """The leximin point of the gains on a frontier, and the residual of ``u1 - d1 = u2 - d2`` there."""
    d1, d2 = C.d

    def e(y: float) -> float:
        return (y - d1) - (C.F(y) - d2)

    if e(C.q) <= 0:
        return C.q, 0.0
    y0 = _bisect(lambda y: e(y) >= 0, d1, C.q, want_first=True)
    if y0 < C.m:
        return C.m, 0.0
    return y0, abs(e(y0)) / C.scale


# ---------------------------------------------------------------------- utilitarian
def utilitarian(
    problem: BargainingProblem,
    *,
    exact: bool = False,
    allow_disagreement: bool = False,
    tol: float | None = None,
) -> BargainingResult:
    """The utilitarian solution: the largest sum of utilities over the individually rational set.

    Notes
    -----
    Maximises ``sum_i u_i`` over ``IR`` [1]_.  When several points reach the
    maximum (a face of the set parallel to ``sum u = const``), the tie is
    broken by the egalitarian rule among them: the leximin point of the gains
    ``u_i - d_i`` on the set of maximisers.  The result is unique, Pareto
    optimal and symmetric.  Like the egalitarian solution it compares
    utilities across players.  Cost: one LP, then at most ``n`` max-min LPs
    and a Pareto check.  Frontier problems: the maximisers are where
    ``f'(u1)`` crosses ``-1`` (found by bisection, with a relative tolerance of
    ``1e-7`` on the slope for flat stretches).

    References
    ----------
    .. [1] J. C. Harsanyi, "Cardinal welfare, individualistic ethics, and
       interpersonal comparisons of utility", *Journal of Political Economy*
       63(4), 309-321, 1955.

    Examples
    --------
    >>> from gametheory.bargaining import BargainingProblem, utilitarian
    >>> pie = BargainingProblem.from_inequalities([[1, 1]], [1], disagreement=[0, 0])
    >>> [str(v) for v in utilitarian(pie, exact=True).utilities]
    ['1/2', '1/2']
    """
    func = "utilitarian"
    start = time.perf_counter()
    tol = _check_common(problem, func, exact, tol, allow_disagreement)
    params = {"exact": exact, "tol": tol, "allow_disagreement": allow_disagreement}
    view, _, done = _setup(problem, "utilitarian", exact, tol, allow_disagreement, start, params)
    if done is not None:
        return done
    if isinstance(view, _FrontierCurve):
        return _utilitarian_curve(view, problem, start, tol, params)
    P = view
    one = Fraction(1) if exact else 1.0
    c = np.concatenate([P.zero(P.k), P.zero(P.n) - one])
    sol = P.lp(c)
    if sol.status != "optimal":
        raise SolverError(f"{func}: the LP is {sol.status}")
    total = -sol.value
    row = np.concatenate([P.zero(P.k), P.zero(P.n) - one])
    rhs = -total
    ones = np.array([one] * P.n, dtype=object if exact else float)
    z = _leximin(P, ones, extra=([row], [rhs]))
    return _finish_polytope(P, problem, "utilitarian", z, start, tol, params, {}, info={"max_sum": total})


def _utilitarian_curve(C: _FrontierCurve, problem, start, tol, params) -> BargainingResult:
    def D(y: float, side: int = 0, active: float = 1e-12) -> float:
        left, right = C.slopes(y, active)
        return 1.0 + ((left + right) / 2 if side == 0 else (left if side < 0 else right))

    m, q = C.m, C.q
    slope_tol = 1e-7
    y_a = m if D(m, +1) <= slope_tol else (q if D(q) > slope_tol else _bisect(lambda y: D(y) <= slope_tol, m, q, True))
    y_b = q if D(q, -1) >= -slope_tol else (m if D(m) < -slope_tol else _bisect(lambda y: D(y) >= -slope_tol, m, q, False))
    if y_b - y_a > 1e-6 * (q - m):
        # a flat stretch of slope -1: every point of it maximises the sum; take the leximin one
        y_eq, _ = _equal_gains(C)
        y = min(max(y_eq, y_a), y_b)
    elif D(m, +1) <= 0:
        y = m
    elif D(q, -1) >= 0:
        y = q
    else:
        y = _bisect(lambda t: D(t) > 0, m, q, want_first=False)
    foc = 0.0
    if y < q:
        foc = max(foc, D(y, +1, _KINK))
    if y > m:
        foc = max(foc, -D(y, -1, _KINK))
    return _finish_curve(C, problem, "utilitarian", (y, C.F(y)), start, tol, params, {"foc_residual": foc})


# ---------------------------------------------------------------------- dictatorial
def dictatorial(
    problem: BargainingProblem,
    player: int | str = 0,
    *,
    exact: bool = False,
    allow_disagreement: bool = False,
    tol: float | None = None,
) -> BargainingResult:
    """The dictatorial solution of one player: that player's best individually rational point.

    Notes
    -----
    Maximises ``u_i`` over ``IR`` (the ideal point's coordinate ``a_i``); the
    tie among the points with ``u_i = a_i`` is broken by the leximin of the
    others' gains ``u_j - d_j``, which makes the point unique and Pareto
    optimal (the lexicographic dictatorship of [1]_ with the others ordered
    by leximin).  Cost: one LP, then at most ``n - 1`` max-min LPs and a
    Pareto check.

    References
    ----------
    .. [1] W. Thomson, "Cooperative models of bargaining", in *Handbook of
       Game Theory* vol. 2, ch. 35, 1237-1284, Elsevier, 1994.

    Examples
    --------
    >>> from gametheory.bargaining import BargainingProblem, dictatorial
    >>> p = BargainingProblem.from_points([[0, 0], [4, 1], [1, 3]], disagreement=[0, 0])
    >>> [str(v) for v in dictatorial(p, player=1, exact=True).utilities]
    ['1', '3']
    """
    func = "dictatorial"
    start = time.perf_counter()
    tol = _check_common(problem, func, exact, tol, allow_disagreement)
    i = _player(problem, player, func)
    params = {"player": i, "exact": exact, "tol": tol, "allow_disagreement": allow_disagreement}
    view, _, done = _setup(problem, "dictatorial", exact, tol, allow_disagreement, start, params)
    if done is not None:
        return done
    if isinstance(view, _FrontierCurve):
        C = view
        y = C.q if i == 0 else C.m
        return _finish_curve(C, problem, "dictatorial", (y, C.F(y)), start, tol, params, {})
    P = view
    nvar = P.k + P.n
    sol = P.lp(P.unit(nvar, P.k + i, -1))
    if sol.status != "optimal":
        raise SolverError(f"{func}: the LP is {sol.status}")
    best = -sol.value
    one = Fraction(1) if exact else 1.0
    ones = np.array([one] * P.n, dtype=object if exact else float)
    z = _leximin(P, ones, fixed={i: best - P.d[i]})
    return _finish_polytope(P, problem, "dictatorial", z, start, tol, params, {}, info={"dictator_utility": best})


# ---------------------------------------------------------------------- ideal point, dispatch
def ideal_point(problem: BargainingProblem, *, exact: bool = False) -> np.ndarray:
    """Each player's largest utility over the individually rational set (with the win-sets).

    Raises :class:`~gametheory.errors.NoAgreement` if that set is empty.

    Examples
    --------
    >>> from gametheory.bargaining import BargainingProblem, ideal_point
    >>> p = BargainingProblem.from_points([[0, 0], [4, 1], [1, 3]], disagreement=[0, 0])
    >>> [str(v) for v in ideal_point(p, exact=True)]
    ['4', '3']
    """
    func = "ideal_point"
    _check_common(problem, func, exact, None, False)
    if problem.kind == "frontier":
        C = problem._curve()
        reason = C.analyse()
        if reason and not hasattr(C, "a2"):
            raise NoAgreement(f"{func}: {reason}")
        return np.array([C.q, C.a2])
    P = problem._polytope(exact)
    sol = P.lp(P.zero(P.k + P.n))
    if sol.status == "infeasible":
        raise NoAgreement(f"{func}: the individually rational set (with the win-sets) is empty")
    return _frozen(P.ideal())


METHODS: dict[str, Callable[..., BargainingResult]] = {
    "nash": nash_solution,
    "kalai_smorodinsky": kalai_smorodinsky,
    "egalitarian": egalitarian,
    "utilitarian": utilitarian,
    "dictatorial": dictatorial,
}


def solve_bargaining(problem: BargainingProblem, method: str = "nash", **options: Any) -> BargainingResult:
    """Solve a bargaining problem by the method named (a key of :data:`METHODS`).

    ``options`` go to the method's function (``weights=`` for Nash,
    ``player=`` for dictatorial, ``exact=``, ``allow_disagreement=``, ``tol=``).

    Examples
    --------
    >>> from gametheory.bargaining import BargainingProblem, solve_bargaining
    >>> pie = BargainingProblem.from_inequalities([[1, 1]], [1], disagreement=[0, 0])
    >>> str(solve_bargaining(pie, "egalitarian", exact=True).utilities[0])
    '1/2'
    """
    if method not in METHODS:
        raise InvalidOption(f"solve_bargaining: unknown method {method!r}; choose one of {sorted(METHODS)}")
    func = METHODS[method]
    try:
        inspect.signature(func).bind(problem, **options)
    except TypeError as exc:
        raise InvalidOption(f"solve_bargaining: bad options for {method!r}: {exc}") from None
    return func(problem, **options)

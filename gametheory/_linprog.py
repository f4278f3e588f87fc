"""Linear programs solved in floating point and, on request, certified exactly.

Every LP in the package is written in one form,

    minimise  c @ x   subject to   A_ub @ x <= b_ub,   A_eq @ x == b_eq,   x free,

and solved by HiGHS through :func:`scipy.optimize.linprog`.  Bounds on
variables are passed as rows, which keeps the dual certificate in one place:
``x`` is optimal if and only if it is feasible and there are multipliers
``y >= 0`` (one per inequality) and ``z`` (free, one per equality) with

    c + A_ub.T @ y + A_eq.T @ z == 0   and   y * (b_ub - A_ub @ x) == 0.

Exact mode (:func:`solve_lp` with ``exact=True``) turns the float answer into a
proof.  It reads a basis off the float solution (the equalities, then active
inequalities in decreasing order of their multipliers, kept while linearly
independent), solves for the vertex and its multipliers in rational
arithmetic and checks both feasibilities exactly.  If the float basis is not
exactly optimal -- a near-degenerate vertex, a row whose slack was tiny but
not zero -- it is repaired by exact simplex pivots in inequality form: primal
pivots from a feasible vertex, dual pivots from a dual-feasible basis, both
with Bland's smallest-index rule, which cannot cycle [1]_.  The returned
solution is then optimal by LP duality, with no tolerance.

Exact mode needs the constraint matrix to have full column rank (the optimum
is then attained at a vertex); every LP in the package is built that way.

References
----------
.. [1] R. G. Bland, "New finite pivoting rules for the simplex method",
   Mathematics of Operations Research 2(2), 103-107, 1977.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from scipy.optimize import linprog

from ._numbers import to_fraction_array
from .errors import SolverError

__all__ = ["LPSolution", "solve_lp"]


@dataclass(frozen=True, eq=False)
class LPSolution:
    """Outcome of :func:`solve_lp`.

    Attributes
    ----------
    status : str
        ``"optimal"``, ``"infeasible"`` or ``"unbounded"``.
    x : ndarray or None
        Optimal point (Fractions in exact mode), None unless optimal.
    value : float or Fraction or None
        Optimal value ``c @ x``.
    y_ub, y_eq : ndarray or None
        Multipliers of the inequalities (``>= 0``) and equalities (free),
        with ``c + A_ub.T @ y_ub + A_eq.T @ y_eq == 0``.
    exact : bool
        True if ``x`` and the multipliers are rational and proved optimal.
    residual : float
        Largest violation of primal feasibility, dual feasibility and
        complementary slackness, in the units of the data (0 when exact).
    pivots : int
        Exact simplex pivots needed to repair the float basis (0 when the
        float basis was already optimal, or in float mode).
    """

    status: str
    x: np.ndarray | None = None
    value: Any = None
    y_ub: np.ndarray | None = None
    y_eq: np.ndarray | None = None
    exact: bool = False
    residual: float = 0.0
    pivots: int = 0


def _matrix(A: Any, ncols: int, name: str) -> np.ndarray:
    if A is None:
        return np.zeros((0, ncols))
    A = np.asarray(A)
    if A.ndim != 2 or A.shape[1] != ncols:
        raise SolverError(f"internal LP: {name} has shape {A.shape}, expected (m, {ncols})")
    return A


def _float(A: np.ndarray) -> np.ndarray:
    return np.asarray(A, dtype=float)


def _residual(c, Aub, bub, Aeq, beq, x, y, z) -> float:
    """Largest violation of the optimality conditions at (x, y, z), all in float."""
    c, Aub, bub, Aeq, beq = (_float(v) for v in (c, Aub, bub, Aeq, beq))
    x, y, z = _float(x), _float(y), _float(z)
    slack = bub - Aub @ x if len(bub) else np.zeros(0)
    parts = [
        np.max(-slack, initial=0.0),
        np.max(np.abs(Aeq @ x - beq), initial=0.0) if len(beq) else 0.0,
        np.max(-y, initial=0.0),
        np.max(np.abs(c + Aub.T @ y + Aeq.T @ z), initial=0.0),
        np.max(np.abs(y * slack), initial=0.0) if len(bub) else 0.0,
    ]
    return float(max(parts))


def solve_lp(
    c: Any,
    A_ub: Any = None,
    b_ub: Any = None,
    A_eq: Any = None,
    b_eq: Any = None,
    *,
    exact: bool = False,
    tol: float = 1e-9,
) -> LPSolution:
    """Minimise ``c @ x`` over ``A_ub @ x <= b_ub, A_eq @ x == b_eq`` with ``x`` free.

    Parameters
    ----------
    c, A_ub, b_ub, A_eq, b_eq : array_like
        LP data; numbers that are exact (ints, Fractions) stay exact in exact mode.
    exact : bool
        Certify the optimum in rational arithmetic (see the module docstring).
    tol : float
        Relative tolerance used to read active constraints off the float
        solution (exact mode) -- it guides the search only, never the proof.

    Returns
    -------
    LPSolution

    Raises
    ------
    SolverError
        If HiGHS fails for a reason other than infeasibility or
        unboundedness, or if exact mode cannot reach a certified vertex.
    """
    c = np.asarray(c)
    n = c.shape[0]
    Aub, Aeq = _matrix(A_ub, n, "A_ub"), _matrix(A_eq, n, "A_eq")
    bub = np.asarray(b_ub if b_ub is not None else np.zeros(0)).reshape(-1)
    beq = np.asarray(b_eq if b_eq is not None else np.zeros(0)).reshape(-1)
    res = linprog(
        _float(c),
        A_ub=_float(Aub) if len(bub) else None,
        b_ub=_float(bub) if len(bub) else None,
        A_eq=_float(Aeq) if len(beq) else None,
        b_eq=_float(beq) if len(beq) else None,
        bounds=[(None, None)] * n,
        method="highs",
    )
    if res.status == 2:
        return LPSolution("infeasible")
    if res.status == 3:
        return LPSolution("unbounded")
    if res.status != 0:
        raise SolverError(f"HiGHS could not solve a linear program: {res.message}")
    x = np.asarray(res.x, dtype=float)
    # scipy's marginals are d(objective)/d(b): <= 0 for "<=" rows of a minimisation.
    y = -np.asarray(res.ineqlin.marginals, dtype=float) if len(bub) else np.zeros(0)
    z = -np.asarray(res.eqlin.marginals, dtype=float) if len(beq) else np.zeros(0)
    if not exact:
        r = _residual(c, Aub, bub, Aeq, beq, x, y, z)
        return LPSolution("optimal", x, float(_float(c) @ x), y, z, False, r, 0)
    return _ExactLP(c, Aub, bub, Aeq, beq).certify(x, y, tol)


class _ExactLP:
    """Rational data of one LP and the exact simplex steps that certify it."""

    def __init__(self, c, Aub, bub, Aeq, beq):
        self.c = to_fraction_array(c, "LP objective")
        self.A = to_fraction_array(np.vstack([Aeq, Aub]) if len(Aeq) + len(Aub) else np.zeros((0, len(c)), dtype=int), "LP matrix")
        self.b = to_fraction_array(np.concatenate([beq, bub]) if len(beq) + len(bub) else np.zeros(0, dtype=int), "LP bounds")
        self.A = self.A.reshape(-1, len(c))
        self.meq = len(beq)
        self.n = len(c)
        self.Af = _float(self.A)
        self.bf = _float(self.b)

    # -- linear algebra on a basis (a list of n row indices) -------------------
    def _solve(self, M: list[list[Any]], rhs: list[Any]) -> list[Fraction] | None:
        """The solution of the square system ``M z = rhs``, or None if ``M`` is singular.

        Sparse Gaussian elimination over the rationals: a basis of an LP in
        inequality form is mostly unit rows (active bounds), and eliminating
        only the nonzeros -- row with fewest nonzeros first, then its sparsest
        column -- keeps each solve close to linear in the nonzeros.
        """
        n = len(M)
        rows: list[dict[int, Fraction]] = [{j: Fraction(a) for j, a in enumerate(r) if a != 0} for r in M]
        vals = [Fraction(v) for v in rhs]
        in_col: dict[int, set[int]] = {}
        for i, d in enumerate(rows):
            for j in d:
                in_col.setdefault(j, set()).add(i)
        remaining = set(range(n))
        order: list[tuple[int, int]] = []
        for _ in range(n):
            i = min(remaining, key=lambda r: len(rows[r]))
            d = rows[i]
            if not d:
                return None
            j = min(d, key=lambda c: len(in_col[c]))
            remaining.discard(i)
            order.append((i, j))
            piv, v = d[j], vals[i]
            for r in list(in_col[j]):
                if r not in remaining:
                    continue
                dr = rows[r]
                f = dr[j] / piv
                for jj, a in d.items():
                    new = dr.get(jj, 0) - f * a
                    if new:
                        if jj not in dr:
                            in_col[jj].add(r)
                        dr[jj] = new
                    else:
                        dr.pop(jj, None)
                        in_col[jj].discard(r)
                vals[r] -= f * v
        z: list[Fraction] = [Fraction(0)] * n
        for i, j in reversed(order):
            d = rows[i]
            acc = vals[i] - sum((a * z[c] for c, a in d.items() if c != j), Fraction(0))
            z[j] = acc / d[j]
        return z

    def _vertex(self, B: list[int]):
        return self._solve([list(self.A[i]) for i in B], [self.b[i] for i in B])

    def _multipliers(self, B: list[int]):
        # c + A_B^T y_B = 0
        AT = [[self.A[i][j] for i in B] for j in range(self.n)]
        return self._solve(AT, [-v for v in self.c])

    def _initial_basis(self, x: np.ndarray, y: np.ndarray, tol: float) -> list[int]:
        scale = max(1.0, float(np.max(np.abs(self.bf), initial=0.0)), float(np.max(np.abs(self.Af), initial=0.0)))
        slack = self.bf[self.meq:] - self.Af[self.meq:] @ x
        active = np.flatnonzero(np.abs(slack) <= tol * scale * 1e3)
        order = active[np.lexsort((np.abs(slack[active]), -y[active]))] + self.meq
        basis: list[int] = []
        echelon: dict[int, dict[int, Fraction]] = {}  # pivot column -> reduced row
        # Equalities and active rows first; if they do not span, complete the
        # basis with the inactive rows closest to binding (maybe infeasible:
        # the certifying pivots repair that).
        candidates = list(range(self.meq)) + list(order) + list(np.argsort(np.abs(slack)) + self.meq)
        for i in candidates:
            if len(basis) == self.n:
                break
            if i in basis:
                continue
            row = {j: Fraction(v) for j, v in enumerate(self.A[i]) if v != 0}
            # Reduce by the pivots in increasing column order; a reduced row's
            # entries all lie beyond its pivot, so one pass suffices.
            for col in sorted(echelon):
                if col in row:
                    prow = echelon[col]
                    f = row[col] / prow[col]
                    for jj, a in prow.items():
                        new = row.get(jj, 0) - f * a
                        if new:
                            row[jj] = new
                        else:
                            row.pop(jj, None)
            if row:
                echelon[min(row)] = row
                basis.append(int(i))
        if len(basis) < self.n:
            raise SolverError("internal LP: the constraint matrix does not have full column rank")
        return basis

    def _slack(self, xv: list[Fraction]) -> np.ndarray:
        xo = np.array(xv, dtype=object)
        return self.b - self.A.dot(xo)

    def certify(self, x: np.ndarray, y: np.ndarray, tol: float) -> LPSolution:
        B = self._initial_basis(x, y, tol)
        pivots = 0
        limit = 50 * (len(self.b) + self.n)
        while True:
            xv = self._vertex(B)
            yv = self._multipliers(B)
            if xv is None or yv is None:
                raise SolverError("internal LP: singular basis")
            slack = self._slack(xv)
            ineq_slack = slack[self.meq:]
            primal_ok = all(s >= 0 for s in ineq_slack) and all(s == 0 for s in slack[: self.meq])
            neg = sorted(B[k] for k in range(self.n) if B[k] >= self.meq and yv[k] < 0)
            if primal_ok and not neg:
                return self._solution(B, xv, yv, pivots)
            if pivots >= limit:
                raise SolverError("exact LP certification did not converge")
            pivots += 1
            if primal_ok:
                B = self._primal_pivot(B, xv, neg[0], slack)
                if B is None:
                    return LPSolution("unbounded", exact=True, pivots=pivots)
            elif not neg:
                B = self._dual_pivot(B, yv, slack)
                if B is None:
                    return LPSolution("infeasible", exact=True, pivots=pivots)
            else:
                B = self._feasible_basis(B)
                if B is None:
                    return LPSolution("infeasible", exact=True, pivots=pivots)

    def _feasible_basis(self, B: list[int]) -> list[int] | None:
        """Phase one: a feasible vertex, found by dual pivots for an auxiliary objective.

        With the objective ``-sum of the basic rows`` every inequality of ``B``
        has multiplier 1, so ``B`` is dual feasible for it, and the dual simplex
        method reaches a primal feasible basis or proves infeasibility.
        """
        c = self.c
        self.c = -np.sum(self.A[B], axis=0)
        try:
            for _ in range(50 * (len(self.b) + self.n)):
                xv, yv = self._vertex(B), self._multipliers(B)
                slack = self._slack(xv)
                if all(s >= 0 for s in slack[self.meq:]) and all(s == 0 for s in slack[: self.meq]):
                    return B
                B = self._dual_pivot(B, yv, slack)
                if B is None:
                    return None
        finally:
            self.c = c
        raise SolverError("exact LP phase one did not converge")

    def _primal_pivot(self, B: list[int], xv, leave: int, slack) -> list[int] | None:
        """Release row ``leave`` (negative multiplier) and walk to the next vertex."""
        k = B.index(leave)
        rhs = [Fraction(0)] * self.n
        rhs[k] = Fraction(-1)
        d = self._solve([list(self.A[i]) for i in B], rhs)
        Ad = self.A.dot(np.array(d, dtype=object))
        best, enter = None, None
        for j in range(self.meq, len(self.b)):
            if j in B or Ad[j] <= 0:
                continue
            t = slack[j] / Ad[j]
            if best is None or t < best:  # strict <: ties keep the smallest index (Bland)
                best, enter = t, j
        if enter is None:
            return None
        B = list(B)
        B[k] = enter
        return B

    def _dual_pivot(self, B: list[int], yv, slack) -> list[int] | None:
        """Bring in the smallest-index violated row, keeping the multipliers nonnegative."""
        viol = [j for j in range(len(self.b)) if (slack[j] < 0 if j >= self.meq else slack[j] != 0) and j not in B]
        enter = min(viol)
        AT = [[self.A[i][j] for i in B] for j in range(self.n)]
        lam = self._solve(AT, list(self.A[enter]))
        best, k_out = None, None
        for k, i in enumerate(B):
            if i < self.meq or lam[k] <= 0:
                continue
            r = yv[k] / lam[k]
            if best is None or r < best or (r == best and i < B[k_out]):
                best, k_out = r, k
        if k_out is None:
            return None
        B = list(B)
        B[k_out] = enter
        return B

    def _solution(self, B, xv, yv, pivots) -> LPSolution:
        full = [Fraction(0)] * len(self.b)
        for k, i in enumerate(B):
            full[i] = yv[k]
        x = np.array(xv, dtype=object)
        y_all = np.array(full, dtype=object)
        value = sum((ci * xi for ci, xi in zip(self.c, xv)), Fraction(0))
        return LPSolution("optimal", x, value, y_all[self.meq:], y_all[: self.meq], True, 0.0, pivots)

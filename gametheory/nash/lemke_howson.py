"""The Lemke-Howson algorithm for two-player (bimatrix) games.

Conventions
-----------
The game has payoff matrices ``A`` (row player, ``m`` strategies) and ``B``
(column player, ``n`` strategies).  Labels are ``0 .. m+n-1``: label ``i < m``
is the row player's strategy ``i``, label ``m + j`` the column player's
strategy ``j``, as in QuantEcon and nashpy, so the same ``init_label`` follows
the same path in all three.

Every variable carries the label of the constraint it measures: in the
tableau of ``P`` the variable ``x_i`` has label ``i`` and the slack of
``(B^T x)_j <= 1`` has label ``m + j``; in the tableau of ``Q`` the slack of
``(A y)_i <= 1`` has label ``i`` and ``y_j`` has label ``m + j``.  A point has
label ``k`` exactly when the variable labelled ``k`` is zero, i.e. nonbasic,
so the complementary pivoting rule reads "the label that just left one
tableau's basis enters the other's".
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from numbers import Integral

import numpy as np
from scipy.linalg.blas import daxpy as _daxpy
from scipy.linalg.blas import dgemm as _dgemm
from scipy.linalg.blas import dgemv as _dgemv

from ..errors import InvalidOption, NotSupported, SolverError
from ..game import NormalFormGame, Profile
from ..result import DEFAULT_TOL, NashResult, _certify_stacked, certify
from ._options import check_tol
from . import _kernels

__all__ = ["lemke_howson", "DEFAULT_MAX_PIVOTS"]

#: Pivot limit per path when ``max_pivots`` is None (QuantEcon's default too).
#: Paths in uniform random 200 x 200 games took 10^4 to 1.5 * 10^5 pivots in
#: our measurements, some 300 x 300 ones 5 * 10^5; games built by Savani and
#: von Stengel (2006) need exponentially many.
DEFAULT_MAX_PIVOTS = 1_000_000

# Column entries at or below this are treated as zero in the ratio test.  The
# float tableau starts from payoffs rescaled into [1, 2], so entries are O(1)
# and rounding noise on a true zero is many orders of magnitude smaller.
_PIV_TOL = 1e-10
# Ratios within this (relative, floored at 1) of the minimum are a tie, to be
# broken by the lexicographic rule: ties in degenerate games differ only by
# rounding noise, while distinct ratios of a game differ by far more.
_TIE_TOL = 1e-11
# Probabilities below this in a float result are rounding noise and set to 0.
_ZERO_TOL = 1e-12
# Pivots recorded in U and V before they are folded into the float tableau.
# Larger blocks do less arithmetic per pivot but make each pivot's two
# matrix-vector products longer.
_BLOCK = 12
# Largest fold (rows x columns x _BLOCK) done in one BLAS call; OpenBLAS keeps
# a dgemm single-threaded up to 4 * 65536 multiply-adds.
_FOLD_SIZE = 4 * 65536

# Largest m * n pivoted by the compiled kernel (plain rank-one updates); above
# it the blocked BLAS updates of _FloatTableaux do less memory traffic per
# pivot.  Measured per pivot (kernel vs blocked): 11 vs 21 us at 200 x 200,
# 26 vs 27 us at 300 x 300, 101 vs 43 us at 500 x 500.
_KERNEL_MAX_SIZE = 300 * 300

_METHOD = "lemke-howson"


# ----------------------------------------------------------------------------- tableaux


def _pivot_limit(init_label: int, max_pivots: int) -> SolverError:
    return SolverError(
        f"{_METHOD}: the path from initial label {init_label} did not reach an equilibrium "
        f"within max_pivots={max_pivots} pivots; raise max_pivots, or try another label"
    )


class _Tableaux:
    """The two compact tableaux and their label bookkeeping, for either arithmetic.

    Side 0 is the tableau of ``P`` (``n`` rows), side 1 that of ``Q`` (``m``
    rows).  A tableau stores only the columns of its nonbasic variables and the
    right-hand side: a basic variable's column is a unit vector, so storing it
    would double the work of every pivot for nothing.  ``where[side][label]``
    is the row ``r >= 0`` of a basic label, or ``-1 - c`` for a nonbasic label
    held in column ``c``.
    """

    m: int
    n: int

    def _init_labels(self) -> None:
        m, n = self.m, self.n
        # the slacks start basic with identity columns, so their columns (stored
        # or implicit) form the basis inverse that the lexicographic rule reads
        self.slack = (tuple(range(m, m + n)), tuple(range(m)))
        self._reset_labels()

    def _reset_labels(self) -> None:
        m, n = self.m, self.n
        self.basis = [list(range(m, m + n)), list(range(m))]
        self.nonbasic = [list(range(m)), list(range(m, m + n))]
        self.where = []
        for basis, nonbasic in zip(self.basis, self.nonbasic):
            w = [0] * (m + n)
            for r, label in enumerate(basis):
                w[label] = r
            for c, label in enumerate(nonbasic):
                w[label] = -1 - c
            self.where.append(w)

    def _exchange(self, side: int, r: int, c: int, entering: int) -> int:
        basis, where = self.basis[side], self.where[side]
        leaving = basis[r]
        basis[r] = entering
        self.nonbasic[side][c] = leaving
        where[entering] = r
        where[leaving] = -1 - c
        return leaving

    def follow(self, init_label: int, max_pivots: int) -> int:
        """Pivot from the artificial equilibrium until ``init_label`` is picked up again.

        Returns the number of pivots; the tableaux then hold an equilibrium.
        """
        side = 0 if init_label < self.m else 1
        entering = init_label
        for pivots in range(1, max_pivots + 1):
            c = -1 - self.where[side][entering]
            r = self._ratio_test(side, c)
            self._pivot(side, r, c)
            leaving = self._exchange(side, r, c, entering)
            if leaving == init_label:
                return pivots
            # the label just dropped in this polytope is now duplicate: drop it in the other
            entering = leaving
            side = 1 - side
        raise _pivot_limit(init_label, max_pivots)

    def _ratio_test(self, side: int, c: int) -> int:
        raise NotImplementedError

    def _pivot(self, side: int, r: int, c: int) -> None:
        raise NotImplementedError


# ----------------------------------------------------------------------------- float mode


def _positive_float(M: np.ndarray, order: str = "C") -> np.ndarray:
    """A new array: ``M`` shifted and scaled into ``[1, 2]``.

    The scale is a power of two so that integer payoffs stay exact and ties
    between them survive the transformation bit for bit.
    """
    lo = float(M.min())
    span = float(M.max()) - lo
    scale = 1.0 if span == 0.0 else 2.0 ** -math.ceil(math.log2(span))
    # in place on one new array: allocating fresh pages costs more than the arithmetic
    out = np.empty(M.shape, order=order)
    np.subtract(M, lo, out=out)
    out *= scale
    out += 1.0
    return out


class _FloatTableaux(_Tableaux):
    """Float64 tableaux with delayed (blocked) rank-one updates.

    The nonbasic part of a side's tableau is ``T0 - U @ V.T``; its right-hand
    side ``rhs`` is kept up to date.  A pivot needs only the entering column
    and the pivot row, which cost one small matrix-vector product each, so it
    records its rank-one update as a new column of ``U`` and ``V`` instead of
    rewriting all of ``T0``; every ``_BLOCK`` pivots one BLAS-3 call folds
    ``U @ V.T`` into ``T0``.  This moves most of the arithmetic from
    memory-bound rank-one updates into a matrix product, several times faster
    per entry.  The pivot row and column themselves are written into ``T0``
    at once (and zeroed in ``U`` and ``V``), so ``T0 - U @ V.T`` is exactly
    the current tableau at all times.  Every buffer and view is made once per
    call: at a few hundred strategies, creating a view costs as much as the
    arithmetic it selects.
    """

    def __init__(self, A: np.ndarray, B: np.ndarray) -> None:
        m, n = A.shape
        self.m, self.n = m, n
        self.A, self.B = A, B
        K = _BLOCK
        # Fortran order throughout: columns are what the ratio test reads and
        # what BLAS updates in place (the transpose of a C-ordered B is Fortran)
        self.T0 = (_positive_float(B).T, _positive_float(A, order="F"))
        self.rhs = (np.ones(n), np.ones(m))
        self.U = tuple(np.zeros((t.shape[0], K), order="F") for t in self.T0)
        self.V = tuple(np.zeros((t.shape[1], K), order="F") for t in self.T0)
        self.k = [0, 0]
        self.T0cols = tuple([t[:, c] for c in range(t.shape[1])] for t in self.T0)
        self.T0rows = tuple([t[r] for r in range(t.shape[0])] for t in self.T0)
        self.Ucols = tuple([u[:, j] for j in range(K)] for u in self.U)
        self.Vcols = tuple([v[:, j] for j in range(K)] for v in self.V)
        self.Upre = tuple([u[:, :j] for j in range(K + 1)] for u in self.U)
        self.Vpre = tuple([v[:, :j] for j in range(K + 1)] for v in self.V)
        self.Urows = tuple([u[r] for r in range(u.shape[0])] for u in self.U)
        self.Vrows = tuple([v[r] for r in range(v.shape[0])] for v in self.V)
        # The fold T0 -= U @ V.T goes in column slices of at most _FOLD_SIZE
        # multiply-adds: OpenBLAS runs a larger dgemm on several threads, and
        # on busy cores that made a 300 x 300 path twenty times slower.
        self.folds = []
        for t, v in zip(self.T0, self.V):
            width = max(1, _FOLD_SIZE // (t.shape[0] * K))
            self.folds.append([(t[:, a : a + width], v[a : a + width]) for a in range(0, t.shape[1], width)])
        self.ratiobuf = (np.empty(n), np.empty(m))
        self.maskbuf = (np.empty(n, dtype=bool), np.empty(m, dtype=bool))
        self._init_labels()

    def reset(self) -> None:
        np.copyto(self.T0[0], _positive_float(self.B).T)
        np.copyto(self.T0[1], _positive_float(self.A))
        for side in (0, 1):
            self.rhs[side].fill(1.0)
            self.U[side].fill(0.0)
            self.V[side].fill(0.0)
        self.k = [0, 0]
        self._reset_labels()

    def follow(self, init_label: int, max_pivots: int) -> int:
        # The generic loop, inlined, with each side's arrays and views unpacked
        # from one tuple per pivot: at a few hundred strategies the interpreter's
        # overhead per pivot is comparable to the arithmetic.
        sides = [
            (
                s, self.T0cols[s], self.T0rows[s], self.rhs[s], self.ratiobuf[s], self.maskbuf[s],
                self.Ucols[s], self.Vcols[s], self.Upre[s], self.Vpre[s], self.Urows[s], self.Vrows[s],
                self.U[s], self.V[s], self.folds[s], self.where[s], self.basis[s], self.nonbasic[s],
            )
            for s in (0, 1)
        ]
        ks = self.k
        divide, maximum, less_equal, copyto, multiply, flatnonzero = (
            np.divide, np.maximum, np.less_equal, np.copyto, np.multiply, np.flatnonzero
        )
        inf, piv_tol, tie_tol, K = math.inf, _PIV_TOL, _TIE_TOL, _BLOCK
        cur, other = (sides[0], sides[1]) if init_label < self.m else (sides[1], sides[0])
        entering = init_label
        with np.errstate(divide="ignore", invalid="ignore"):
            for pivots in range(1, max_pivots + 1):
                (
                    side, T0cols, T0rows, rhs, ratios, mask, Ucols, Vcols, Upre, Vpre,
                    Urows, Vrows, U, V, folds, where, basis, nonbasic,
                ) = cur
                c = -1 - where[entering]
                k = ks[side]
                # the entering column, built where this pivot's U column goes
                col = Ucols[k]
                copyto(col, T0cols[c])
                if k:
                    out = _dgemv(-1.0, Upre[k], Vrows[c][:k], 1.0, col, overwrite_y=1)
                    if out is not col:  # f2py works in place on contiguous float64; be safe
                        copyto(col, out)

                # minimum-ratio test over the rows with a positive entry.  Fast
                # path: dividing by max(col, tol) gives rows that cannot pivot a
                # ratio too (no mask needed); if one of them wins, redo it masked.
                maximum(col, piv_tol, out=ratios)
                divide(rhs, ratios, out=ratios)
                r = int(ratios.argmin())
                if not col.item(r) > piv_tol:
                    divide(rhs, col, out=ratios)
                    less_equal(col, piv_tol, out=mask)
                    copyto(ratios, inf, where=mask)
                    r = int(ratios.argmin())
                    if ratios.item(r) == inf:
                        # P and Q are bounded, so only rounding can leave no positive entry
                        raise SolverError(
                            f"{_METHOD}: no pivot row for entering label {entering} "
                            "(numerical breakdown); try exact=True"
                        )
                rmin = ratios.item(r)
                # a basic value slightly below zero is rounding noise on a degenerate zero
                thr = (rmin if rmin > 0.0 else 0.0) + tie_tol * (rmin if rmin > 1.0 else 1.0)
                ratios[r] = inf
                if ratios.item(int(ratios.argmin())) <= thr:
                    ratios[r] = rmin
                    cand = flatnonzero((ratios <= thr) & (col > piv_tol))
                    if cand.size > 1:
                        r = self._lex_break(side, cand, col)

                # the new pivot row, divided by the pivot, built where this pivot's V column goes
                inv_p = 1.0 / col.item(r)
                row = Vcols[k]
                copyto(row, T0rows[r])
                if k:
                    out = _dgemv(-inv_p, Vpre[k], Urows[r][:k], inv_p, row, overwrite_y=1)
                    if out is not row:
                        copyto(row, out)
                else:
                    row *= inv_p
                t = rhs.item(r) * inv_p
                out = _daxpy(col, rhs, a=-t)
                if out is not rhs:
                    copyto(rhs, out)
                rhs[r] = t
                # row r and column c are final now: store them in T0 and drop them
                # from U and V; column c goes to the leaving variable (exchange step)
                copyto(T0rows[r], row)
                col[r] = 0.0
                newcol = T0cols[c]
                multiply(col, -inv_p, out=newcol)
                newcol[r] = inv_p
                Urows[r].fill(0.0)
                Vrows[c].fill(0.0)
                k += 1
                if k == K:
                    for T0_part, V_part in folds:
                        out = _dgemm(-1.0, U, V_part, 1.0, T0_part, trans_b=1, overwrite_c=1)
                        if out is not T0_part:
                            copyto(T0_part, out)
                    U.fill(0.0)
                    V.fill(0.0)
                    k = 0
                ks[side] = k

                leaving = basis[r]
                basis[r] = entering
                nonbasic[c] = leaving
                where[entering] = r
                where[leaving] = -1 - c
                if leaving == init_label:
                    return pivots
                # the label just dropped in this polytope is now duplicate: drop it in the other
                entering = leaving
                cur, other = other, cur
        raise _pivot_limit(init_label, max_pivots)

    def _current(self, side: int, rows: np.ndarray, c: int) -> np.ndarray:
        """Entries ``rows`` of column ``c`` of the current tableau of ``side``."""
        k = self.k[side]
        vals = self.T0[side][rows, c]
        if k:
            vals = vals - self.U[side][rows, :k] @ self.V[side][c, :k]
        return vals

    def _lex_break(self, side: int, cand: np.ndarray, col: np.ndarray) -> int:
        """Among tied rows, the lexicographic minimum of ``(row of the basis inverse) / col``."""
        where = self.where[side]
        colc = col[cand]
        for s in self.slack[side]:
            w = where[s]
            if w < 0:
                vals = self._current(side, cand, -1 - w) / colc
            elif w in cand:
                # a basic slack's column is the unit vector of its row
                vals = (cand == w) / colc
            else:
                continue
            vmin = float(vals.min())
            keep = vals <= vmin + _TIE_TOL * max(1.0, abs(vmin))
            cand, colc = cand[keep], colc[keep]
            if cand.size == 1:
                return int(cand[0])
        # rows of the basis inverse are independent, so only rounding leaves a tie
        return int(cand[np.argmax(colc)])

    def vertex(self) -> Profile:
        """The current pair of vertices ``(x, y)``, unnormalised, from the tableaux."""
        m, n = self.m, self.n
        x, y = np.zeros(m), np.zeros(n)
        bp, bq = np.asarray(self.basis[0]), np.asarray(self.basis[1])
        rows = np.flatnonzero(bp < m)
        x[bp[rows]] = self.rhs[0][rows]
        rows = np.flatnonzero(bq >= m)
        y[bq[rows] - m] = self.rhs[1][rows]
        return x, y

    def polished_vertex(self) -> Profile | None:
        """The same vertices re-solved from the original data for the final bases.

        The tableau accumulates rounding along a long path; one linear solve
        per player gives the vertex to working precision in O(m^3 + n^3).
        """
        m, n = self.m, self.n
        full = (
            np.hstack([_positive_float(self.B).T, np.eye(n)]),
            np.hstack([np.eye(m), _positive_float(self.A)]),
        )
        out = []
        for side, size, offset, dim in ((0, n, 0, m), (1, m, m, n)):
            basis = np.asarray(self.basis[side])
            try:
                z = np.linalg.solve(full[side][:, basis], np.ones(size))
            except np.linalg.LinAlgError:
                return None
            if not np.all(np.isfinite(z)):
                return None
            v = np.zeros(dim)
            mine = (basis >= offset) & (basis < offset + dim)
            v[basis[mine] - offset] = z[mine]
            out.append(v)
        return out[0], out[1]


class _KernelTableaux(_FloatTableaux):
    """The float tableaux pivoted by the compiled path of :mod:`._kernels`.

    Same tableaux, pivoting rule and tolerances as :class:`_FloatTableaux`,
    but each pivot is one rank-one update in a compiled loop instead of the
    blocked BLAS updates, whose per-pivot Python overhead dominates on small
    and medium games.  A whole path, from the initial tableaux to the
    normalised vertex, is one call (:meth:`path`); it keeps the final bases
    for :meth:`polished_vertex`.  Use :meth:`path`, not ``follow``.
    """

    def __init__(self, arr: np.ndarray, kernels) -> None:
        A, B = arr[..., 0], arr[..., 1]
        m, n = A.shape
        self.m, self.n = m, n
        self.A, self.B, self.arr = A, B, arr
        self.kernels = kernels
        self.span = 0.0
        self.basis = [np.arange(m, m + n), np.arange(m)]

    def reset(self) -> None:
        pass  # every path() starts from fresh tableaux

    def path(self, init_label: int, max_pivots: int, with_regret: bool = True) -> tuple[int, Profile, float, Profile]:
        """Follow the path from ``init_label``: ``(pivots, vertex, its regret, normalised vertex)``.

        The vertex is unnormalised, as :meth:`vertex` reads it, the regret is
        :func:`_float_regret`'s (inf unless ``with_regret``) and the
        normalisation :func:`_normalised`'s.
        """
        k = self.kernels
        m, n = self.m, self.n
        status, pivots, label, regret, span, xy, xyn, labels = k.lh_path(
            self.arr, init_label, max_pivots, _PIV_TOL, _TIE_TOL, _ZERO_TOL, with_regret
        )
        if status == k.LH_LIMIT:
            raise _pivot_limit(init_label, max_pivots)
        if status == k.LH_NO_ROW:
            raise SolverError(
                f"{_METHOD}: no pivot row for entering label {label} (numerical breakdown); try exact=True"
            )
        self.span = float(span)
        # the final bases, for polished_vertex()
        self.basis = [labels[:n], labels[n : m + n]]
        return int(pivots), (xy[:m], xy[m:]), float(regret), (xyn[:m], xyn[m:])


def _float_regret(A: np.ndarray, B: np.ndarray, prof: Profile) -> float:
    """Max regret of a (possibly unnormalised) float profile; inf if it is not one."""
    x, y = (np.maximum(v, 0.0) for v in prof)
    sx, sy = x.sum(), y.sum()
    if not (sx > 0 and sy > 0 and np.isfinite(sx) and np.isfinite(sy)):
        return math.inf
    x, y = x / sx, y / sy
    u, w = A @ y, x @ B
    return float(max(u.max() - x @ u, w.max() - w @ y))


# ----------------------------------------------------------------------------- exact mode


def _positive_int(M: np.ndarray) -> list[list[int]]:
    """``M`` (Fractions) scaled by the LCM of its denominators and shifted to have minimum 1."""
    den = 1
    for v in M.reshape(-1):
        den = math.lcm(den, v.denominator)
    ints = [[int(v * den) for v in row] for row in M.tolist()]
    lo = min(min(row) for row in ints)
    return [[v - lo + 1 for v in row] for row in ints]


class _ExactTableaux(_Tableaux):
    """Integer tableaux pivoted fraction-free.

    Each tableau is an object array of Python ints together with ``det``, the
    determinant of its current basis matrix; it holds ``det`` times the
    rational tableau, so the basic variable of row ``r`` has the value
    ``T[r, -1] / det`` and every division in a pivot is exact.
    """

    def __init__(self, A: np.ndarray, B: np.ndarray) -> None:
        m, n = A.shape
        self.m, self.n = m, n
        Ai, Bi = _positive_int(A), _positive_int(B)
        p0 = np.ones((n, m + 1), dtype=object)
        p0[:, :m] = np.array(Bi, dtype=object).T
        q0 = np.ones((m, n + 1), dtype=object)
        q0[:, :n] = np.array(Ai, dtype=object)
        self.initial = (p0, q0)
        self._init_labels()
        self.reset()

    def reset(self) -> None:
        self.tabs = [self.initial[0].copy(), self.initial[1].copy()]
        self.dets = [1, 1]
        self._reset_labels()

    def _ratio_test(self, side: int, c: int) -> int:
        T, where, det = self.tabs[side], self.where[side], self.dets[side]
        col = T[:, c].tolist()
        cand = [i for i, v in enumerate(col) if v > 0]
        if not cand:
            raise SolverError(f"{_METHOD}: no pivot row for an entering variable; this is a bug")
        # minimise (rhs_i, row i of the basis inverse) / col_i lexicographically, comparing
        # fractions by cross-multiplication (every col_i > 0)
        keys: list[int | None] = [None, *self.slack[side]]  # None: the right-hand side
        for key in keys:
            if len(cand) == 1:
                break
            if key is None:
                vals = T[cand, -1].tolist()
            elif where[key] < 0:
                vals = T[cand, -1 - where[key]].tolist()
            else:
                # a basic slack's column is det times the unit vector of its row
                vals = [det if i == where[key] else 0 for i in cand]
            best, keep = 0, [0]
            for t in range(1, len(cand)):
                lhs = vals[t] * col[cand[best]]
                rhs = vals[best] * col[cand[t]]
                if lhs < rhs:
                    best, keep = t, [t]
                elif lhs == rhs:
                    keep.append(t)
            cand = [cand[t] for t in keep]
        return cand[0]

    def _pivot(self, side: int, r: int, c: int) -> None:
        T = self.tabs[side]
        p, det = T[r, c], self.dets[side]
        row = T[r].copy()
        col = T[:, c].copy()
        T *= p
        T -= np.outer(col, row)
        # exact: each entry is now det times an entry of the new integer tableau
        # (a subdeterminant of the initial one), as in Bareiss elimination
        T //= det
        T[r] = row
        # exchange step: the leaving variable, whose column was det * e_r, takes column c
        T[:, c] = -col
        T[r, c] = det
        self.dets[side] = p

    def vertex(self) -> Profile:
        m, n = self.m, self.n
        x = np.array([Fraction(0)] * m, dtype=object)
        y = np.array([Fraction(0)] * n, dtype=object)
        (tp, tq), (dp, dq) = self.tabs, self.dets
        for r, k in enumerate(self.basis[0]):
            if k < m:
                x[k] = Fraction(int(tp[r, -1]), int(dp))
        for r, k in enumerate(self.basis[1]):
            if k >= m:
                y[k - m] = Fraction(int(tq[r, -1]), int(dq))
        return x, y


def _check_options(game: NormalFormGame, init_label, max_pivots, tol) -> tuple[int, int]:
    if not isinstance(game, NormalFormGame):
        raise InvalidOption(f"lemke_howson needs a NormalFormGame, got {type(game).__name__}")
    if game.num_players != 2:
        raise NotSupported(
            f"lemke_howson solves two-player games only; this game has {game.num_players} players"
        )
    m, n = game.shape
    if isinstance(init_label, bool) or not isinstance(init_label, Integral) or not 0 <= init_label < m + n:
        raise InvalidOption(
            f"lemke_howson: init_label must be an integer in 0..{m + n - 1} "
            f"(0..{m - 1} for the row player's strategies, {m}..{m + n - 1} for the column "
            f"player's), got {init_label!r}"
        )
    if max_pivots is None:
        max_pivots = DEFAULT_MAX_PIVOTS
    elif isinstance(max_pivots, bool) or not isinstance(max_pivots, Integral) or max_pivots <= 0:
        raise InvalidOption(
            f"lemke_howson: max_pivots must be a positive integer or None, got {max_pivots!r}"
        )
    check_tol(tol, "lemke_howson")
    return int(init_label), int(max_pivots)


def _distance(p: Profile, q: Profile, exact: bool) -> float:
    """0 for equal profiles; in float mode the largest difference of a probability."""
    if exact:
        return 0.0 if all(tuple(a) == tuple(b) for a, b in zip(p, q)) else math.inf
    return float(np.max(np.abs(np.concatenate(p) - np.concatenate(q))))


def _normalised(prof: Profile, exact: bool) -> Profile:
    """Probability vectors from the vertex; a vector without mass is left for certify to reject."""
    out = []
    for s in prof:
        if exact:
            total = sum(s, Fraction(0))
            out.append(np.array([v / total for v in s], dtype=object) if total > 0 else s)
            continue
        v = np.maximum(s, 0.0)
        total = v.sum()
        if not total > 0:
            out.append(v)
            continue
        v /= total
        # rounding noise on a degenerate basic variable at zero, not a probability
        v[v < _ZERO_TOL] = 0.0
        out.append(v / v.sum())
    return tuple(out)


def lemke_howson(
    game: NormalFormGame,
    init_label: int = 0,
    *,
    all_labels: bool = False,
    exact: bool = False,
    max_pivots: int | None = None,
    tol: float | None = None,
) -> NashResult:
    r"""One Nash equilibrium of a bimatrix game by the Lemke-Howson algorithm.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game with ``m`` and ``n`` pure strategies.
    init_label : int, default 0
        The label dropped first: ``0 .. m-1`` are the row player's strategies,
        ``m .. m+n-1`` the column player's (the QuantEcon and nashpy convention).
    all_labels : bool, default False
        Follow the path from every label ``0 .. m+n-1`` and return the distinct
        equilibria found; ``init_label`` is then only validated.
    exact : bool, default False
        Pivot in exact integer arithmetic and return Fractions whose regret
        is exactly zero.  Otherwise pivot in float64.
    max_pivots : int, optional
        Pivots allowed per path (default :data:`DEFAULT_MAX_PIVOTS`).
    tol : float, optional
        Float mode only: the regret bound of the certificate, relative to the
        payoff range (default :data:`gametheory.result.DEFAULT_TOL`).  Exact
        results are checked against zero whatever ``tol`` is.

    Returns
    -------
    NashResult
        ``method="lemke-howson"``, ``complete=False``.  ``parameters`` holds
        ``init_label``, ``all_labels``, ``max_pivots``, ``labels`` (for each
        equilibrium, in the order of ``equilibria``, the initial labels whose
        paths ended there), ``path_lengths`` (pivots per initial label) and
        ``pivots`` (their total).

    Raises
    ------
    NotSupported
        If the game does not have exactly two players.
    InvalidOption
        If ``init_label`` is not in ``0 .. m+n-1``, ``max_pivots`` is not a
        positive integer, or ``tol`` is not a positive number.
    SolverError
        If a path needs more than ``max_pivots`` pivots, or (float mode only)
        rounding spoils the result so that it fails its regret certificate.

    Notes
    -----
    Shift and scale each payoff matrix so that all entries are positive (this
    leaves the equilibria unchanged) and consider the polytopes

    .. math::

        P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
        Q = \{y \in \mathbb{R}^n : y \ge 0,\ A y \le 1\}.

    A point of :math:`P` has label :math:`i` if :math:`x_i = 0` and label
    :math:`m + j` if :math:`(B^\top x)_j = 1`; a point of :math:`Q` has label
    :math:`i` if :math:`(A y)_i = 1` and :math:`m + j` if :math:`y_j = 0`.  A
    pair :math:`(x, y) \ne (0, 0)` is *completely labelled* (every label
    appears at :math:`x` or at :math:`y`) exactly when its normalisation is a
    Nash equilibrium [1]_, [2]_.

    The algorithm starts at the artificial equilibrium :math:`(0, 0)` and
    drops ``init_label`` :math:`k`.  It then walks along the edges of
    :math:`P \times Q` whose points are *almost completely labelled* (every
    label except possibly :math:`k` appears).  Each step is one pivot of a
    simplex tableau: the entering variable is the one whose label is
    duplicated, the minimum-ratio test picks the leaving variable, and that
    variable's label enters the other polytope's tableau next (*complementary
    pivoting*).  The path ends when :math:`k` is picked up again, at a Nash
    equilibrium.  Different initial labels may end at different equilibria,
    which ``all_labels=True`` collects; not every equilibrium is reachable, so
    the result is never claimed complete.

    *Degeneracy.*  In a degenerate game the minimum ratio can be attained by
    several rows and a naive rule can cycle.  Ties are broken by the
    lexicographic rule: compare the candidate rows of
    :math:`[\,b \mid C^{-1}\,]` divided by their entries in the entering
    column, where :math:`b` is the right-hand side and :math:`C^{-1}` the
    inverse of the basis matrix, read from the tableau columns of the slack
    variables (which started as the identity).  This is the simplex method on a lexicographically
    perturbed right-hand side :math:`1 + (\varepsilon, \varepsilon^2, \dots)`,
    which is nondegenerate, so no basis repeats and every path terminates
    [2]_.  In float mode ratios equal to within a relative ``1e-11`` count
    as ties.

    *Arithmetic.*  Float mode rescales each payoff matrix into
    :math:`[1, 2]` by a power of two (so integer payoffs, and their ties, stay
    exact) and pivots compact float64 tableaux that hold only the nonbasic
    columns.  The rank-one update of a pivot is applied in place, but delayed:
    updates are collected in blocks and folded into the tableau by one matrix
    product, which does the same arithmetic several times faster than separate
    rank-one updates.  The final vertex is read from the tableau and, unless
    its regret is far below the bound, re-solved from the original data for
    the final basis.  Exact mode scales each matrix to integers by the LCM of
    its denominators and pivots fraction-free on Python integers (integer
    pivoting, as in Bareiss elimination): every tableau entry is a
    subdeterminant of the initial integer tableau, so all divisions are exact
    and the entries stay of polynomial size; the vertex is the right-hand side
    divided by the current basis determinant.  When numba is available the
    float path runs compiled instead (:mod:`gametheory.nash._kernels`): the
    same compact tableaux, ratio test, tolerances and lexicographic rule, with
    plain rank-one updates in a compiled loop, which removes the per-pivot
    interpreter overhead that dominates short paths; the numpy code above
    stays the reference (``GAMETHEORY_NO_JIT=1`` selects it).

    *Complexity.*  A pivot costs :math:`O(mn)` arithmetic operations (float)
    or as many big-integer operations (exact).  The number of pivots grows
    quickly with the size even in random games (10^4 to 10^5 for uniform
    random 200 x 200 games in our measurements), and Savani and von Stengel
    constructed games in which every path is exponentially long in
    :math:`m + n` [3]_; hence the pivot limit, which raises
    :class:`~gametheory.errors.SolverError` rather than running on.

    References
    ----------
    .. [1] C. E. Lemke and J. T. Howson, Jr., "Equilibrium points of bimatrix
       games", *Journal of the Society for Industrial and Applied Mathematics*
       12(2), 413-423, 1964.
    .. [2] B. von Stengel, "Equilibrium computation for two-player games in
       strategic and extensive form", chapter 3 of N. Nisan, T. Roughgarden,
       E. Tardos and V. Vazirani (eds.), *Algorithmic Game Theory*, Cambridge
       University Press, 2007.
    .. [3] R. Savani and B. von Stengel, "Hard-to-solve bimatrix games",
       *Econometrica* 74(2), 397-429, 2006.

    Examples
    --------
    Matching pennies has a unique equilibrium, found exactly:

    >>> from gametheory.game import NormalFormGame
    >>> from gametheory.nash.lemke_howson import lemke_howson
    >>> pennies = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> res = lemke_howson(pennies, exact=True)
    >>> [[str(p) for p in s] for s in res.equilibria[0]]
    [['1/2', '1/2'], ['1/2', '1/2']]
    >>> res.max_regret
    Fraction(0, 1)

    In the battle of the sexes the paths from the four labels reach the two
    pure equilibria; the mixed one is not at the end of any path:

    >>> bos = NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> res = lemke_howson(bos, all_labels=True)
    >>> [[s.tolist() for s in eq] for eq in res.equilibria]
    [[[1.0, 0.0], [1.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]]]
    >>> res.parameters["labels"]
    [[0, 2], [1, 3]]
    """
    start = time.perf_counter()
    init_label, max_pivots = _check_options(game, init_label, max_pivots, tol)
    m, n = game.shape
    A, B = game.bimatrix(exact=exact)
    tab: _Tableaux
    if exact:
        tab = _ExactTableaux(A, B)
    else:
        kernels = _kernels.get() if m * n <= _KERNEL_MAX_SIZE else None
        tab = _FloatTableaux(A, B) if kernels is None else _KernelTableaux(game.arrays(exact=False), kernels)

    base_tol = DEFAULT_TOL if tol is None else float(tol)

    def bound() -> float:
        span = tab.span if isinstance(tab, _KernelTableaux) else float(np.ptp(game.arrays(exact=False)))
        return base_tol * max(1.0, span)  # as in certify

    if isinstance(tab, _KernelTableaux) and not all_labels:
        # One path: its certificate is computed anyway, so it also decides
        # whether the vertex needs polishing (regret above 1e-3 of the bound,
        # rare); only then is the general loop below run.
        pivots, _, _, (x, y) = tab.path(init_label, max_pivots, with_regret=False)
        try:
            result = _certify_stacked(
                game, x[None].copy(), y[None].copy(), method=_METHOD, start=start, bound=bound(), complete=False,
                parameters={
                    "init_label": init_label,
                    "all_labels": False,
                    "max_pivots": max_pivots,
                    "pivots": pivots,
                    "path_lengths": {init_label: pivots},
                },
            )
        except SolverError:
            result = None
        if result is not None and result.max_regret <= 1e-3 * result.tol:
            result.parameters["labels"] = [[init_label]]
            return result

    labels = list(range(m + n)) if all_labels else [init_label]
    found: list[tuple[int, Profile]] = []
    path_lengths: dict[int, int] = {}
    for k, label in enumerate(labels):
        if k:
            tab.reset()
        normalised = None
        if isinstance(tab, _KernelTableaux):
            path_lengths[label], prof, regret, normalised = tab.path(label, max_pivots)
        else:
            path_lengths[label] = tab.follow(label, max_pivots)
            prof = tab.vertex()
            regret = _float_regret(A, B, prof) if not exact else 0.0
        # re-solve only when the tableau's rounding is within sight of the
        # bound: the solve costs as much as hundreds of pivots.  The bound is
        # at least base_tol, so the payoff range is needed only past that.
        if not exact and not regret <= 1e-3 * base_tol and not regret <= 1e-3 * bound():
            polished = tab.polished_vertex()  # type: ignore[attr-defined]
            if polished is not None and _float_regret(A, B, polished) < regret:
                prof, normalised = polished, None
        found.append((label, _normalised(prof, exact) if normalised is None else normalised))

    parameters = {
        "init_label": init_label,
        "all_labels": bool(all_labels),
        "max_pivots": max_pivots,
        "pivots": sum(path_lengths.values()),
        "path_lengths": path_lengths,
    }
    if isinstance(tab, _KernelTableaux):
        # the same certificate as certify's, on the stacked candidates, with the
        # payoff range the tableaux already measured
        result = _certify_stacked(
            game,
            np.array([x for _, (x, _) in found]),
            np.array([y for _, (_, y) in found]),
            method=_METHOD,
            start=start,
            bound=bound(),
            complete=False,
            parameters=parameters,
        )
    else:
        result = certify(
            game,
            [prof for _, prof in found],
            method=_METHOD,
            exact=exact,
            start=start,
            tol=tol,
            complete=False,
            parameters=parameters,
        )
    # certify dedupes and sorts; map every path back to the equilibrium it
    # reached (in float mode the nearest, as certify merged near-duplicates)
    by_eq: list[list[int]] = [[] for _ in result.equilibria]
    if len(by_eq) == 1:
        by_eq[0] = [label for label, _ in found]
        found = []
    for label, prof in found:
        distances = [_distance(prof, eq, exact) for eq in result.equilibria]
        by_eq[int(np.argmin(distances))].append(label)
    result.parameters["labels"] = by_eq
    return result

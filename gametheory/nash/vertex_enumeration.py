"""All extreme Nash equilibria of a bimatrix game by vertex enumeration.

Conventions
-----------
The row player has ``m`` pure strategies and payoff matrix ``A`` (``m x n``),
the column player ``n`` strategies and payoff matrix ``B``.  After a positive
shift of the payoffs (which changes no equilibrium) the best-response
polytopes are::

    P = {x in R^m : x >= 0, B^T x <= 1}        Q = {y in R^n : y >= 0, A y <= 1}

Labels ``0 .. m-1`` stand for the row player's strategies and ``m .. m+n-1``
for the column player's.  A point ``x`` of ``P`` has label ``i`` when
``x_i = 0`` and label ``m + j`` when ``(B^T x)_j = 1``; a point ``y`` of ``Q``
has label ``m + j`` when ``y_j = 0`` and label ``i`` when ``(A y)_i = 1``.  A
pair ``(x, y) != (0, 0)`` is *completely labelled* when every label in
``0 .. m+n-1`` is a label of ``x`` or of ``y``; normalised, such pairs of
vertices are exactly the extreme equilibria.

Inside the module each polytope is written ``{z >= 0 : G z <= b}`` with ``G``
of shape ``k x d`` and its constraints numbered ``0 .. d+k-1``: ``j < d`` is
``z_j >= 0`` and ``d + r`` is row ``r``.  In that numbering a constraint is
tight exactly when the matching variable of the standard form ``G z + s = b``
(``z_j`` or the slack ``s_r``) is zero, which is how the simplex tableaus below
read labels off.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Iterator, Sequence

import numpy as np

from ..errors import InvalidOption, NotSupported
from ..game import NormalFormGame
from ..result import DEFAULT_TOL, NashResult, _certify_stacked, certify
from . import _kernels

__all__ = ["vertex_enumeration", "is_degenerate"]

# Float-mode bases are processed in batches of this many: large enough to
# amortise numpy's per-call overhead, small enough to bound memory (a batch
# holds ``batch x rows x (nonbasic columns + 1)`` dictionary entries).
_BATCH = 4096


# --------------------------------------------------------------------------- exact arithmetic


def _integer_system(G: np.ndarray) -> tuple[list[list[int]], int]:
    """Shift a Fraction matrix to positive entries and scale ``{G z <= 1}`` to integers.

    Returns ``(rows, b)`` with integer ``rows`` and right-hand side ``b`` such
    that ``{z >= 0 : rows z <= b}`` is the polytope of the shifted matrix.
    Positivity makes the polytope bounded; scaling only rescales its vertices,
    which normalisation undoes.
    """
    low = min(G.reshape(-1))
    shifted = [[v - low + 1 for v in row] for row in G.tolist()]
    den = 1
    for row in shifted:
        for v in row:
            den = math.lcm(den, v.denominator)
    rows = [[int(v * den) for v in row] for row in shifted]
    g = den
    for row in rows:
        for v in row:
            g = math.gcd(g, v)
    return [[v // g for v in row] for row in rows], den // g


def _pivot_exact(T: list[list[int]], D: int, r: int, e: int) -> tuple[list[list[int]], int]:
    """Integer (Edmonds / Bareiss) pivot on row ``r``, column ``e``.

    Every entry of the tableau is ``D`` times an entry of ``B^{-1} [G | I | b]``
    with ``D = |det B|``; the update divides by the old determinant, and the
    division is exact because the new entries are again minors.  Rows are never
    modified in place so that tableaus on the search stack can share them.
    """
    pr = T[r]
    p = pr[e]
    out = []
    for k, row in enumerate(T):
        if k == r:
            out.append(pr)
            continue
        f = row[e]
        if f == 0:
            out.append([x * p // D for x in row])
        else:
            out.append([(x * p - f * y) // D for x, y in zip(row, pr)])
    if p < 0:
        # only the artificial-removal pivots of phase 1 use negative elements;
        # keeping D > 0 lets every later step read values as rhs / D
        out = [[-x for x in row] for row in out]
        p = -p
    return out, p


def _explore_exact(
    T: list[list[int]], D: int, basis: list[int], enterable: Sequence[int]
) -> Iterator[tuple[list[list[int]], int, list[int]]]:
    """Depth-first search over every feasible basis reachable from ``basis``.

    Feasible bases of a polytope are connected by single pivots, so this visits
    all of them.  At a degenerate vertex the ratio test ties; each tied row
    gives a feasible neighbour, and all are followed so that no vertex reached
    only through a degenerate pivot is missed.  Bases are remembered as bit
    masks of their basic variables.
    """
    seen = {sum(1 << v for v in basis)}
    stack = [(T, D, basis)]
    while stack:
        T, D, basis = stack.pop()
        yield T, D, basis
        bmask = 0
        for v in basis:
            bmask |= 1 << v
        rhs = [row[-1] for row in T]
        for e in enterable:
            if bmask >> e & 1:
                continue
            tied: list[int] = []
            best_r = best_a = 0
            for k, row in enumerate(T):
                a = row[e]
                if a > 0:
                    r = rhs[k]
                    if not tied:
                        best_r, best_a, tied = r, a, [k]
                    else:
                        c = r * best_a - best_r * a
                        if c < 0:
                            best_r, best_a, tied = r, a, [k]
                        elif c == 0:
                            tied.append(k)
            for k in tied:
                nmask = bmask ^ (1 << basis[k]) ^ (1 << e)
                if nmask in seen:
                    continue
                seen.add(nmask)
                T2, D2 = _pivot_exact(T, D, k, e)
                b2 = list(basis)
                b2[k] = e
                stack.append((T2, D2, b2))


def _vertices_exact(G: list[list[int]], b: int) -> dict[int, list[int]]:
    """Vertices of ``{z >= 0 : G z <= b}``: tight-constraint mask -> numerators of ``z``.

    The numerators share one positive denominator per vertex, which
    normalisation removes, so it is not returned.
    """
    k, d = len(G), len(G[0])
    nv = d + k
    T = [list(G[r]) + [1 if c == r else 0 for c in range(k)] + [b] for r in range(k)]
    full = (1 << nv) - 1
    out: dict[int, list[int]] = {}
    for T, _D, basis in _explore_exact(T, 1, list(range(d, nv)), range(nv)):
        pos = 0
        for row, v in zip(T, basis):
            if row[-1] > 0:
                pos |= 1 << v
        tight = full ^ pos
        if tight not in out:
            z = [0] * d
            for row, v in zip(T, basis):
                if v < d:
                    z[v] = row[-1]
            out[tight] = z
    return out


def _gauss_jordan_exact(rows: list[list[int]], cols: Sequence[int]) -> tuple[list[list[int]], int, list[int]] | None:
    """Fraction-free Gauss-Jordan elimination making ``cols`` basic.

    Returns ``(T, D, basis)`` with ``D > 0`` and ``basis[r]`` the column basic in
    row ``r``, or None if the columns are linearly dependent.
    """
    T = [list(r) for r in rows]
    D = 1
    basis = [-1] * len(T)
    for c in cols:
        r = next((i for i in range(len(T)) if basis[i] < 0 and T[i][c] != 0), None)
        if r is None:
            return None
        T, D = _pivot_exact(T, D, r, c)
        basis[r] = c
    return T, D, basis


def _face_vertices_exact(G: list[list[int]], b: int, need: int) -> list[tuple[int, list[int]]]:
    """Vertices of the face of ``{z >= 0 : G z <= b}`` where every constraint in ``need`` is tight.

    Returns ``(tight mask, numerators of z)`` pairs, the origin excluded.  When
    ``need`` fixes a single point (the nondegenerate case: as many tight rows as
    free coordinates, linearly independent) one fraction-free solve of that
    square system decides it.  Otherwise a phase-1 simplex finds a feasible
    basis of the face and :func:`_explore_exact` walks all of the face's bases.
    """
    k, d = len(G), len(G[0])
    free = [j for j in range(d) if not need >> j & 1]
    eq = [r for r in range(k) if need >> (d + r) & 1]
    ineq = [r for r in range(k) if not need >> (d + r) & 1]
    if not free or not eq:
        # z = 0 on the free coordinates, or x = 0 on the other side: no equilibrium
        return []
    if len(eq) == len(free):
        sq = _gauss_jordan_exact([[G[r][j] for j in free] + [b] for r in eq], range(len(free)))
        if sq is not None:
            T, D, basis = sq
            z = [0] * d
            for row, c in zip(T, basis):
                z[free[c]] = row[-1]
            if any(v < 0 for v in z):
                return []
            tight = need
            for j in free:
                if z[j] == 0:
                    tight |= 1 << j
            for r in ineq:
                s = b * D - sum(G[r][j] * z[j] for j in free)
                if s < 0:
                    return []
                if s == 0:
                    tight |= 1 << (d + r)
            return [(tight, z)]
    return _face_vertices_general_exact(G, b, need, free, eq, ineq)


def _face_vertices_general_exact(
    G: list[list[int]], b: int, need: int, free: list[int], eq: list[int], ineq: list[int]
) -> list[tuple[int, list[int]]]:
    """The degenerate case of :func:`_face_vertices_exact`: phase 1, then a basis search."""
    d = len(G[0])
    nf, ni, ne = len(free), len(ineq), len(eq)
    nv = nf + ni  # structural and slack columns; artificials follow
    width = nv + ne
    rows = []
    for t, r in enumerate(eq):
        rows.append([G[r][j] for j in free] + [0] * ni + [1 if c == t else 0 for c in range(ne)] + [b])
    for t, r in enumerate(ineq):
        rows.append([G[r][j] for j in free] + [1 if c == t else 0 for c in range(ni)] + [0] * ne + [b])
    basis = [nv + t for t in range(ne)] + [nf + t for t in range(ni)]
    # phase-1 objective w = sum of artificials, kept as an extra tableau row
    # "D*w + sum_v O[v] v = O[rhs]" so the same integer pivot updates it
    obj = [sum(rows[t][v] for t in range(ne)) if v < nf else 0 for v in range(width)] + [ne * b]
    T = rows + [obj]
    D = 1
    nrow = len(rows)
    while True:
        O = T[-1]
        inbasis = set(basis)
        e = next((v for v in range(nv) if O[v] > 0 and v not in inbasis), None)
        if e is None:
            break
        leave = None
        for r in range(nrow):
            a = T[r][e]
            if a > 0:
                if leave is None:
                    leave = r
                else:
                    c = T[r][-1] * T[leave][e] - T[leave][-1] * a
                    # Bland's rule: ties go to the smallest basic variable, so the simplex cannot cycle
                    if c < 0 or (c == 0 and basis[r] < basis[leave]):
                        leave = r
        if leave is None:  # pragma: no cover - w >= 0 bounds the phase-1 objective
            break
        T, D = _pivot_exact(T, D, leave, e)
        basis[leave] = e
    if T[-1][-1] != 0:
        return []  # the face is empty
    # drive the artificials (now at zero) out of the basis; rows where that is
    # impossible are linear combinations of other equalities and are dropped
    keep = []
    for r in range(nrow):
        if basis[r] >= nv:
            inbasis = set(basis)
            e = next((v for v in range(nv) if T[r][v] != 0 and v not in inbasis), None)
            if e is None:
                continue
            T, D = _pivot_exact(T, D, r, e)
            basis[r] = e
        keep.append(r)
    # rebuild the tableau of the reduced system from scratch so that its entries
    # are again minors of the (reduced) constraint matrix, as the pivot needs
    reduced = [rows[r][:nv] + [rows[r][-1]] for r in keep]
    sol = _gauss_jordan_exact(reduced, [basis[r] for r in keep])
    assert sol is not None, "a basis found by phase 1 is nonsingular"
    T, D, bas = sol
    out: dict[int, list[int]] = {}
    for T, D, bas in _explore_exact(T, D, bas, range(nv)):
        z = [0] * d
        tight = need
        pos = 0
        for row, v in zip(T, bas):
            if row[-1] > 0:
                pos |= 1 << v
                if v < nf:
                    z[free[v]] = row[-1]
        for v in range(nv):
            if not pos >> v & 1:
                tight |= 1 << (free[v] if v < nf else d + ineq[v - nf])
        if tight not in out and any(z):
            out[tight] = z
    return list(out.items())


def _rotate(mask: int, d1: int, d2: int) -> int:
    """Map a constraint mask of one polytope to the complementary constraints of the other.

    Constraint ``j < d1`` of the first polytope (its coordinate ``j`` is zero)
    carries the same label as row ``j`` of the second, numbered ``d2 + j``;
    row ``r`` of the first (number ``d1 + r``) matches coordinate ``r`` of the
    second.
    """
    full = (1 << (d1 + d2)) - 1
    return ((mask >> d1) | (mask << d2)) & full


def _pairs_exact(G1: list[list[int]], b1: int, G2: list[list[int]], b2: int) -> list[tuple[list[int], list[int]]]:
    """Completely labelled vertex pairs: all vertices of polytope 1, matching faces of polytope 2."""
    d1, d2 = len(G1[0]), len(G2[0])
    full1 = (1 << (d1 + d2)) - 1
    pairs = []
    face_cache: dict[int, list[tuple[int, list[int]]]] = {}
    for tight1, z1 in _vertices_exact(G1, b1).items():
        if not any(z1):
            continue
        need = _rotate(full1 ^ tight1, d1, d2)
        if need not in face_cache:
            face_cache[need] = _face_vertices_exact(G2, b2, need)
        for _tight2, z2 in face_cache[need]:
            pairs.append((z1, z2))
    return pairs


def _normalised_fractions(z: list[int]) -> np.ndarray:
    s = sum(z)
    return np.array([Fraction(v, s) for v in z], dtype=object)


def _solve_exact(A: np.ndarray, B: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    m, n = A.shape
    GP, bP = _integer_system(B.T)
    GQ, bQ = _integer_system(A)
    if m <= n:
        pairs = [(x, y) for x, y in _pairs_exact(GP, bP, GQ, bQ)]
    else:
        pairs = [(x, y) for y, x in _pairs_exact(GQ, bQ, GP, bP)]
    return [(_normalised_fractions(x), _normalised_fractions(y)) for x, y in pairs]


# --------------------------------------------------------------------------- float arithmetic


def _float_system(G: np.ndarray) -> np.ndarray:
    """Affinely rescale a payoff matrix into ``[1, 2]``.

    Equilibria do not change, and the fixed scale makes the absolute
    tolerances below relative to the payoff range.
    """
    low, high = float(G.min()), float(G.max())
    span = high - low
    if span <= 0:
        return np.ones_like(G, dtype=np.float64)
    return (G - low) / span + 1.0


def _bitkeys(bases: np.ndarray, nv: int) -> np.ndarray:
    """Bit masks (``uint64`` words, one row per basis) of sets of basic variables."""
    K, p = bases.shape
    keys = np.zeros((K, (nv + 63) // 64), dtype=np.uint64)
    rows = np.arange(K)
    for c in range(p):
        v = bases[:, c]
        keys[rows, v // 64] |= np.left_shift(np.uint64(1), (v % 64).astype(np.uint64))
    return keys


def _hashable(keys: np.ndarray) -> list:
    if keys.shape[1] == 1:
        return keys[:, 0].tolist()
    return [tuple(row) for row in keys.tolist()]


def _pack(member: np.ndarray) -> np.ndarray:
    """One sortable key per row of a boolean matrix (for ``np.unique``)."""
    packed = np.ascontiguousarray(np.packbits(member, axis=1))
    return packed.view(np.dtype((np.void, packed.shape[1]))).ravel()


def _explore_float(Aeq: np.ndarray, b: np.ndarray, basis0: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray]:
    """Every feasible basis of ``{v >= 0 : Aeq v = b}`` reachable from ``basis0``.

    The search pivots many dictionaries at once.  A dictionary holds
    ``B^{-1} N`` (only the nonbasic columns, as in lrs) and the basic values
    ``B^{-1} b``.  A batch of up to ``_BATCH`` bases is ratio-tested for all
    entering columns in a few array expressions, the neighbours are
    deduplicated by bit-mask keys against the set of bases seen, and the new
    dictionaries come from one vectorised pivot.  Batches are taken
    depth-first, which bounds the number of dictionaries held in memory.
    Ratio-test ties within ``eps`` count as ties, so every degenerate pivot is
    followed.

    Returns ``(bases, rhs)``: the basic variables of each basis and their values.
    """
    p, nv = Aeq.shape
    d = nv - p
    basis0 = np.asarray(basis0, dtype=np.intp)
    nonbasic0 = np.setdiff1d(np.arange(nv), basis0)
    M0 = np.linalg.solve(Aeq[:, basis0], np.hstack([Aeq[:, nonbasic0], b[:, None]]))
    keys0 = _bitkeys(basis0[None], nv)
    seen = set(_hashable(keys0))
    stack = [(basis0[None], nonbasic0[None], M0[None], keys0)]
    out_bases, out_rhs = [], []
    one = np.uint64(1)
    while stack:
        bases, nonbasic, M, keys = stack.pop()
        if bases.shape[0] > _BATCH:
            stack.append((bases[_BATCH:], nonbasic[_BATCH:], M[_BATCH:], keys[_BATCH:]))
            bases, nonbasic, M, keys = bases[:_BATCH], nonbasic[:_BATCH], M[:_BATCH], keys[:_BATCH]
        rhs = np.maximum(M[:, :, d], 0.0)
        out_bases.append(bases)
        out_rhs.append(rhs)
        if d == 0:
            continue
        cols = M[:, :, :d]
        pos = cols > eps
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = rhs[:, :, None] / cols
        ratio[~pos] = np.inf
        r = ratio.argmin(axis=1)
        best = np.take_along_axis(ratio, r[:, None, :], axis=1)[:, 0, :]
        f, j = np.nonzero(np.isfinite(best))
        if f.size == 0:
            continue
        r = r[f, j]
        near = ratio[f, :, j] <= best[f, j][:, None] + eps
        multi = near.sum(axis=1) > 1
        if multi.any():
            # a degenerate neighbour: every tied row gives a feasible basis
            i, rr = np.nonzero(near[multi])
            f = np.concatenate([f[~multi], f[multi][i]])
            j = np.concatenate([j[~multi], j[multi][i]])
            r = np.concatenate([r[~multi], rr])
        leave = bases[f, r]
        enter = nonbasic[f, j]
        nk = keys[f]
        c = np.arange(f.size)
        nk[c, leave // 64] ^= np.left_shift(one, (leave % 64).astype(np.uint64))
        nk[c, enter // 64] ^= np.left_shift(one, (enter % 64).astype(np.uint64))
        if nk.shape[1] == 1:
            _, first = np.unique(nk[:, 0], return_index=True)
        else:
            _, first = np.unique(np.ascontiguousarray(nk).view(np.dtype((np.void, 8 * nk.shape[1]))).ravel(), return_index=True)
        sel = []
        for i, h in zip(first.tolist(), _hashable(nk[first])):
            if h not in seen:
                seen.add(h)
                sel.append(i)
        if not sel:
            continue
        sel = np.array(sel)
        fa, ra, ja = f[sel], r[sel], j[sel]
        ai = np.arange(sel.size)
        Mn = M[fa]
        col = Mn[ai, :, ja]
        piv = col[ai, ra]
        # the leaving variable takes the entering one's column: it is e_r before the pivot
        Mn[ai, :, ja] = 0.0
        Mn[ai, ra, ja] = 1.0
        prow = Mn[ai, ra, :] / piv[:, None]
        Mn -= col[:, :, None] * prow[:, None, :]
        Mn[ai, ra, :] = prow
        nb = bases[fa]
        nb[ai, ra] = enter[sel]
        nn = nonbasic[fa]
        nn[ai, ja] = leave[sel]
        stack.append((nb, nn, Mn, nk[sel]))
    return np.vstack(out_bases), np.vstack(out_rhs)


def _points_from_bases(bases: np.ndarray, rhs: np.ndarray, ncols: int) -> np.ndarray:
    """Coordinates (variables ``0 .. ncols-1`` of the standard form) of each basic solution."""
    K = bases.shape[0]
    z = np.zeros((K, ncols))
    f, r = np.nonzero(bases < ncols)
    z[f, bases[f, r]] = rhs[f, r]
    return z


def _tight(G: np.ndarray, z: np.ndarray, eps: float) -> np.ndarray:
    """Tight constraints of points ``z`` of ``{z >= 0 : G z <= 1}``, read from the point itself."""
    slack = 1.0 - z @ G.T
    return np.hstack([z <= eps, slack <= eps])


def _unique_rows(tight: np.ndarray) -> np.ndarray:
    """Indices of the first occurrence of each distinct row, in order."""
    _, first = np.unique(_pack(tight), return_index=True)
    first.sort()
    return first


def _vertices_float(G: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray]:
    """Vertices of ``{z >= 0 : G z <= 1}``: ``(points, tight)`` with one row per vertex."""
    k, d = G.shape
    Aeq = np.hstack([G, np.eye(k)])
    bases, rhs = _explore_float(Aeq, np.ones(k), np.arange(d, d + k), eps)
    z = _points_from_bases(bases, rhs, d)
    tight = _tight(G, z, eps)
    first = _unique_rows(tight)
    return z[first], tight[first]


def _refine(G: np.ndarray, z: np.ndarray, tight: np.ndarray) -> np.ndarray:
    """Recompute a vertex from its tight constraints (least squares), undoing pivoting drift."""
    k, d = G.shape
    rows = np.vstack([np.eye(d), G])[tight]
    rhs = np.concatenate([np.zeros(d), np.ones(k)])[tight]
    sol, *_ = np.linalg.lstsq(rows, rhs, rcond=None)
    # a vertex's tight constraints have rank d, so the solution is the vertex;
    # anything else would mean the labels were misread, and the pivoted point stays
    if not np.all(np.isfinite(sol)) or np.max(np.abs(sol - z)) > 1e-6:
        return z
    return np.maximum(sol, 0.0)


def _phase1_float(Aeq: np.ndarray, b: np.ndarray, n_eq: int, slack_cols: Sequence[int], eps: float):
    """A feasible basis of ``{v >= 0 : Aeq v = b}`` by the two-phase simplex (Bland's rule).

    Rows ``0 .. n_eq-1`` get artificial variables; the others start with their
    slack column basic.  Returns ``(kept_rows, basis)`` with redundant equality
    rows removed, or None if the system is infeasible.
    """
    p, nv = Aeq.shape
    T = np.zeros((p, nv + n_eq + 1))
    T[:, :nv] = Aeq
    T[:n_eq, nv : nv + n_eq] = np.eye(n_eq)
    T[:, -1] = b
    basis = [nv + t for t in range(n_eq)] + list(slack_cols)
    obj = -T[:n_eq].sum(axis=0)
    obj[nv : nv + n_eq] = 0.0
    # Bland's rule terminates; the cap only guards against rounding-induced cycling
    for _ in range(100 * (p + nv) + 100):
        inbasis = set(basis)
        e = next((v for v in range(nv) if obj[v] < -eps and v not in inbasis), None)
        if e is None:
            break
        col = T[:, e]
        cand = np.flatnonzero(col > eps)
        if cand.size == 0:  # pragma: no cover - the phase-1 objective is bounded
            break
        ratios = T[cand, -1] / col[cand]
        tied = cand[ratios <= ratios.min() + eps]
        r = min(tied, key=lambda i: basis[i])
        T[r] /= T[r, e]
        others = np.arange(p) != r
        T[others] -= np.outer(T[others, e], T[r])
        obj -= obj[e] * T[r]
        basis[r] = e
    if -obj[-1] > eps * max(1, n_eq):
        return None
    keep = []
    for r in range(p):
        if basis[r] >= nv:
            row = np.abs(T[r, :nv])
            row[[v for v in basis if v < nv]] = 0.0
            e = int(np.argmax(row))
            if row[e] <= eps:
                continue  # a combination of the other equalities
            T[r] /= T[r, e]
            others = np.arange(p) != r
            T[others] -= np.outer(T[others, e], T[r])
            basis[r] = e
        keep.append(r)
    return keep, [basis[r] for r in keep]


def _face_vertices_float(G: np.ndarray, need: np.ndarray, eps: float) -> list[np.ndarray]:
    """Float version of :func:`_face_vertices_general_exact` for one face."""
    k, d = G.shape
    free = np.flatnonzero(~need[:d])
    eq = np.flatnonzero(need[d:])
    ineq = np.flatnonzero(~need[d:])
    if free.size == 0 or eq.size == 0:
        return []
    nf, ni, ne = free.size, ineq.size, eq.size
    Aeq = np.zeros((ne + ni, nf + ni))
    Aeq[:ne, :nf] = G[np.ix_(eq, free)]
    Aeq[ne:, :nf] = G[np.ix_(ineq, free)]
    Aeq[ne:, nf:] = np.eye(ni)
    b = np.ones(ne + ni)
    start = _phase1_float(Aeq, b, ne, range(nf, nf + ni), eps)
    if start is None:
        return []
    keep, basis0 = start
    bases, rhs = _explore_float(Aeq[keep], b[keep], np.array(basis0), eps)
    z = np.zeros((bases.shape[0], d))
    z[:, free] = _points_from_bases(bases, rhs, nf)
    z = z[z.sum(axis=1) > eps]
    tight = _tight(G, z, eps) | need
    first = _unique_rows(tight)
    return [_refine(G, z[i], tight[i]) for i in first]


def _square_faces_float(G: np.ndarray, need: np.ndarray, eps: float) -> tuple[list[tuple[int, np.ndarray]], list[int]]:
    """Faces fixed by a square system (one per row of ``need``), solved in batches.

    Returns the ``(row, point)`` pairs found and the rows whose system is
    ill-conditioned, left to the general face search.  Conditioning is
    estimated for free: each batched solve also solves for one fixed random
    right-hand side ``u``, and ``|M| |M^{-1} u| / |u|`` is a lower bound on the
    condition number that is close to it unless ``u`` is nearly orthogonal to
    the worst direction.
    """
    k, d = G.shape
    found: list[tuple[int, np.ndarray]] = []
    hard: list[int] = []
    eqm, freem = need[:, d:], ~need[:, :d]
    sizes = eqm.sum(axis=1)
    rng = np.random.default_rng(20100101)
    for s in np.unique(sizes):
        if s == 0:
            continue  # x = 0 on the other side: never an equilibrium
        grp = np.flatnonzero(sizes == s)
        eq_idx = np.nonzero(eqm[grp])[1].reshape(grp.size, s)
        free_idx = np.nonzero(freem[grp])[1].reshape(grp.size, s)
        u = rng.uniform(-1.0, 1.0, s)
        rhs = np.stack([np.ones(s), np.ones(s) + u], axis=1)
        for lo in range(0, grp.size, _BATCH):
            sl = slice(lo, lo + _BATCH)
            Ms = G[eq_idx[sl][:, :, None], free_idx[sl][:, None, :]]
            try:
                sol = np.linalg.solve(Ms, rhs[None])
                ok = np.ones(Ms.shape[0], dtype=bool)
            except np.linalg.LinAlgError:
                sol = np.zeros(Ms.shape[:2] + (2,))
                ok = np.zeros(Ms.shape[0], dtype=bool)
                for i in range(Ms.shape[0]):
                    try:
                        sol[i] = np.linalg.solve(Ms[i], rhs)
                        ok[i] = True
                    except np.linalg.LinAlgError:
                        pass
            y = sol[:, :, 0]
            with np.errstate(over="ignore", invalid="ignore"):
                growth = np.linalg.norm(sol[:, :, 1] - y, axis=1) * np.linalg.norm(Ms, axis=(1, 2))
                ok &= np.isfinite(growth) & (growth < 1e9 * np.linalg.norm(u))
            hard.extend(grp[sl][~ok].tolist())
            z = np.zeros((Ms.shape[0], d))
            z[np.arange(Ms.shape[0])[:, None], free_idx[sl]] = y
            feas = ok & (z >= -eps).all(axis=1) & (z @ G.T <= 1.0 + eps).all(axis=1)
            for t, zz in zip(grp[sl][feas], z[feas]):
                found.append((int(t), np.maximum(zz, 0.0)))
    return found, hard


def _pairs_float(G1: np.ndarray, G2: np.ndarray, eps: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """Float version of :func:`_pairs_exact`: square faces in batches, the rest one by one."""
    k1, d1 = G1.shape
    d2 = G2.shape[1]
    z1, tight1 = _vertices_float(G1, eps)
    nonzero = z1.sum(axis=1) > eps
    z1, tight1 = z1[nonzero], tight1[nonzero]
    # the labels polytope 1 lacks, in polytope 2's numbering (see _rotate)
    need = ~np.hstack([tight1[:, d1:], tight1[:, :d1]])
    counts = need.sum(axis=1)
    square = np.flatnonzero(counts == d2)
    general = np.flatnonzero(counts != d2).tolist()
    found, hard = _square_faces_float(G2, need[square], eps)
    matches = [(int(square[t]), y) for t, y in found]
    general += [int(square[t]) for t in hard]
    for t in general:
        matches.extend((t, y) for y in _face_vertices_float(G2, need[t], eps))
    refined: dict[int, np.ndarray] = {}
    pairs = []
    for t, y in matches:
        if t not in refined:
            refined[t] = _refine(G1, z1[t], tight1[t])
        pairs.append((refined[t], y))
    return pairs


# Largest number of constraints (``d + k``) of a polytope searched by the
# compiled kernel, whose bases are bit masks in one int64.
_KERNEL_MAX_CONSTRAINTS = 62

# Per system size ``s``, the fixed random right-hand side ``u`` of the
# conditioning estimate of the compiled square-face solves (see
# _square_faces_float); one table per dimension, made once.
_UCOND: dict[int, np.ndarray] = {}


def _ucond(d: int) -> np.ndarray:
    table = _UCOND.get(d)
    if table is None:
        rng = np.random.default_rng(20100101)
        table = np.zeros((d + 1, max(d, 1)))
        for s in range(1, d + 1):
            table[s, :s] = rng.uniform(-1.0, 1.0, s)
        _UCOND[d] = table
    return table


def _vertices_kernel(kernels, G: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_vertices_float` by the compiled search (same vertices, same labels)."""
    return kernels.polytope_vertices(np.ascontiguousarray(G), eps)


def _solve_float(A: np.ndarray, B: np.ndarray, eps: float) -> list[tuple[np.ndarray, np.ndarray]]:
    m, n = A.shape
    GP, GQ = _float_system(B.T), _float_system(A)
    first, second = (GP, GQ) if m <= n else (GQ, GP)
    pairs = _pairs_float(first, second, eps)
    return pairs if m <= n else [(x, y) for y, x in pairs]


def _solve_kernel(kernels, A: np.ndarray, B: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_solve_float` by the compiled kernels; candidates stacked, one row each.

    The kernel does the common work (vertex search, square faces,
    refinement); faces that need the general search, and degenerate vertices,
    go through the numpy reference functions as in :func:`_pairs_float`.
    """
    m, n = A.shape
    ucond = _ucond(max(m, n))
    done, X, Y = kernels.vertex_pairs_simple(A, B, eps, ucond)
    if done:
        return X, Y
    swap, z1, tight1, pair_t, pair_z, pair_y, pair_ok, general = kernels.vertex_pairs(A, B, eps, ucond)
    if general.size or not pair_ok.all():
        G1, G2 = (_float_system(A), _float_system(B.T)) if swap else (_float_system(B.T), _float_system(A))
        k1, d1 = G1.shape
        pair_z = pair_z.copy()
        for p in np.flatnonzero(~pair_ok):
            t = pair_t[p]
            pair_z[p] = _refine(G1, z1[t], tight1[t])
        need = ~np.hstack([tight1[:, d1:], tight1[:, :d1]])
        zs, ys = [pair_z], [pair_y]
        for t in general.tolist():
            found = _face_vertices_float(G2, need[t], eps)
            if found:
                zs.append(np.tile(_refine(G1, z1[t], tight1[t]), (len(found), 1)))
                ys.append(np.array(found))
        pair_z, pair_y = np.vstack(zs), np.vstack(ys)
    return (pair_y, pair_z) if swap else (pair_z, pair_y)


# --------------------------------------------------------------------------- public API


def _check_game(game: object, what: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise InvalidOption(f"{what}: game must be a NormalFormGame, got {type(game).__name__}")
    if game.num_players != 2:
        raise NotSupported(f"{what} needs a two-player game, this one has {game.num_players} players")
    return game


def vertex_enumeration(game: NormalFormGame, *, exact: bool = False, tol: float | None = None) -> NashResult:
    """All extreme Nash equilibria of a two-player game, degenerate games included.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game of any size; it may be degenerate.
    exact : bool, default False
        Compute with exact integer arithmetic (results are Fractions and every
        regret is certified to be exactly zero).  Otherwise float64.
    tol : float, optional
        Float mode: regret bound relative to the payoff range (default
        ``gametheory.result.DEFAULT_TOL``).  Constraints within ``tol / 4`` of
        tight (on payoffs rescaled to ``[1, 2]``) count as tight, which keeps
        every reported profile within the bound.  Checked but not used in exact
        mode, whose certificate is exact (accepted there so that callers such as
        :func:`gametheory.nash.solve` can pass one set of options).

    Returns
    -------
    NashResult
        ``method="vertex"``, ``complete=True``: the equilibria are exactly the
        extreme equilibria (the vertices of the maximal Nash subsets), each once.

    Raises
    ------
    NotSupported
        If the game does not have exactly two players.
    InvalidOption
        If ``tol`` is not a positive finite number.
    SolverError
        If a float-mode profile fails its regret check (a numerical failure on an
        ill-conditioned game; exact mode cannot fail this way).

    Notes
    -----
    After a positive shift of the payoffs, let ``P = {x >= 0 : B^T x <= 1}`` and
    ``Q = {y >= 0 : A y <= 1}``.  A point carries label ``i`` (a row strategy)
    if ``x_i = 0`` or ``(A y)_i = 1`` and label ``m + j`` (a column strategy)
    if ``(B^T x)_j = 1`` or ``y_j = 0``.  The extreme equilibria are exactly the
    normalised vertex pairs ``(x, y) != (0, 0)`` of ``P x Q`` that are
    completely labelled [1]_, [2]_, [4]_.

    The algorithm enumerates the vertices of only one polytope, the
    lower-dimensional one (``P`` when ``m <= n``; the roles below swap
    otherwise), by a depth-first search over its feasible bases, which are
    connected under single pivots (reverse search [3]_ walks the same graph
    without a visited set).  For each vertex ``x`` with label set ``L(x)`` it
    then finds the vertices of the *face* of ``Q`` on which every missing label
    is tight, as lrsnash does [1]_:

    - if ``x`` is nondegenerate (exactly ``m`` labels) the face is fixed by a
      square system of size ``|supp x|``; when it is nonsingular one solve
      decides whether the face is a single vertex or empty;
    - otherwise (a degenerate vertex, or a singular system) a phase-1 simplex
      finds a feasible basis of the face and a basis search lists all of its
      vertices.  In a degenerate game one ``x`` can therefore be paired with
      several ``y``: the extreme points of a continuum of equilibria.

    Exact mode pivots on integer tableaus (Edmonds' fraction-free pivoting on
    Python integers).  At a degenerate vertex the ratio test ties, and every
    tied row is followed, so every feasible basis is visited; vertices are
    identified by their sets of tight constraints, which the several bases of a
    degenerate vertex share.  Float mode runs the same search on batches of
    float64 dictionaries at once (vectorised ratio tests and pivots, duplicate
    bases removed by bit-mask keys), solves the square face systems in batches
    with a conditioning check (ill-conditioned ones go to the general face
    search), reads labels from the computed points with the tolerance above,
    not from basis indices, and recomputes each reported vertex from its tight
    constraints.  When numba is available (and ``m + n <= 62``, so that a
    basis fits in one 64-bit mask) the same float search, square-face solves
    and refinement run compiled, one dictionary at a time, in
    :mod:`gametheory.nash._kernels`; faces that need the general search and
    degenerate vertices still go through the numpy code, which stays the
    reference (``GAMETHEORY_NO_JIT=1`` selects it throughout).  The first call
    in a new process loads the compiled code from numba's on-disk cache (or
    compiles it once).

    Complexity: the number of vertices, like the number of equilibria, can
    grow exponentially; for ``d x d`` games the upper bound theorem allows
    about ``2.6^d / sqrt(d)`` and von Stengel [5]_ constructs games with about
    ``2.4^d / sqrt(d)`` equilibria.  With ``P`` enumerated, each feasible basis
    costs ``O(m n)`` for the ratio tests plus one pivot, ``O(n (m + n))``
    integer operations on growing integers in exact mode or ``O(m n)``
    vectorised flops in float mode, and each vertex one face solve,
    ``O(s^3)`` for support size ``s`` in the nondegenerate case.  A highly
    degenerate vertex can have exponentially many bases, all of which are
    visited.

    References
    ----------
    .. [1] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration
       of Nash equilibria for two-player games", Economic Theory 42 (2010) 9-37.
    .. [2] B. von Stengel, "Equilibrium computation for two-player games in
       strategic and extensive form", ch. 3 of Algorithmic Game Theory,
       Cambridge University Press, 2007.
    .. [3] D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and
       vertex enumeration of arrangements and polyhedra", Discrete and
       Computational Geometry 8 (1992) 295-313.
    .. [4] O. L. Mangasarian, "Equilibrium points of bimatrix games", Journal of
       the Society for Industrial and Applied Mathematics 12 (1964) 778-780.
    .. [5] B. von Stengel, "New maximal numbers of equilibria in bimatrix
       games", Discrete and Computational Geometry 21 (1999) 557-568.

    Examples
    --------
    Battle of the sexes has two pure equilibria and one mixed:

    >>> from gametheory.game import NormalFormGame
    >>> from gametheory.nash.vertex_enumeration import vertex_enumeration
    >>> g = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> res = vertex_enumeration(g, exact=True)
    >>> for x, y in res.equilibria:
    ...     print([str(p) for p in x], [str(p) for p in y])
    ['1', '0'] ['1', '0']
    ['2/3', '1/3'] ['1/3', '2/3']
    ['0', '1'] ['0', '1']

    A degenerate game: the row player is indifferent against the first column,
    so every ``x`` with ``x_1 >= 1/2`` is an equilibrium with it; the result
    lists the two extreme ones.

    >>> g = NormalFormGame.from_bimatrix([[1, 0], [1, 1]], [[1, 0], [0, 1]])
    >>> [([str(p) for p in x], [str(p) for p in y]) for x, y in vertex_enumeration(g, exact=True)]
    [(['1', '0'], ['1', '0']), (['1/2', '1/2'], ['1', '0']), (['0', '1'], ['0', '1'])]
    """
    start = time.perf_counter()
    game = _check_game(game, "vertex_enumeration")
    if tol is not None:
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not math.isfinite(tol) or tol <= 0:
            raise InvalidOption(f"vertex_enumeration: tol must be a positive finite number, got {tol!r}")
    if exact:
        A, B = game.bimatrix(exact=True)
        profiles = _solve_exact(A, B)
    else:
        A, B = game.bimatrix(exact=False)
        bound = DEFAULT_TOL if tol is None else float(tol)
        kernels = _kernels.get() if sum(game.shape) <= _KERNEL_MAX_CONSTRAINTS else None
        if kernels is not None:
            X, Y = _solve_kernel(kernels, A, B, bound / 4)
            return _certify_stacked(
                game, X, Y, method="vertex", start=start, tol=tol, complete=True,
                parameters={"exact": exact, "tol": tol},
            )
        profiles = _solve_float(A, B, bound / 4)
    return certify(
        game,
        profiles,
        method="vertex",
        exact=exact,
        start=start,
        tol=tol,
        complete=True,
        parameters={"exact": exact, "tol": tol},
    )


def is_degenerate(game: NormalFormGame, *, exact: bool | None = None, tol: float | None = None) -> bool:
    """True if the two-player game is degenerate.

    A bimatrix game is *nondegenerate* when no mixed strategy with support of
    size ``k`` has more than ``k`` pure best responses [1]_.  Equivalently, no
    vertex of the best-response polytopes ``P`` or ``Q`` (see
    :func:`vertex_enumeration`) has more tight constraints than its dimension;
    that is what this function checks, by enumerating the vertices of both.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool, optional
        Exact arithmetic (default: whether the game's payoffs are exact).
    tol : float, optional
        Float mode: constraints within ``tol / 4`` of tight (payoffs rescaled to
        ``[1, 2]``) count as tight; default ``DEFAULT_TOL``.

    Raises
    ------
    NotSupported
        If the game does not have exactly two players.

    Notes
    -----
    Costs one vertex enumeration of each polytope, so exponential in the worst
    case, like :func:`vertex_enumeration` itself.

    References
    ----------
    .. [1] B. von Stengel, "Equilibrium computation for two-player games in
       strategic and extensive form", ch. 3 of Algorithmic Game Theory, 2007.

    Examples
    --------
    >>> from gametheory.game import NormalFormGame
    >>> is_degenerate(NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    False
    >>> is_degenerate(NormalFormGame.from_bimatrix([[1, 0], [1, 1]], [[1, 0], [0, 1]]))
    True
    """
    game = _check_game(game, "is_degenerate")
    if exact is None:
        exact = game.is_exact
    A, B = game.bimatrix(exact=exact)
    if exact:
        for G in (B.T, A):
            rows, b = _integer_system(G)
            d = len(rows[0])
            if any(bin(t).count("1") > d for t in _vertices_exact(rows, b)):
                return True
        return False
    eps = (DEFAULT_TOL if tol is None else float(tol)) / 4
    kernels = _kernels.get() if sum(game.shape) <= _KERNEL_MAX_CONSTRAINTS else None
    for G in (B.T, A):
        G = _float_system(G)
        _, tight = _vertices_float(G, eps) if kernels is None else _vertices_kernel(kernels, G, eps)
        if (tight.sum(axis=1) > G.shape[1]).any():
            return True
    return False

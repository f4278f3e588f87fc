"""Compiled inner loops of the float-mode bimatrix solvers (numba).

The solvers in :mod:`.lemke_howson` and :mod:`.vertex_enumeration` keep
their plain numpy implementation as the reference; for small and medium
games most of their time is interpreter overhead per pivot or per basis, so
the same loops are also written here for numba.  Nothing in this module is
public.

numba is imported lazily: this file defines plain Python functions, and
:func:`get` compiles them (``numba.njit(cache=True)``, cached on disk) the
first time a solver asks for them.  :func:`get` returns None, and the
solvers run their numpy reference code, when numba cannot be imported, when
the environment variable ``GAMETHEORY_NO_JIT=1`` is set, or when
:data:`ENABLED` is False (which the tests use to run both paths).

Conventions are those of the calling modules: a Lemke-Howson tableau holds
only the nonbasic columns (see :mod:`.lemke_howson`); a polytope is
``{z >= 0 : G z <= 1}`` with constraints ``0 .. d-1`` for ``z_j >= 0`` and
``d + r`` for row ``r`` (see :mod:`.vertex_enumeration`).
"""

from __future__ import annotations

import math
import os
import sys

import numpy as np

#: Switch for the compiled path; False makes every solver use its numpy reference code.
ENABLED = os.environ.get("GAMETHEORY_NO_JIT", "") not in ("1", "true", "yes")

_COMPILED = None  # this module, once its kernels are compiled; False if numba is unavailable

# Status codes of lh_follow.
LH_DONE, LH_LIMIT, LH_NO_ROW = 0, 1, 2


def get():
    """This module with its kernels compiled, or None if the numpy path must be used."""
    global _COMPILED
    if not ENABLED:
        return None
    if _COMPILED is None:
        try:
            import numba
        except ImportError:  # pragma: no cover - numba is a dependency, but optional at run time
            _COMPILED = False
            return None
        module = sys.modules[__name__]
        for name in _KERNEL_NAMES:
            setattr(module, name, numba.njit(cache=True, error_model="numpy")(getattr(module, name)))
        _COMPILED = module
    return _COMPILED or None


# ----------------------------------------------------------------------------- linear algebra


def _lu_solve(M, R):
    """Solve ``M X = R`` in place by Gaussian elimination with partial pivoting.

    ``M`` (``s x s``) is overwritten, ``R`` (``s x q``) becomes ``X``.  Returns
    False when a pivot is exactly zero (``M`` singular), as LAPACK's ``gesv``
    reports it.
    """
    s = M.shape[0]
    q = R.shape[1]
    for col in range(s):
        piv = col
        big = abs(M[col, col])
        for i in range(col + 1, s):
            a = abs(M[i, col])
            if a > big:
                big = a
                piv = i
        if big == 0.0:
            return False
        if piv != col:
            for j in range(s):
                t = M[col, j]
                M[col, j] = M[piv, j]
                M[piv, j] = t
            for j in range(q):
                t = R[col, j]
                R[col, j] = R[piv, j]
                R[piv, j] = t
        inv = 1.0 / M[col, col]
        for i in range(col + 1, s):
            f = M[i, col] * inv
            if f != 0.0:
                for j in range(col + 1, s):
                    M[i, j] -= f * M[col, j]
                for j in range(q):
                    R[i, j] -= f * R[col, j]
    for col in range(s - 1, -1, -1):
        inv = 1.0 / M[col, col]
        for j in range(q):
            acc = R[col, j]
            for k in range(col + 1, s):
                acc -= M[col, k] * R[k, j]
            R[col, j] = acc * inv
    return True


# ----------------------------------------------------------------------------- sets of bit masks


def _mask_insert(table, key):
    """Add a nonnegative ``key`` to an open-addressing hash table (empty slots hold -1).

    Returns True if it was not there.  The caller keeps the table at most half
    full.  numba's own set costs several times more per lookup, and the vertex
    search does one lookup per edge of the polytope.
    """
    mask = table.shape[0] - 1
    h = (key * np.int64(-7046029254386353131)) >> np.int64(17)
    i = h & mask
    while True:
        v = table[i]
        if v == key:
            return False
        if v < 0:
            table[i] = key
            return True
        i = (i + 1) & mask


def _mask_grow(table):
    """The same keys in a table twice as large."""
    out = np.full(2 * table.shape[0], -1, dtype=np.int64)
    for v in table:
        if v >= 0:
            _mask_insert(out, v)
    return out


# ----------------------------------------------------------------------------- Lemke-Howson


def _scale(lo, hi):
    """The power of two ``_positive_float`` scales a matrix with range ``[lo, hi]`` by."""
    span = hi - lo
    return 1.0 if span == 0.0 else 2.0 ** -math.ceil(math.log2(span))


def lh_tableaux(arr):
    """The initial compact tableaux and label bookkeeping of ``_KernelTableaux``.

    ``arr`` is the game's payoff array, shape ``(m, n, 2)``.  Returns ``(T0,
    T1, rhs, labels, span)``, ``span`` being the range of all payoffs: ``T0`` is ``B^T`` and ``T1`` is ``A``, each shifted and
    scaled into ``[1, 2]`` as ``_positive_float`` does it; ``rhs`` holds both
    right-hand sides (``n`` then ``m`` entries) and ``labels`` the bookkeeping
    of ``_Tableaux`` packed as ``basis0 | basis1 | nonbasic0 | nonbasic1 |
    where0 | where1``, every slack basic.  Few arrays, because each one
    crossing into Python costs about a microsecond; ``arr`` is read in memory
    order, in two passes.
    """
    m, n = arr.shape[0], arr.shape[1]
    T0 = np.empty((n, m))
    T1 = np.empty((m, n))
    lo0 = hi0 = arr[0, 0, 0]
    lo1 = hi1 = arr[0, 0, 1]
    # one strided pass over arr that copies and measures; the affine map then
    # runs over the contiguous tableaux
    for i in range(m):
        for j in range(n):
            a = arr[i, j, 0]
            b = arr[i, j, 1]
            T1[i, j] = a
            T0[j, i] = b
            lo0 = a if a < lo0 else lo0
            hi0 = a if a > hi0 else hi0
            lo1 = b if b < lo1 else lo1
            hi1 = b if b > hi1 else hi1
    s0 = _scale(lo0, hi0)
    s1 = _scale(lo1, hi1)
    for i in range(m):
        for j in range(n):
            T1[i, j] = (T1[i, j] - lo0) * s0 + 1.0
    for j in range(n):
        for i in range(m):
            T0[j, i] = (T0[j, i] - lo1) * s1 + 1.0
    rhs = np.ones(n + m)
    s = m + n
    labels = np.empty(4 * s, dtype=np.int64)
    for j in range(n):
        labels[j] = m + j  # basis0: the slacks of P
        labels[s + m + j] = m + j  # nonbasic1: y
        labels[2 * s + m + j] = j  # where0
        labels[3 * s + m + j] = -1 - j  # where1
    for i in range(m):
        labels[n + i] = i  # basis1: the slacks of Q
        labels[s + i] = i  # nonbasic0: x
        labels[2 * s + i] = -1 - i  # where0
        labels[3 * s + i] = i  # where1
    span = (hi0 if hi0 > hi1 else hi1) - (lo0 if lo0 < lo1 else lo1)
    return T0, T1, rhs, labels, span


def lh_normalised(v, zero_tol):
    """As ``_normalised`` in float mode: the nonnegative part scaled to sum 1, noise set to 0.

    A vector without mass is returned unscaled, for the certificate to reject.
    """
    out = np.empty(v.shape[0])
    total = 0.0
    for i in range(v.shape[0]):
        out[i] = v[i] if v[i] > 0.0 else 0.0
        total += out[i]
    if not total > 0.0:
        return out
    total2 = 0.0
    for i in range(v.shape[0]):
        out[i] /= total
        if out[i] < zero_tol:
            out[i] = 0.0
        total2 += out[i]
    for i in range(v.shape[0]):
        out[i] /= total2
    return out


def lh_vertex(A, B, rhs, labels, zero_tol, with_regret):
    """The tableaux' vertex pair, its max regret and its normalisation.

    Returns ``(x, y, regret, xn, yn)``: ``(x, y)`` unnormalised as
    ``_FloatTableaux.vertex`` reads it, the regret as ``_float_regret``
    computes it (of the normalised nonnegative parts, inf if either has no
    mass) and ``(xn, yn)`` as ``_normalised`` makes them.
    """
    m, n = A.shape
    rhs0, rhs1 = rhs[:n], rhs[n:]
    basis0, basis1 = labels[:n], labels[n : n + m]
    x = np.zeros(m)
    y = np.zeros(n)
    for r in range(n):
        if basis0[r] < m:
            x[basis0[r]] = rhs0[r]
    for r in range(m):
        if basis1[r] >= m:
            y[basis1[r] - m] = rhs1[r]
    xn = lh_normalised(x, zero_tol)
    yn = lh_normalised(y, zero_tol)
    sx = 0.0
    for i in range(m):
        sx += x[i] if x[i] > 0.0 else 0.0
    sy = 0.0
    for j in range(n):
        sy += y[j] if y[j] > 0.0 else 0.0
    if not (with_regret and sx > 0.0 and sy > 0.0 and sx < math.inf and sy < math.inf):
        return x, y, math.inf, xn, yn
    xs = np.empty(m)
    ys = np.empty(n)
    for i in range(m):
        xs[i] = (x[i] if x[i] > 0.0 else 0.0) / sx
    for j in range(n):
        ys[j] = (y[j] if y[j] > 0.0 else 0.0) / sy
    best0 = -math.inf
    pay0 = 0.0
    w = np.zeros(n)
    for i in range(m):
        u = 0.0
        for j in range(n):
            u += A[i, j] * ys[j]
            w[j] += xs[i] * B[i, j]
        best0 = u if u > best0 else best0
        pay0 += xs[i] * u
    best1 = -math.inf
    pay1 = 0.0
    for j in range(n):
        best1 = w[j] if w[j] > best1 else best1
        pay1 += w[j] * ys[j]
    r0 = best0 - pay0
    r1 = best1 - pay1
    return x, y, (r0 if r0 > r1 else r1), xn, yn


def lh_path(arr, init_label, max_pivots, piv_tol, tie_tol, zero_tol, with_regret):
    """:func:`lh_tableaux`, :func:`lh_follow` and :func:`lh_vertex` in one call.

    Returns ``(status, pivots, label, regret, span, xy, xyn, labels)``:
    ``xy`` and ``xyn`` hold ``x`` then ``y``, unnormalised and normalised;
    ``labels`` the final bookkeeping (for the bases).  Without
    ``with_regret`` the regret (a pass over the payoffs) is not computed and
    is returned as inf.  Each call into numba costs a few microseconds, which
    is what a short path costs.
    """
    m, n = arr.shape[0], arr.shape[1]
    T0, T1, rhs, labels, span = lh_tableaux(arr)
    status, pivots, label = lh_follow(T0, T1, rhs, labels, init_label, max_pivots, piv_tol, tie_tol)
    xy = np.zeros(m + n)
    xyn = np.zeros(m + n)
    regret = math.inf
    if status == LH_DONE:
        x, y, regret, xn, yn = lh_vertex(arr[:, :, 0], arr[:, :, 1], rhs, labels, zero_tol, with_regret)
        xy[:m] = x
        xy[m:] = y
        xyn[:m] = xn
        xyn[m:] = yn
    return status, pivots, label, regret, span, xy, xyn, labels


def lh_follow(T0, T1, rhs, labels, init_label, max_pivots, piv_tol, tie_tol):
    """One complementary path on the compact tableaux, pivoting in place.

    Side 0 is the tableau of ``P`` (``n x m``), side 1 that of ``Q``
    (``m x n``); ``rhs`` and ``labels`` are packed as :func:`lh_tableaux`
    makes them.  The ratio test, its tolerance and the lexicographic
    tie-break are those of ``_FloatTableaux.follow``.  Returns
    ``(status, pivots, label)``: status ``LH_DONE``, ``LH_LIMIT`` or
    ``LH_NO_ROW`` (no positive entry in the entering column, whose label is
    ``label``).
    """
    n, m = T0.shape
    s = m + n
    rhs0, rhs1 = rhs[:n], rhs[n:]
    basis0, basis1 = labels[:n], labels[n:s]
    nonb0, nonb1 = labels[s : s + m], labels[s + m : 2 * s]
    where0, where1 = labels[2 * s : 3 * s], labels[3 * s :]
    side = 0 if init_label < m else 1
    entering = init_label
    cand = np.empty(max(m, n), dtype=np.int64)
    vals = np.empty(max(m, n))
    rowbuf = np.empty(max(m, n))
    colbuf = np.empty(max(m, n))
    ratios = np.empty(max(m, n))
    for pivots in range(1, max_pivots + 1):
        if side == 0:
            T, rhs, basis, nonb, where = T0, rhs0, basis0, nonb0, where0
            slack_lo, slack_count = m, n
        else:
            T, rhs, basis, nonb, where = T1, rhs1, basis1, nonb1, where1
            slack_lo, slack_count = 0, m
        rows, cols = T.shape
        c = -1 - where[entering]
        # ratios of the rows with a positive entry (inf elsewhere), written with
        # selects rather than branches, which mispredict on random data
        rmin = math.inf
        for i in range(rows):
            a = T[i, c]
            colbuf[i] = a
            q = rhs[i] / a
            q = q if a > piv_tol else math.inf
            ratios[i] = q
            rmin = q if q < rmin else rmin
        if rmin == math.inf:
            return LH_NO_ROW, pivots, entering
        thr = (rmin if rmin > 0.0 else 0.0) + tie_tol * (rmin if rmin > 1.0 else 1.0)
        nc = 0
        for i in range(rows):
            if ratios[i] <= thr:
                cand[nc] = i
                nc += 1
        # the first row attaining the minimum, as argmin takes it
        r = cand[0]
        for u in range(nc):
            if ratios[cand[u]] == rmin:
                r = cand[u]
                break
        if nc > 1:
            # lexicographic rule on the rows of the basis inverse (slack columns)
            for t in range(slack_count):
                w = where[slack_lo + t]
                if w < 0:
                    cc = -1 - w
                    for u in range(nc):
                        vals[u] = T[cand[u], cc] / T[cand[u], c]
                else:
                    inside = False
                    for u in range(nc):
                        if cand[u] == w:
                            inside = True
                    if not inside:
                        continue
                    for u in range(nc):
                        vals[u] = (1.0 if cand[u] == w else 0.0) / T[cand[u], c]
                vmin = vals[0]
                for u in range(1, nc):
                    if vals[u] < vmin:
                        vmin = vals[u]
                lim = vmin + tie_tol * max(1.0, abs(vmin))
                keep = 0
                for u in range(nc):
                    if vals[u] <= lim:
                        cand[keep] = cand[u]
                        keep += 1
                nc = keep
                if nc == 1:
                    break
            r = cand[0]
            if nc > 1:
                # rows of the basis inverse are independent, so only rounding leaves a tie
                best = T[cand[0], c]
                for u in range(1, nc):
                    if T[cand[u], c] > best:
                        best = T[cand[u], c]
                        r = cand[u]
        inv_p = 1.0 / T[r, c]
        prow = rowbuf[:cols]
        for j in range(cols):
            T[r, j] *= inv_p
            prow[j] = T[r, j]
        t_val = rhs[r] * inv_p
        for i in range(rows):
            if i == r:
                continue
            f = colbuf[i]
            if f != 0.0:
                # a separate pivot row lets the compiler vectorise this loop
                Ti = T[i]
                for j in range(cols):
                    Ti[j] -= f * prow[j]
                Ti[c] = -f * inv_p
                rhs[i] -= f * t_val
        T[r, c] = inv_p
        rhs[r] = t_val
        leaving = basis[r]
        basis[r] = entering
        nonb[c] = leaving
        where[entering] = r
        where[leaving] = -1 - c
        if leaving == init_label:
            return LH_DONE, pivots, leaving
        # the label just dropped in this polytope is now duplicate: drop it in the other
        entering = leaving
        side = 1 - side
    return LH_LIMIT, max_pivots, entering


# ----------------------------------------------------------------------------- vertex enumeration


def _grown(a, count):
    """A copy of ``a`` with twice the rows, the first ``count`` copied.

    Kept out of the search loop: numba's slice copies make a lot of code, and
    compile time grows faster than linearly with a function's size.
    """
    out = np.empty((2 * a.shape[0],) + a.shape[1:], dtype=a.dtype)
    out[:count] = a[:count]
    return out


def polytope_vertices(G, eps):
    """Vertices of ``{z >= 0 : G z <= 1}`` by depth-first search over feasible bases.

    The search of ``_explore_float`` (ties within ``eps`` are all followed)
    done one dictionary at a time, with bases as ``int64`` bit masks (so
    ``d + k <= 62``).  Labels are read from the points as in ``_tight``, and
    each vertex is reported once, by its first basis found.  Returns
    ``(points, tight)``.  Loops are written out element by element: numba's
    slice assignments cost more than the arithmetic at these sizes.
    """
    k, d = G.shape
    nv = d + k
    w = d + 1
    cap = 64
    stM = np.empty((cap, k, w))
    stB = np.empty((cap, k), dtype=np.int64)
    stN = np.empty((cap, d), dtype=np.int64)
    stK = np.empty(cap, dtype=np.int64)
    key0 = np.int64(0)
    for r in range(k):
        for j in range(d):
            stM[0, r, j] = G[r, j]
        stM[0, r, d] = 1.0
        stB[0, r] = d + r
        key0 |= np.int64(1) << np.int64(d + r)
    for j in range(d):
        stN[0, j] = j
    stK[0] = key0
    top = 1
    seen = np.full(64, -1, dtype=np.int64)
    nseen = 1
    _mask_insert(seen, key0)
    Z = np.zeros((64, d))
    TT = np.zeros((64, nv), dtype=np.bool_)
    nvtx = 0
    vseen = np.full(64, -1, dtype=np.int64)
    z = np.empty(d)
    rhs = np.empty(k)
    M = np.empty((k, w))
    basis = np.empty(k, dtype=np.int64)
    nonb = np.empty(d, dtype=np.int64)
    tied = np.empty(k, dtype=np.int64)
    ratio = np.empty(k)
    prow = np.empty(w)
    one = np.int64(1)
    while top > 0:
        top -= 1
        for r in range(k):
            for jj in range(w):
                M[r, jj] = stM[top, r, jj]
            basis[r] = stB[top, r]
            v = M[r, d]
            rhs[r] = v if v > 0.0 else 0.0
        for j in range(d):
            nonb[j] = stN[top, j]
            z[j] = 0.0
        key = stK[top]
        # the point and its labels
        for r in range(k):
            if basis[r] < d:
                z[basis[r]] = rhs[r]
        tmask = np.int64(0)
        for j in range(d):
            if z[j] <= eps:
                tmask |= one << np.int64(j)
        for r in range(k):
            acc = 0.0
            for j in range(d):
                acc += G[r, j] * z[j]
            if 1.0 - acc <= eps:
                tmask |= one << np.int64(d + r)
        if _mask_insert(vseen, tmask):
            if 2 * (nvtx + 1) > vseen.shape[0]:
                vseen = _mask_grow(vseen)
            if nvtx == Z.shape[0]:
                Z = _grown(Z, nvtx)
                TT = _grown(TT, nvtx)
            for j in range(d):
                Z[nvtx, j] = z[j]
            for v in range(nv):
                TT[nvtx, v] = (tmask >> np.int64(v)) & one
            nvtx += 1
        for j in range(d):
            # minimum ratio over the rows with M[r, j] > eps; written with
            # selects rather than branches, which mispredict on random data
            best = math.inf
            for r in range(k):
                a = M[r, j]
                q = rhs[r] / a
                q = q if a > eps else math.inf
                ratio[r] = q
                best = q if q < best else best
            if best == math.inf:
                continue
            lim = best + eps
            nt = 0
            for r in range(k):
                if ratio[r] <= lim:
                    tied[nt] = r
                    nt += 1
            enter = nonb[j]
            for u in range(nt):
                r = tied[u]
                leave = basis[r]
                nkey = key ^ (one << leave) ^ (one << enter)
                if not _mask_insert(seen, nkey):
                    continue
                nseen += 1
                if 2 * nseen > seen.shape[0]:
                    seen = _mask_grow(seen)
                if top == stK.shape[0]:
                    stM = _grown(stM, top)
                    stB = _grown(stB, top)
                    stN = _grown(stN, top)
                    stK = _grown(stK, top)
                inv = 1.0 / M[r, j]
                # the leaving variable takes the entering one's column: e_r before the pivot
                for jj in range(w):
                    prow[jj] = M[r, jj] * inv
                prow[j] = inv
                Mn = stM[top]
                for i in range(k):
                    if i != r:
                        f = M[i, j]
                        for jj in range(w):
                            Mn[i, jj] = M[i, jj] - f * prow[jj]
                        Mn[i, j] = -f * inv
                    else:
                        for jj in range(w):
                            Mn[i, jj] = prow[jj]
                    stB[top, i] = basis[i]
                stB[top, r] = enter
                for jj in range(d):
                    stN[top, jj] = nonb[jj]
                stN[top, j] = leave
                stK[top] = nkey
                top += 1
    return Z[:nvtx].copy(), TT[:nvtx].copy()


def refine_vertex(G, z, tight, out):
    """Recompute a vertex from its tight constraints when they form a square system.

    The compiled counterpart of ``_refine`` for a nondegenerate vertex
    (exactly ``d`` tight constraints, nonsingular).  Writes the refined point
    to ``out`` and returns True, or returns False when the vertex must go to
    the least-squares reference (degenerate vertex or singular system).
    """
    k, d = G.shape
    cnt = 0
    for v in range(d + k):
        if tight[v]:
            cnt += 1
    if cnt != d:
        return False
    S = np.zeros((d, d))
    R = np.zeros((d, 1))
    row = 0
    for v in range(d + k):
        if tight[v]:
            if v < d:
                S[row, v] = 1.0
            else:
                for j in range(d):
                    S[row, j] = G[v - d, j]
                R[row, 0] = 1.0
            row += 1
    if not _lu_solve(S, R):
        return False
    far = False
    for j in range(d):
        x = R[j, 0]
        if not (abs(x - z[j]) <= 1e-6):  # also catches NaN and inf
            far = True
    if far:
        out[:] = z
    else:
        for j in range(d):
            out[j] = R[j, 0] if R[j, 0] > 0.0 else 0.0
    return True


def square_faces(G, need, eps, ucond):
    """The square face systems of ``_square_faces_float``, one at a time.

    Row ``t`` of ``need`` marks the constraints of ``{z >= 0 : G z <= 1}``
    that must be tight; the caller passes only rows where they fix ``s``
    free coordinates by ``s`` equations.  Each system is solved for the
    right-hand sides ``1`` and ``1 + u`` (``u = ucond[s, :s]``), and it is
    *hard* (left to the general face search) when singular or when
    ``|M|_F |M^{-1} u| >= 1e9 |u|``.  Returns ``(status, points)``: status 1
    for a feasible point, 0 for an empty face, -1 for a hard system.
    """
    k, d = G.shape
    P = need.shape[0]
    status = np.zeros(P, dtype=np.int64)
    Y = np.zeros((P, d))
    eq = np.empty(k, dtype=np.int64)
    free = np.empty(d, dtype=np.int64)
    for t in range(P):
        ne = 0
        for r in range(k):
            if need[t, d + r]:
                eq[ne] = r
                ne += 1
        nf = 0
        for j in range(d):
            if not need[t, j]:
                free[nf] = j
                nf += 1
        s = ne
        if s == 0 or nf != s:
            continue  # x = 0 on the other side: never an equilibrium
        M = np.empty((s, s))
        R = np.empty((s, 2))
        frob = 0.0
        unorm = 0.0
        for a in range(s):
            for b in range(s):
                M[a, b] = G[eq[a], free[b]]
                frob += M[a, b] * M[a, b]
            R[a, 0] = 1.0
            R[a, 1] = 1.0 + ucond[s, a]
            unorm += ucond[s, a] * ucond[s, a]
        if not _lu_solve(M, R):
            status[t] = -1
            continue
        diff = 0.0
        for a in range(s):
            diff += (R[a, 1] - R[a, 0]) ** 2
        growth = math.sqrt(diff) * math.sqrt(frob)
        if not (growth < 1e9 * math.sqrt(unorm)):  # also catches NaN and inf
            status[t] = -1
            continue
        feas = True
        for a in range(s):
            if R[a, 0] < -eps:
                feas = False
        if not feas:
            continue
        for a in range(s):
            Y[t, free[a]] = R[a, 0]
        for r in range(k):
            acc = 0.0
            for a in range(s):
                acc += G[r, free[a]] * R[a, 0]
            if acc > 1.0 + eps:
                feas = False
                break
        if feas:
            status[t] = 1
            for a in range(s):
                if Y[t, free[a]] < 0.0:
                    Y[t, free[a]] = 0.0
        else:
            for a in range(s):
                Y[t, free[a]] = 0.0
    return status, Y


def float_system(M):
    """As ``_float_system``: ``M`` affinely rescaled into ``[1, 2]`` (all ones if constant)."""
    rows, cols = M.shape
    low = M[0, 0]
    high = M[0, 0]
    for i in range(rows):
        for j in range(cols):
            v = M[i, j]
            low = v if v < low else low
            high = v if v > high else high
    span = high - low
    out = np.ones((rows, cols))
    if span > 0.0:
        for i in range(rows):
            for j in range(cols):
                out[i, j] = (M[i, j] - low) / span + 1.0
    return out


def vertex_pairs(A, B, eps, ucond):
    """The float vertex enumeration of ``_solve_float`` up to the faces that need the general search.

    Enumerates the vertices of the lower-dimensional polytope (``P`` when
    ``m <= n``), solves the square face systems of the other and refines the
    matched vertices, as ``_pairs_float`` does.  Returns ``(swap, z1, tight1,
    pair_t, pair_z, pair_y, pair_ok, general)``: ``swap`` is True when the
    first polytope is ``Q``; ``z1, tight1`` are its nonzero vertices;
    ``pair_t`` the vertex of each square match, ``pair_z`` the refined vertex
    (valid where ``pair_ok``; elsewhere the reference least-squares
    refinement is needed), ``pair_y`` the matching point of the second
    polytope; ``general`` the vertices whose face needs the general search.
    """
    m, n = A.shape
    swap = m > n
    if swap:
        G1 = float_system(A)
        G2 = float_system(B.T)
    else:
        G1 = float_system(B.T)
        G2 = float_system(A)
    k1, d1 = G1.shape
    d2 = G2.shape[1]
    nv = d1 + k1
    zall, tall = polytope_vertices(G1, eps)
    V = 0
    keep = np.empty(zall.shape[0], dtype=np.int64)
    for t in range(zall.shape[0]):
        tot = 0.0
        for j in range(d1):
            tot += zall[t, j]
        if tot > eps:
            keep[V] = t
            V += 1
    z1 = np.empty((V, d1))
    tight1 = np.empty((V, nv), dtype=np.bool_)
    for u in range(V):
        z1[u] = zall[keep[u]]
        tight1[u] = tall[keep[u]]
    # the labels the first polytope lacks, in the second's numbering (see _rotate)
    need = np.empty((V, nv), dtype=np.bool_)
    nsq = 0
    square = np.empty(V, dtype=np.int64)
    general = np.empty(V, dtype=np.int64)
    ngen = 0
    for u in range(V):
        cnt = 0
        for v in range(k1):
            need[u, v] = not tight1[u, d1 + v]
            cnt += need[u, v]
        for v in range(d1):
            need[u, k1 + v] = not tight1[u, v]
            cnt += need[u, k1 + v]
        if cnt == d2:
            square[nsq] = u
            nsq += 1
        else:
            general[ngen] = u
            ngen += 1
    status, ys = square_faces(G2, need[square[:nsq]], eps, ucond)
    P = 0
    for q in range(nsq):
        if status[q] == 1:
            P += 1
        elif status[q] == -1:
            general[ngen] = square[q]
            ngen += 1
    pair_t = np.empty(P, dtype=np.int64)
    pair_z = np.empty((P, d1))
    pair_y = np.empty((P, d2))
    pair_ok = np.empty(P, dtype=np.bool_)
    p = 0
    for q in range(nsq):
        if status[q] == 1:
            u = square[q]
            pair_t[p] = u
            pair_y[p] = ys[q]
            pair_ok[p] = refine_vertex(G1, z1[u], tight1[u], pair_z[p])
            p += 1
    return swap, z1, tight1, pair_t, pair_z, pair_y, pair_ok, general[:ngen].copy()


def vertex_pairs_simple(A, B, eps, ucond):
    """:func:`vertex_pairs` when it needs no help: ``(True, X, Y)`` with the pairs as rows.

    Returns ``(False, X, Y)`` (empty) when some face needs the general search
    or some vertex the least-squares refinement; the caller then runs
    :func:`vertex_pairs` and the reference code.  Three values cross into
    Python instead of eight, which is most of the cost on small games.
    """
    swap, z1, tight1, pair_t, pair_z, pair_y, pair_ok, general = vertex_pairs(A, B, eps, ucond)
    if general.size or not pair_ok.all():
        return False, np.zeros((0, A.shape[0])), np.zeros((0, A.shape[1]))
    if swap:
        return True, pair_y, pair_z
    return True, pair_z, pair_y


# ----------------------------------------------------------------------------- certificate


def clean_rows(M):
    """As ``_clean_float`` on each row of ``M``, in place; False if a row has no positive mass."""
    K, n = M.shape
    for k in range(K):
        total = 0.0
        for j in range(n):
            v = M[k, j]
            if not v >= 1e-14:  # round-off weights go (NaN stays, and spoils the total)
                v = 0.0 if v < 1e-14 else v
            M[k, j] = v
            total += v
        if not (total > 0.0 and total < math.inf):
            return False
        for j in range(n):
            M[k, j] /= total
    return True


def _rows_before(F, a, b):
    """True if row ``a`` of ``F`` sorts before row ``b``: lexicographically larger, rounded to 9 decimals."""
    for j in range(F.shape[1]):
        u = np.rint(F[a, j] * 1e9) / 1e9
        v = np.rint(F[b, j] * 1e9) / 1e9
        if u != v:
            return u > v
    return False


def certificate(arr, X, Y, clean, dedupe, sort, tol, bound):
    """The float certificate of ``result.certify`` for stacked two-player candidates, in one call.

    Cleans the rows of ``X`` and ``Y`` (:func:`clean_rows`) if ``clean``;
    drops each candidate within 1e-7 (max norm) of an earlier kept one if
    ``dedupe``; orders the rest as the general path does if ``sort`` (stable,
    by the rows' entries rounded to 9 decimals, largest first); then computes
    payoffs and regrets (:func:`bimatrix_regrets`) and checks them against
    ``bound`` (negative: ``tol`` times ``max(1, payoff range)``).  The kept
    candidates are moved, in order, to the first ``count`` rows of ``X`` and
    ``Y``.  Returns ``(code, count, payoffs, regrets, bound, worst)``:
    ``code`` 0 if all is well, 1 if a row has no positive mass, 2 if a regret
    exceeds the bound (``worst`` is the first such); regrets are clipped at 0.
    The insertion sort is quadratic: callers sort large sets themselves.
    """
    K, m = X.shape
    n = Y.shape[1]
    if clean and not (clean_rows(X) and clean_rows(Y)):
        return 1, 0, np.zeros((0, 2)), np.zeros(0), bound, 0.0
    F = np.empty((K, m + n))
    for k in range(K):
        for i in range(m):
            F[k, i] = X[k, i]
        for j in range(n):
            F[k, m + j] = Y[k, j]
    keep = np.empty(K, dtype=np.int64)
    cnt = 0
    for k in range(K):
        dup = False
        if dedupe:
            for u in range(cnt):
                far = 0.0
                for j in range(m + n):
                    d = abs(F[keep[u], j] - F[k, j])
                    far = d if d > far else far
                if far <= 1e-7:
                    dup = True
                    break
        if not dup:
            keep[cnt] = k
            cnt += 1
    if sort:
        for a in range(1, cnt):
            v = keep[a]
            b = a - 1
            while b >= 0 and _rows_before(F, v, keep[b]):
                keep[b + 1] = keep[b]
                b -= 1
            keep[b + 1] = v
    for u in range(cnt):
        for i in range(m):
            X[u, i] = F[keep[u], i]
        for j in range(n):
            Y[u, j] = F[keep[u], m + j]
    if bound < 0.0:
        span = 0.0
        if arr.size:
            lo = hi = arr[0, 0, 0]
            for i in range(arr.shape[0]):
                for j in range(arr.shape[1]):
                    a = arr[i, j, 0]
                    b = arr[i, j, 1]
                    lo = min(lo, a, b)
                    hi = max(hi, a, b)
            span = hi - lo
        bound = tol * (span if span > 1.0 else 1.0)
    pay, reg = bimatrix_regrets(arr, X[:cnt], Y[:cnt])
    for k in range(cnt):
        if not reg[k] <= bound:  # also NaN
            return 2, cnt, pay, reg, bound, reg[k]
        if reg[k] < 0.0:
            reg[k] = 0.0
    return 0, cnt, pay, reg, bound, 0.0


def bimatrix_regrets(arr, X, Y):
    """Payoffs ``(K x 2)`` and max regret ``(K,)`` of the profiles ``(X[k], Y[k])``.

    ``arr`` holds the payoffs, shape ``(m, n, 2)``; each deviation payoff is one
    dot product, as ``NormalFormGame._strategy_payoffs`` computes it.
    """
    K, m = X.shape
    n = Y.shape[1]
    pay = np.empty((K, 2))
    reg = np.empty(K)
    dev0 = np.empty(m)
    dev1 = np.empty(n)
    for k in range(K):
        # one pass over the payoff array, in memory order; the row sums use
        # four partial sums, as a single one would wait on each addition
        dev1[:] = 0.0
        n4 = n - n % 4
        for i in range(m):
            a0 = a1 = a2 = a3 = 0.0
            xi = X[k, i]
            for j in range(0, n4, 4):
                a0 += arr[i, j, 0] * Y[k, j]
                a1 += arr[i, j + 1, 0] * Y[k, j + 1]
                a2 += arr[i, j + 2, 0] * Y[k, j + 2]
                a3 += arr[i, j + 3, 0] * Y[k, j + 3]
                dev1[j] += xi * arr[i, j, 1]
                dev1[j + 1] += xi * arr[i, j + 1, 1]
                dev1[j + 2] += xi * arr[i, j + 2, 1]
                dev1[j + 3] += xi * arr[i, j + 3, 1]
            for j in range(n4, n):
                a0 += arr[i, j, 0] * Y[k, j]
                dev1[j] += xi * arr[i, j, 1]
            dev0[i] = (a0 + a1) + (a2 + a3)
        p0 = 0.0
        for i in range(m):
            p0 += dev0[i] * X[k, i]
        p1 = 0.0
        for j in range(n):
            p1 += dev1[j] * Y[k, j]
        r = -math.inf
        for i in range(m):
            d = dev0[i] - p0
            r = d if d > r else r
        for j in range(n):
            d = dev1[j] - p1
            r = d if d > r else r
        if p0 != p0 or p1 != p1:
            r = math.nan
        pay[k, 0] = p0
        pay[k, 1] = p1
        reg[k] = r
    return pay, reg


# Wrapped by get().  numba compiles a function at its first call and binds the
# helpers it calls then, so every name is replaced before any of them runs.
_KERNEL_NAMES = (
    "_lu_solve", "_mask_insert", "_mask_grow", "_grown", "_scale", "_rows_before",
    "lh_tableaux", "lh_normalised", "lh_vertex", "lh_follow", "lh_path",
    "polytope_vertices", "refine_vertex", "square_faces", "float_system", "vertex_pairs", "vertex_pairs_simple",
    "clean_rows", "bimatrix_regrets", "certificate",
)

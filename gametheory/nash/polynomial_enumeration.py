"""All Nash equilibria of a small N-player game by enumerating supports and solving polynomial systems.

For a *support profile* ``S = (S_0, ..., S_{N-1})`` (one nonempty strategy set
per player) the equilibria whose supports are exactly ``S`` solve the
*support system*: with ``l_i`` the last strategy of ``S_i`` and
``p_i = (sigma_i(s))_{s in S_i \\ {l_i}}`` the free probabilities
(``sigma_i(l_i) = 1 - sum p_i``),

.. math::

    F_{i,s}(p) = u_i(s, \\sigma_{-i}) - u_i(l_i, \\sigma_{-i}) = 0
    \\qquad (s \\in S_i \\setminus \\{l_i\\}),

``n = sum_i (|S_i| - 1)`` equations in ``n`` unknowns, each multilinear: of
degree one in every other player's probabilities and of degree zero in the
player's own.  An equilibrium is a real solution with ``sigma_i(s) > 0`` on
``S_i`` and no profitable deviation outside it,
``u_i(t, sigma_{-i}) <= u_i(l_i, sigma_{-i})`` for ``t`` not in ``S_i``
(McKelvey and McLennan 1996, sec. 6).

The system is solved by a *multihomogeneous homotopy* (Sturmfels 2002, ch. 6;
Datta 2003 for the polynomial view of Nash equilibria): the start system
replaces each equation of player ``i`` by a product, over the other players
``j``, of random complex affine forms in ``p_j``; its roots are known in closed
form (one linear solve per player and per choice of factors) and their number
is the multihomogeneous Bezout number of the support -- the coefficient of
``prod_j z_j^{n_j}`` in ``prod_i (sum_{j != i} z_j)^{n_i}`` (``n_i = |S_i| - 1``),
which McKelvey and McLennan (1997) showed is the maximal number of totally
mixed equilibria.  Each root is tracked along
``H(p, t) = (1 - t) gamma G(p) + t F(p)`` (``gamma`` a random complex number,
the "gamma trick", makes every path regular with probability one) by an
Euler predictor and Newton corrector, all paths of a support at once.  The
path ends are the isolated solutions of ``F`` (for a generic game, all of
them); real ones inside the product of simplices that pass the deviation
check are refined by Newton's method and certified.

The Bezout number is zero exactly when some player ``k`` has
``n_k > sum_{j != k} n_j`` (Hall's condition on the assignment above); for
two players it is the equal-size rule of Porter, Nudelman and Shoham (2008).
Such a support carries no equilibrium in a generic game; in a degenerate one
it can carry a continuum, and so can a support whose homotopy ends at
singular points.  Those supports are searched for a real sample point by
constrained least squares (SLSQP) and reported in the result's message.

Conventions: supports are enumerated in the order of Porter, Nudelman and
Shoham (total size, then the spread between the largest and smallest support
size); a support is skipped when one of its strategies is *conditionally
dominated*: some pure strategy of the same player does strictly better against
every pure profile of the others' supports (Gambit's enumpoly does the same).
"""

from __future__ import annotations

import itertools
import math
import string
import time
from typing import Any, Sequence

import numpy as np

from ..errors import InvalidOption, NotSupported, SolverError
from ..game import NormalFormGame
from ..result import NashResult, certify
from ._options import check_game, check_int, check_tol, make_rng
from ._polish import polish, regret_bound

__all__ = ["polynomial_enumeration", "support_bezout_number"]

#: Seed of the random start system and gamma when the caller passes none (results are reproducible).
_DEFAULT_SEED = 20080101
#: Imaginary parts (relative) below which a path end reads as real.
_REAL_TOL = 1e-6
#: Probabilities down to minus this are accepted (then clipped) before refinement.
_NEG_TOL = 1e-6
#: Condition number of the support Jacobian above which a path end is singular.
_SINGULAR_COND = 1e9
#: Path ends with a coordinate larger than this are solutions at infinity.
_DIVERGED = 1e7
#: Singular path ends with a coordinate larger than this are taken for roots at infinity, not continua.
_NEAR = 10.0
#: A step is accepted when the second Newton correction is below this (relative); quadratic
#: convergence then puts the point within about its square of the path.
_CORRECTOR_TOL = 1e-5
#: Gain (in payoffs scaled to [0, 1]) an outside strategy may show before refinement rejects the point.
_DEV_TOL = 1e-7
#: Paths tracked together in one batch (bounds memory and lets ``time_limit`` act between batches).
_BATCH_PATHS = 4096

_LETTERS = string.ascii_lowercase


def support_bezout_number(sizes: Sequence[int]) -> int:
    """Multihomogeneous Bezout number of the support system for support sizes ``sizes``.

    The coefficient of ``prod_j z_j^{n_j}`` in ``prod_i (sum_{j != i} z_j)^{n_i}``
    with ``n_i = sizes[i] - 1``: the number of homotopy paths, and an upper
    bound on the number of isolated solutions (McKelvey and McLennan 1997).
    Computed by dynamic programming over players, ``O(N prod (n_i + 1)^2)``.

    Examples
    --------
    >>> support_bezout_number([2, 2, 2]), support_bezout_number([3, 3]), support_bezout_number([3, 2])
    (2, 1, 0)
    """
    n = [int(k) - 1 for k in sizes]
    if any(k < 0 for k in n):
        raise InvalidOption(f"support_bezout_number: sizes must be positive, got {list(sizes)}")
    # counts[c] = ways to place the equations seen so far with c[j] of them on group j
    counts: dict[tuple[int, ...], int] = {tuple([0] * len(n)): 1}
    for i, ni in enumerate(n):
        for _ in range(ni):
            nxt: dict[tuple[int, ...], int] = {}
            for c, w in counts.items():
                for j in range(len(n)):
                    if j != i and c[j] < n[j]:
                        d = c[:j] + (c[j] + 1,) + c[j + 1:]
                        nxt[d] = nxt.get(d, 0) + w
            counts = nxt
    return counts.get(tuple(n), 0)


class _SupportSystem:
    """The support system of one support profile, evaluated on batches of points.

    ``payoffs`` are the game's float payoffs divided by the payoff range, so
    residuals are O(1) whatever the units.
    """

    def __init__(self, payoffs: np.ndarray, supports: Sequence[np.ndarray]):
        N = payoffs.shape[-1]
        self.N = N
        self.supports = supports
        self.k = [len(s) for s in supports]
        self.n = [k - 1 for k in self.k]
        self.offsets = np.concatenate([[0], np.cumsum(self.n)]).astype(int)
        self.dim = int(self.offsets[-1])
        self.coef: list[np.ndarray] = []  # F_i: axis i holds s - l_i for s in S_i \ {l_i}
        self.outside: list[np.ndarray] = []  # deviations t - l_i for t outside S_i
        for i in range(N):
            others = [s if j != i else np.arange(payoffs.shape[i]) for j, s in enumerate(supports)]
            u = payoffs[np.ix_(*others)][..., i]
            u = np.moveaxis(u, i, 0)
            last = supports[i][-1]
            diff = u - u[last]
            self.coef.append(np.moveaxis(diff[supports[i][:-1]], 0, i))
            mask = np.ones(payoffs.shape[i], dtype=bool)
            mask[supports[i]] = False
            self.outside.append(np.moveaxis(diff[mask], 0, i))
        self._sub = []
        for i in range(N):
            ops = [_LETTERS[:N]] + ["Z" + _LETTERS[j] for j in range(N) if j != i]
            self._sub.append(",".join(ops) + "->Z" + _LETTERS[i])

    def sigmas(self, x: np.ndarray) -> list[np.ndarray]:
        """Each player's support probabilities ``(B, k_i)`` from the free coordinates ``(B, n)``."""
        out = []
        for i in range(self.N):
            p = x[:, self.offsets[i]:self.offsets[i + 1]]
            out.append(np.concatenate([p, 1.0 - p.sum(axis=1, keepdims=True)], axis=1))
        return out

    def _contract(self, tensor: np.ndarray, sig: list[np.ndarray], i: int) -> np.ndarray:
        return np.einsum(self._sub[i], tensor, *[sig[j] for j in range(self.N) if j != i], optimize=False)

    def value(self, x: np.ndarray, sig: list[np.ndarray] | None = None) -> np.ndarray:
        sig = self.sigmas(x) if sig is None else sig
        return np.concatenate([self._contract(self.coef[i], sig, i) for i in range(self.N)], axis=1)

    def deviations(self, sig: list[np.ndarray]) -> np.ndarray:
        """Largest gain of an outside strategy over the support, per point (``-inf`` if none)."""
        gains = [self._contract(self.outside[i], sig, i) for i in range(self.N) if self.outside[i].shape[i]]
        if not gains:
            return np.full(sig[0].shape[0], -np.inf)
        return np.concatenate(gains, axis=1).max(axis=1)

    def jacobian(self, x: np.ndarray, sig: list[np.ndarray] | None = None) -> np.ndarray:
        sig = self.sigmas(x) if sig is None else sig
        B = x.shape[0]
        J = np.zeros((B, self.dim, self.dim), dtype=x.dtype)
        N = self.N
        for i in range(N):
            if not self.n[i]:
                continue
            rows = slice(self.offsets[i], self.offsets[i + 1])
            for j in range(N):
                if j == i or not self.n[j]:
                    continue
                others = [l for l in range(N) if l not in (i, j)]
                sub = ",".join([_LETTERS[:N]] + ["Z" + _LETTERS[l] for l in others])
                if others:
                    block = np.einsum(sub + "->Z" + _LETTERS[i] + _LETTERS[j], self.coef[i],
                                      *[sig[l] for l in others], optimize=False)
                else:
                    c = self.coef[i] if i < j else self.coef[i].T
                    block = np.broadcast_to(c, (B,) + c.shape)
                J[:, rows, self.offsets[j]:self.offsets[j + 1]] = block[:, :, :-1] - block[:, :, -1:]
        return J

    def identically_zero(self, eps: float) -> bool:
        """True if some equation vanishes for every profile of the others (a free direction)."""
        for i in range(self.N):
            if not self.n[i]:
                continue
            c = np.moveaxis(self.coef[i], i, 0).reshape(self.n[i], -1)
            if c.size and np.any(np.max(np.abs(c), axis=1) <= eps):
                return True
        return False


class _StartSystem:
    """Products of random complex affine forms with the multidegree of the support system."""

    def __init__(self, system: _SupportSystem, rng: np.random.Generator):
        self.system = system
        N, n = system.N, system.n
        self.owner = np.repeat(np.arange(N), n)
        self.groups = [[j for j in range(N) if j != i and n[j]] for i in range(N)]
        self.a = [
            {j: rng.normal(size=n[j]) + 1j * rng.normal(size=n[j]) for j in self.groups[self.owner[e]]}
            for e in range(system.dim)
        ]
        self.b = [
            {j: complex(rng.normal(), rng.normal()) for j in self.groups[self.owner[e]]} for e in range(system.dim)
        ]

    def _forms(self, x: np.ndarray) -> list[dict[int, np.ndarray]]:
        off = self.system.offsets
        return [{j: x[:, off[j]:off[j + 1]] @ self.a[e][j] + self.b[e][j] for j in self.a[e]}
                for e in range(self.system.dim)]

    def value(self, x: np.ndarray) -> np.ndarray:
        forms = self._forms(x)
        out = np.ones((x.shape[0], self.system.dim), dtype=complex)
        for e, f in enumerate(forms):
            for v in f.values():
                out[:, e] *= v
        return out

    def jacobian(self, x: np.ndarray) -> np.ndarray:
        forms = self._forms(x)
        off = self.system.offsets
        J = np.zeros((x.shape[0], self.system.dim, self.system.dim), dtype=complex)
        for e, f in enumerate(forms):
            for j in f:
                rest = np.ones(x.shape[0], dtype=complex)
                for l, v in f.items():
                    if l != j:
                        rest = rest * v
                J[:, e, off[j]:off[j + 1]] = rest[:, None] * self.a[e][j][None, :]
        return J

    def roots(self) -> np.ndarray:
        """Every root: one per assignment of equations to factor groups filling each group exactly."""
        sysm = self.system
        n, off = sysm.n, sysm.offsets
        points = []

        def place(e: int, chosen: list[int], room: list[int]) -> None:
            if e == sysm.dim:
                x = np.zeros(sysm.dim, dtype=complex)
                for j in range(sysm.N):
                    if not n[j]:
                        continue
                    eqs = [q for q in range(sysm.dim) if chosen[q] == j]
                    A = np.array([self.a[q][j] for q in eqs])
                    rhs = -np.array([self.b[q][j] for q in eqs])
                    x[off[j]:off[j + 1]] = np.linalg.solve(A, rhs)
                points.append(x)
                return
            for j in self.groups[self.owner[e]]:
                if room[j]:
                    room[j] -= 1
                    chosen.append(j)
                    place(e + 1, chosen, room)
                    chosen.pop()
                    room[j] += 1

        place(0, [], list(n))
        return np.array(points, dtype=complex).reshape(len(points), sysm.dim)


class _Batch:
    """Homotopy paths of many support systems at once, padded to one dimension.

    Path ``b`` belongs to support ``owner[b]``; its free coordinates ``x``
    (``D`` of them, the unused ones pinned to 0 by the equation ``x_e = 0``)
    give every player's full mixed strategy ``sigma = M x + c`` (zeros off the
    support).  The target is ``F = R V(sigma) + pad * x`` where ``V`` stacks
    each player's payoffs of all pure strategies against the others and ``R``
    picks the differences ``V_i(s) - V_i(l_i)``; the start system's equation
    ``e`` is the product over groups ``j`` of the affine forms
    ``sum_{c in j} A[e, c] x_c + Bc[e, j]``.  All payoffs are shared, so one
    contraction per pair of players serves every path.
    """

    def __init__(self, payoffs: np.ndarray, systems: Sequence["_SupportSystem"], starts: Sequence["_StartSystem"]):
        shape = payoffs.shape[:-1]
        N = len(shape)
        self.N = N
        self.U = [payoffs[..., i] for i in range(N)]
        self.sizes = list(shape)
        self.soff = np.concatenate([[0], np.cumsum(shape)]).astype(int)
        T = int(self.soff[-1])
        roots = [st.roots() for st in starts]
        D = max([s.dim for s in systems] + [1])
        B = sum(r.shape[0] for r in roots)
        self.D, self.B = D, B
        self.owner = np.repeat(np.arange(len(systems)), [r.shape[0] for r in roots])
        self.x0 = np.zeros((B, D), dtype=complex)
        # index maps into the players' stacked strategies (T = dummy slot, always 0)
        self.row_s = np.full((B, D), T)
        self.row_l = np.full((B, D), T)
        self.free_of = np.full((B, T), D)
        self.last_of = np.zeros((B, N), dtype=int)
        self.member = np.zeros((B, D, N))  # coordinate -> player (padding excluded)
        self.pad = np.zeros((B, D))
        self.A = np.zeros((B, D, D), dtype=complex)
        self.Bc = np.ones((B, D, N), dtype=complex)
        self.G = np.zeros((B, D, N))
        row = 0
        for sysm, st, r in zip(systems, starts, roots):
            P = r.shape[0]
            rows = slice(row, row + P)
            row += P
            d = sysm.dim
            self.x0[rows, :d] = r
            for i, s in enumerate(sysm.supports):
                base, o = self.soff[i], sysm.offsets[i]
                last = base + s[-1]
                self.last_of[rows, i] = last
                for q, strat in enumerate(s[:-1]):
                    self.free_of[rows, base + strat] = o + q
                    self.row_s[rows, o + q] = base + strat
                    self.row_l[rows, o + q] = last
                    self.member[rows, o + q, i] = 1.0
                    self.G[rows, o + q, i] = 1.0
            for e in range(d):
                for j in st.a[e]:
                    cols = slice(sysm.offsets[j], sysm.offsets[j + 1])
                    self.A[rows, e, cols] = st.a[e][j]
                    self.Bc[rows, e, j] = st.b[e][j]
            for e in range(d, D):
                self.pad[rows, e] = 1.0
                self.A[rows, e, e] = 1.0
                self.Bc[rows, e, 0] = 0.0
                self.G[rows, e, 0] = 1.0
        Tp = T + 1
        # J[e, c] = K[s_e, t_c] - K[l_e, t_c] - K[s_e, l_c] + K[l_e, l_c] in the flattened (T+1)^2 matrix K
        self.jidx = [
            (a[:, :, None] * Tp + b[:, None, :]).reshape(B, -1)
            for a, b in ((self.row_s, self.row_s), (self.row_l, self.row_s), (self.row_s, self.row_l),
                         (self.row_l, self.row_l))
        ]
        self._subs = {}
        letters = _LETTERS[:N]
        for i in range(N):
            for j in range(N):
                if i != j:
                    others = [l for l in range(N) if l not in (i, j)]
                    self._subs[i, j] = (",".join([letters] + ["z" + letters[l] for l in others])
                                        + "->z" + letters[i] + letters[j], others)

    _PER_PATH = ("row_s", "row_l", "free_of", "last_of", "member", "pad", "A", "Bc", "G", "jidx")

    def subset(self, rows: np.ndarray) -> "_Batch":
        """The same batch restricted to paths ``rows`` (shared payoffs, sliced per-path arrays)."""
        sub = object.__new__(_Batch)
        sub.__dict__.update(self.__dict__)
        for name in self._PER_PATH:
            val = getattr(self, name)
            setattr(sub, name, [v[rows] for v in val] if isinstance(val, list) else val[rows])
        sub.B = len(rows)
        return sub

    def target(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``F`` and its Jacobian at points ``x`` (one per path of this batch)."""
        B, D, N = x.shape[0], self.D, self.N
        T = int(self.soff[-1])
        xpad = np.concatenate([x, np.zeros((B, 1), dtype=x.dtype)], axis=1)
        sig_all = np.take_along_axis(xpad, self.free_of, axis=1)
        np.put_along_axis(sig_all, self.last_of, 1.0 - np.einsum("bd,bdj->bj", x, self.member), axis=1)
        sig = [sig_all[:, self.soff[i]:self.soff[i + 1]] for i in range(N)]
        K = np.zeros((B, T + 1, T + 1), dtype=x.dtype)
        V = np.zeros((B, T + 1), dtype=x.dtype)
        for i in range(N):
            ri = slice(self.soff[i], self.soff[i + 1])
            for j in range(N):
                if j == i:
                    continue
                sub, others = self._subs[i, j]
                if others:
                    block = np.einsum(sub, self.U[i], *[sig[l] for l in others], optimize=False)
                else:
                    u = self.U[i] if i < j else self.U[i].T
                    block = np.broadcast_to(u, (B,) + u.shape)
                K[:, ri, self.soff[j]:self.soff[j + 1]] = block
                partner = j
            # u_i(., sigma_{-i}) is the last block contracted with its player's strategy
            V[:, ri] = np.einsum("bst,bt->bs", block, sig[partner])
        pad = self.pad
        F = np.take_along_axis(V, self.row_s, axis=1) - np.take_along_axis(V, self.row_l, axis=1)
        F += pad * x
        Kf = K.reshape(B, -1)
        i1, i2, i3, i4 = self.jidx
        J = (np.take_along_axis(Kf, i1, axis=1) - np.take_along_axis(Kf, i2, axis=1)
             - np.take_along_axis(Kf, i3, axis=1) + np.take_along_axis(Kf, i4, axis=1)).reshape(B, D, D)
        J[:, np.arange(D), np.arange(D)] += pad
        return F, J

    def start(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The start system ``G`` and its Jacobian."""
        A, Gm = self.A, self.G
        forms = (A * x[:, None, :]) @ Gm + self.Bc
        ones = np.ones(forms.shape[:2] + (1,), dtype=forms.dtype)
        pre = np.cumprod(np.concatenate([ones, forms[..., :-1]], axis=2), axis=2)
        suf = np.cumprod(np.concatenate([ones, forms[..., :0:-1]], axis=2), axis=2)[..., ::-1]
        excl = pre * suf
        G = excl[..., 0] * forms[..., 0]
        JG = A * (excl @ Gm.transpose(0, 2, 1))
        return G, JG

    def _homotopy(self, x: np.ndarray, t: np.ndarray, gamma: complex):
        """``H``, ``dH/dx`` and ``dH/dt`` of ``H = (1 - t) gamma G + t F``."""
        F, JF = self.target(x)
        G, JG = self.start(x)
        s = (1.0 - t)[:, None]
        H = s * gamma * G + t[:, None] * F
        Hx = s[..., None] * gamma * JG + t[:, None, None] * JF
        return H, Hx, F - gamma * G

    def track(self, gamma: complex, max_steps: int = 2000) -> tuple[np.ndarray, np.ndarray]:
        """Path ends at ``t = 1`` and a flag per path: 0 reached, 1 diverged (a root at infinity), 2 stuck.

        Fourth-order Runge-Kutta predictor on ``dx/dt = -H_x^{-1} H_t``, then
        two Newton corrections at the new ``t``; a step is accepted when the
        second correction is tiny and the point did not jump, and the step
        length doubles after a success and halves after a failure.
        """
        B, D = self.B, self.D
        x = self.x0.copy()
        t = np.zeros(B)
        dt = np.full(B, 0.05)
        status = np.full(B, -1)
        work = np.arange(B)  # paths still moving
        eye = np.eye(D)

        def velocity(xs, ts):
            _, Hx, Ht = part._homotopy(xs, ts, gamma)
            return _batched_solve(Hx, -Ht, eye)

        part, part_rows = self, work
        for _ in range(max_steps):
            if work.size == 0:
                break
            if part_rows.size != work.size:
                part, part_rows = self.subset(work), work
            xs, ts, hs = x[work], t[work], dt[work]
            t1 = np.minimum(ts + hs, 1.0)
            hs = (t1 - ts)[:, None]
            k1 = velocity(xs, ts)
            k2 = velocity(xs + 0.5 * hs * k1, ts + 0.5 * hs[:, 0])
            k3 = velocity(xs + 0.5 * hs * k2, ts + 0.5 * hs[:, 0])
            k4 = velocity(xs + hs * k3, t1)
            xp = xs + hs * (k1 + 2.0 * k2 + 2.0 * k3 + k4) / 6.0
            for _ in range(2):
                H, Hx, _ = part._homotopy(xp, t1, gamma)
                d = _batched_solve(Hx, -H, eye)
                xp = xp + d
            size = 1.0 + np.max(np.abs(xp), axis=1)
            ok = np.isfinite(xp).all(axis=1) & (np.max(np.abs(d), axis=1) <= _CORRECTOR_TOL * size)
            ok &= np.max(np.abs(xp - xs), axis=1) <= 0.5 * size  # a longer jump risks switching paths
            good, bad = work[ok], work[~ok]
            x[good] = xp[ok]
            t[good] = t1[ok]
            dt[good] = np.minimum(hs[ok, 0] * 2.0, 0.25)
            dt[bad] = hs[~ok, 0] * 0.5
            end = np.max(np.abs(x[work]), axis=1) > _DIVERGED
            status[work[end]] = 1
            status[work[(t[work] >= 1.0) & ~end]] = 0
            status[work[(dt[work] < 1e-12) & (status[work] < 0)]] = 2
            work = work[status[work] < 0]
        status[status < 0] = 2
        return x, status


def _batched_solve(A: np.ndarray, b: np.ndarray, eye: np.ndarray) -> np.ndarray:
    """``A x = b`` for a stack of systems; singular ones give NaN rows instead of an exception."""
    try:
        return np.linalg.solve(A, b[..., None])[..., 0]
    except np.linalg.LinAlgError:
        out = np.full(b.shape, np.nan, dtype=np.result_type(A, b))
        for k in range(A.shape[0]):
            try:
                out[k] = np.linalg.solve(A[k], b[k])
            except np.linalg.LinAlgError:
                pass
        return out


def _conditionally_dominated(payoffs: np.ndarray, supports: Sequence[np.ndarray], eps: float) -> bool:
    """True if a strategy of some support is strictly beaten by a pure strategy against the others' supports."""
    N = len(supports)
    for i in range(N):
        idx = [s if j != i else np.arange(payoffs.shape[i]) for j, s in enumerate(supports)]
        u = np.moveaxis(payoffs[np.ix_(*idx)][..., i], i, 0).reshape(payoffs.shape[i], -1)
        mine = u[supports[i]]
        # beats[t, s]: strategy t earns more than supported strategy s against every pure profile of the others
        beats = np.all(u[:, None, :] > mine[None, :, :] + eps, axis=2)
        if beats.any():
            return True
    return False


def _support_order(shape: Sequence[int]) -> list[tuple[np.ndarray, ...]]:
    per_player = [
        [np.array(c) for k in range(1, n + 1) for c in itertools.combinations(range(n), k)] for n in shape
    ]
    profiles = list(itertools.product(*per_player))
    # Porter-Nudelman-Shoham: small supports first, balanced before unbalanced
    profiles.sort(key=lambda S: (sum(len(s) for s in S), max(len(s) for s in S) - min(len(s) for s in S)))
    return profiles


def _embed(shape: Sequence[int], supports: Sequence[np.ndarray], sig: Sequence[np.ndarray]) -> list[np.ndarray]:
    out = []
    for n, s, v in zip(shape, supports, sig):
        p = np.zeros(n)
        p[s] = np.clip(np.real(v), 0.0, None)
        out.append(p / p.sum())
    return out


def _sample_search(system: _SupportSystem, rng: np.random.Generator, starts: int = 2) -> list[np.ndarray]:
    """Real points of a (possibly positive-dimensional) support system inside the simplices, by SLSQP."""
    from scipy.optimize import minimize

    n = system.dim
    found = []
    if n == 0:
        return found
    # sigma >= 0 on every supported strategy: p >= 0 and 1 - sum p >= 0, a linear system A p + c >= 0
    rows, rhs = [], []
    for i in range(system.N):
        lo, hi = system.offsets[i], system.offsets[i + 1]
        for r in range(lo, hi):
            e = np.zeros(n)
            e[r] = 1.0
            rows.append(e)
            rhs.append(0.0)
        if hi > lo:
            e = np.zeros(n)
            e[lo:hi] = -1.0
            rows.append(e)
            rhs.append(1.0)
    A, c = np.array(rows), np.array(rhs)

    def objective(p):
        F = system.value(p[None, :])[0]
        J = system.jacobian(p[None, :])[0]
        return float(F @ F), 2.0 * J.T @ F

    def no_deviation(p):
        sig = system.sigmas(p[None, :])
        g = system.deviations(sig)[0]
        return np.array([-g]) if np.isfinite(g) else np.array([1.0])

    centre = np.concatenate([np.full(k, 1.0 / (k + 1)) for k in system.n])
    points = [centre] + [
        np.concatenate([rng.dirichlet(np.ones(k + 1))[:-1] for k in system.n]) for _ in range(starts - 1)
    ]
    constraints = [{"type": "ineq", "fun": lambda p: A @ p + c, "jac": lambda p: A},
                   {"type": "ineq", "fun": no_deviation}]
    for p0 in points:
        try:
            res = minimize(objective, p0, jac=True, method="SLSQP", constraints=constraints,
                           options={"maxiter": 100, "ftol": 1e-20})
        except (ValueError, np.linalg.LinAlgError):
            continue
        if np.isfinite(res.fun) and res.fun <= 1e-18 and np.all(A @ res.x + c >= -_NEG_TOL):
            found.append(res.x)
            break
    return found


def _check_options(game: Any, tol: Any, max_supports: Any, time_limit: Any) -> None:
    what = "polynomial_enumeration"
    check_game(game, what)
    check_tol(tol, what)
    check_int(max_supports, "max_supports", what, allow_none=True)
    if time_limit is not None and (isinstance(time_limit, bool) or not isinstance(time_limit, (int, float))
                                   or not math.isfinite(time_limit) or time_limit <= 0):
        raise InvalidOption(f"{what}: time_limit must be a positive number of seconds or None, got {time_limit!r}")


def _format_support(game: NormalFormGame, supports: Sequence[np.ndarray]) -> str:
    return "(" + "; ".join(",".join(game.strategies[i][k] for k in s) for i, s in enumerate(supports)) + ")"


def polynomial_enumeration(
    game: NormalFormGame,
    *,
    exact: bool = False,
    tol: float | None = None,
    max_supports: int | None = None,
    time_limit: float | None = None,
    seed: int | np.random.Generator | None = None,
) -> NashResult:
    """All Nash equilibria of a small N-player game, support by support (Gambit's ``enumpoly``).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players; meant for small games (see Notes).
    exact : bool
        Return rational equilibria with exact zero regret.  Equilibria of games
        with three or more players may be irrational: then
        :class:`~gametheory.errors.NotSupported` is raised.
    tol : float, optional
        Float regret bound relative to ``max(1, payoff range)`` (default ``1e-9``).
    max_supports : int, optional
        Solve at most this many support systems (supports skipped by dominance
        do not count), in the order of Porter, Nudelman and Shoham (2008).
    time_limit : float, optional
        Stop queueing new supports after this many seconds (the batch of
        supports already queued, at most a few hundred paths, is finished).
    seed : int or numpy Generator, optional
        Seed of the random start system; None uses a fixed seed, so results are
        reproducible.

    Returns
    -------
    NashResult
        ``method="enumpoly"``.  ``complete=True`` (status ``"ok"``) when every
        support was examined and every support system was zero-dimensional
        with regular solutions: the list is then every equilibrium.  Otherwise
        ``complete=False`` and ``status`` is ``"positive-dimensional"``
        (``message`` names the supports whose solution set may be a
        continuum; one sample point of each is returned when the search finds
        one), ``"incomplete"`` (a real solution could not be refined to a
        certified equilibrium) or ``"budget"`` (``max_supports`` or
        ``time_limit`` ran out).

    Raises
    ------
    InvalidOption
        Bad ``game``, ``tol``, ``max_supports`` or ``time_limit``.
    NotSupported
        ``exact=True`` and an equilibrium is irrational (use ``exact=False``).
    SolverError
        A computed profile failed its certificate (a bug; please report it).

    Notes
    -----
    There are ``prod_i (2^{n_i} - 1)`` support profiles; each costs one
    homotopy with as many paths as its multihomogeneous Bezout number
    (:func:`support_bezout_number`), at most the total-degree bound
    ``(N - 1)^{sum_i (|S_i| - 1)}``, each path ``O(steps * n^3)`` plus
    ``O(N^2 prod |S_i|)`` per evaluation.  Supports with a conditionally
    dominated strategy are skipped.  Suitable for games up to a few dozen
    strategy profiles (a 5x4x3 game takes seconds); use ``max_supports`` or
    ``time_limit`` for larger ones.

    The paths of many supports are tracked together as one batch of
    vectorised predictor-corrector steps (paths of a smaller support are
    padded with trivial coordinates).  Path tracking is numerical: with
    probability one (over the random start system) every isolated solution
    is reached, and each one returned is refined by Newton's method,
    polished (:func:`gametheory.nash._polish.polish`) and certified by its
    regret.  On degenerate games a support's solution set can be a
    continuum.  A support is reported as such when a path ends at a singular
    point near the simplices (Jacobian condition number above ``1e9``), when
    an equation vanishes identically, or when its Bezout number is zero yet
    the overdetermined equations can be met (checked by least squares); it is
    then searched for one real sample point by SLSQP (a local method, which
    may miss a continuum that exists) and ``complete`` is False.

    References
    ----------
    .. [1] McKelvey, R. D. and McLennan, A. (1996). Computation of equilibria in
       finite games. *Handbook of Computational Economics* 1, 87-142.
    .. [2] McKelvey, R. D. and McLennan, A. (1997). The maximal number of
       regular totally mixed Nash equilibria. *J. Econ. Theory* 72, 411-425.
    .. [3] Datta, R. S. (2003). Using computer algebra to find Nash equilibria.
       *Proc. ISSAC 2003*, 74-79.
    .. [4] Sturmfels, B. (2002). *Solving Systems of Polynomial Equations*,
       ch. 6 (Nash equilibria). AMS CBMS 97.
    .. [5] Porter, R., Nudelman, E. and Shoham, Y. (2008). Simple search methods
       for finding a Nash equilibrium. *Games Econ. Behav.* 63, 642-662.
    .. [6] The Gambit Project, ``gambit-enumpoly``, https://gambitproject.readthedocs.io

    Examples
    --------
    >>> import numpy as np, gametheory as gt
    >>> from gametheory.nash.polynomial_enumeration import polynomial_enumeration
    >>> u = np.zeros((2, 2, 2, 3))
    >>> u[0, 0, 0] = u[1, 1, 1] = 1          # everyone wants to match everyone
    >>> res = polynomial_enumeration(gt.NormalFormGame(u))
    >>> len(res), res.complete
    (3, True)
    """
    start_time = time.perf_counter()
    _check_options(game, tol, max_supports, time_limit)
    rng = make_rng(seed, "polynomial_enumeration", default=_DEFAULT_SEED)
    arr = game._float
    span = float(arr.max() - arr.min()) if arr.size else 0.0
    scaled = (arr - arr.min()) / span if span > 0 else np.zeros_like(arr)
    eps = 1e-12  # ties in scaled payoffs below this are ties
    bound = regret_bound(game, tol)
    shape = game.shape

    candidates: list[list[np.ndarray]] = []
    from_continuum: list[bool] = []  # candidate found on a support whose solution set may be a continuum
    flagged: list[str] = []
    lost = 0
    solved = 0
    budget_hit = False
    pending: list[tuple[_SupportSystem, _StartSystem]] = []

    def collect(supports, points, degenerate):
        nonlocal lost
        if degenerate:
            flagged.append(_format_support(game, supports))
        for sig in points:
            prof = _embed(shape, supports, sig)
            good = polish(game, prof, tol=tol)
            if good is None:
                dev = game._strategy_payoffs(tuple(prof), False)
                if max(float(np.max(d) - d @ p) for d, p in zip(dev, prof)) <= bound:
                    good = tuple(prof)
                else:
                    lost += 1
                    continue
            candidates.append(list(good))
            from_continuum.append(degenerate)

    def flush():
        for system, points, degenerate in _solve_batch(scaled, pending, rng):
            collect(system.supports, points, degenerate)
        pending.clear()

    paths = 0
    for supports in _support_order(shape):
        if _conditionally_dominated(scaled, supports, eps):
            continue
        if (max_supports is not None and solved >= max_supports) or (
                time_limit is not None and time.perf_counter() - start_time > time_limit):
            budget_hit = True
            break
        solved += 1
        system = _SupportSystem(scaled, supports)
        bezout = support_bezout_number(system.k) if system.dim else 1
        if system.dim and bezout and not system.identically_zero(eps):
            pending.append((system, _StartSystem(system, rng)))
            paths += bezout
            # with a time limit, smaller batches let the clock be checked more often
            if paths >= (_BATCH_PATHS if time_limit is None else _BATCH_PATHS // 16):
                flush()
                paths = 0
        else:
            collect(supports, *_solve_special(system, bezout, rng))
    if pending:
        flush()

    status, notes = "ok", []
    if flagged:
        status = "positive-dimensional"
        notes.append(f"the support systems of {len(flagged)} support profile(s) may have a continuum of "
                     f"solutions (a degenerate game), one sample point each is returned when found: "
                     + ", ".join(flagged))
    if lost:
        status = "incomplete" if status == "ok" else status
        notes.append(f"{lost} approximate solution(s) could not be refined to a certified equilibrium")
    if budget_hit:
        status = "budget"
        notes.append(f"stopped after {solved} support systems (max_supports={max_supports}, "
                     f"time_limit={time_limit}); supports not examined may hold more equilibria")
    complete = not (flagged or lost or budget_hit)
    params = {"tol": tol, "max_supports": max_supports, "time_limit": time_limit,
              "seed": seed if not isinstance(seed, np.random.Generator) else "generator",
              "supports_solved": solved}
    if exact:
        exact_profiles, dropped = [], 0
        for prof, sample in zip(candidates, from_continuum):
            rational = polish(game, prof, tol=tol, exact=True)
            if rational is None and sample:
                # a sample point of a continuum is arbitrary; its continuum may hold rational points we miss
                dropped += 1
                continue
            if rational is None:
                raise NotSupported(
                    "polynomial_enumeration: the equilibrium "
                    + "; ".join("(" + ", ".join(f"{p:.6g}" for p in s) + ")" for s in prof)
                    + " is irrational (or has no small-denominator form) and cannot be returned exactly; "
                    "use exact=False")
            exact_profiles.append(rational)
        candidates = exact_profiles
        if dropped:
            notes.append(f"{dropped} sample point(s) of continua have no exact rational form and are left out")
    try:
        return certify(game, candidates, method="enumpoly", exact=exact, start=start_time, tol=tol,
                       complete=complete, parameters=params, status=status, message="; ".join(notes))
    except SolverError as exc:
        raise SolverError(f"polynomial_enumeration: {exc}") from None


def _solve_special(system: _SupportSystem, bezout: int, rng: np.random.Generator) -> tuple[list, bool]:
    """Supports without a homotopy: a pure profile, no paths (Bezout number 0), or an equation that vanishes.

    Returns the solutions (each a list of support probability vectors) and
    whether the solution set may be positive-dimensional.
    """
    if system.dim == 0:
        sig = system.sigmas(np.zeros((1, 0)))
        return ([[s[0] for s in sig]] if system.deviations(sig)[0] <= _DEV_TOL else []), False
    # a generic game has no solution here; a degenerate one may have a continuum
    if bezout == 0 and not _overdetermined_block_consistent(system, rng):
        return [], False
    pts = _sample_search(system, rng)
    sols = _accept(system, np.array(pts).reshape(len(pts), system.dim))
    return sols, bool(sols) or bezout > 0


def _solve_batch(payoffs: np.ndarray, pending: Sequence[tuple[_SupportSystem, _StartSystem]],
                 rng: np.random.Generator) -> list[tuple[_SupportSystem, list, bool]]:
    """Track every path of the pending supports together; per support its accepted solutions and degeneracy."""
    systems = [p[0] for p in pending]
    batch = _Batch(payoffs, systems, [p[1] for p in pending])
    gamma = complex(np.exp(2j * np.pi * rng.random()))
    x, status = batch.track(gamma)
    reached = np.flatnonzero(status == 0)
    rows = np.arange(batch.B)
    singular = np.zeros(batch.B, dtype=bool)
    singular[status == 2] = True
    eye = np.eye(batch.D)
    if reached.size:
        xe = x[reached]
        ends = batch.subset(reached)
        for _ in range(3):
            F, J = ends.target(xe)
            xe = xe + _batched_solve(J, -F, eye)
        F, J = ends.target(xe)
        fin = np.isfinite(xe).all(axis=1)
        cond = np.full(reached.size, np.inf)
        if fin.any():
            cond[fin] = np.linalg.cond(J[fin])
        # a badly conditioned end far outside the simplices is a root heading to infinity, not a continuum
        near = np.max(np.abs(xe), axis=1) <= _NEAR
        singular[reached] = ~(cond < _SINGULAR_COND) & near
        x[reached] = xe
    real = np.zeros(batch.B, dtype=bool)
    if reached.size:
        xr = x[reached]
        real[reached] = np.isfinite(xr).all(axis=1) & (
            np.max(np.abs(xr.imag), axis=1) <= _REAL_TOL * (1 + np.max(np.abs(xr), axis=1)))
    out = []
    for k, system in enumerate(systems):
        mine = rows[batch.owner == k]
        keep = mine[real[mine] & ~singular[mine]]
        sols = _accept(system, x[keep, :system.dim].real)
        degenerate = bool(singular[mine].any())
        if degenerate:
            pts = _sample_search(system, rng)
            sols += _accept(system, np.array(pts).reshape(len(pts), system.dim))
        out.append((system, sols, degenerate))
    return out


def _accept(system: _SupportSystem, x: np.ndarray) -> list[list[np.ndarray]]:
    """The real points among ``x`` inside the simplices with no profitable deviation off the support."""
    if x.shape[0] == 0:
        return []
    x = np.asarray(x, dtype=float)
    sig = system.sigmas(x)
    inside = np.all([np.all(s >= -_NEG_TOL, axis=1) for s in sig], axis=0)
    ok = inside & (system.deviations(sig) <= _DEV_TOL) & np.isfinite(x).all(axis=1)
    return [[s[b] for s in sig] for b in np.flatnonzero(ok)]


def _overdetermined_block_consistent(system: _SupportSystem, rng: np.random.Generator) -> bool:
    """Whether the equations of the player with too many of them can hold at all (least squares).

    A player ``k`` with ``n_k > sum_{j != k} n_j`` has more indifference
    equations than the others have free probabilities; a generic game
    leaves them unsolvable, which a few least-squares starts confirm.
    """
    from scipy.optimize import least_squares

    n = system.n
    k = int(np.argmax([n[i] - (sum(n) - n[i]) for i in range(system.N)]))
    rows = slice(system.offsets[k], system.offsets[k + 1])
    free = [j for j in range(system.N) if j != k and n[j]]
    if not free:
        return bool(np.all(np.abs(system.value(np.zeros((1, system.dim)))[0, rows]) <= 1e-10))
    mask = np.zeros(system.dim, dtype=bool)
    for j in free:
        mask[system.offsets[j]:system.offsets[j + 1]] = True

    def resid(q):
        x = np.zeros((1, system.dim))
        x[0, mask] = q
        return system.value(x)[0, rows]

    def jac(q):
        x = np.zeros((1, system.dim))
        x[0, mask] = q
        return system.jacobian(x)[0][rows][:, mask]

    for _ in range(2):
        q0 = np.concatenate([rng.dirichlet(np.ones(n[j] + 1))[:-1] for j in free])
        res = least_squares(resid, q0, jac=jac, bounds=(0.0, 1.0))
        if res.cost <= 1e-16:
            return True
    return False


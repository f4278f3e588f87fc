"""Support enumeration for bimatrix games, with a proof of nondegeneracy or a fallback.

For a nondegenerate bimatrix game every Nash equilibrium ``(x, y)`` has
supports ``I = supp(x)``, ``J = supp(y)`` of equal size ``k`` and is the
unique solution of the indifference equations on ``(I, J)``.  Enumerating all
equal-size support pairs therefore finds every equilibrium.  In a degenerate
game it may not, and the classic implementations (nashpy, QuantEcon) then miss
equilibria without saying so.  This module detects degeneracy during the same
enumeration and, unless asked to raise, completes the answer with vertex
enumeration.
"""

from __future__ import annotations

import time
from fractions import Fraction
from itertools import combinations

import numpy as np

from .._exact_linalg import solve_exact
from ..errors import DegenerateGame, InvalidOption, NotSupported
from ..game import NormalFormGame
from ..result import NashResult, certify

__all__ = ["support_enumeration"]

# Pairs of supports solved per numpy batch: bounds memory at about 8*(k+1)^2*CHUNK bytes.
_CHUNK = 1 << 15


def _side(M: np.ndarray, support: np.ndarray, payoff: np.ndarray, tol: float):
    """Solve one player's indifference systems for a batch of support pairs.

    ``M`` has shape ``(P, k, k)``: ``M[p, a, b]`` is the opponent's payoff,
    shifted into ``[1, 2]``, when this player plays the ``a``-th strategy of
    her support and the opponent the ``b``-th of his.  With positive payoffs
    the system ``M^T z = v 1, 1^T z = 1`` is equivalent to ``M^T w = 1`` with
    ``z = w / 1^T w`` and ``v = 1 / 1^T w`` (any feasible ``z`` gives ``v >= 1``),
    which halves the work of a bordered ``(k+1)``-system.  ``support`` (shape
    ``(P, k)``) holds this player's support of each pair and ``payoff`` the
    opponent's shifted payoff matrix (this player's strategies by his), to
    test best responses with one matrix product.

    Returns ``(z, good, degenerate, loose)``: ``good`` means ``z > 0`` and the
    opponent's best responses are exactly his support; ``degenerate`` means a
    feasible solution with a zero probability or more than ``k`` best responses,
    or a (numerically) singular system; ``loose`` marks pairs worth an exact re-check.
    """
    P, k, _ = M.shape
    Mt = np.swapaxes(M, 1, 2)
    ones = np.ones((P, k, 1))
    try:
        w = np.linalg.solve(Mt, ones)[..., 0]
        singular = ~np.isfinite(w).all(axis=1)
    except np.linalg.LinAlgError:
        # an exactly singular system in the batch: find them, solve the others
        singular = np.abs(np.linalg.det(Mt)) <= 1e-12
        Mt = Mt.copy()
        Mt[singular] = np.eye(k)
        w = np.linalg.solve(Mt, ones)[..., 0]
    # a feasible solution has 0 <= w <= 1; a huge one means a (nearly) singular system,
    # whose solution set may hold a feasible point: flag it, conservatively
    singular |= np.abs(w).max(axis=1) > 1e9
    total = w.sum(axis=1)
    ok = (total > 1e-12) & ~singular
    safe = np.where(ok, total, 1.0)
    z = w / safe[:, None]
    v = 1.0 / safe
    full_z = np.zeros((P, payoff.shape[0]))
    np.put_along_axis(full_z, support, z, axis=1)
    pay = full_z @ payoff  # one GEMM instead of gathering a (P, k, n) block
    best = pay.max(axis=1)
    zmin = np.where(ok, z.min(axis=1), -np.inf)
    feasible = (zmin >= -tol) & (best <= v + tol)
    nbest = (pay >= v[:, None] - tol).sum(axis=1)
    good = feasible & (zmin > tol) & (nbest == k)
    degenerate = singular | (feasible & ~good)
    loose_tol = max(tol, 1e-6)
    loose = singular | ((zmin >= -loose_tol) & (best <= v + loose_tol))
    return z, good, degenerate, loose


def _exact_side(Msub, full, k: int):
    """Exact version of :func:`_side` for one pair; returns (z, good, degenerate)."""
    # unknowns z_0..z_{k-1}, v:  sum_a M[a,b] z_a - v = 0 for each b;  sum z = 1
    rows = [[Msub[a][b] for a in range(k)] + [Fraction(-1)] for b in range(k)]
    rows.append([Fraction(1)] * k + [Fraction(0)])
    rhs = [Fraction(0)] * k + [Fraction(1)]
    sol = solve_exact(rows, rhs)
    if sol is None:
        return None, False, True
    z, v = sol[:k], sol[k]
    pay = [sum((z[a] * full[a][j] for a in range(k)), Fraction(0)) for j in range(len(full[0]))]
    best = max(pay)
    feasible = min(z) >= 0 and best <= v
    if not feasible:
        return None, False, False
    good = min(z) > 0 and sum(1 for p in pay if p == v) == k
    return z, good, not good


def support_enumeration(
    game: NormalFormGame,
    *,
    exact: bool = False,
    tol: float | None = None,
    on_degenerate: str = "vertex",
) -> NashResult:
    """All Nash equilibria of a nondegenerate bimatrix game by support enumeration.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game with payoff matrices ``A`` (row player) and ``B``.
    exact : bool
        Rational arithmetic: candidates found in floating point are solved and
        checked again with Fractions, and so is every degeneracy flag.
    tol : float, optional
        Float tolerance on payoffs normalised to a range of 1 (default ``1e-9``).
    on_degenerate : {"vertex", "raise"}
        What to do when the game turns out to be degenerate: complete the
        answer with :func:`~gametheory.nash.vertex_enumeration.vertex_enumeration`
        (its extreme equilibria; ``status="degenerate"``), or raise
        :class:`~gametheory.errors.DegenerateGame`.

    Returns
    -------
    NashResult
        ``method="support"``; ``complete=True``.

    Notes
    -----
    For each ``k = 1 .. min(m, n)`` and each pair of supports ``I``, ``J`` of
    size ``k``, solve ``B_{IJ}^T x_I = v 1``, ``1^T x_I = 1`` (player 2 is
    indifferent on ``J``) and ``A_{IJ} y_J = u 1``, ``1^T y_J = 1``; keep the
    pair if ``x_I > 0``, ``y_J > 0`` and no strategy outside the supports does
    better.  There are ``sum_k C(m,k) C(n,k) = C(m+n, n)`` pairs, each costing
    ``O(k^3 + k (m + n))``; the systems of one ``k`` are solved as numpy batches.

    *Degeneracy.*  The game is degenerate iff some mixed strategy with support
    of size ``k`` has more than ``k`` pure best responses.  If ``x`` is such a
    strategy, ``I = supp(x)`` and ``J`` is any ``k`` of its best responses,
    then the system for ``(I, J)`` is either singular or has the unique
    solution ``x``, which is feasible with a surplus best response.  Both cases
    are flagged while enumerating, so a game that is not flagged is proved
    nondegenerate and the equal-size enumeration is complete.  Flags are
    conservative in float mode (a near-tie counts) and exact in exact mode.

    References
    ----------
    .. [1] Dickhaut, J. and Kaplan, T. (1991). A program for finding Nash
       equilibria. *The Mathematica Journal* 1(4), 87-93.
    .. [2] von Stengel, B. (2007). Equilibrium computation for two-player games
       in strategic and extensive form. In *Algorithmic Game Theory*, ch. 3.
    .. [3] Nisan, N., Roughgarden, T., Tardos, E. and Vazirani, V. (eds.)
       (2007), Algorithm 3.4 and Theorem 3.4 (nondegenerate games).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> res = gt.support_enumeration(g, exact=True)
    >>> [[str(p) for p in s] for s in res.equilibria[0]]
    [['1/2', '1/2'], ['1/2', '1/2']]
    """
    start = time.perf_counter()
    if game.num_players != 2:
        raise NotSupported(f"support enumeration needs a two-player game, this one has {game.num_players} players")
    if on_degenerate not in ("vertex", "raise"):
        raise InvalidOption(f"on_degenerate must be 'vertex' or 'raise', not {on_degenerate!r}")
    tol_ = 1e-9 if tol is None else float(tol)
    A, B = game.bimatrix(exact=False)
    m, n = A.shape

    # Affine rescaling to [0, 1] leaves equilibria unchanged and makes tolerances meaningful.
    def unit(X):
        # into [1, 2]: positive payoffs let _side solve k x k instead of bordered systems
        span = np.ptp(X)
        return 1.0 + ((X - X.min()) / span if span > 0 else np.zeros_like(X))

    An, Bn = unit(A), unit(B)
    if exact:
        Ae, Be = game.bimatrix(exact=True)
    candidates: list[tuple] = []
    degenerate = False
    params = {"tol": tol, "on_degenerate": on_degenerate}
    for k in range(1, min(m, n) + 1):
        rows = np.array(list(combinations(range(m), k)), dtype=np.intp)
        cols = np.array(list(combinations(range(n), k)), dtype=np.intp)
        total = len(rows) * len(cols)
        for lo in range(0, total, _CHUNK):
            p = np.arange(lo, min(total, lo + _CHUNK))
            I, J = rows[p // len(cols)], cols[p % len(cols)]
            Bsub = Bn[I[:, :, None], J[:, None, :]]  # (P, k, k): player 2's payoffs on I x J
            Asub = An[I[:, :, None], J[:, None, :]]
            x, gx, dx, lx = _side(Bsub, I, Bn, tol_)
            # player 1's side: transpose roles, rows of the system are J
            # player 2's mixed strategy on J makes player 1 indifferent on I: same system, roles swapped
            y, gy, dy, ly = _side(np.swapaxes(Asub, 1, 2), J, An.T, tol_)
            if not exact:
                if np.any(dx) or np.any(dy):
                    degenerate = True
                    break
                for q in np.flatnonzero(gx & gy):
                    xs = np.zeros(m)
                    ys = np.zeros(n)
                    xs[I[q]] = x[q]
                    ys[J[q]] = y[q]
                    candidates.append((xs, ys))
            else:
                check = np.flatnonzero(lx | ly)
                for q in check:
                    Iq, Jq = I[q].tolist(), J[q].tolist()
                    xq, gxq, dxq = _exact_side([[Be[a, b] for b in Jq] for a in Iq], [list(Be[a]) for a in Iq], k)
                    yq, gyq, dyq = _exact_side(
                        [[Ae[a, b] for a in Iq] for b in Jq], [list(Ae[:, b]) for b in Jq], k
                    )
                    if dxq or dyq:
                        degenerate = True
                        break
                    if gxq and gyq:
                        xs = np.array([Fraction(0)] * m, dtype=object)
                        ys = np.array([Fraction(0)] * n, dtype=object)
                        for a, val in zip(Iq, xq):
                            xs[a] = val
                        for b, val in zip(Jq, yq):
                            ys[b] = val
                        candidates.append((xs, ys))
                if degenerate:
                    break
        if degenerate:
            break
    if degenerate:
        if on_degenerate == "raise":
            raise DegenerateGame(
                "the game is degenerate (a mixed strategy with k strategies in its support has more than k "
                "pure best responses), so support enumeration over equal-size supports can miss equilibria; "
                "use method='vertex'"
            )
        from .vertex_enumeration import vertex_enumeration

        vres = vertex_enumeration(game, exact=exact, tol=tol)
        return certify(
            game,
            vres.equilibria,
            method="support",
            exact=exact,
            start=start,
            tol=tol,
            complete=True,
            parameters=params,
            status="degenerate",
            message=(
                "the game is degenerate: equal-size support enumeration can miss equilibria, so the "
                "extreme equilibria were computed by vertex enumeration (see equilibrium_components "
                "for the connected sets they span)"
            ),
        )
    return certify(game, candidates, method="support", exact=exact, start=start, tol=tol, complete=True, parameters=params)

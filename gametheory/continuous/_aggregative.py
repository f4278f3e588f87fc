"""Aggregative games solved by a one-dimensional root-find on the aggregate (Cornes and Hartley)."""

from __future__ import annotations

import time

import numpy as np
from scipy.optimize import brentq

from ..errors import InvalidPayoffs, SolverError
from ._game import AggregativeGame
from ._options import check_game, positive
from ._result import DEFAULT_TOL, ContinuousResult, finish

__all__ = ["aggregative_equilibrium", "replacement_function"]


def _marginal(game: AggregativeGame, i: int, q: float, Q: float, lo: float, hi: float) -> float:
    if game.marginal is not None:
        m = float(np.asarray(game.marginal(i, q, Q), dtype=float).reshape(()))
        if not np.isfinite(m):
            raise InvalidPayoffs(f"AggregativeGame.marginal: player {i}'s marginal payoff is {m} at q_i = {q!r}, Q = {Q!r}")
        return m
    # Raising q_i by t raises Q by t: the others' total stays fixed.
    # Partial in q_i (Q fixed) plus partial in Q (q_i fixed), so that no evaluation
    # leaves box_i x [L, H]; steps ~ eps**(1/3) balance truncation against rounding.
    h = min(6e-6 * max(1.0, abs(q)), (hi - lo) / 4)
    up, dn = min(q + h, hi), max(q - h, lo)
    d_q = 0.0 if up == dn else (game.value(i, up, Q) - game.value(i, dn, Q)) / (up - dn)
    L, H = float(game.lower.sum()), float(game.upper.sum())
    k = min(6e-6 * max(1.0, abs(Q)), (Q - L) / 2) if Q > L else 6e-6 * max(1.0, abs(Q))
    Qu, Qd = min(Q + k, max(H, Q + k)), max(Q - k, L)
    d_Q = (game.value(i, q, Qu) - game.value(i, q, Qd)) / (Qu - Qd)
    return d_q + d_Q


def replacement_function(game: AggregativeGame, i: int, Q: float) -> float:
    """Player i's replacement function r_i(Q): its action when it best-responds and the aggregate is Q.

    ``r_i(Q)`` solves ``du_i/dq_i + du_i/dQ = 0`` at ``(q_i, Q)`` over the
    actions compatible with Q (a corner when the marginal payoff has one sign
    there); it assumes, as Cornes and Hartley (2007) do, that the marginal
    payoff is decreasing in q_i at fixed Q, so the root is unique.  Uses
    ``game.replacement`` when given.  Cost: one Brent root-find (about 40
    marginal evaluations at full precision).

    Examples
    --------
    >>> import numpy as np
    >>> a, I = 0.5, [4.0, 2.0]
    >>> g = AggregativeGame([0, 0], [3.9, 1.9], lambda i, q, Q: (1 - a) * np.log(I[i] - q) + a * np.log(Q))
    >>> round(replacement_function(g, 0, 2.5), 9)   # max(0, I_0 - (1 - a) Q / a)
    1.5
    """
    lo_q, hi_q = float(game.lower[i]), float(game.upper[i])
    if game.replacement is not None:
        r = float(np.asarray(game.replacement(i, Q), dtype=float).reshape(()))
        if not np.isfinite(r):
            raise InvalidPayoffs(f"AggregativeGame.replacement: player {i}'s replacement is {r} at Q = {Q!r}")
        return min(max(r, lo_q), hi_q)
    if hi_q <= lo_q:
        return lo_q
    m_lo = _marginal(game, i, lo_q, Q, lo_q, hi_q)
    if m_lo <= 0:
        return lo_q
    m_hi = _marginal(game, i, hi_q, Q, lo_q, hi_q)
    if m_hi >= 0:
        return hi_q
    return float(brentq(lambda q: _marginal(game, i, q, Q, lo_q, hi_q), lo_q, hi_q, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=200))


def aggregative_equilibrium(game: AggregativeGame, *, tol: float = DEFAULT_TOL, grid: int = 64) -> ContinuousResult:
    """Nash equilibrium of an aggregative game by a root-find on the aggregate.

    Parameters
    ----------
    game : AggregativeGame
        Payoffs ``u_i(q_i, Q)`` with ``Q = sum_j q_j``; scalar actions in boxes.
    tol : float
        Relative bound of the certificate (each player's gain from
        re-optimising, by independent multi-start search on the continuous
        form of the game).
    grid : int
        Points at which the excess ``sum_i r_i(Q) - Q`` is evaluated to bracket its first root.

    Returns
    -------
    ContinuousResult
        ``method = "aggregative"``; ``profile[i] = [r_i(Q*)]``; ``iterations``
        counts evaluations of the excess; ``game`` is
        ``game.as_continuous()``.

    Raises
    ------
    NotConverged
        The profile fails its certificate (e.g. the marginal payoff is not
        decreasing, so the first-order condition picked a minimum).
    InvalidPayoffs
        A utility, marginal or replacement value is NaN or infinite.
    SolverError
        The root-find failed.

    Notes
    -----
    Cornes and Hartley (2007): in an equilibrium every player best-responds
    to the others' total ``Q - q_i``; the *replacement function* ``r_i(Q)``
    is the action consistent with that for a given aggregate Q, so the
    equilibria are the fixed points ``sum_i r_i(Q) = Q`` of a one-
    dimensional map.  The excess ``G(Q) = sum_i r_i(Q) - Q`` is >= 0 at
    ``L = sum lower`` and <= 0 at ``H = sum upper``; the solver brackets its
    first sign change on a grid (from L, or from just above L when payoffs
    are not finite at L, as ``ln Q`` at Q = 0) and refines it with Brent's
    method.  For public-good games the shares are
    decreasing, the root is unique and the answer is exact to rounding: no
    iteration error remains.  Cost: ``grid + ~50`` evaluations of ``S``,
    each ``N`` replacement root-finds.

    Cobb-Douglas public good ``u_i = (1 - a) ln(I_i - q_i) + a ln Q``:
    ``r_i(Q) = max(0, I_i - (1 - a) Q / a)``, hence with contributors C,
    ``Q* = a sum_{i in C} I_i / (a + (1 - a) |C|)``, and i contributes iff
    ``I_i > (1 - a) Q* / a``.

    References
    ----------
    .. [1] R. Cornes and R. Hartley, "Aggregative public good games",
       Journal of Public Economic Theory 9 (2007) 201-219.
    .. [2] T. Bergstrom, L. Blume and H. Varian, "On the private provision of
       public goods", Journal of Public Economics 29 (1986) 25-49.

    Examples
    --------
    >>> import numpy as np
    >>> a, I = 0.5, [4.0, 1.0]
    >>> g = AggregativeGame([0, 0], [3.9, 0.9], lambda i, q, Q: (1 - a) * np.log(I[i] - q) + a * np.log(Q))
    >>> r = aggregative_equilibrium(g)
    >>> [round(float(x[0]), 9) for x in r.profile]   # only the richer ally contributes: Q* = a I_0 = 2
    [2.0, 0.0]
    """
    where = "aggregative_equilibrium"
    check_game(where, game, AggregativeGame)
    tol = positive(where, "tol", tol)
    if isinstance(grid, bool) or not isinstance(grid, int) or grid < 2:
        from ..errors import InvalidOption

        raise InvalidOption(f"{where}: grid must be an integer >= 2, got {grid!r}")
    t0 = time.perf_counter()
    n = game.num_players
    L, H = float(game.lower.sum()), float(game.upper.sum())
    evals = [0]

    def actions(Q):
        return np.array([replacement_function(game, i, Q) for i in range(n)])

    def excess(Q):
        evals[0] += 1
        return float(actions(Q).sum()) - Q

    converged = True
    Q = None
    if H <= L:
        Q = L
    else:
        # Geometric near L (replacement functions can change fast there), linear up to H.
        pts = L + (H - L) * np.unique(np.concatenate([[0.0], np.geomspace(1e-9, 1.0, grid), np.linspace(0, 1, grid)[1:]]))
        prev = None
        for k in range(pts.size):
            try:
                with np.errstate(divide="ignore", invalid="ignore"):
                    val = excess(pts[k]) if k == 0 else None
                if val is None:
                    val = excess(pts[k])
            except InvalidPayoffs:
                if k == 0:  # payoffs undefined at the bottom aggregate: start just above it
                    continue
                raise
            if val == 0:
                Q = float(pts[k])
                break
            if val < 0:
                if prev is None:
                    Q = float(pts[k])
                    break
                try:
                    Q, info = brentq(excess, pts[prev], pts[k], xtol=1e-15 * max(1.0, abs(H)),
                                     rtol=4 * np.finfo(float).eps, maxiter=200, full_output=True)
                except (ValueError, RuntimeError) as exc:
                    raise SolverError(f"{where}: the root-find on the aggregate failed: {exc}") from None
                converged = bool(info.converged)
                break
            prev = k
        if Q is None:
            Q = H
    q = actions(Q)
    profile = tuple(np.array([v]) for v in q)
    params = {"tol": tol, "grid": grid, "aggregate": float(q.sum())}
    return finish(game.as_continuous(), "aggregative", profile, evals[0], converged, tol, params, t0)

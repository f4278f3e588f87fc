"""All pure-strategy Nash equilibria of an N-player game."""

from __future__ import annotations

import time

import numpy as np

from ..game import NormalFormGame
from ..result import DEFAULT_TOL, NashResult, certify

__all__ = ["enumpure", "pure_equilibria"]


def pure_equilibria(game: NormalFormGame, *, exact: bool = False, tol: float | None = None) -> list[tuple[int, ...]]:
    """Pure-strategy profiles (index tuples) at which no player gains by deviating.

    A pure profile ``s`` is an equilibrium iff for every player ``i``,
    ``u_i(s) = max_k u_i(k, s_{-i})``; the maximum over each player's own axis
    is one vectorised reduction, so the cost is ``O(N * prod(n))``.
    In float mode a payoff within ``tol`` (relative to the payoff range) of the
    best counts as a best response.
    """
    arr = game.arrays(exact)
    n = game.num_players
    ok = np.ones(game.shape, dtype=bool)
    if exact:
        for i in range(n):
            u = arr[..., i]
            best = np.max(u, axis=i, keepdims=True)
            ok &= np.vectorize(lambda a, b: a == b, otypes=[bool])(u, best)
    else:
        span = float(np.ptp(arr)) if arr.size else 0.0
        bound = (DEFAULT_TOL if tol is None else tol) * max(1.0, span)
        for i in range(n):
            u = arr[..., i]
            ok &= u >= np.max(u, axis=i, keepdims=True) - bound
    return [tuple(int(k) for k in idx) for idx in np.argwhere(ok)]


def enumpure(game: NormalFormGame, *, exact: bool = False, tol: float | None = None) -> NashResult:
    """Every pure-strategy Nash equilibrium of an N-player game.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    exact : bool
        Compare payoffs exactly (rational) instead of within ``tol``.
    tol : float, optional
        Float-mode tolerance, relative to the payoff range (default ``1e-9``).

    Returns
    -------
    NashResult
        ``method="enumpure"``, ``complete=True``: the list holds every pure
        equilibrium, in lexicographic order of the strategy indices.

    Notes
    -----
    One pass over the payoff array per player: ``O(N * prod(n_i))`` time and
    ``O(prod(n_i))`` memory.  Same as Gambit's ``enumpure``.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [tuple(int(p.argmax()) for p in eq) for eq in gt.enumpure(g).equilibria]
    [(0, 0), (1, 1)]
    """
    start = time.perf_counter()
    profiles = [game.pure_profile(s, exact=exact) for s in pure_equilibria(game, exact=exact, tol=tol)]
    return certify(
        game,
        profiles,
        method="enumpure",
        exact=exact,
        start=start,
        tol=tol,
        complete=True,
        parameters={"tol": tol},
        dedupe=False,
    )

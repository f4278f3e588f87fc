"""Iterated elimination of strictly dominated strategies (N players).

A pure strategy ``s`` of player ``i`` is *strictly dominated* by a mixed
strategy ``sigma`` of the same player when
``sum_t sigma_t u_i(t, s_{-i}) > u_i(s, s_{-i})`` for every profile ``s_{-i}``
of the others.  No strictly dominated strategy is played with positive
probability in any Nash equilibrium, and removing such strategies repeatedly
leaves the set of Nash equilibria unchanged; the end result does not depend
on the order of removal (Gilboa, Kalai and Zemel 1990).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
from scipy.optimize import linprog

from ..errors import SolverError
from ..game import NormalFormGame, Profile

__all__ = ["Elimination", "DominanceResult", "iterated_elimination", "dominated_strategies"]


@dataclass(frozen=True)
class Elimination:
    """One removal: ``player``'s strategy ``strategy`` (index in the original game).

    ``dominated_by`` is the dominating mixed strategy over the player's
    original strategies (a pure strategy is a unit vector); ``margin`` is the
    smallest payoff advantage of the dominator over the removed strategy,
    against the strategies the others had left at that round (> 0).
    """

    player: int
    strategy: int
    label: str
    dominated_by: np.ndarray
    margin: Any
    round: int


@dataclass(frozen=True, eq=False)
class DominanceResult:
    """Outcome of iterated elimination.

    Attributes
    ----------
    game : NormalFormGame
        The reduced game.
    original : NormalFormGame
        The game before elimination.
    kept : tuple of tuple of int
        For each player, the original indices of the strategies that survive.
    eliminated : list of Elimination
        The removals in the order they were made.
    exact : bool
        True if every removal carries an exact certificate (a rational
        dominating strategy with a positive exact margin).
    time : float
    """

    game: NormalFormGame
    original: NormalFormGame
    kept: tuple[tuple[int, ...], ...]
    eliminated: list[Elimination]
    exact: bool
    mixed: bool
    time: float

    def embed(self, profile: Sequence[Sequence[Any]]) -> Profile:
        """Map a profile of the reduced game to the original game (zeros for removed strategies)."""
        out = []
        for i, (s, keep) in enumerate(zip(profile, self.kept)):
            n = self.original.shape[i]
            v = np.array([Fraction(0)] * n, dtype=object) if self.exact else np.zeros(n)
            for k, p in zip(keep, s):
                v[k] = p
            out.append(v)
        return tuple(out)


def _own_matrix(u: np.ndarray, i: int) -> np.ndarray:
    """Player i's payoffs as a matrix: rows her strategies, columns the others' profiles."""
    return np.moveaxis(u, i, 0).reshape(u.shape[i], -1)


def _mixed_dominator(U: np.ndarray, s: int, exact: bool, tol: float):
    """A mixed strategy over rows != s strictly dominating row s, with its margin, or None.

    LP: maximise eps subject to sum_t sigma_t U[t, c] - U[s, c] >= eps for every column c.
    """
    rows = [t for t in range(U.shape[0]) if t != s]
    if not rows:
        return None
    Uf = np.asarray(U, dtype=float)
    D = Uf[rows] - Uf[s]  # (r, C)
    r, C = D.shape
    c = np.zeros(r + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-D.T, np.ones((C, 1))])
    A_eq = np.hstack([np.ones((1, r)), np.zeros((1, 1))])
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(C), A_eq=A_eq, b_eq=[1.0], bounds=[(0, None)] * r + [(None, None)], method="highs-ds")
    if res.status != 0:
        raise SolverError(f"the dominance linear program failed: {res.message}")
    eps = -res.fun
    if eps <= tol:
        return None
    sigma = np.zeros(U.shape[0])
    sigma[rows] = np.clip(res.x[:r], 0, None)
    sigma /= sigma.sum()
    if not exact:
        margin = float((sigma @ Uf - Uf[s]).min())
        return (sigma, margin) if margin > tol else None
    # exact certificate: round the LP's dominator to rationals and check it exactly
    for den in (10**3, 10**6, 10**9):
        fr = [Fraction(float(p)).limit_denominator(den) for p in sigma]
        tot = sum(fr, Fraction(0))
        if tot <= 0:
            continue
        fr = np.array([p / tot for p in fr], dtype=object)
        margin = min(fr.dot(U[:, col]) - U[s, col] for col in range(U.shape[1]))
        if margin > 0:
            return fr, margin
    return None


def dominated_strategies(
    game: NormalFormGame, player: int | str, *, mixed: bool = True, exact: bool = False, tol: float | None = None
) -> list[tuple[int, np.ndarray, Any]]:
    """Strategies of ``player`` strictly dominated in ``game`` (one round, no iteration).

    Returns a list of ``(strategy index, dominating mixed strategy, margin)``.
    Pure dominators are tried first (vectorised); with ``mixed=True`` the
    remaining strategies are tested by one linear program each.
    """
    i = game.player_index(player)
    arr = game.arrays(exact)
    U = _own_matrix(arr[..., i], i)
    n = U.shape[0]
    bound = 0.0 if exact else (1e-9 if tol is None else tol) * max(1.0, float(np.ptp(game._float)))
    found = []
    for s in range(n):
        hit = None
        for t in range(n):
            if t == s:
                continue
            diff = U[t] - U[s]
            margin = min(diff) if exact else float(diff.min())
            if margin > bound:
                sigma = np.array([Fraction(int(k == t)) for k in range(n)], dtype=object) if exact else np.eye(n)[t]
                hit = (s, sigma, margin)
                break
        if hit is None and mixed and n > 2:
            dom = _mixed_dominator(U, s, exact, bound)
            if dom is not None:
                hit = (s, dom[0], dom[1])
        if hit is not None:
            found.append(hit)
    return found


def iterated_elimination(
    game: NormalFormGame, *, mixed: bool = True, exact: bool = False, tol: float | None = None
) -> DominanceResult:
    """Remove strictly dominated strategies until none is left.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    mixed : bool
        Also test domination by mixed strategies (one LP per strategy and
        round); with ``False`` only pure dominators are used.
    exact : bool
        Certify every removal exactly: the dominating strategy is rational and
        its margin is exactly positive.  A strategy whose dominance cannot be
        certified exactly is kept.
    tol : float, optional
        Float mode: a margin must exceed ``tol`` times the payoff range (default ``1e-9``).

    Returns
    -------
    DominanceResult
        The reduced game, the survivors' original indices and the removals in order.

    Notes
    -----
    Each round tests every surviving strategy of every player.  Pure
    domination costs ``O(n_i^2 * prod_{j != i} n_j)`` per player; mixed
    domination one LP with ``n_i`` variables and ``prod_{j != i} n_j``
    constraints per strategy.  At most ``sum_i (n_i - 1)`` rounds.

    References
    ----------
    .. [1] Gilboa, I., Kalai, E. and Zemel, E. (1990). On the order of eliminating
       dominated strategies. *Operations Research Letters* 9, 85-89.
    .. [2] Myerson, R. (1991). *Game Theory: Analysis of Conflict*, sec. 3.9 (mixed domination by LP).

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> red = gt.iterated_elimination(pd, exact=True)
    >>> red.kept
    ((1,), (1,))
    """
    start = time.perf_counter()
    keep = [list(range(n)) for n in game.shape]
    base = game.to_exact() if exact else game
    current = base
    removals: list[Elimination] = []
    rnd = 0
    changed = True
    while changed:
        changed = False
        rnd += 1
        for i in range(game.num_players):
            if len(keep[i]) == 1:
                continue
            dom = dominated_strategies(current, i, mixed=mixed, exact=exact, tol=tol)
            if not dom:
                continue
            for s, sigma, margin in dom:
                full = np.array([Fraction(0)] * game.shape[i], dtype=object) if exact else np.zeros(game.shape[i])
                for k, p in zip(keep[i], sigma):
                    full[k] = p
                orig = keep[i][s]
                removals.append(Elimination(i, orig, game.strategies[i][orig], full, margin, rnd))
            drop = {s for s, _, _ in dom}
            keep[i] = [k for idx, k in enumerate(keep[i]) if idx not in drop]
            current = base.restrict(keep)
            changed = True
    return DominanceResult(
        game=current,
        original=game,
        kept=tuple(tuple(k) for k in keep),
        eliminated=removals,
        exact=exact,
        mixed=mixed,
        time=time.perf_counter() - start,
    )

"""Iterated elimination of strictly and weakly dominated strategies (N players).

A pure strategy ``s`` of player ``i`` is *strictly dominated* by a mixed
strategy ``sigma`` of the same player when
``sum_t sigma_t u_i(t, s_{-i}) > u_i(s, s_{-i})`` for every profile ``s_{-i}``
of the others.  No strictly dominated strategy is played with positive
probability in any Nash equilibrium, and removing such strategies repeatedly
leaves the set of Nash equilibria unchanged; the end result does not depend
on the order of removal (Gilboa, Kalai and Zemel 1990).

``s`` is *weakly dominated* by ``sigma`` when
``sum_t sigma_t u_i(t, s_{-i}) >= u_i(s, s_{-i})`` for every ``s_{-i}``, with
strict inequality for at least one.  Removing weakly dominated strategies
can lose Nash equilibria, and the outcome depends on the order of removal,
so :func:`iterated_weak_elimination` takes the order as an argument; every
equilibrium of the reduced game is still an equilibrium of the original one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
from scipy.optimize import linprog

from .._linprog import solve_lp
from ..errors import InvalidGame, InvalidOption, InvalidStrategy, SolverError
from ..game import NormalFormGame, Profile

__all__ = [
    "Elimination",
    "DominanceResult",
    "iterated_elimination",
    "dominated_strategies",
    "iterated_weak_elimination",
    "weakly_dominated_strategies",
]


@dataclass(frozen=True)
class Elimination:
    """One removal: ``player``'s strategy ``strategy`` (index in the original game).

    ``dominated_by`` is the dominating mixed strategy over the player's
    original strategies (a pure strategy is a unit vector); ``margin`` is the
    smallest payoff advantage of the dominator over the removed strategy,
    against the strategies the others had left at that round (> 0 for a
    strict removal, >= 0 for a weak one).  ``total`` is, for a weak removal,
    the sum of those advantages over the others' profiles (> 0: the
    dominator is strictly better somewhere); None for a strict removal.
    """

    player: int
    strategy: int
    label: str
    dominated_by: np.ndarray
    margin: Any
    round: int
    total: Any = None


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
    mixed : bool
        True if mixed dominators were allowed.
    time : float
    kind : str
        ``"strict"`` or ``"weak"`` domination.
    order : str
        The removal order: ``"rounds"`` (strict elimination: players in turn,
        each removing all her dominated strategies), or for weak elimination
        ``"simultaneous"``, ``"sequential"`` or ``"explicit"`` (see
        :func:`iterated_weak_elimination`).
    """

    game: NormalFormGame
    original: NormalFormGame
    kept: tuple[tuple[int, ...], ...]
    eliminated: list[Elimination]
    exact: bool
    mixed: bool
    time: float
    kind: str = "strict"
    order: str = "rounds"

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


# ---------------------------------------------------------------------------------------------
# weak dominance


def _unit(n: int, t: int, exact: bool) -> np.ndarray:
    if exact:
        return np.array([Fraction(int(k == t)) for k in range(n)], dtype=object)
    return np.eye(n)[t]


def _weak_certificate(U: np.ndarray, s: int, sigma: np.ndarray, exact: bool, bound: float):
    """``(margin, total)`` if ``sigma`` weakly dominates row ``s`` of ``U``, else None.

    Exact: ``sigma @ U - U[s] >= 0`` everywhere and its sum ``> 0``, in
    Fractions.  Float: ``>= -bound`` everywhere and the sum ``> bound``.
    """
    diff = sigma.dot(U) - U[s]
    if exact:
        margin, total = min(diff), sum(diff, Fraction(0))
        return (margin, total) if margin >= 0 and total > 0 else None
    margin, total = float(diff.min()), float(diff.sum())
    return (margin, total) if margin >= -bound and total > bound else None


def _weak_mixed_dominator(U: np.ndarray, s: int, exact: bool, bound: float):
    """A mixed strategy over rows != s weakly dominating row s, or None.

    LP: maximise the total slack ``sum_c (sigma @ U[:, c] - U[s, c])`` subject
    to every slack ``>= 0``, ``sigma >= 0`` and ``sum(sigma) = 1``; row ``s`` is
    weakly dominated iff the LP is feasible with a positive optimum.  In
    exact mode the LP is solved by :func:`gametheory._linprog.solve_lp` with an
    exact simplex certificate, so the dominator is rational.
    """
    rows = [t for t in range(U.shape[0]) if t != s]
    D = U[rows] - U[s]  # (r, C): slack of each column is sigma @ D
    r, C = D.shape
    c = -D.sum(axis=1)
    if exact:
        eye = np.full((r, r), Fraction(0), dtype=object)
        eye[np.arange(r), np.arange(r)] = Fraction(-1)
        A_ub = np.vstack([-D.T, eye])
        b_ub = np.full(C + r, Fraction(0), dtype=object)
        A_eq, b_eq = np.full((1, r), Fraction(1), dtype=object), np.array([Fraction(1)], dtype=object)
    else:
        A_ub = np.vstack([-D.T, -np.eye(r)])
        b_ub = np.zeros(C + r)
        A_eq, b_eq = np.ones((1, r)), np.ones(1)
    sol = solve_lp(c, A_ub, b_ub, A_eq, b_eq, exact=exact)
    if sol.status != "optimal":
        return None
    sigma = np.array([Fraction(0)] * U.shape[0], dtype=object) if exact else np.zeros(U.shape[0])
    x = sol.x if exact else np.clip(np.asarray(sol.x, dtype=float), 0.0, None)
    if not exact:
        if x.sum() <= 0:
            return None
        x = x / x.sum()
    sigma[rows] = x
    cert = _weak_certificate(U, s, sigma, exact, bound)
    return None if cert is None else (sigma, cert[0], cert[1])


def _weak_dominators(U: np.ndarray, s: int, mixed: bool, exact: bool, bound: float):
    """``(sigma, margin, total)`` for the first pure dominator of row s (else a mixed one), or None."""
    n = U.shape[0]
    for t in range(n):
        if t == s:
            continue
        sigma = _unit(n, t, exact)
        cert = _weak_certificate(U, s, sigma, exact, bound)
        if cert is not None:
            return sigma, cert[0], cert[1]
    if mixed and n > 2:
        return _weak_mixed_dominator(U, s, exact, bound)
    return None


def _first_weakly_dominated(U: np.ndarray, mixed: bool, exact: bool, bound: float):
    """``(s, (sigma, margin, total))`` for the lowest-index weakly dominated row of ``U``, or None.

    Pure dominators are tried for every row first, so linear programs are
    only solved for the rows below the first row with a pure dominator.
    """
    n = U.shape[0]
    first = None
    for s in range(n):
        hit = _weak_dominators(U, s, False, exact, bound)
        if hit is not None:
            first = (s, hit)
            break
    if mixed and n > 2:
        for s in range(n if first is None else first[0]):
            hit = _weak_mixed_dominator(U, s, exact, bound)
            if hit is not None:
                return s, hit
    return first


def _check_dominance_args(game: Any, func: str, mixed: Any, exact: Any, tol: Any) -> None:
    if not isinstance(game, NormalFormGame):
        raise InvalidGame(f"{func}: game must be a NormalFormGame, got {type(game).__name__}")
    for name, v in (("mixed", mixed), ("exact", exact)):
        if not isinstance(v, (bool, np.bool_)):
            raise InvalidOption(f"{func}: {name} must be True or False, got {v!r}")
    if tol is not None and not (isinstance(tol, (int, float)) and np.isfinite(tol) and tol >= 0):
        raise InvalidOption(f"{func}: tol must be a nonnegative finite number, got {tol!r}")


def _bound(game: NormalFormGame, exact: bool, tol: float | None) -> float:
    return 0.0 if exact else (1e-9 if tol is None else float(tol)) * max(1.0, float(np.ptp(game._float)))


def weakly_dominated_strategies(
    game: NormalFormGame, player: int | str, *, mixed: bool = True, exact: bool = False, tol: float | None = None
) -> list[tuple[int, np.ndarray, Any, Any]]:
    """Strategies of ``player`` weakly dominated in ``game`` (one round, no iteration).

    Parameters
    ----------
    game : NormalFormGame
    player : int or str
    mixed : bool
        Also look for mixed dominators (one LP per strategy without a pure dominator).
    exact : bool
        Rational arithmetic: every returned dominator is checked exactly.
    tol : float, optional
        Float mode: a dominator may fall short by ``tol * max(1, payoff range)``
        (default ``1e-9``) and must gain more than that in total.

    Returns
    -------
    list of (strategy index, dominating mixed strategy, margin, total)
        ``margin`` is the smallest advantage of the dominator (>= 0) and
        ``total`` the sum of its advantages over the others' profiles (> 0).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]])
    >>> [s for s, *_ in weakly_dominated_strategies(g, 0, exact=True)]
    [0, 2]
    """
    _check_dominance_args(game, "weakly_dominated_strategies", mixed, exact, tol)
    i = game.player_index(player)
    U = _own_matrix(game.arrays(exact)[..., i], i)
    bound = _bound(game, exact, tol)
    found = []
    for s in range(U.shape[0]):
        hit = _weak_dominators(U, s, mixed, exact, bound)
        if hit is not None:
            found.append((s, *hit))
    return found


_ORDERS = ("simultaneous", "sequential")


def _explicit_order(game: NormalFormGame, order: Any) -> list[tuple[int, int]]:
    func = "iterated_weak_elimination"
    try:
        steps = list(order)
    except TypeError:
        raise InvalidOption(f"{func}: order must be 'simultaneous', 'sequential' or a list of (player, strategy)") from None
    out = []
    for k, step in enumerate(steps):
        if isinstance(step, (str, bytes)) or not hasattr(step, "__len__") or len(step) != 2:
            raise InvalidOption(f"{func}: order step {k} is {step!r}, not a (player, strategy) pair")
        try:
            i = game.player_index(step[0])
            out.append((i, game.strategy_index(i, step[1])))
        except InvalidStrategy as exc:
            raise InvalidOption(f"{func}: order step {k}: {exc}") from None
    return out


def iterated_weak_elimination(
    game: NormalFormGame,
    *,
    order: str | Sequence[tuple[int | str, int | str]] = "simultaneous",
    mixed: bool = True,
    exact: bool = False,
    tol: float | None = None,
) -> DominanceResult:
    """Remove weakly dominated strategies repeatedly, in a stated order.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    order : "simultaneous", "sequential" or list of (player, strategy)
        ``"simultaneous"``: each round removes every weakly dominated strategy
        of every player, all judged in the game at the start of the round,
        until none is left.  ``"sequential"``: one strategy per step, the
        lowest-index weakly dominated strategy of the player whose turn it is;
        players take turns 0, 1, ..., N-1, 0, ... (a player with none passes)
        until a full cycle removes nothing.  A list of ``(player, strategy)``
        pairs (indices or labels of the original game): exactly those
        removals in that order, each of which must be weakly dominated when
        its turn comes; nothing else is removed.
    mixed : bool
        Allow mixed dominators (an LP per strategy without a pure dominator).
    exact : bool
        Certify each removal exactly: the dominator is rational and its
        advantage is ``>= 0`` everywhere and ``> 0`` in total, in Fractions.
    tol : float, optional
        Float mode tolerance, relative to the payoff range (default ``1e-9``).

    Returns
    -------
    DominanceResult
        ``kind="weak"``, ``order`` the order's name (``"explicit"`` for a list),
        the removals in order; ``round`` counts rounds (simultaneous) or steps.

    Raises
    ------
    InvalidGame
        If ``game`` is not a NormalFormGame.
    InvalidOption
        An unknown order, a malformed step, or a listed removal that is not
        weakly dominated at its turn (or would remove a player's last strategy).

    Notes
    -----
    The outcome depends on the order (unlike strict dominance) [1]_, but
    every Nash equilibrium of the reduced game is one of the original game:
    a removed strategy does no better than its dominator against any
    profile of the others, and in a simultaneous round the undominated
    strategy with the largest total payoff among a player's best replies is
    never removed.  Hence the reduced game keeps at least one equilibrium of
    the original.  Each test costs ``O(n_i^2 prod_{j != i} n_j)`` for pure
    dominators and one LP with ``n_i - 1`` variables and ``prod_{j != i} n_j``
    constraints for a mixed one [2]_.

    References
    ----------
    .. [1] L. Samuelson, "Dominated strategies and common knowledge", Games and
       Economic Behavior 4, 284-313, 1992.
    .. [2] R. Myerson, *Game Theory: Analysis of Conflict*, sec. 2.5 and 3.9, 1991.

    Examples
    --------
    The order matters: removing T first leads to (M or B, R), removing B first to (T or M, L).

    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]])
    >>> iterated_weak_elimination(g, order="sequential", exact=True).kept
    ((1, 2), (1,))
    >>> iterated_weak_elimination(g, order=[(0, 2), (1, 1)], exact=True).kept
    ((0, 1), (0,))
    >>> iterated_weak_elimination(g, exact=True).kept
    ((1,), (0, 1))
    """
    start = time.perf_counter()
    func = "iterated_weak_elimination"
    _check_dominance_args(game, func, mixed, exact, tol)
    exact, mixed = bool(exact), bool(mixed)
    if isinstance(order, str):
        if order not in _ORDERS:
            raise InvalidOption(f"{func}: order {order!r} is unknown; use 'simultaneous', 'sequential' or a list of (player, strategy)")
        steps = None
        order_name = order
    else:
        steps = _explicit_order(game, order)
        order_name = "explicit"
    base = game.to_exact() if exact else game
    bound = _bound(base, exact, tol)
    N = game.num_players
    keep = [list(range(n)) for n in game.shape]
    arrays = base.arrays(exact)
    removals: list[Elimination] = []

    def own(i: int) -> np.ndarray:
        return _own_matrix(arrays[np.ix_(*keep)][..., i], i)

    def record(i: int, s_local: int, hit, rnd: int) -> None:
        sigma, margin, total = hit
        full = np.array([Fraction(0)] * game.shape[i], dtype=object) if exact else np.zeros(game.shape[i])
        for k, p in zip(keep[i], sigma):
            full[k] = p
        orig = keep[i][s_local]
        removals.append(Elimination(i, orig, game.strategies[i][orig], full, margin, rnd, total))

    if order_name == "simultaneous":
        rnd = 0
        while True:
            rnd += 1
            drops = []
            for i in range(N):
                if len(keep[i]) == 1:
                    continue
                U = own(i)
                hits = [(s, _weak_dominators(U, s, mixed, exact, bound)) for s in range(U.shape[0])]
                drops.append((i, [(s, h) for s, h in hits if h is not None]))
            if not any(d for _, d in drops):
                break
            for i, found in drops:
                for s, h in found:
                    record(i, s, h, rnd)
            for i, found in drops:
                gone = {s for s, _ in found}
                keep[i] = [k for idx, k in enumerate(keep[i]) if idx not in gone]
    elif order_name == "sequential":
        step, idle, i = 0, 0, 0
        while idle < N:
            hit = None
            if len(keep[i]) > 1:
                hit = _first_weakly_dominated(own(i), mixed, exact, bound)
            if hit is None:
                idle += 1
            else:
                step += 1
                idle = 0
                record(i, hit[0], hit[1], step)
                del keep[i][hit[0]]
            i = (i + 1) % N
    else:
        for step, (i, orig) in enumerate(steps, 1):
            label = f"order step {step - 1}: strategy {game.strategies[i][orig]!r} of player {game.players[i]!r}"
            if orig not in keep[i]:
                raise InvalidOption(f"{func}: {label} was already removed")
            if len(keep[i]) == 1:
                raise InvalidOption(f"{func}: {label} is the player's last strategy")
            s = keep[i].index(orig)
            h = _weak_dominators(own(i), s, mixed, exact, bound)
            if h is None:
                raise InvalidOption(f"{func}: {label} is not weakly dominated after the removals before it")
            record(i, s, h, step)
            del keep[i][s]
    return DominanceResult(
        game=base.restrict(keep),
        original=game,
        kept=tuple(tuple(k) for k in keep),
        eliminated=removals,
        exact=exact,
        mixed=mixed,
        time=time.perf_counter() - start,
        kind="weak",
        order=order_name,
    )

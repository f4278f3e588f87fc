"""Economic game classes of the GAMUT suite: war of attrition, Bertrand, Cournot, location,
minimum effort, travellers' dilemma and congestion games.

All but :func:`congestion_game` are fully determined by their parameters (no
seed).  Exact parameters (ints, Fractions, decimal strings) give an exact game;
a float parameter gives a float game.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidOption
from ..game import NormalFormGame
from ._random_games import _count, _number, _rng, _seed_text

__all__ = [
    "war_of_attrition",
    "bertrand",
    "cournot",
    "location_game",
    "minimum_effort",
    "travellers_dilemma",
    "congestion_game",
]


def _game(payoffs: np.ndarray, exact: bool, **labels: Any) -> NormalFormGame:
    return NormalFormGame(payoffs if exact else payoffs.astype(float), exact=exact, **labels)


def _grid(levels: np.ndarray, n: int) -> list[np.ndarray]:
    """Each player's strategy values broadcast along its own axis of an ``n``-player grid."""
    return [levels.reshape((-1,) + (1,) * (n - 1 - i)) for i in range(n)]


def _values(levels: Any, exact: bool) -> np.ndarray:
    return np.array([Fraction(v) for v in levels], dtype=object) if exact else np.asarray(levels, dtype=float)


def war_of_attrition(max_time: int, values: Any = (10, 10), cost: Any = 1) -> NormalFormGame:
    """Discrete two-player war of attrition (GAMUT ``WarOfAttrition``).

    Each player ``i`` picks a time ``t_i`` in ``0, 1, ..., max_time`` at which it
    concedes.  Both pay ``cost`` per period while the contest lasts
    (``cost * min(t_0, t_1)``); the player who holds out longer wins the prize
    ``values[i]``; at a tie the prize is split equally::

        u_i = values[i] * [t_i > t_j] + values[i]/2 * [t_i = t_j] - cost * min(t_0, t_1)

    Parameters
    ----------
    max_time : int
        Last period a player may concede at (>= 1); strategies ``0 .. max_time``.
    values : pair of numbers
        Each player's value of the prize (> 0).
    cost : number
        Cost per period of fighting (> 0).

    Returns
    -------
    NormalFormGame
        Shape ``(max_time + 1, max_time + 1)``; exact when the parameters are.

    Raises
    ------
    InvalidOption
        ``max_time < 1``, a non-positive value or cost, ``values`` not a pair.

    References
    ----------
    .. [1] Maynard Smith, J. (1974). The theory of games and the evolution of animal conflicts.
       *Journal of Theoretical Biology* 47, 209-221.
    .. [2] Nudelman, E., Wortman, J., Shoham, Y. and Leyton-Brown, K. (2004). Run the GAMUT. *AAMAS 2004*.

    Examples
    --------
    >>> from gametheory.generators import war_of_attrition
    >>> g = war_of_attrition(3, values=(4, 6), cost=1)
    >>> [int(x) for x in g.payoffs[2, 1]]
    [3, -1]
    """
    where = "war_of_attrition"
    T = _count(max_time, where, "max_time")
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) != 2:
        raise InvalidOption(f"{where}: values = {values!r} must be a pair (one prize value per player)")
    v = [_number(x, where, f"values[{k}]") for k, x in enumerate(values)]
    c = _number(cost, where, "cost")
    for name, x in (("values[0]", v[0]), ("values[1]", v[1]), ("cost", c)):
        if not x > 0:
            raise InvalidOption(f"{where}: {name} = {x} must be positive")
    exact = all(isinstance(x, Fraction) for x in v + [c])
    t0, t1 = _grid(_values(range(T + 1), exact), 2)
    fight = c * np.minimum(t0, t1)
    half = Fraction(1, 2) if exact else 0.5
    win0 = np.where(t0 > t1, 1, np.where(t0 == t1, half, 0))
    win1 = np.where(t1 > t0, 1, np.where(t0 == t1, half, 0))
    payoffs = np.stack([v[0] * win0 - fight, v[1] * win1 - fight], axis=-1)
    labels = [str(t) for t in range(T + 1)]
    return _game(payoffs, exact, strategies=[labels, labels],
                 title=f"war of attrition, T={T}, values=({v[0]}, {v[1]}), cost={c}")


def _price_levels(levels: Any, where: str, arg: str) -> tuple[np.ndarray, bool, list[str]]:
    if isinstance(levels, (str, bytes)) or not hasattr(levels, "__iter__"):
        raise InvalidOption(f"{where}: {arg} = {levels!r} must be a sequence of numbers")
    vals = [_number(x, where, f"{arg}[{k}]") for k, x in enumerate(levels)]
    if not vals:
        raise InvalidOption(f"{where}: {arg} is empty")
    if any(x < 0 for x in vals):
        raise InvalidOption(f"{where}: {arg} has a negative entry")
    if len(set(vals)) != len(vals):
        raise InvalidOption(f"{where}: {arg} repeats a value")
    exact = all(isinstance(x, Fraction) for x in vals)
    return _values(vals, exact), exact, [str(x) for x in vals]


def bertrand(
    n_firms: int = 2, *, prices: Any = range(11), cost: Any = 0, intercept: Any = 10, slope: Any = 1
) -> NormalFormGame:
    """Bertrand price competition with a homogeneous good (GAMUT ``BertrandOligopoly``).

    Each firm names a price from ``prices``.  Market demand at price ``p`` is
    ``D(p) = max(intercept - slope * p, 0)``; the firms naming the lowest price
    ``p_min`` share it equally, the others sell nothing; every firm has the
    constant unit cost ``cost``::

        u_i(p) = (p_i - cost) * D(p_min) / #{j : p_j = p_min}   if p_i = p_min, else 0

    With two or more firms and ``cost`` in ``prices``, every firm pricing at
    cost is a Nash equilibrium (the Bertrand paradox).

    Parameters
    ----------
    n_firms : int
        Number of firms (>= 2).
    prices : sequence of numbers
        The price grid (distinct, >= 0), the same for every firm.
    cost : number
        Unit cost (>= 0).
    intercept, slope : number
        Linear demand ``intercept - slope * p`` (both > 0).

    Returns
    -------
    NormalFormGame
        Shape ``(len(prices),) * n_firms``; exact when all parameters are exact.

    Raises
    ------
    InvalidOption
        Fewer than 2 firms, an empty, negative or repeating price grid, a
        negative cost, a non-positive intercept or slope.

    Notes
    -----
    Vectorised over all ``len(prices) ** n_firms`` profiles.

    References
    ----------
    .. [1] Bertrand, J. (1883). Theorie mathematique de la richesse sociale. *Journal des Savants*, 499-508.
    .. [2] Tirole, J. (1988). *The Theory of Industrial Organization*, ch. 5. MIT Press.

    Examples
    --------
    >>> from gametheory.generators import bertrand
    >>> g = bertrand(2, prices=range(6), cost=1, intercept=5)
    >>> [str(x) for x in g.payoffs[3, 3]]   # both at 3: demand 2, split, margin 2
    ['2', '2']
    """
    where = "bertrand"
    n = _count(n_firms, where, "n_firms", 2)
    p, exact_p, labels = _price_levels(prices, where, "prices")
    c, a, b = (_number(x, where, name) for x, name in ((cost, "cost"), (intercept, "intercept"), (slope, "slope")))
    if c < 0:
        raise InvalidOption(f"{where}: cost = {c} must be non-negative")
    if not (a > 0 and b > 0):
        raise InvalidOption(f"{where}: intercept = {a} and slope = {b} must be positive")
    exact = exact_p and all(isinstance(x, Fraction) for x in (c, a, b))
    if not exact:
        p = p.astype(float)
    grid = np.stack(np.broadcast_arrays(*_grid(p, n)), axis=-1)
    low = grid.min(axis=-1, keepdims=True)
    at_low = grid == low
    sharers = at_low.sum(axis=-1, keepdims=True)
    demand = np.maximum(a - b * low, 0)
    payoffs = np.where(at_low, (grid - c) * demand / (sharers.astype(object) if exact else sharers), 0)
    return _game(payoffs, exact, strategies=[labels] * n,
                 title=f"Bertrand oligopoly, {n} firms, cost={c}, demand {a} - {b} p")


def cournot(
    n_firms: int = 2, *, quantities: Any = range(13), cost: Any = 0, intercept: Any = 12, slope: Any = 1
) -> NormalFormGame:
    """Cournot quantity competition (GAMUT ``CournotDuopoly``, here with any number of firms).

    Each firm picks a quantity from ``quantities``; the market price is
    ``P(Q) = intercept - slope * Q`` for total quantity ``Q``, and each
    firm has unit cost ``cost``::

        u_i(q) = q_i * (P(q_0 + ... + q_{N-1}) - cost)

    The price is not floored at zero: a flooded market loses money, so
    over-supply is not an equilibrium.  The continuous game's unique equilibrium is
    ``q* = (intercept - cost) / (slope * (N + 1))`` for every firm; on an integer
    grid the pure equilibria lie within one step of ``q*`` for two firms and
    within two steps for more (discrete best responses are ``q*`` rounded).

    Parameters
    ----------
    n_firms : int
        Number of firms (>= 2).
    quantities : sequence of numbers
        Quantity grid (distinct, >= 0), the same for every firm.
    cost : number
        Unit cost (>= 0, below ``intercept``).
    intercept, slope : number
        Inverse demand ``intercept - slope * Q`` (both > 0).

    Returns
    -------
    NormalFormGame
        Shape ``(len(quantities),) * n_firms``; exact when all parameters are exact.

    Raises
    ------
    InvalidOption
        Fewer than 2 firms, a bad grid, ``cost < 0`` or ``cost >= intercept``,
        non-positive intercept or slope.

    References
    ----------
    .. [1] Cournot, A. (1838). *Recherches sur les principes mathematiques de la theorie des richesses*.
    .. [2] Tirole, J. (1988). *The Theory of Industrial Organization*, ch. 5. MIT Press.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.generators import cournot
    >>> g = cournot(2, quantities=range(13), intercept=12, cost=0)   # q* = 4
    >>> [tuple(int(p.argmax()) for p in eq) for eq in gt.enumpure(g, exact=True).equilibria]
    [(3, 5), (4, 4), (5, 3)]
    """
    where = "cournot"
    n = _count(n_firms, where, "n_firms", 2)
    q, exact_q, labels = _price_levels(quantities, where, "quantities")
    c, a, b = (_number(x, where, name) for x, name in ((cost, "cost"), (intercept, "intercept"), (slope, "slope")))
    if not (a > 0 and b > 0):
        raise InvalidOption(f"{where}: intercept = {a} and slope = {b} must be positive")
    if not 0 <= c < a:
        raise InvalidOption(f"{where}: cost = {c} must satisfy 0 <= cost < intercept = {a}")
    exact = exact_q and all(isinstance(x, Fraction) for x in (c, a, b))
    if not exact:
        q = q.astype(float)
    grid = np.stack(np.broadcast_arrays(*_grid(q, n)), axis=-1)
    total = grid.sum(axis=-1, keepdims=True)
    payoffs = grid * (a - b * total - c)
    return _game(payoffs, exact, strategies=[labels] * n,
                 title=f"Cournot oligopoly, {n} firms, cost={c}, inverse demand {a} - {b} Q")


def location_game(n_locations: int, n_players: int = 2) -> NormalFormGame:
    """Hotelling's location game on a line of ``n_locations`` points (GAMUT ``LocationGame``).

    One consumer lives at each point ``0, ..., n_locations - 1``.  Each vendor
    chooses a point; every consumer buys one unit from the nearest vendor,
    split equally between vendors at the same smallest distance.  A vendor's
    payoff is the (fractional) number of consumers it serves; payoffs sum to
    ``n_locations``.

    With two vendors and an odd number of points the unique pure Nash
    equilibrium is both vendors at the median point (minimum differentiation).

    Parameters
    ----------
    n_locations : int
        Points on the line (>= 1).
    n_players : int
        Vendors (>= 2).

    Returns
    -------
    NormalFormGame
        Exact (Fraction) payoffs of shape ``(n_locations,) * n_players``.

    Raises
    ------
    InvalidOption
        ``n_locations < 1`` or ``n_players < 2``.

    Notes
    -----
    ``O(n_players * n_locations ** (n_players + 1))`` time and memory: one
    distance per profile, vendor and consumer.

    References
    ----------
    .. [1] Hotelling, H. (1929). Stability in competition. *Economic Journal* 39, 41-57.
    .. [2] Nudelman, E., Wortman, J., Shoham, Y. and Leyton-Brown, K. (2004). Run the GAMUT. *AAMAS 2004*.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.generators import location_game
    >>> g = location_game(5)
    >>> [tuple(int(p.argmax()) for p in eq) for eq in gt.enumpure(g, exact=True).equilibria]
    [(2, 2)]
    """
    where = "location_game"
    L = _count(n_locations, where, "n_locations")
    n = _count(n_players, where, "n_players", 2)
    points = np.arange(L)
    sites = np.stack(np.broadcast_arrays(*_grid(points, n)), axis=-1)  # (L,)*n + (n,)
    dist = np.abs(sites[..., :, None] - points)  # (L,)*n + (n, consumers)
    nearest = dist == dist.min(axis=-2, keepdims=True)
    # shares in units of 1/lcm(1..n) keep the arithmetic in integers
    unit = np.lcm.reduce(np.arange(1, n + 1))
    served = (nearest * (unit // nearest.sum(axis=-2, keepdims=True))).sum(axis=-1)
    payoffs = np.frompyfunc(lambda x: Fraction(int(x), int(unit)), 1, 1)(served).astype(object)
    labels = [str(k) for k in range(L)]
    return NormalFormGame(payoffs, strategies=[labels] * n, exact=True,
                          title=f"Hotelling location game, {L} points, {n} vendors")


def minimum_effort(n_players: int = 2, n_levels: int = 7, *, a: Any = 60, b: Any = 20, c: Any = 10) -> NormalFormGame:
    """Minimum effort (weakest-link) coordination game (GAMUT ``MinimumEffortGame``).

    Each player chooses an effort level ``e_i`` in ``1, ..., n_levels``::

        u_i(e) = a + b * min_j e_j - c * e_i,      b > c > 0

    Every symmetric profile (all players at the same effort) is a strict
    Nash equilibrium, and they are Pareto-ranked by the effort level.  The
    defaults are the payoffs (in cents) of Van Huyck, Battalio and Beil (1990).

    Parameters
    ----------
    n_players : int
        Number of players (>= 2).
    n_levels : int
        Effort levels (>= 1).
    a, b, c : number
        Payoff constants with ``b > c > 0``.

    Returns
    -------
    NormalFormGame
        Exact when ``a, b, c`` are exact.

    Raises
    ------
    InvalidOption
        Fewer than 2 players or 1 level, or not ``b > c > 0``.

    References
    ----------
    .. [1] Van Huyck, J., Battalio, R. and Beil, R. (1990). Tacit coordination games, strategic
       uncertainty, and coordination failure. *American Economic Review* 80, 234-248.

    Examples
    --------
    >>> from gametheory.generators import minimum_effort
    >>> g = minimum_effort(2, 7)
    >>> [int(x) for x in g.payoffs[6, 0]]   # effort 7 against 1
    [10, 70]
    """
    where = "minimum_effort"
    n = _count(n_players, where, "n_players", 2)
    k = _count(n_levels, where, "n_levels")
    A, B, C = (_number(x, where, name) for x, name in ((a, "a"), (b, "b"), (c, "c")))
    if not B > C > 0:
        raise InvalidOption(f"{where}: need b > c > 0, got b = {B}, c = {C}")
    exact = all(isinstance(x, Fraction) for x in (A, B, C))
    efforts = np.stack(np.broadcast_arrays(*_grid(np.arange(1, k + 1), n)), axis=-1)
    low = efforts.min(axis=-1, keepdims=True)
    payoffs = (A + B * low.astype(object) - C * efforts.astype(object)) if exact else (
        float(A) + float(B) * low - float(C) * efforts)
    labels = [str(e) for e in range(1, k + 1)]
    return _game(np.asarray(payoffs), exact, strategies=[labels] * n,
                 title=f"minimum effort game, {n} players, efforts 1..{k}, u = {A} + {B} min - {C} e_i")


def travellers_dilemma(low: int = 2, high: int = 100, bonus: Any = 2) -> NormalFormGame:
    """Basu's travellers' dilemma (GAMUT ``TravelersDilemma``).

    Two travellers claim integers ``x, y`` in ``low, ..., high``.  Both receive
    the smaller claim; the lower claimant gets ``bonus`` more and the higher
    one ``bonus`` less::

        u_0(x, y) = x if x = y;  x + bonus if x < y;  y - bonus if x > y

    and symmetrically for player 1.  For ``bonus > 1`` the unique Nash
    equilibrium is ``(low, low)``; it is reached by iterated elimination of
    *weakly* dominated claims (``high`` is weakly dominated by ``high - 1``, and
    so on down), not by strict dominance alone.

    Parameters
    ----------
    low, high : int
        Smallest and largest claim, ``0 <= low < high``.
    bonus : number
        Reward for the lower claim and penalty for the higher one (> 1).

    Returns
    -------
    NormalFormGame
        Shape ``(high - low + 1, high - low + 1)``; exact when ``bonus`` is.

    Raises
    ------
    InvalidOption
        Non-integer or out-of-order claims, ``bonus <= 1``.

    References
    ----------
    .. [1] Basu, K. (1994). The traveler's dilemma: paradoxes of rationality in game theory.
       *American Economic Review* 84(2), 391-395.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.generators import travellers_dilemma
    >>> g = travellers_dilemma(2, 10)
    >>> [tuple(int(p.argmax()) for p in eq) for eq in gt.enumpure(g, exact=True).equilibria]
    [(0, 0)]
    """
    where = "travellers_dilemma"
    lo = _count(low, where, "low", 0)
    hi = _count(high, where, "high", 0)
    if not lo < hi:
        raise InvalidOption(f"{where}: low = {lo} must be below high = {hi}")
    R = _number(bonus, where, "bonus")
    if not R > 1:
        raise InvalidOption(f"{where}: bonus = {R} must exceed 1 (else (low, low) is not the unique equilibrium)")
    exact = isinstance(R, Fraction)
    claims = _values(range(lo, hi + 1), exact)
    x, y = _grid(claims, 2)
    u0 = np.where(x == y, x, np.where(x < y, x + R, y - R))
    u1 = np.where(x == y, y, np.where(y < x, y + R, x - R))
    payoffs = np.stack(np.broadcast_arrays(u0, u1), axis=-1)
    labels = [str(v) for v in range(lo, hi + 1)]
    return _game(payoffs, exact, strategies=[labels, labels],
                 title=f"travellers' dilemma, claims {lo}..{hi}, bonus={R}")


def congestion_game(
    n_players: int, n_facilities: int, *, seed: Any = None, integer: bool = False, high: int = 10
) -> NormalFormGame:
    """A random congestion game: players choose sets of facilities (GAMUT ``CongestionGame``).

    There are ``n_facilities`` facilities; each player's strategies are the
    ``2**n_facilities - 1`` non-empty subsets of them.  Facility ``f`` pays each
    of its ``k`` users ``r_f(k)``, where ``r_f(1) >= r_f(2) >= ... >= r_f(N)``
    are ``N`` sorted draws from ``U[-1, 1]`` (integers ``-high..high`` with
    ``integer=True``)::

        u_i(S) = sum_{f in S_i} r_f(n_f(S)),     n_f(S) = #{j : f in S_j}

    Rosenthal's function ``Phi(S) = sum_f sum_{k=1}^{n_f(S)} r_f(k)`` is an exact
    potential, so every congestion game has a pure Nash equilibrium (the
    maximisers of ``Phi``).

    Parameters
    ----------
    n_players : int
        Number of players (>= 2).
    n_facilities : int
        Number of facilities (1 to 6; ``2**n_facilities - 1`` strategies each).
    seed : None, int or numpy.random.Generator
    integer : bool
        Integer payoffs (an exact game).
    high : int
        Integer payoff bound with ``integer=True`` (>= 1).

    Returns
    -------
    NormalFormGame
        Strategy labels name the facility sets, e.g. ``"{1,3}"``.

    Raises
    ------
    InvalidOption
        Fewer than 2 players, ``n_facilities`` outside 1..6, ``high < 1``, a bad seed.

    Notes
    -----
    ``O(N * F * (2**F - 1) ** N)``: one loop over players, vectorised over profiles.

    References
    ----------
    .. [1] Rosenthal, R. W. (1973). A class of games possessing pure-strategy Nash equilibria.
       *International Journal of Game Theory* 2, 65-67.
    .. [2] Monderer, D. and Shapley, L. S. (1996). Potential games. *Games and Economic Behavior* 14, 124-143.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.generators import congestion_game
    >>> g = congestion_game(2, 2, seed=3, integer=True)
    >>> g.shape, len(gt.enumpure(g, exact=True).equilibria) >= 1
    ((3, 3), True)
    """
    where = "congestion_game"
    n = _count(n_players, where, "n_players", 2)
    F = _count(n_facilities, where, "n_facilities")
    if F > 6:
        raise InvalidOption(f"{where}: n_facilities = {F} gives {2**F - 1} strategies per player; at most 6 facilities")
    top = _count(high, where, "high")
    rng = _rng(seed, where)
    if integer:
        r = -np.sort(-rng.integers(-top, top, size=(F, n), endpoint=True), axis=1)
    else:
        r = -np.sort(-rng.uniform(-1.0, 1.0, size=(F, n)), axis=1)
    subsets = [c for k in range(1, F + 1) for c in itertools.combinations(range(F), k)]
    member = np.zeros((len(subsets), F), dtype=int)
    for row, c in enumerate(subsets):
        member[row, list(c)] = 1
    # player i's membership along its own axis, facilities on the last axis
    uses = [member.reshape((1,) * i + member.shape[:1] + (1,) * (n - 1 - i) + (F,)) for i in range(n)]
    counts = sum(np.broadcast_arrays(*uses))  # users of each facility, shape (S,)*n + (F,)
    # r_f(k) for k = counts, with k >= 1 wherever it is used; k = 0 reads a harmless r_f(1)
    table = np.broadcast_to(r, counts.shape[:-1] + r.shape)
    per_user = np.take_along_axis(table, (np.maximum(counts, 1) - 1)[..., None], axis=-1)[..., 0]
    payoffs = np.stack([(np.broadcast_to(u, counts.shape) * per_user).sum(axis=-1) for u in uses], axis=-1)
    labels = ["{" + ",".join(str(f + 1) for f in c) + "}" for c in subsets]
    return NormalFormGame(payoffs, strategies=[labels] * n,
                          title=f"congestion game, {n} players, {F} facilities{_seed_text(seed)}")

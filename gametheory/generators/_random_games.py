"""Random game classes of the GAMUT suite: uniform, covariant, zero-sum, coordination, dominance-solvable.

Every generator takes ``seed`` (None, an int, or a :class:`numpy.random.Generator`);
an int seed always gives the same game.  With ``integer=True`` the payoffs are
integers, so the game is exact and the rational solvers apply to it.
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Integral
from typing import Any, Sequence

import numpy as np

from .._numbers import is_exact_scalar, to_fraction
from .._random import make_rng
from ..errors import GameError, InvalidOption
from ..game import NormalFormGame

__all__ = ["uniform_random", "covariant", "zero_sum", "coordination", "dominance_solvable"]


# ----------------------------------------------------------------------- boundary checks
def _rng(seed: Any, where: str) -> np.random.Generator:
    """The generator a ``seed`` argument names (a Generator is used as is, so its state advances)."""
    return make_rng(seed, where)


def _seed_text(seed: Any) -> str:
    return f", seed={seed}" if isinstance(seed, Integral) and not isinstance(seed, bool) else ""


def _count(value: Any, where: str, arg: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise InvalidOption(f"{where}: {arg} = {value!r} must be an int")
    if value < minimum:
        raise InvalidOption(f"{where}: {arg} = {value} must be at least {minimum}")
    return int(value)


def _shape(shape: Any, where: str, min_actions: int = 1) -> tuple[int, ...]:
    if isinstance(shape, (str, bytes)) or not isinstance(shape, Sequence):
        raise InvalidOption(f"{where}: shape = {shape!r} must be a sequence of action counts, one per player")
    if len(shape) < 2:
        raise InvalidOption(f"{where}: shape = {tuple(shape)!r} has {len(shape)} players; a game needs at least 2")
    return tuple(_count(n, where, f"shape[{k}]", min_actions) for k, n in enumerate(shape))


def _number(value: Any, where: str, arg: str) -> Any:
    """A finite parameter: a Fraction when given exactly (int, Fraction, decimal string), else a float."""
    if isinstance(value, bool):
        raise InvalidOption(f"{where}: {arg} = {value!r} must be a number, not a bool")
    if is_exact_scalar(value):
        try:
            return to_fraction(value, where=f"{where}: {arg}")
        except GameError as exc:
            raise InvalidOption(f"{where}: {arg} = {value!r} is not a finite number ({exc})") from None
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InvalidOption(f"{where}: {arg} = {value!r} is not a number") from None
    if not math.isfinite(x):
        raise InvalidOption(f"{where}: {arg} = {value!r} must be finite")
    return x


def _bounds(low: Any, high: Any, integer: bool, where: str, default: tuple[int, int, int, int]) -> tuple[Any, Any]:
    """Checked payoff range; None takes ``default = (float_low, float_high, integer_low, integer_high)``."""
    if low is None:
        low = default[2] if integer else default[0]
    if high is None:
        high = default[3] if integer else default[1]
    lo, hi = _number(low, where, "low"), _number(high, where, "high")
    if integer:
        for name, v in (("low", lo), ("high", hi)):
            if not float(v).is_integer():
                raise InvalidOption(f"{where}: {name} = {v!r} must be an integer when integer=True")
        lo, hi = int(lo), int(hi)
    elif isinstance(lo, Fraction) or isinstance(hi, Fraction):
        lo, hi = float(lo), float(hi)
    if not lo < hi:
        raise InvalidOption(f"{where}: low = {low!r} must be below high = {high!r}")
    return lo, hi


def _draw(rng: np.random.Generator, size: tuple[int, ...], lo: Any, hi: Any, integer: bool) -> np.ndarray:
    if integer:
        return rng.integers(lo, hi, size=size, endpoint=True)
    return rng.uniform(float(lo), float(hi), size=size)


def _dims(shape: tuple[int, ...]) -> str:
    return "x".join(str(n) for n in shape)


# ----------------------------------------------------------------------- generators
def uniform_random(
    shape: Sequence[int], *, seed: Any = None, low: Any = None, high: Any = None, integer: bool = False
) -> NormalFormGame:
    """A game whose payoffs are independent uniform draws (GAMUT ``RandomGame``).

    ``u_i(s) ~ U[low, high]`` independently for every profile ``s`` and player
    ``i``; with ``integer=True`` uniform on the integers ``low, ..., high``.

    Parameters
    ----------
    shape : sequence of int
        Number of actions of each player (at least 2 players, each >= 1 action).
    seed : None, int or numpy.random.Generator
        Source of randomness; an int always gives the same game.
    low, high : number, optional
        Payoff range, ``low < high`` (integers when ``integer=True``); default
        ``[0, 1]``, or ``0..100`` with ``integer=True``.
    integer : bool
        Draw integer payoffs (an exact game).

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidOption
        A shape with fewer than 2 players or an empty action set, ``low >= high``,
        non-integer bounds with ``integer=True``, or a bad seed.

    Notes
    -----
    ``O(N * prod(n_i))`` draws.  Almost surely nondegenerate in float mode.

    References
    ----------
    .. [1] Nudelman, E., Wortman, J., Shoham, Y. and Leyton-Brown, K. (2004). Run the GAMUT:
       a comprehensive approach to evaluating game-theoretic algorithms. *AAMAS 2004*, 880-887.

    Examples
    --------
    >>> from gametheory.generators import uniform_random
    >>> g = uniform_random((2, 3), seed=1, low=0, high=9, integer=True)
    >>> g.shape, g.is_exact
    ((2, 3), True)
    """
    where = "uniform_random"
    dims = _shape(shape, where)
    lo, hi = _bounds(low, high, integer, where, (0, 1, 0, 100))
    rng = _rng(seed, where)
    payoffs = _draw(rng, dims + (len(dims),), lo, hi, integer)
    kind = "integers" if integer else "U"
    title = f"uniform random game {_dims(dims)}, payoffs {kind}[{lo}, {hi}]{_seed_text(seed)}"
    return NormalFormGame(payoffs, title=title)


def covariant(shape: Sequence[int], rho: Any, *, seed: Any = None) -> NormalFormGame:
    """A game whose payoffs at each profile are correlated across players (GAMUT ``CovariantGame``).

    For every profile ``s`` the payoff vector ``(u_0(s), ..., u_{N-1}(s))`` is
    multivariate normal with mean 0, variance 1 and correlation ``rho`` between
    any two players, independently across profiles.  ``rho = 1`` gives a common
    interest game (identical payoffs), ``rho = 0`` independent payoffs, and the
    smallest admissible value ``rho = -1/(N-1)`` makes ``sum_i u_i(s) = 0``
    (a zero-sum game for two players).

    Parameters
    ----------
    shape : sequence of int
        Number of actions of each player (``N >= 2`` players).
    rho : float
        Pairwise correlation, ``-1/(N-1) <= rho <= 1`` (the range on which the
        covariance matrix ``(1 - rho) I + rho J`` is positive semidefinite).
    seed : None, int or numpy.random.Generator

    Returns
    -------
    NormalFormGame
        Float payoffs.

    Raises
    ------
    InvalidOption
        ``rho`` outside ``[-1/(N-1), 1]`` or not finite; a bad shape or seed.

    Notes
    -----
    With ``z ~ N(0, I_N)`` and ``zbar`` its mean, ``u = a (z - zbar 1) + b zbar 1``
    with ``a = sqrt(1 - rho)`` and ``b = sqrt(1 + (N - 1) rho)``: this is the
    symmetric square root of the covariance matrix applied to ``z`` (its
    eigenvalues are ``1 - rho`` on the sum-zero subspace and ``1 + (N-1) rho``
    along ``1``).  Written this way, ``rho = 1`` gives bitwise identical payoffs
    and ``rho = -1/(N-1)`` sums to zero up to rounding.  ``O(N * prod(n_i))``.

    References
    ----------
    .. [1] Nudelman, E., Wortman, J., Shoham, Y. and Leyton-Brown, K. (2004). Run the GAMUT. *AAMAS 2004*.
    .. [2] Rinott, Y. and Scarsini, M. (2000). On the number of pure strategy Nash equilibria in
       random games. *Games and Economic Behavior* 33, 274-293.

    Examples
    --------
    >>> from gametheory.generators import covariant
    >>> g = covariant((3, 3), 1.0, seed=0)
    >>> bool((g.payoffs[..., 0] == g.payoffs[..., 1]).all())
    True
    """
    where = "covariant"
    dims = _shape(shape, where)
    n = len(dims)
    r = float(_number(rho, where, "rho"))
    floor = -1.0 / (n - 1)
    if r < floor - 1e-12:
        raise InvalidOption(f"{where}: rho = {rho} is below -1/(N-1) = {floor:.6g} for {n} players")
    if r > 1.0:
        raise InvalidOption(f"{where}: rho = {rho} is above 1")
    rng = _rng(seed, where)
    z = rng.standard_normal(dims + (n,))
    zbar = z.mean(axis=-1, keepdims=True)
    # clip: rho at the boundary can give -1e-17 under the square root
    a = math.sqrt(max(0.0, 1.0 - r))
    b = math.sqrt(max(0.0, 1.0 + (n - 1) * r))
    u = a * (z - zbar) + b * zbar
    return NormalFormGame(u, title=f"covariant game {_dims(dims)}, rho={r:g}{_seed_text(seed)}")


def zero_sum(
    m: int, n: int, *, seed: Any = None, low: Any = None, high: Any = None, integer: bool = False
) -> NormalFormGame:
    """A random two-player zero-sum game (GAMUT ``RandomZeroSum``).

    ``A[r, c] ~ U[low, high]`` independently and ``B = -A``; with
    ``integer=True`` ``A`` is uniform on the integers ``low, ..., high``.

    Parameters
    ----------
    m, n : int
        Numbers of actions of the row and column player (>= 1).
    seed : None, int or numpy.random.Generator
    low, high : number, optional
        Range of the row player's payoffs, ``low < high``; default ``[-1, 1]``,
        or ``-100..100`` with ``integer=True``.
    integer : bool
        Integer payoffs (an exact game).

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidOption
        ``m`` or ``n`` below 1, ``low >= high``, non-integer bounds with ``integer=True``, a bad seed.

    References
    ----------
    .. [1] Nudelman, E., Wortman, J., Shoham, Y. and Leyton-Brown, K. (2004). Run the GAMUT. *AAMAS 2004*.

    Examples
    --------
    >>> from gametheory.generators import zero_sum
    >>> zero_sum(3, 2, seed=4, low=-5, high=5, integer=True).is_zero_sum()
    True
    """
    where = "zero_sum"
    dims = (_count(m, where, "m"), _count(n, where, "n"))
    lo, hi = _bounds(low, high, integer, where, (-1, 1, -100, 100))
    A = _draw(_rng(seed, where), dims, lo, hi, integer)
    # 0 - A rather than -A keeps -0.0 out of float games
    return NormalFormGame.from_bimatrix(
        A, 0 - A, title=f"random zero-sum game {_dims(dims)}, payoffs in [{lo}, {hi}]{_seed_text(seed)}"
    )


def coordination(
    n_players: int, n_actions: int, *, seed: Any = None, integer: bool = False, high: int = 100
) -> NormalFormGame:
    """A random coordination game: everyone prefers any agreement to any miscoordination.

    Every player has ``n_actions`` actions.  At a diagonal profile (all players
    play the same action ``k``) each player's payoff is drawn from the upper half
    of the range, elsewhere from the lower half, independently per player:
    ``u_i(k, ..., k) ~ U[1/2, 1]`` and ``u_i(s) ~ U[0, 1/2)`` otherwise (with
    ``integer=True``: integers in ``[high//2 + 1, high]`` and ``[0, high//2]``).
    Hence every diagonal profile is a strict pure Nash equilibrium.

    Parameters
    ----------
    n_players : int
        Number of players (>= 2).
    n_actions : int
        Actions per player (>= 1).
    seed : None, int or numpy.random.Generator
    integer : bool
        Integer payoffs (an exact game).
    high : int
        Largest integer payoff when ``integer=True`` (>= 1).

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidOption
        Fewer than 2 players or 1 action, ``high < 1``, a bad seed.

    Notes
    -----
    GAMUT's ``CoordinationGame`` draws diagonal and off-diagonal payoffs from
    disjoint ranges in the same way; here the ranges are ``[0, 1/2)`` and ``[1/2, 1]``.

    References
    ----------
    .. [1] Nudelman, E., Wortman, J., Shoham, Y. and Leyton-Brown, K. (2004). Run the GAMUT. *AAMAS 2004*.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.generators import coordination
    >>> g = coordination(2, 3, seed=0, integer=True)
    >>> sorted(tuple(int(p.argmax()) for p in eq) for eq in gt.enumpure(g).equilibria)[:3]
    [(0, 0), (1, 1), (2, 2)]
    """
    where = "coordination"
    n = _count(n_players, where, "n_players", 2)
    k = _count(n_actions, where, "n_actions")
    top = _count(high, where, "high")
    rng = _rng(seed, where)
    dims = (k,) * n + (n,)
    diagonal = np.zeros((k,) * n, dtype=bool)
    diagonal[(np.arange(k),) * n] = True
    if integer:
        half = top // 2
        off = rng.integers(0, half, size=dims, endpoint=True)
        on = rng.integers(half + 1, top, size=dims, endpoint=True)
    else:
        off = rng.uniform(0.0, 0.5, size=dims)
        on = rng.uniform(0.5, 1.0, size=dims)
    payoffs = np.where(diagonal[..., None], on, off)
    return NormalFormGame(payoffs, title=f"coordination game, {n} players x {k} actions{_seed_text(seed)}")


def dominance_solvable(shape: Sequence[int], *, seed: Any = None, integer: bool = False) -> NormalFormGame:
    """A random game solved by iterated elimination of strictly dominated pure strategies.

    A random elimination order is drawn: a shuffled sequence in which player
    ``i`` appears ``n_i - 1`` times; at each of its turns a random surviving
    strategy ``s`` is removed in favour of another random survivor ``d``.
    Payoffs start uniform on ``[0, 1]`` (integers ``0..100``), then the steps are
    processed in *reverse* order, setting ``u_i(s, t) = u_i(d, t) - delta(t)``
    with ``delta(t) ~ U[0.1, 1]`` (integers ``1..10``) for every profile ``t`` of
    the others that is still alive at that step.  A later step never changes a
    row an earlier step compares with (``d`` outlives ``s``), so every
    prescribed domination holds and one profile survives: the unique Nash
    equilibrium.

    Parameters
    ----------
    shape : sequence of int
        Number of actions of each player (>= 2 players).
    seed : None, int or numpy.random.Generator
    integer : bool
        Integer payoffs (an exact game).

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidOption
        A bad shape or seed.

    Notes
    -----
    ``sum_i (n_i - 1)`` steps, each a vectorised update of one slice:
    ``O(sum_i n_i * prod(n))`` in all.  The order of removal does not change
    the outcome of iterated strict dominance (Gilboa, Kalai and Zemel 1990),
    so any elimination order recovers the survivor.

    References
    ----------
    .. [1] Moulin, H. (1979). Dominance solvable voting schemes. *Econometrica* 47, 1337-1351.
    .. [2] Gilboa, I., Kalai, E. and Zemel, E. (1990). On the order of eliminating dominated
       strategies. *Operations Research Letters* 9, 85-89.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.generators import dominance_solvable
    >>> g = dominance_solvable((3, 3), seed=2, integer=True)
    >>> [len(k) for k in gt.iterated_elimination(g, mixed=False, exact=True).kept]
    [1, 1]
    """
    where = "dominance_solvable"
    dims = _shape(shape, where)
    rng = _rng(seed, where)
    n = len(dims)
    if integer:
        u = rng.integers(0, 100, size=dims + (n,), endpoint=True)
    else:
        u = rng.uniform(0.0, 1.0, size=dims + (n,))
    turns = np.concatenate([np.full(k - 1, i, dtype=int) for i, k in enumerate(dims)])
    rng.shuffle(turns)
    alive = [list(range(k)) for k in dims]
    steps = []
    for i in turns:
        s, d = rng.choice(alive[i], size=2, replace=False)
        steps.append((int(i), int(s), int(d), [list(a) for a in alive]))
        alive[i].remove(int(s))
    for i, s, d, live in reversed(steps):
        others = [live[j] for j in range(n) if j != i]
        sub_shape = tuple(len(o) for o in others)
        delta = rng.integers(1, 10, size=sub_shape, endpoint=True) if integer else rng.uniform(0.1, 1.0, size=sub_shape)
        # player i's axis moved first: view[s] is the others' grid, and writes go through to u
        view = np.moveaxis(u[..., i], i, 0)
        cells = np.ix_(*others)
        view[s][cells] = view[d][cells] - delta
    return NormalFormGame(u, title=f"dominance-solvable game {_dims(dims)}{_seed_text(seed)}")

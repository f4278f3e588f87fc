"""The correlated-equilibrium polytope of a normal-form game, and incentive checks on distributions.

Conventions
-----------
A *distribution* is an array ``mu`` of shape ``game.shape`` whose entry
``mu[s_0, ..., s_{N-1}]`` is the probability of the pure profile ``s``.  Flat
vectors index the profiles in C order (``mu.reshape(-1)``), the order of
``np.ndindex(game.shape)``.

A mediator draws ``s`` from ``mu`` and tells each player ``i`` only ``s_i``.
``mu`` is a *correlated equilibrium* (CE) when no player gains by disobeying
a recommendation [1]_:

    sum_{s_-i} mu(s, s_-i) [u_i(t, s_-i) - u_i(s, s_-i)] <= 0   for all i, s != t,

and a *coarse correlated equilibrium* (CCE) when no player gains by
committing to a fixed strategy before hearing the recommendation [2]_:

    sum_s mu(s) [u_i(t, s_-i) - u_i(s)] <= 0   for all i, t.

Both sets are polytopes: ``mu >= 0``, ``sum(mu) = 1`` and the linear
incentive constraints above.  Every CE is a CCE (sum the CE rows of player
``i`` over ``s`` with ``t`` fixed), and the product of a Nash equilibrium's
mixed strategies is a CE.

References
----------
.. [1] R. J. Aumann, "Subjectivity and correlation in randomized strategies",
   Journal of Mathematical Economics 1(1), 67-96, 1974.
.. [2] H. Moulin and J.-P. Vial, "Strategically zero-sum games: the class of
   games whose completely mixed equilibria cannot be improved upon",
   International Journal of Game Theory 7, 201-221, 1978.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._numbers import to_fraction_array, to_float_array
from ..errors import InvalidGame, InvalidPayoffs, InvalidStrategy
from ..game import NormalFormGame

__all__ = [
    "CorrelatedPolytope",
    "correlated_polytope",
    "deviation_gains",
    "max_violation",
    "is_correlated_equilibrium",
    "from_profile",
]


def _check_game(game: Any, func: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise InvalidGame(f"{func}: game must be a NormalFormGame, got {type(game).__name__}")
    return game


def _own_matrix(u: np.ndarray, i: int) -> np.ndarray:
    """Player i's axis first, the others' profiles flattened: shape ``(n_i, prod_{j != i} n_j)``."""
    return np.moveaxis(u, i, 0).reshape(u.shape[i], -1)


@dataclass(frozen=True, eq=False)
class CorrelatedPolytope:
    """The CE (or CCE) polytope ``{mu : A mu <= 0, sum(mu) = 1, mu >= 0}`` of a game.

    Attributes
    ----------
    game : NormalFormGame
    coarse : bool
        True for the coarse correlated equilibria (one row per player and
        deviation), False for correlated equilibria (one row per player,
        recommendation and deviation).
    exact : bool
        True if the matrices hold Fractions (object arrays), else float64.
    A : ndarray, shape (m, P)
        Incentive constraints ``A @ mu.reshape(-1) <= 0``, ``P = prod(game.shape)``:
        row ``k`` is the expected gain of the deviation ``rows[k]``.
    rows : tuple of (int, int or None, int)
        Label of each row of ``A``: ``(player, recommended strategy, deviation)``;
        the recommended strategy is None for a coarse row (the deviation is
        made before any recommendation).
    A_eq, b_eq : ndarray
        The single equality ``sum(mu) = 1`` as a ``(1, P)`` row of ones and ``[1]``.

    Notes
    -----
    Nonnegativity ``mu >= 0`` is part of the polytope but not stored as rows;
    :meth:`inequalities` returns the full system with it.
    """

    game: NormalFormGame
    coarse: bool
    exact: bool
    A: np.ndarray
    rows: tuple
    A_eq: np.ndarray
    b_eq: np.ndarray

    @property
    def num_profiles(self) -> int:
        return self.A.shape[1]

    def inequalities(self) -> tuple[np.ndarray, np.ndarray]:
        """``(A_ub, b_ub)``: the incentive rows followed by ``-mu <= 0``, all with right-hand side 0."""
        P = self.num_profiles
        if self.exact:
            neg = np.full((P, P), Fraction(0), dtype=object)
            neg[np.arange(P), np.arange(P)] = Fraction(-1)
            return np.vstack([self.A, neg]), np.full(self.A.shape[0] + P, Fraction(0), dtype=object)
        return np.vstack([self.A, -np.eye(P)]), np.zeros(self.A.shape[0] + P)


def correlated_polytope(game: NormalFormGame, *, coarse: bool = False, exact: bool = False) -> CorrelatedPolytope:
    """The linear description of the CE (or CCE) polytope of ``game``.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    coarse : bool
        Build the coarse correlated equilibrium constraints instead.
    exact : bool
        Fractions (the game's payoffs, floats read as their shortest decimal)
        instead of float64.

    Returns
    -------
    CorrelatedPolytope

    Notes
    -----
    The CE row of ``(i, s, t)`` is zero except on the profiles where player
    ``i`` plays ``s``, where it holds ``u_i(t, s_-i) - u_i(s, s_-i)``.  The
    rows are written with one fancy-indexed assignment per player (no loop
    over profiles): ``sum_i n_i (n_i - 1)`` CE rows or ``sum_i n_i`` CCE rows
    of length ``P = prod_i n_i``, so ``O(P * sum_i n_i^2)`` time and memory.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.correlated import correlated_polytope
    >>> chicken = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> poly = correlated_polytope(chicken, exact=True)
    >>> poly.rows
    ((0, 0, 1), (0, 1, 0), (1, 0, 1), (1, 1, 0))
    >>> [str(v) for v in poly.A[0]]
    ['1', '-2', '0', '0']
    """
    _check_game(game, "correlated_polytope")
    arr = game.arrays(exact)
    P = int(np.prod(game.shape))
    profiles = np.arange(P).reshape(game.shape)
    blocks, labels = [], []
    for i, n in enumerate(game.shape):
        V = _own_matrix(arr[..., i], i)  # (n, R)
        cols = _own_matrix(profiles, i)  # flat profile index of (own strategy, others' profile)
        if coarse:
            block = np.zeros((n, P), dtype=V.dtype)
            if exact:
                block[...] = Fraction(0)
            # row t, at profile (s, r): u_i(t, r) - u_i(s, r)
            block[:, cols.reshape(-1)] = (V[:, None, :] - V[None, :, :]).reshape(n, -1)
            labels += [(i, None, t) for t in range(n)]
        else:
            s_idx, t_idx = np.nonzero(~np.eye(n, dtype=bool))
            block = np.zeros((len(s_idx), P), dtype=V.dtype)
            if exact:
                block[...] = Fraction(0)
            block[np.arange(len(s_idx))[:, None], cols[s_idx]] = V[t_idx] - V[s_idx]
            labels += [(i, int(s), int(t)) for s, t in zip(s_idx, t_idx)]
        blocks.append(block)
    A = np.vstack(blocks) if blocks else np.zeros((0, P))
    if exact:
        A_eq = np.full((1, P), Fraction(1), dtype=object)
        b_eq = np.array([Fraction(1)], dtype=object)
    else:
        A_eq, b_eq = np.ones((1, P)), np.ones(1)
    for m in (A, A_eq, b_eq):
        m.setflags(write=False)
    return CorrelatedPolytope(game, bool(coarse), bool(exact), A, tuple(labels), A_eq, b_eq)


def _distribution(game: NormalFormGame, distribution: Any, exact: bool, func: str, tol: float = 1e-9) -> np.ndarray:
    """``distribution`` validated: shape ``game.shape``, finite, nonnegative, summing to one."""
    where = f"{func}: distribution"
    arr = distribution if isinstance(distribution, np.ndarray) else np.asarray(distribution, dtype=object)
    if arr.shape != game.shape:
        raise InvalidStrategy(f"{where} has shape {arr.shape}, expected the game's shape {game.shape}")
    try:
        mu = to_fraction_array(arr, where=where) if exact else to_float_array(arr, where=where)
    except InvalidPayoffs as exc:
        raise InvalidStrategy(str(exc)) from None
    if exact:
        neg = [k for k, v in enumerate(mu.reshape(-1)) if v < 0]
        if neg:
            idx = np.unravel_index(neg[0], game.shape)
            raise InvalidStrategy(f"{where} has a negative probability {mu[idx]} at profile {tuple(map(int, idx))}")
        total = sum(mu.reshape(-1), Fraction(0))
        if total != 1:
            raise InvalidStrategy(f"{where} sums to {total}, not 1")
    else:
        if mu.size and mu.min() < -tol:
            idx = np.unravel_index(int(mu.argmin()), game.shape)
            raise InvalidStrategy(f"{where} has a negative probability {mu.min()!r} at profile {tuple(map(int, idx))}")
        if abs(mu.sum() - 1.0) > tol * max(1, mu.size):
            raise InvalidStrategy(f"{where} sums to {mu.sum()!r}, not 1")
    return mu


def _gains(game: NormalFormGame, mu: np.ndarray, coarse: bool, exact: bool) -> list[np.ndarray]:
    """Expected deviation gains of an already validated distribution (see :func:`deviation_gains`)."""
    arr = game.arrays(exact)
    out = []
    for i in range(game.num_players):
        V = _own_matrix(arr[..., i], i)
        M = _own_matrix(mu, i)  # M[s, r] = mu(s, r)
        if coarse:
            others = M.sum(axis=0)  # the others' marginal
            g = V.dot(others) - (M * V).sum()
        else:
            # G[s, t] = sum_r mu(s, r) u_i(t, r); the gain subtracts the obedient payoff G[s, s]
            G = M.dot(V.T)
            g = G - np.diag(G)[:, None]
        out.append(g)
    return out


def deviation_gains(game: NormalFormGame, distribution: Any, *, coarse: bool = False, exact: bool | None = None) -> list[np.ndarray]:
    """Each player's expected gain from each deviation under ``distribution``.

    Parameters
    ----------
    game : NormalFormGame
    distribution : array_like, shape ``game.shape``
        Probabilities of the pure profiles (nonnegative, summing to one).
    coarse : bool
        Gains of the coarse deviations (commit to ``t`` before the draw).
    exact : bool, optional
        Rational arithmetic; by default exact when the game is.

    Returns
    -------
    list of ndarray
        For a CE, entry ``i`` is an ``(n_i, n_i)`` matrix whose ``[s, t]``
        element is ``sum_{s_-i} mu(s, s_-i) [u_i(t, s_-i) - u_i(s, s_-i)]``
        (zero diagonal); for a CCE, a vector whose ``[t]`` element is
        ``sum_s mu(s) [u_i(t, s_-i) - u_i(s)]``.  ``mu`` is a (C)CE iff every
        entry is ``<= 0``.

    Raises
    ------
    InvalidStrategy
        A distribution of the wrong shape, with NaN, negative entries, or not summing to one.

    Notes
    -----
    One matrix product per player, ``O(P * sum_i n_i)``; it does not build
    the polytope, so it checks :func:`correlated_polytope` independently.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction as F
    >>> chicken = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> g = deviation_gains(chicken, [[F(1, 3), F(1, 3)], [F(1, 3), 0]])
    >>> [str(x) for x in g[0].reshape(-1)]
    ['0', '-1/3', '-1/3', '0']
    """
    _check_game(game, "deviation_gains")
    exact = game.is_exact if exact is None else bool(exact)
    mu = _distribution(game, distribution, exact, "deviation_gains")
    return _gains(game, mu, bool(coarse), exact)


def _max_gain(gains: list[np.ndarray], exact: bool):
    """The largest entry of the gains (may be negative for a CCE: correlation can beat every fixed deviation)."""
    if exact:
        return max(max(g.reshape(-1)) for g in gains)
    return max(float(np.max(g)) for g in gains)


def max_violation(game: NormalFormGame, distribution: Any, *, coarse: bool = False, exact: bool | None = None):
    """The largest incentive-constraint violation of ``distribution`` (0 at a CE/CCE).

    The maximum of ``0`` and every entry of :func:`deviation_gains`: a
    Fraction in exact mode, a float otherwise.  Same parameters and errors.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> max_violation(pd, [[1, 0], [0, 0]])
    Fraction(2, 1)
    """
    _check_game(game, "max_violation")
    exact = game.is_exact if exact is None else bool(exact)
    mu = _distribution(game, distribution, exact, "max_violation")
    return max(_max_gain(_gains(game, mu, bool(coarse), exact), exact), Fraction(0) if exact else 0.0)


def _payoff_range(game: NormalFormGame) -> float:
    return float(game._float.max() - game._float.min()) if game._float.size else 0.0


def _all_exact_entries(distribution: Any) -> bool:
    from .._numbers import is_exact_scalar

    arr = np.asarray(distribution, dtype=object)
    return all(is_exact_scalar(v) for v in arr.reshape(-1))


def is_correlated_equilibrium(
    game: NormalFormGame, distribution: Any, *, coarse: bool = False, tol: float | None = None, exact: bool | None = None
) -> bool:
    """True if ``distribution`` is a correlated (``coarse=True``: coarse correlated) equilibrium.

    Parameters
    ----------
    game : NormalFormGame
    distribution : array_like, shape ``game.shape``
    coarse : bool
    tol : float, optional
        Float mode: a gain up to ``tol * max(1, payoff range)`` is accepted
        (default ``1e-9``).
    exact : bool, optional
        Exact check (no tolerance).  By default exact when the game's
        payoffs and the distribution's entries are all exact numbers.

    Raises
    ------
    InvalidStrategy
        If the distribution is malformed (see :func:`deviation_gains`).

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction as F
    >>> chicken = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> is_correlated_equilibrium(chicken, [[F(1, 2), F(1, 4)], [F(1, 4), 0]])
    True
    """
    _check_game(game, "is_correlated_equilibrium")
    if exact is None:
        exact = game.is_exact and _all_exact_entries(distribution)
    mu = _distribution(game, distribution, bool(exact), "is_correlated_equilibrium")
    worst = _max_gain(_gains(game, mu, bool(coarse), bool(exact)), bool(exact))
    if exact:
        return worst <= 0
    base = 1e-9 if tol is None else float(tol)
    return bool(worst <= base * max(1.0, _payoff_range(game)))


def from_profile(game: NormalFormGame, profile: Any, *, exact: bool | None = None) -> np.ndarray:
    """The distribution of independent play of a mixed profile: the outer product of its strategies.

    ``mu(s) = prod_i sigma_i(s_i)``.  It is a CE iff ``profile`` is a Nash
    equilibrium, so every Nash equilibrium gives a point of the CE polytope.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence of N probability vectors (see :meth:`NormalFormGame.profile`)
    exact : bool, optional
        Fractions (default: the game's mode).

    Returns
    -------
    ndarray of shape ``game.shape`` (read-only; object array of Fractions when exact)

    Raises
    ------
    InvalidStrategy
        If ``profile`` does not fit the game.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> mu = from_profile(bos, [["2/3", "1/3"], ["1/3", "2/3"]])
    >>> [str(x) for x in mu.reshape(-1)]
    ['2/9', '4/9', '1/9', '2/9']
    """
    _check_game(game, "from_profile")
    exact = game.is_exact if exact is None else bool(exact)
    prof = game.profile(profile, exact=exact)
    mu = prof[0]
    for s in prof[1:]:
        mu = np.multiply.outer(mu, s)
    mu = np.asarray(mu, dtype=object if exact else np.float64).reshape(game.shape)
    mu.setflags(write=False)
    return mu

"""Games with a graph structure: polymatrix (pairwise) and graphical (local) games.

Each class has a deterministic builder from given pieces (``polymatrix_game``,
``graphical_game``) and a seeded random generator (``polymatrix``,
``graphical``) that draws the pieces and calls the builder.  The result is the
full normal form, so its size is ``prod(n_i)``: these are for small games.
"""

from __future__ import annotations

from numbers import Integral
from typing import Any, Mapping, Sequence

import numpy as np

from .._numbers import is_exact_scalar, to_fraction_array, to_float_array
from ..errors import GameError, InvalidGame
from ..game import NormalFormGame
from ._random_games import _bounds, _draw, _dims, _rng, _seed_text, _shape

__all__ = ["polymatrix_game", "polymatrix", "graphical_game", "graphical"]


def _table(values: Any, where: str, arg: str) -> tuple[np.ndarray, bool]:
    """A payoff table as Fractions (every entry exact) or floats, refusing NaN, inf and non-numbers."""
    arr = values if isinstance(values, np.ndarray) else np.asarray(values, dtype=object)
    exact = arr.dtype.kind in "iu" or (arr.dtype.kind == "O" and all(is_exact_scalar(v) for v in arr.reshape(-1)))
    try:
        out = to_fraction_array(arr, where=f"{where}: {arg}") if exact else to_float_array(arr, where=f"{where}: {arg}")
    except GameError as exc:
        raise InvalidGame(f"{where}: {arg} is not a finite numeric array ({exc})") from None
    return out, exact


def _spread(table: np.ndarray, axes: Sequence[int], shape: tuple[int, ...]) -> np.ndarray:
    """``table`` (one axis per entry of ``axes``, distinct players) broadcast to the full profile grid."""
    order = np.argsort(axes)
    placed = table.transpose(order)
    target = [1] * len(shape)
    for ax in axes:
        target[ax] = shape[ax]
    return np.broadcast_to(placed.reshape(target), shape)


def _player(value: Any, n: int, where: str, arg: str) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or not 0 <= value < n:
        raise InvalidGame(f"{where}: {arg} = {value!r} is not a player of a {n}-player game (0..{n - 1})")
    return int(value)


def _assemble(parts: list[list[np.ndarray]], exact: bool, shape: tuple[int, ...], title: str) -> NormalFormGame:
    n = len(shape)
    zero = np.zeros(shape, dtype=object if exact else float)
    if exact:
        zero[...] = 0
    payoffs = np.stack([sum(parts[i], zero) for i in range(n)], axis=-1)
    return NormalFormGame(payoffs, exact=exact, title=title)


def polymatrix_game(
    shape: Sequence[int], matrices: Mapping[tuple[int, int], Any], *, title: str = ""
) -> NormalFormGame:
    """The normal form of a polymatrix game given by its pairwise payoff matrices.

    ``matrices[(i, j)]`` is an ``n_i x n_j`` matrix ``M_ij``: player ``i``'s
    payoff from its interaction with player ``j``.  A player's payoff is the
    sum over its interactions::

        u_i(s) = sum_{j : (i, j) in matrices} M_ij[s_i, s_j]

    Pairs absent from ``matrices`` contribute nothing.

    Parameters
    ----------
    shape : sequence of int
        Number of actions of each player (>= 2 players).
    matrices : mapping from (int, int) to array_like
        Keys are ordered pairs of distinct players.
    title : str
        Game title (default names the class).

    Returns
    -------
    NormalFormGame
        Exact when every matrix entry is exact.

    Raises
    ------
    InvalidOption
        A bad shape.
    InvalidGame
        A key that is not a pair of distinct players, a matrix of the wrong shape
        or with NaN, infinite or non-numeric entries.

    Notes
    -----
    ``O(|matrices| * prod(n_i))``.

    References
    ----------
    .. [1] Janovskaja, E. B. (1968). Equilibrium points in polymatrix games. *Litovskii Matematicheskii
       Sbornik* 8, 381-384.
    .. [2] Howson, J. T. (1972). Equilibria of polymatrix games. *Management Science* 18, 312-318.

    Examples
    --------
    >>> from gametheory.generators import polymatrix_game
    >>> g = polymatrix_game((2, 2, 2), {(0, 1): [[1, 0], [0, 1]], (0, 2): [[2, 0], [0, 2]]})
    >>> [int(x) for x in g.payoffs[0, 0, 0]]
    [3, 0, 0]
    """
    where = "polymatrix_game"
    dims = _shape(shape, where)
    n = len(dims)
    if not isinstance(matrices, Mapping):
        raise InvalidGame(f"{where}: matrices must be a mapping from player pairs (i, j) to matrices")
    parts: list[list[np.ndarray]] = [[] for _ in range(n)]
    tables = []
    for key, M in matrices.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise InvalidGame(f"{where}: matrices key {key!r} is not a pair (i, j)")
        i, j = (_player(p, n, where, f"player in key {key!r}") for p in key)
        if i == j:
            raise InvalidGame(f"{where}: matrices key {key!r} pairs player {i} with itself")
        arr, exact = _table(M, where, f"matrices[{key!r}]")
        if arr.shape != (dims[i], dims[j]):
            raise InvalidGame(f"{where}: matrices[{key!r}] has shape {arr.shape}, expected {(dims[i], dims[j])}")
        tables.append((i, j, arr, exact))
    exact = all(t[3] for t in tables)
    for i, j, arr, _ in tables:
        parts[i].append(_spread(arr if exact else arr.astype(float), [i, j], dims))
    return _assemble(parts, exact, dims, title or f"polymatrix game {_dims(dims)}, {len(tables)} interactions")


def polymatrix(
    shape: Sequence[int],
    *,
    edges: Sequence[tuple[int, int]] | None = None,
    seed: Any = None,
    low: Any = None,
    high: Any = None,
    integer: bool = False,
) -> NormalFormGame:
    """A random polymatrix game on a graph (GAMUT ``PolymatrixGame``).

    For each undirected edge ``{i, j}`` two matrices ``M_ij`` (``n_i x n_j``) and
    ``M_ji`` (``n_j x n_i``) are drawn with independent ``U[low, high]`` entries
    (integers with ``integer=True``); then ``u_i(s) = sum_j M_ij[s_i, s_j]`` over
    the neighbours ``j`` of ``i`` (see :func:`polymatrix_game`).

    Parameters
    ----------
    shape : sequence of int
        Number of actions of each player (>= 2 players).
    edges : sequence of pairs, optional
        The interaction graph; default the complete graph.  Drawn in the order
        given (``(i, j)`` first draws ``M_ij``, then ``M_ji``).
    seed : None, int or numpy.random.Generator
    low, high : number, optional
        Entry range, ``low < high``; default ``[0, 1]``, or ``0..100`` with ``integer=True``.
    integer : bool
        Integer entries (an exact game).

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidOption
        A bad shape, range or seed.
    InvalidGame
        An edge that is not a pair of distinct players, or a repeated edge.

    References
    ----------
    .. [1] Howson, J. T. (1972). Equilibria of polymatrix games. *Management Science* 18, 312-318.
    .. [2] Nudelman, E., Wortman, J., Shoham, Y. and Leyton-Brown, K. (2004). Run the GAMUT. *AAMAS 2004*.

    Examples
    --------
    >>> from gametheory.generators import polymatrix
    >>> g = polymatrix((2, 2, 2), edges=[(0, 1), (1, 2)], seed=0, integer=True, low=0, high=5)
    >>> g.shape, g.is_exact
    ((2, 2, 2), True)
    """
    where = "polymatrix"
    dims = _shape(shape, where)
    n = len(dims)
    lo, hi = _bounds(low, high, integer, where, (0, 1, 0, 100))
    if edges is None:
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    else:
        pairs = []
        for e in edges:
            if not (isinstance(e, (tuple, list)) and len(e) == 2):
                raise InvalidGame(f"{where}: edge {e!r} is not a pair (i, j)")
            i, j = (_player(p, n, where, f"player in edge {e!r}") for p in e)
            if i == j or {i, j} in [set(p) for p in pairs]:
                raise InvalidGame(f"{where}: edge {e!r} is a loop or repeats an earlier edge")
            pairs.append((i, j))
    rng = _rng(seed, where)
    matrices = {}
    for i, j in pairs:
        matrices[(i, j)] = _draw(rng, (dims[i], dims[j]), lo, hi, integer)
        matrices[(j, i)] = _draw(rng, (dims[j], dims[i]), lo, hi, integer)
    return polymatrix_game(
        dims, matrices, title=f"random polymatrix game {_dims(dims)}, {len(pairs)} edges{_seed_text(seed)}"
    )


def graphical_game(
    shape: Sequence[int], neighbours: Sequence[Sequence[int]], tables: Sequence[Any], *, title: str = ""
) -> NormalFormGame:
    """The normal form of a graphical game given by local payoff tables.

    Player ``i``'s payoff depends only on its own action and those of its
    neighbours ``neighbours[i] = (j_1, ..., j_k)``::

        u_i(s) = tables[i][s_i, s_{j_1}, ..., s_{j_k}]

    Parameters
    ----------
    shape : sequence of int
        Number of actions of each player (>= 2 players).
    neighbours : sequence of sequences of int
        One list per player of distinct other players.
    tables : sequence of array_like
        ``tables[i]`` has shape ``(n_i, n_{j_1}, ..., n_{j_k})``.
    title : str
        Game title (default names the class).

    Returns
    -------
    NormalFormGame
        Exact when every table entry is exact.

    Raises
    ------
    InvalidOption
        A bad shape.
    InvalidGame
        Wrong number of neighbour lists or tables, a neighbour that is not
        another player or repeats, a table of the wrong shape or with
        NaN/inf/non-numeric entries.

    Notes
    -----
    The graphical representation has ``sum_i n_i * prod_{j in N(i)} n_j``
    numbers against ``N * prod(n_i)`` for the normal form built here.

    References
    ----------
    .. [1] Kearns, M., Littman, M. L. and Singh, S. (2001). Graphical models for game theory.
       *UAI 2001*, 253-260.

    Examples
    --------
    >>> from gametheory.generators import graphical_game
    >>> g = graphical_game((2, 2, 2), [[1], [0], [1]], [[[1, 0], [0, 1]]] * 3)
    >>> [int(x) for x in g.payoffs[0, 0, 1]]
    [1, 1, 0]
    """
    where = "graphical_game"
    dims = _shape(shape, where)
    n = len(dims)
    if isinstance(neighbours, (str, bytes)) or len(neighbours) != n:
        raise InvalidGame(f"{where}: neighbours must hold one list per player ({n})")
    if isinstance(tables, (str, bytes)) or len(tables) != n:
        raise InvalidGame(f"{where}: tables must hold one table per player ({n})")
    prepared = []
    for i in range(n):
        if isinstance(neighbours[i], (str, bytes)):
            raise InvalidGame(f"{where}: neighbours[{i}] must be a sequence of players")
        nb = [_player(j, n, where, f"neighbours[{i}] entry") for j in neighbours[i]]
        if i in nb or len(set(nb)) != len(nb):
            raise InvalidGame(f"{where}: neighbours[{i}] = {nb} contains player {i} itself or repeats a player")
        arr, exact = _table(tables[i], where, f"tables[{i}]")
        expected = (dims[i],) + tuple(dims[j] for j in nb)
        if arr.shape != expected:
            raise InvalidGame(f"{where}: tables[{i}] has shape {arr.shape}, expected {expected}")
        prepared.append(([i] + nb, arr, exact))
    exact = all(p[2] for p in prepared)
    parts = [[_spread(arr if exact else arr.astype(float), axes, dims)] for axes, arr, _ in prepared]
    return _assemble(parts, exact, dims, title or f"graphical game {_dims(dims)}")


def graphical(
    shape: Sequence[int],
    *,
    neighbours: Sequence[Sequence[int]] | None = None,
    seed: Any = None,
    low: Any = None,
    high: Any = None,
    integer: bool = False,
) -> NormalFormGame:
    """A random graphical game (GAMUT ``GraphicalGame``).

    Each player's local table ``tables[i]`` (own action times neighbours'
    actions) has independent ``U[low, high]`` entries (integers with
    ``integer=True``); the game is :func:`graphical_game` of these tables.

    Parameters
    ----------
    shape : sequence of int
        Number of actions of each player (>= 2 players).
    neighbours : sequence of sequences of int, optional
        Each player's neighbours; default a ring, ``i``'s neighbours being
        ``i - 1`` and ``i + 1`` modulo ``N`` (just the other player when ``N = 2``).
    seed : None, int or numpy.random.Generator
    low, high : number, optional
        Entry range, ``low < high``; default ``[0, 1]``, or ``0..100`` with ``integer=True``.
    integer : bool
        Integer entries (an exact game).

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidOption
        A bad shape, range or seed.
    InvalidGame
        A bad neighbour list (see :func:`graphical_game`).

    References
    ----------
    .. [1] Kearns, M., Littman, M. L. and Singh, S. (2001). Graphical models for game theory. *UAI 2001*.
    .. [2] Nudelman, E., Wortman, J., Shoham, Y. and Leyton-Brown, K. (2004). Run the GAMUT. *AAMAS 2004*.

    Examples
    --------
    >>> from gametheory.generators import graphical
    >>> graphical((2, 2, 2, 2), seed=0, integer=True, low=0, high=9).shape
    (2, 2, 2, 2)
    """
    where = "graphical"
    dims = _shape(shape, where)
    n = len(dims)
    lo, hi = _bounds(low, high, integer, where, (0, 1, 0, 100))
    if neighbours is None:
        neighbours = [sorted({(i - 1) % n, (i + 1) % n}) for i in range(n)]
    elif isinstance(neighbours, (str, bytes)) or len(neighbours) != n:
        raise InvalidGame(f"{where}: neighbours must hold one list per player ({n})")
    rng = _rng(seed, where)
    tables = []
    for i in range(n):
        nb = list(neighbours[i]) if not isinstance(neighbours[i], (str, bytes)) else neighbours[i]
        # graphical_game reports bad entries; here only their count and range matter for drawing
        try:
            size = (dims[i],) + tuple(dims[int(j)] for j in nb)
        except (TypeError, ValueError, IndexError):
            raise InvalidGame(f"{where}: neighbours[{i}] = {neighbours[i]!r} is not a list of players") from None
        tables.append(_draw(rng, size, lo, hi, integer))
    return graphical_game(dims, neighbours, tables, title=f"random graphical game {_dims(dims)}{_seed_text(seed)}")

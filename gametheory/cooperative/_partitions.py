"""Set partitions, coalition structures and their values in TU games.

Conventions
-----------
Players are ``0 .. n-1`` and a coalition is an ``int`` bitmask (bit ``i`` set
if and only if player ``i`` is a member), as in
:class:`~gametheory.cooperative.TUGame`.  A *partition* of the players, also
called a *coalition structure*, is a tuple of nonempty, pairwise disjoint
bitmasks whose union is the grand coalition ``2**n - 1``, in *canonical
order*: blocks sorted by their smallest member.

Partitions are enumerated in the lexicographic order of their
restricted-growth strings [1]_: ``a_0 a_1 ... a_{n-1}`` with ``a_0 = 0`` and
``a_i <= 1 + max(a_0, ..., a_{i-1})``, where ``a_i`` is the index of player
``i``'s block.  The first partition is the grand coalition, the last the
partition into singletons.  There are Bell(n) of them (1, 1, 2, 5, 15, 52,
203, 877, 4140, 21147, 115975 for ``n = 0 .. 10``).  Functions that list every
partition refuse ``n > 10`` (Bell(11) = 678570, Bell(12) = 4213597):
:func:`set_partitions` accepts an explicit ``limit`` instead, and the
dynamic programme of :func:`optimal_coalition_structure` needs no enumeration.

Values and cores
----------------
The value of a structure ``P`` of a TU game ``v`` is ``V(P) = sum_{S in P} v(S)``.
The *Aumann-Dreze core* of ``(v, P)`` [2]_ is the set of allocations ``x``
with ``x(S) = v(S)`` for every block ``S`` of ``P`` and ``x(T) >= v(T)`` for
every coalition ``T``.  It is nonempty only if ``P`` maximises ``V``, and for
every such optimal ``P`` it equals the core of the superadditive cover
``v*(S) = max {V(Q) : Q a partition of S}`` (see
:func:`core_stable_structures`).

References
----------
.. [1] D. E. Knuth, The Art of Computer Programming, Vol. 4A, Section 7.2.1.5
   ("Generating all set partitions"), Addison-Wesley, 2011.
.. [2] R. J. Aumann and J. H. Dreze, "Cooperative games with coalition
   structures", International Journal of Game Theory 3(4), 217-237, 1974.
"""

from __future__ import annotations

import functools
import itertools
import math
import time
from dataclasses import dataclass
from fractions import Fraction
from numbers import Integral
from typing import Any, Iterable, Iterator, Sequence

import numpy as np

from .._linprog import solve_lp
from ..errors import EmptyCore, InvalidOption, InvalidStrategy, NotSupported, SolverError
from ._core import _values, coalition_matrix
from ._result import CooperativeResult, finish, float_tolerance
from ._tugame import (
    TUGame,
    _labels,
    checked_game,
    coalition_bitmask,
    index_of_player,
    integer_scaled_values,
    popcounts,
    subset_sums,
)

__all__ = [
    "MAX_ENUMERATION_PLAYERS",
    "MAX_DP_PLAYERS",
    "bell_number",
    "set_partitions",
    "CoalitionStructure",
    "structure_value",
    "coalition_structures",
    "CoalitionStructures",
    "optimal_coalition_structure",
    "OptimalCoalitionStructure",
    "cs_core_point",
    "core_stable_structures",
    "CoreStableStructures",
]

#: Largest number of players for which every partition is listed (Bell(10) = 115975).
MAX_ENUMERATION_PLAYERS = 10
#: Largest number of players of the O(3**n) dynamic programme (3**16 = 43 million steps).
MAX_DP_PLAYERS = 16


# ---------------------------------------------------------------------------------------- counting


def _count(n: Any, where: str, name: str = "n") -> int:
    if isinstance(n, bool) or not isinstance(n, Integral) or n < 0:
        raise InvalidOption(f"{where}: {name} must be a nonnegative integer, got {n!r}")
    return int(n)


def bell_number(n: int) -> int:
    """The number of partitions of a set of ``n`` elements.

    Parameters
    ----------
    n : int
        Set size, ``n >= 0``.

    Returns
    -------
    int
        Bell(n), exact (a Python integer of any size).

    Raises
    ------
    InvalidOption
        If ``n`` is not a nonnegative integer.

    Notes
    -----
    Computed with the Bell triangle (Aitken's array): each row starts with the
    last entry of the previous row and each further entry adds the entry above
    it, ``B(n)`` is the first entry of row ``n`` (Knuth, cited in the module
    docstring).  ``O(n**2)`` big-integer additions.

    Examples
    --------
    >>> [bell_number(n) for n in range(8)]
    [1, 1, 2, 5, 15, 52, 203, 877]
    """
    n = _count(n, "bell_number")
    row = [1]
    for _ in range(n):
        nxt = [row[-1]]
        for x in row:
            nxt.append(nxt[-1] + x)
        row = nxt
    return row[0]


def set_partitions(n: int, *, limit: int | None = None) -> Iterator[tuple[int, ...]]:
    """All partitions of ``range(n)``, as tuples of bitmasks, in canonical order.

    Parameters
    ----------
    n : int
        Number of players, ``n >= 0`` (the empty set has one partition, ``()``).
    limit : int, optional
        Stop after this many partitions.  Required when ``n > 10``: Bell(n)
        grows faster than exponentially (Bell(15) is 1.4 billion), so listing
        everything is refused unless the caller bounds it.

    Returns
    -------
    iterator of tuple of int
        Each partition is a tuple of block bitmasks sorted by smallest member;
        partitions come in lexicographic order of their restricted-growth
        strings (see the module docstring): the grand coalition first, the
        singletons last.

    Raises
    ------
    InvalidOption
        If ``n`` or ``limit`` is not a nonnegative integer, or ``n > 10``
        without a ``limit``.  Arguments are checked when the function is
        called, not at the first ``next()``.

    Notes
    -----
    Each partition extends a partition of the first ``i`` players by putting
    player ``i`` into one of the existing blocks or into a new one (Knuth,
    cited in the module docstring); the
    generator does ``O(1)`` amortised work per partition plus the ``O(n)``
    cost of building the tuple.

    Examples
    --------
    >>> list(set_partitions(3))
    [(7,), (3, 4), (5, 2), (1, 6), (1, 2, 4)]
    >>> sum(1 for _ in set_partitions(5)) == bell_number(5)
    True
    """
    n = _count(n, "set_partitions")
    if limit is not None:
        limit = _count(limit, "set_partitions", "limit")
    elif n > MAX_ENUMERATION_PLAYERS:
        raise InvalidOption(
            f"set_partitions: n = {n} has Bell({n}) = {bell_number(n)} partitions; full enumeration is "
            f"limited to n <= {MAX_ENUMERATION_PLAYERS}, pass limit=... to take the first ones"
        )
    gen = _partitions(n)
    return gen if limit is None else itertools.islice(gen, limit)


def _partitions(n: int) -> Iterator[tuple[int, ...]]:
    if n == 0:
        yield ()
        return
    blocks = [0] * n
    blocks[0] = 1

    def place(i: int, used: int) -> Iterator[tuple[int, ...]]:
        if i == n:
            yield tuple(blocks[:used])
            return
        bit = 1 << i
        for b in range(used + 1):
            blocks[b] |= bit
            yield from place(i + 1, used + (b == used))
            blocks[b] ^= bit

    yield from place(1, 1)


@functools.lru_cache(maxsize=None)
def _partition_table(n: int) -> np.ndarray:
    """Every partition of ``range(n)`` as a row of block bitmasks padded with 0, shape ``(Bell(n), n)``.

    Same order as :func:`set_partitions`; built a player at a time with array
    operations (the rows of the last step are the leaves of the generator's
    tree in order).  Read-only: the table is shared between calls.
    """
    if n == 0:
        table = np.zeros((1, 0), dtype=np.int64)
        table.setflags(write=False)
        return table
    rgs = np.zeros((1, 1), dtype=np.int64)
    top = np.zeros(1, dtype=np.int64)  # largest block index used so far, per row
    for _ in range(1, n):
        counts = top + 2
        parent = np.repeat(np.arange(len(rgs)), counts)
        choice = np.arange(len(parent)) - np.repeat(np.cumsum(counts) - counts, counts)
        rgs = np.column_stack([rgs[parent], choice])
        top = np.maximum(top[parent], choice)
    rows = np.arange(len(rgs))
    table = np.zeros((len(rgs), n), dtype=np.int64)
    for i in range(n):
        table[rows, rgs[:, i]] |= np.int64(1) << i
    table.setflags(write=False)
    return table


def _require_enumerable(n: int, where: str, instead: str) -> None:
    """Refuse to list the Bell(n) partitions of more than :data:`MAX_ENUMERATION_PLAYERS` players.

    ``instead`` names what serves a larger game, for the message.
    """
    if n > MAX_ENUMERATION_PLAYERS:
        raise InvalidOption(
            f"{where}: the game has {n} players, i.e. Bell({n}) = {bell_number(n)} partitions; listing them is "
            f"limited to n <= {MAX_ENUMERATION_PLAYERS} ({instead})"
        )


class _StructureList:
    """Sequence access to a result's ``structures``: ``len(result)``, iteration and ``result[k]``."""

    structures: list

    def __len__(self) -> int:
        return len(self.structures)

    def __iter__(self) -> Iterator[CoalitionStructure]:
        return iter(self.structures)

    def __getitem__(self, k: int) -> CoalitionStructure:
        return self.structures[k]


# ---------------------------------------------------------------------------------------- structures


def _members(S: int) -> list[int]:
    return [i for i in range(S.bit_length()) if (S >> i) & 1]


@dataclass(frozen=True, init=False)
class CoalitionStructure:
    """A partition of the players into coalitions.

    Parameters
    ----------
    blocks : iterable of int
        Nonempty, pairwise disjoint bitmasks covering players ``0 .. n-1``
        (any order: they are stored sorted by smallest member).
    labels : sequence of str, optional
        Player labels; they fix ``n`` (default ``"1", "2", ...`` for the
        players the blocks cover).

    Attributes
    ----------
    blocks : tuple of int
        The coalitions as bitmasks, in canonical order.
    labels : tuple of str

    Raises
    ------
    InvalidStrategy
        An empty or non-integer block, overlapping blocks, or blocks that leave
        out a player.

    Notes
    -----
    Coalition structures in the sense of Aumann and Dreze (1974, cited in
    the module docstring).  Unlike the result objects, a structure compares
    by value (blocks and labels) and is hashable, so structures can be
    collected in sets.  Validation is ``O(n + |blocks|)`` bit operations.

    Examples
    --------
    >>> P = CoalitionStructure.from_coalitions([[0, 2], [1]], labels=["a", "b", "c"])
    >>> P.blocks, str(P)
    ((5, 2), '{a, c} {b}')
    >>> P.coalition_of("b"), P.assignment
    (2, (0, 1, 0))
    """

    blocks: tuple[int, ...]
    labels: tuple[str, ...]

    def __init__(self, blocks: Iterable[int], labels: Sequence[str] | None = None) -> None:
        where = "CoalitionStructure"
        masks: list[int] = []
        union = 0
        for k, b in enumerate(blocks):
            if isinstance(b, (bool, np.bool_)) or not isinstance(b, (int, np.integer)):
                raise InvalidStrategy(f"{where}: block {k} is {b!r}, not an integer bitmask")
            b = int(b)
            if b <= 0:
                raise InvalidStrategy(f"{where}: block {k} is {b}; blocks must be nonempty (positive) bitmasks")
            if union & b:
                raise InvalidStrategy(f"{where}: block {k} shares players {_members(union & b)} with an earlier block")
            union |= b
            masks.append(b)
        n = union.bit_length() if labels is None else len(labels)
        labs = _labels(labels, n, where)
        if union != (1 << n) - 1:
            missing = [i for i in range(max(n, union.bit_length())) if not (union >> i) & 1]
            extra = [i for i in range(n, union.bit_length())]
            if extra:
                raise InvalidStrategy(f"{where}: blocks contain players {extra} beyond the {n} labelled players")
            raise InvalidStrategy(f"{where}: players {missing} are in no block; a partition must cover every player")
        masks.sort(key=lambda b: b & -b)
        object.__setattr__(self, "blocks", tuple(masks))
        object.__setattr__(self, "labels", labs)

    @classmethod
    def _trusted(cls, blocks: Iterable[int], labels: tuple[str, ...]) -> "CoalitionStructure":
        """A structure from blocks already known to be a canonical partition (no checks)."""
        obj = object.__new__(cls)
        object.__setattr__(obj, "blocks", tuple(int(b) for b in blocks if b))
        object.__setattr__(obj, "labels", labels)
        return obj

    @classmethod
    def from_coalitions(
        cls, coalitions: Iterable[Any], labels: Sequence[str] | None = None, n: int | None = None
    ) -> "CoalitionStructure":
        """A structure from coalitions given as bitmasks or collections of player indices or labels.

        ``n`` defaults to the number of labels, else to the largest player index plus one.

        Examples
        --------
        >>> str(CoalitionStructure.from_coalitions([0b011, [2]]))
        '{1, 2} {3}'
        """
        where = "CoalitionStructure.from_coalitions"
        if isinstance(coalitions, (str, bytes)):
            raise InvalidStrategy(f"{where}: coalitions must be a collection of coalitions, not a string")
        coalitions = list(coalitions)
        if n is None:
            if labels is not None:
                n = len(labels)
            else:
                n = 0
                for c in coalitions:
                    if isinstance(c, (int, np.integer)) and not isinstance(c, bool):
                        n = max(n, int(c).bit_length())
                    elif not isinstance(c, str):
                        try:
                            n = max([n] + [int(p) + 1 for p in c if isinstance(p, (int, np.integer))])
                        except TypeError:
                            pass  # reported by coalition_bitmask below
        n = _count(n, where)
        labs = _labels(labels, n, where)
        return cls([coalition_bitmask(c, labs, f"{where}: coalition {k}") for k, c in enumerate(coalitions)], labs)

    @classmethod
    def from_assignment(cls, assignment: Sequence[Any], labels: Sequence[str] | None = None) -> "CoalitionStructure":
        """A structure from one coalition name per player: players with equal names share a coalition.

        One dictionary pass over the players, ``O(n)``.

        Examples
        --------
        >>> CoalitionStructure.from_assignment(["x", "y", "x"]).blocks
        (5, 2)
        """
        if isinstance(assignment, (str, bytes)):
            raise InvalidStrategy("CoalitionStructure.from_assignment: assignment must be a sequence, not a string")
        blocks: dict[Any, int] = {}
        for i, a in enumerate(assignment):
            try:
                blocks[a] = blocks.get(a, 0) | (1 << i)
            except TypeError:
                raise InvalidStrategy(
                    f"CoalitionStructure.from_assignment: assignment[{i}] = {a!r} is not hashable"
                ) from None
        if labels is None and not blocks:
            labels = []  # no players: nothing to infer the count from
        return cls(blocks.values(), labels)

    @property
    def n(self) -> int:
        """Number of players.

        Examples
        --------
        >>> CoalitionStructure([3, 4]).n
        3
        """
        return len(self.labels)

    @property
    def coalitions(self) -> tuple[tuple[int, ...], ...]:
        """The blocks as tuples of player indices.

        Examples
        --------
        >>> CoalitionStructure([5, 2]).coalitions
        ((0, 2), (1,))
        """
        return tuple(tuple(_members(b)) for b in self.blocks)

    @property
    def assignment(self) -> tuple[int, ...]:
        """Index (into ``blocks``) of each player's coalition: the restricted-growth string.

        Examples
        --------
        >>> CoalitionStructure([5, 2]).assignment
        (0, 1, 0)
        """
        out = [0] * self.n
        for k, b in enumerate(self.blocks):
            for i in _members(b):
                out[i] = k
        return tuple(out)

    def named(self) -> tuple[tuple[str, ...], ...]:
        """The blocks as tuples of player labels.

        Examples
        --------
        >>> CoalitionStructure([5, 2], labels=["a", "b", "c"]).named()
        (('a', 'c'), ('b',))
        """
        return tuple(tuple(self.labels[i] for i in c) for c in self.coalitions)

    def coalition_of(self, player: int | str) -> int:
        """Bitmask of the coalition containing ``player`` (an index or a label).

        Examples
        --------
        >>> CoalitionStructure([5, 2], labels=["a", "b", "c"]).coalition_of("c")
        5
        """
        i = index_of_player(player, self.labels, "CoalitionStructure.coalition_of")
        return next(b for b in self.blocks if (b >> i) & 1)

    def __len__(self) -> int:
        return len(self.blocks)

    def __iter__(self) -> Iterator[int]:
        return iter(self.blocks)

    def __str__(self) -> str:
        return " ".join("{" + ", ".join(c) + "}" for c in self.named())

    def __repr__(self) -> str:
        return f"CoalitionStructure({self})"


def _as_structure(partition: Any, n: int, labels: tuple[str, ...], where: str) -> CoalitionStructure:
    """Validate a partition argument (a CoalitionStructure or a collection of coalitions) for ``n`` players."""
    if isinstance(partition, CoalitionStructure):
        if partition.n != n:
            raise InvalidStrategy(f"{where}: partition is a structure of {partition.n} players, the game has {n}")
        return partition if partition.labels == labels else CoalitionStructure._trusted(partition.blocks, labels)
    if isinstance(partition, (str, bytes)) or not isinstance(partition, Iterable):
        raise InvalidStrategy(
            f"{where}: partition must be a CoalitionStructure or a collection of coalitions, "
            f"got {type(partition).__name__}"
        )
    masks = [coalition_bitmask(c, labels, f"{where}: partition coalition {k}") for k, c in enumerate(partition)]
    union = 0
    for k, S in enumerate(masks):
        if S == 0:
            raise InvalidStrategy(f"{where}: partition coalition {k} is empty")
        if union & S:
            who = [labels[i] for i in _members(union & S)]
            raise InvalidStrategy(f"{where}: partition coalition {k} repeats players {who} of an earlier coalition")
        union |= S
    if union != (1 << n) - 1:
        who = [labels[i] for i in range(n) if not (union >> i) & 1]
        raise InvalidStrategy(f"{where}: partition leaves players {who} in no coalition")
    return CoalitionStructure._trusted(sorted(masks, key=lambda b: b & -b), labels)


# ---------------------------------------------------------------------------------------- TU games


def _tu_values(game: Any, where: str, exact: Any) -> np.ndarray:
    """The dense values of a validated TU game, exact or float as ``exact`` asks."""
    game, exact = checked_game(game, exact, where)
    return _values(game, exact)


def _from_scaled(x: Any, den: int) -> Fraction:
    return Fraction(int(x), den)


def structure_value(game: TUGame, partition: Any, *, exact: bool = False) -> Any:
    """The value ``V(P) = sum_{S in P} v(S)`` of a coalition structure.

    Parameters
    ----------
    game : TUGame
    partition : CoalitionStructure or collection of coalitions
        Coalitions as bitmasks or collections of player indices or labels.
    exact : bool
        Return a Fraction (float game values become their shortest decimal)
        instead of a float.

    Returns
    -------
    Fraction or float

    Raises
    ------
    InvalidStrategy
        If ``partition`` is not a partition of the game's players.

    Notes
    -----
    The value of a structure as in Aumann and Dreze (1974, cited in the
    module docstring): one lookup per block, ``O(n)`` after validating the
    partition (float sums with ``math.fsum``).

    Examples
    --------
    >>> from gametheory.cooperative import TUGame
    >>> g = TUGame.glove(left=1, right=2)
    >>> structure_value(g, [["L1", "R1"], ["R2"]], exact=True)
    Fraction(1, 1)
    """
    where = "structure_value"
    values = _tu_values(game, where, exact)
    P = _as_structure(partition, game.n, game.labels, where)
    if exact:
        return sum((values[S] for S in P.blocks), Fraction(0))
    return float(math.fsum(float(values[S]) for S in P.blocks))


@dataclass(frozen=True, eq=False)
class CoalitionStructures:
    """Every coalition structure of a TU game with its value.

    Attributes
    ----------
    game : TUGame
    table : ndarray of int64, shape ``(Bell(n), n)``
        Row ``k`` holds the blocks of structure ``k`` as bitmasks, padded with
        zeros, in the order of :func:`set_partitions` (read-only).
    values : ndarray
        ``V(P)`` of each structure (Fractions when ``exact``, else float64).
    exact : bool
    optimum : Fraction or float
        The largest value.
    time : float
        Wall-clock seconds.

    Indexing gives :class:`CoalitionStructure` objects: ``result[k]``, and
    iteration runs over all of them.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, coalition_structures
    >>> res = coalition_structures(TUGame([0, 1, 1, 2]), exact=True)
    >>> len(res), str(res[1]), res.optimum
    (2, '{1} {2}', Fraction(2, 1))
    """

    game: TUGame
    table: np.ndarray
    values: np.ndarray
    exact: bool
    optimum: Any
    time: float = 0.0

    def __len__(self) -> int:
        return len(self.table)

    def __getitem__(self, k: int) -> CoalitionStructure:
        return CoalitionStructure._trusted(self.table[k], self.game.labels)

    def __iter__(self) -> Iterator[CoalitionStructure]:
        return (self[k] for k in range(len(self)))

    def optimal(self, tol: float | None = None) -> list[CoalitionStructure]:
        """The structures of largest value (exactly, or within ``tol`` times the value scale in float mode).

        One comparison per structure, ``O(Bell(n))``.

        Examples
        --------
        >>> from gametheory.cooperative import TUGame, coalition_structures
        >>> [str(P) for P in coalition_structures(TUGame([0, 1, 1, 2])).optimal()]
        ['{1, 2}', '{1} {2}']
        """
        if self.exact:
            hit = np.flatnonzero(self.values == self.optimum)
        else:
            bound = float_tolerance(self.game, tol, factor=max(1, self.game.n))
            hit = np.flatnonzero(self.values >= self.optimum - bound)
        return [self[int(k)] for k in hit]


def _all_structure_values(game: TUGame, exact: bool, where: str) -> tuple[np.ndarray, np.ndarray]:
    values = _tu_values(game, where, exact)
    n = game.n
    _require_enumerable(n, where, "optimal_coalition_structure needs no enumeration")
    table = _partition_table(n)
    if exact:
        scaled, den = integer_scaled_values(game)
        sums = scaled[table].sum(axis=1)  # padding 0 is the empty coalition, v = 0
        out = np.empty(len(sums), dtype=object)
        out[:] = [_from_scaled(s, den) for s in sums]
    else:
        out = values[table].sum(axis=1)
    out.setflags(write=False)
    return table, out


def coalition_structures(game: TUGame, *, exact: bool = False) -> CoalitionStructures:
    """Every coalition structure of a game with at most 10 players, with its value.

    Parameters
    ----------
    game : TUGame
        Dense, ``n <= 10``.
    exact : bool
        Values as Fractions (computed in integer arithmetic over a common
        denominator) instead of floats.

    Returns
    -------
    CoalitionStructures

    Raises
    ------
    InvalidOption
        If ``n > 10``.

    Notes
    -----
    Exhaustive coalition structure generation, the baseline of Sandholm et
    al. [1]_.  ``O(n Bell(n))`` with array operations: the partitions are
    built once as a table of bitmasks and ``V`` is one gather-and-sum over it.

    References
    ----------
    .. [1] T. Sandholm, K. Larson, M. Andersson, O. Shehory and F. Tohme,
       "Coalition structure generation with worst case guarantees",
       Artificial Intelligence 111(1-2), 209-238, 1999.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame
    >>> res = coalition_structures(TUGame([0, 1, 1, 3]), exact=True)
    >>> [(str(P), str(v)) for P, v in zip(res, res.values)]
    [('{1, 2}', '3'), ('{1} {2}', '2')]
    """
    start = time.perf_counter()
    table, values = _all_structure_values(game, exact, "coalition_structures")
    optimum = max(values) if exact else float(np.max(values))
    return CoalitionStructures(game, table, values, exact, optimum, time.perf_counter() - start)


@dataclass(frozen=True, eq=False)
class OptimalCoalitionStructure:
    """A coalition structure of largest value, from the dynamic programme.

    Attributes
    ----------
    game : TUGame
    structure : CoalitionStructure
        An optimal structure.
    value : Fraction or float
        Its value ``V(P) = max_Q V(Q)``.
    cover : ndarray
        The superadditive cover ``v*(S)``, the best value of a partition of
        ``S``, for every bitmask ``S`` (so ``cover[-1] == value``).
    exact : bool
    method : str
        ``"dynamic programming"``.
    time : float

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, optimal_coalition_structure
    >>> print(optimal_coalition_structure(TUGame([0, 1, 1, 3]), exact=True))
    optimal coalition structure {1, 2} with value 3
    """

    game: TUGame
    structure: CoalitionStructure
    value: Any
    cover: np.ndarray
    exact: bool
    method: str = "dynamic programming"
    time: float = 0.0

    def __str__(self) -> str:
        v = self.value if self.exact else f"{self.value:.6g}"
        return f"optimal coalition structure {self.structure} with value {v}"


def _submask_bits(k: int) -> np.ndarray:
    """Matrix ``(2**k, k)`` of 0/1: row ``r`` holds the binary digits of ``r``."""
    r = np.arange(1 << k, dtype=np.int64)
    return (r[:, None] >> np.arange(k, dtype=np.int64)) & 1


def optimal_coalition_structure(game: TUGame, *, exact: bool = False) -> OptimalCoalitionStructure:
    """A coalition structure of largest total value, by dynamic programming over subsets.

    Parameters
    ----------
    game : TUGame
        Dense, ``n <= 16``.
    exact : bool
        Exact rational arithmetic (done in integers over a common
        denominator); otherwise float64.

    Returns
    -------
    OptimalCoalitionStructure
        The structure, its value and the superadditive cover ``v*``.

    Raises
    ------
    NotSupported
        If ``n > 16``.
    SolverError
        If the reconstructed structure fails its check (a bug).

    Notes
    -----
    With ``f(empty) = 0``, the recursion [1]_ [2]_

        f(S) = max { v(T) + f(S \\ T) : T subset of S, T contains the smallest member of S }

    gives ``f(S) = v*(S)``, the best value of a partition of ``S``; requiring
    ``T`` to hold the smallest member counts each split once.  All coalitions
    of one size are processed together, so the ``sum_S 2**(|S|-1) = (3**n + 1) / 2``
    candidate splits are evaluated in ``n`` vectorised steps (chunked to bound
    memory).  ``O(3**n)`` time.  Before returning, the structure read back
    from the argmax table is checked to be a partition whose value equals
    ``f(N)``.

    References
    ----------
    .. [1] D. Y. Yeh, "A dynamic programming approach to the complete set
       partitioning problem", BIT 26(4), 467-474, 1986.
    .. [2] T. Rahwan and N. R. Jennings, "An improved dynamic programming
       algorithm for coalition structure generation", Proceedings of AAMAS
       2008, 1417-1420.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame
    >>> g = TUGame.from_function(4, lambda S: {0: 0, 1: 0, 2: 3, 3: 4, 4: 5}[len(S)])
    >>> res = optimal_coalition_structure(g, exact=True)
    >>> str(res.structure), res.value
    ('{1, 2} {3, 4}', Fraction(6, 1))
    """
    start = time.perf_counter()
    where = "optimal_coalition_structure"
    values = _tu_values(game, where, exact)
    n = game.n
    if n > MAX_DP_PLAYERS:
        raise NotSupported(f"{where}: the O(3**n) dynamic programme is limited to n <= {MAX_DP_PLAYERS}, got n = {n}")
    if exact:
        work, den = integer_scaled_values(game)
    else:
        work, den = np.asarray(values, dtype=np.float64), 1
    size = 1 << n
    f = work.copy()
    choice = np.arange(size, dtype=np.int64)  # the block T of the best split of S (T = S: no split)
    sizes = popcounts(n)
    masks = np.arange(size, dtype=np.int64)
    members = coalition_matrix(n)
    for p in range(2, n + 1):
        layer = masks[sizes == p]
        # positions of each coalition's members, ascending: column 0 is the smallest
        pos = np.nonzero(members[layer])[1].reshape(len(layer), p)
        low = np.int64(1) << pos[:, 0]
        rest_bits = np.int64(1) << pos[:, 1:]
        bits = _submask_bits(p - 1)
        chunk = max(1, (1 << 21) >> (p - 1))
        for a in range(0, len(layer), chunk):
            S = layer[a:a + chunk]
            subs = rest_bits[a:a + chunk] @ bits.T  # (chunk, 2**(p-1)): the submasks of S minus its low bit
            T = low[a:a + chunk, None] | subs
            cand = work[T] + f[S[:, None] ^ T]
            k = np.argmax(cand, axis=1)
            rows = np.arange(len(S))
            f[S] = cand[rows, k]
            choice[S] = T[rows, k]
    blocks = []
    S = size - 1
    while S:
        T = int(choice[S])
        blocks.append(T)
        S ^= T
    structure = CoalitionStructure(blocks, game.labels)
    if exact:
        cover = np.empty(size, dtype=object)
        cover[:] = [_from_scaled(x, den) for x in f]
        value = cover[-1]
        check = sum((values[T] for T in blocks), Fraction(0))
        ok = check == value and all(c >= v for c, v in zip(cover, values))
    else:
        cover = f
        value = float(f[-1])
        check = math.fsum(float(values[T]) for T in blocks)
        tol = float_tolerance(game, None, factor=n)
        ok = abs(check - value) <= tol and bool(np.all(cover >= values - tol))
    if not ok:
        raise SolverError(f"{where}: the structure read back from the dynamic programme has value {check}, not {value}")
    cover.setflags(write=False)
    return OptimalCoalitionStructure(game, structure, value, cover, exact, time=time.perf_counter() - start)


# ---------------------------------------------------------------------------------------- Aumann-Dreze core


def _cs_core(values: np.ndarray, n: int, blocks: tuple[int, ...], exact: bool) -> tuple[Any, Any]:
    """Solve ``min eps`` s.t. ``x(S) = v(S)`` for S in P, ``x(T) + eps >= v(T)`` for the other T.

    Returns ``(x, eps)``; with one player every coalition is a block and ``eps`` is 0
    (the convention of :func:`~gametheory.cooperative.least_core`).
    """
    size = 1 << n
    masks = np.arange(size, dtype=np.int64)
    M = coalition_matrix(n).astype(np.int64)
    in_P = np.zeros(size, dtype=bool)
    in_P[list(blocks)] = True
    others = masks[(masks != 0) & ~in_P]
    blocks_arr = np.array(blocks, dtype=np.int64)
    if len(others) == 0:
        x = [values[1 << i] for i in range(n)]
        return np.array(x, dtype=object if exact else np.float64), (Fraction(0) if exact else 0.0)
    # variables (x_0 .. x_{n-1}, eps); rows "-x(T) - eps <= -v(T)" and "x(S) = v(S)"
    A_ub = np.hstack([-M[others], -np.ones((len(others), 1), dtype=np.int64)])
    A_eq = np.hstack([M[blocks_arr], np.zeros((len(blocks_arr), 1), dtype=np.int64)])
    c = np.zeros(n + 1, dtype=np.int64)
    c[-1] = 1
    b_ub = -values[others]
    b_eq = values[blocks_arr]
    sol = solve_lp(c, A_ub, b_ub, A_eq, b_eq, exact=exact)
    if sol.status != "optimal":
        # the LP is feasible (take x = v on blocks, eps large) and eps >= max_T v(T) - x(T) bounds it
        raise SolverError(f"cs_core_point: the linear program returned status {sol.status!r}")
    return sol.x[:n], sol.x[n]


def _cs_residuals(values: np.ndarray, n: int, blocks: tuple[int, ...], x: np.ndarray, exact: bool):
    """``(block gap, max excess)``: largest ``|x(S) - v(S)|`` over blocks, largest ``v(T) - x(T)`` over the rest."""
    xs = subset_sums(np.asarray(x, dtype=object if exact else np.float64))
    gap_terms = [abs(xs[S] - values[S]) for S in blocks]
    gap = max(gap_terms) if gap_terms else (Fraction(0) if exact else 0.0)
    in_P = np.zeros(1 << n, dtype=bool)
    in_P[list(blocks)] = True
    in_P[0] = True
    excess = (values - xs)[~in_P]
    worst = max(excess) if len(excess) else None
    return gap, worst


def cs_core_point(
    game: TUGame,
    partition: Any,
    *,
    exact: bool = False,
    allow_empty: bool = False,
    tol: float | None = None,
) -> CooperativeResult:
    """A point of the Aumann-Dreze core of ``(v, P)``, or a proof that it is empty.

    Parameters
    ----------
    game : TUGame
        Dense.  The LP has ``2**n`` rows: intended for ``n`` up to about 12.
    partition : CoalitionStructure or collection of coalitions
        The structure ``P`` (bitmasks or collections of player indices/labels).
    exact : bool
        Solve and certify in rational arithmetic (float values become their
        shortest decimal).
    allow_empty : bool
        When the core of ``(v, P)`` is empty, return a result with
        ``status="empty"`` (and the allocation that comes closest) instead of
        raising :class:`~gametheory.errors.EmptyCore`.
    tol : float, optional
        Float mode: relative tolerance of the certificate and of the
        emptiness test (default 1e-9 times ``max(1, max |v(S)|)``).

    Returns
    -------
    CooperativeResult
        ``method="cs_core"``; ``allocation`` is an ``x`` with ``x(S) = v(S)``
        on the blocks minimising the largest excess ``v(T) - x(T)`` over the
        other coalitions; ``epsilon`` is that least excess (``<= 0`` exactly
        when the core of ``(v, P)`` is nonempty); ``details["structure"]`` is
        the structure.

    Raises
    ------
    EmptyCore
        If the core of ``(v, P)`` is empty and ``allow_empty`` is False.
    InvalidStrategy
        If ``partition`` is not a partition of the players.

    Notes
    -----
    The Aumann-Dreze core [1]_ is ``{x : x(S) = v(S) for S in P, x(T) >= v(T)
    for all T}``.  The linear program

        min eps  s.t.  x(S) = v(S) (S in P),  x(T) + eps >= v(T) (T not in P)

    finds a point of it when ``eps* <= 0``: it maximises the smallest surplus
    of the coalitions that are not blocks (a least-core point relative to
    ``P``).  The core is nonempty only if ``P`` is an optimal structure
    (:func:`core_stable_structures`).  One LP with ``n + 1`` variables and
    ``2**n - 1`` constraints, solved by HiGHS; exact mode certifies the vertex
    by exact simplex, and the returned ``x`` is checked exactly (exact) or
    against the tolerance (float).

    References
    ----------
    .. [1] R. J. Aumann and J. H. Dreze, "Cooperative games with coalition
       structures", International Journal of Game Theory 3(4), 217-237, 1974.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame
    >>> g = TUGame.glove(left=1, right=2)
    >>> res = cs_core_point(g, [["L1", "R1"], ["R2"]], exact=True)
    >>> [str(v) for v in res.allocation], res.status
    (['1', '0', '0'], 'ok')
    """
    start = time.perf_counter()
    where = "cs_core_point"
    values = _tu_values(game, where, exact)
    n = game.n
    P = _as_structure(partition, n, game.labels, where)
    if n > MAX_DP_PLAYERS:
        raise NotSupported(f"{where}: the linear program has 2**n rows; limited to n <= {MAX_DP_PLAYERS}, got {n}")
    x, eps = _cs_core(values, n, P.blocks, exact)
    if not exact:
        x, eps = x + 0.0, float(eps) + 0.0  # no -0.0 in reports
    gap, worst = _cs_residuals(values, n, P.blocks, x, exact)
    bound = float_tolerance(game, tol, factor=max(1, n))
    if exact:
        empty = worst is not None and worst > 0
        # the LP optimum is exact: at the returned x the largest excess is eps itself
        residual = gap + (abs(worst - eps) if worst is not None else 0)
    else:
        empty = worst is not None and worst > bound
        residual = max(float(gap), abs(float(worst) - float(eps)) if worst is not None else 0.0)
    params = {"partition": str(P), "allow_empty": allow_empty}
    details = {"structure": P}
    if empty:
        if not allow_empty:
            raise EmptyCore(
                f"{where}: the Aumann-Dreze core of the structure {P} is empty (least excess {eps} > 0); "
                "pass allow_empty=True for the closest allocation"
            )
        return finish(
            game, "cs_core", x, exact=exact, residual=residual, start=start, tol=bound, parameters=params,
            status="empty", message=f"the core of the structure {P} is empty: some coalition T gets less than v(T) "
            f"under every allocation that pays each block its value (least excess {eps})",
            epsilon=eps, max_excess=worst, details=details,
        )
    if not exact:
        residual = max(residual, float(worst) if worst is not None and worst > 0 else 0.0)
    return finish(
        game, "cs_core", x, exact=exact, residual=residual, start=start, tol=bound, parameters=params,
        epsilon=eps, max_excess=worst, details=details,
    )


@dataclass(frozen=True, eq=False)
class CoreStableStructures(_StructureList):
    """The coalition structures whose Aumann-Dreze core is nonempty.

    Attributes
    ----------
    game : TUGame
    structures : list of CoalitionStructure
        Every structure ``P`` with a nonempty core of ``(v, P)``: either all
        optimal structures or none.
    points : list of ndarray
        For each structure, an allocation in its core (the same point serves
        all of them, see :func:`core_stable_structures`), checked for each.
    optimal : list of CoalitionStructure
        Every structure of largest value (the candidates).
    value : Fraction or float
        The largest structure value ``v*(N)``.
    core_point : CooperativeResult
        The LP certificate for the first optimal structure (status ``"empty"``
        when no structure is core stable).
    exact : bool
    time : float

    ``len``, iteration and indexing run over ``structures``.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, core_stable_structures
    >>> res = core_stable_structures(TUGame.glove(left=1, right=2), exact=True)
    >>> len(res), str(res[1]), res.value
    (3, '{L1, R1} {R2}', Fraction(1, 1))
    """

    game: TUGame
    structures: list
    points: list
    optimal: list
    value: Any
    core_point: CooperativeResult
    exact: bool
    time: float = 0.0


def core_stable_structures(game: TUGame, *, exact: bool = False, tol: float | None = None) -> CoreStableStructures:
    """Every coalition structure with a nonempty Aumann-Dreze core (n <= 10), with a core point each.

    Parameters
    ----------
    game : TUGame
        Dense, ``n <= 10``.
    exact : bool
        Exact rational arithmetic and an exact certificate.
    tol : float, optional
        Float mode tolerance (see :func:`cs_core_point`).

    Returns
    -------
    CoreStableStructures

    Raises
    ------
    InvalidOption
        If ``n > 10``.

    Notes
    -----
    If ``x`` is in the core of ``(v, P)`` then for every structure ``Q``,
    ``V(Q) = sum_{T in Q} v(T) <= sum_{T in Q} x(T) = x(N) = V(P)``: only
    optimal structures can have a nonempty core.  Conversely, for an optimal
    ``P`` the core of ``(v, P)`` is the core of the superadditive cover
    ``v*`` [1]_ [2]_, the same set for every optimal ``P``.  So one LP
    (:func:`cs_core_point` on one optimal structure) decides all structures,
    and its point is checked against every optimal structure.  The optimal
    structures are found among all ``Bell(n)`` structures in ``O(n Bell(n))``
    array operations.

    References
    ----------
    .. [1] R. J. Aumann and J. H. Dreze, "Cooperative games with coalition
       structures", International Journal of Game Theory 3(4), 217-237, 1974.
    .. [2] J. Greenberg, "Coalition structures", in R. J. Aumann and S. Hart
       (eds.), Handbook of Game Theory with Economic Applications, Vol. 2,
       Chapter 37, 1305-1337, Elsevier, 1994.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame
    >>> res = core_stable_structures(TUGame.glove(left=1, right=2), exact=True)
    >>> [str(P) for P in res.structures]
    ['{L1, R1, R2}', '{L1, R1} {R2}', '{L1, R2} {R1}']
    >>> [str(v) for v in res.points[0]]
    ['1', '0', '0']
    """
    start = time.perf_counter()
    where = "core_stable_structures"
    table, totals = _all_structure_values(game, exact, where)
    listing = CoalitionStructures(game, table, totals, exact, max(totals) if exact else float(np.max(totals)))
    optimal = listing.optimal(tol)
    values = _tu_values(game, where, exact)
    first = cs_core_point(game, optimal[0], exact=exact, allow_empty=True, tol=tol)
    structures, points = [], []
    if first.status == "ok":
        x = first.allocation
        bound = float_tolerance(game, tol, factor=max(1, game.n))
        for P in optimal:
            gap, worst = _cs_residuals(values, game.n, P.blocks, x, exact)
            bad = (gap != 0 or (worst is not None and worst > 0)) if exact else (
                gap > bound or (worst is not None and worst > bound))
            if bad:
                raise SolverError(
                    f"{where}: the core point of {optimal[0]} is not in the core of the optimal structure {P} "
                    f"(block gap {gap}, excess {worst}); this is a bug, please report it with the game"
                )
            structures.append(P)
            points.append(x)
    value = listing.optimum
    return CoreStableStructures(
        game, structures, points, optimal, value, first, exact, time.perf_counter() - start
    )

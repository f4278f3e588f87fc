"""Hedonic games: each player's preferences over the coalitions it belongs to, and stable partitions.

Conventions
-----------
Players are ``0 .. n-1`` and coalitions are ``int`` bitmasks, as in
:class:`~gametheory.cooperative.TUGame`.  A hedonic game [1]_ stores one
utility ``u_i(S)`` for every player ``i`` and every coalition ``S``
containing ``i``: the table ``utilities`` of shape ``(n, 2**n)`` (entries with
``i`` not in ``S`` are unused and hold 0).  Only the comparisons
``u_i(S) > u_i(T)`` of one player between two of its own coalitions matter;
utilities of different players are never compared or added.

Every stability notion is decided on a table of *preference ranks*, computed
once per game: ``rank[i, S]`` orders player ``i``'s coalitions with ties
equal.  Exact utilities (ints, Fractions, decimal strings) are ranked exactly.
Float utilities of one player that differ by at most ``tol * max(1, max_S
|u_i(S)|)`` count as a tie (the game's ``tol``, default ``1e-9``), so that
``0.1 + 0.2`` and ``0.3`` are indifferent rather than a strict preference
created by rounding.

Stability of a partition ``P`` (``P(i)`` is ``i``'s coalition) [1]_ [2]_
-----------------------------------------------------------------------
Nash stable
    no player ``i`` prefers ``T + i`` to ``P(i)`` for any ``T`` in ``P`` or ``T`` empty.
Individually stable
    no such move that every member of ``T`` weakly welcomes
    (``u_j(T + i) >= u_j(T)`` for all ``j`` in ``T``).
Contractually individually stable
    no such move that moreover every member of ``P(i) - i`` weakly accepts
    (``u_j(P(i) - i) >= u_j(P(i))``).
Core stable
    no nonempty coalition ``T`` whose members all strictly prefer ``T`` to
    their coalition in ``P``.

Nash stable implies individually stable implies contractually individually
stable; core stability is not comparable with them.  A contractually
individually stable partition always exists (a CIS deviation is a Pareto
improvement, so any Pareto optimal partition is CIS); the others may not
exist.

References
----------
.. [1] A. Bogomolnaia and M. O. Jackson, "The stability of hedonic coalition
   structures", Games and Economic Behavior 38(2), 201-230, 2002.
.. [2] S. Banerjee, H. Konishi and T. Sonmez, "Core in a simple coalition
   formation game", Social Choice and Welfare 18(1), 135-153, 2001.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Integral
from typing import Any, Callable, Sequence

import numpy as np

from .._numbers import to_fraction, to_fraction_array, to_float_array
from ..errors import InvalidCoalitionGame, InvalidOption, InvalidPayoffs, InvalidStrategy, NotSupported, SolverError
from ._partitions import (
    CoalitionStructure,
    _as_structure,
    _members,
    _partition_table,
    _require_enumerable,
    _StructureList,
)
from ._tugame import _all_exact, _labels, coalition_bitmask, index_of_player, integer_scaled, popcounts, subset_sums

__all__ = [
    "MAX_HEDONIC_PLAYERS",
    "STABILITY_CONCEPTS",
    "HedonicGame",
    "Deviation",
    "StabilityCheck",
    "StablePartitions",
    "check_stability",
    "stable_partitions",
    "is_nash_stable",
    "is_individually_stable",
    "is_contractually_individually_stable",
    "is_core_stable",
    "nash_stable_partitions",
    "individually_stable_partitions",
    "contractually_individually_stable_partitions",
    "core_stable_partitions",
]

#: Largest number of players of a hedonic game (its table has n * 2**n utilities).
MAX_HEDONIC_PLAYERS = 16

#: Names accepted by :func:`check_stability` and :func:`stable_partitions`.
STABILITY_CONCEPTS = ("nash", "individual", "contractual", "core")

# stable_partitions re-checks at most this many of the partitions it returns (about 0.5 s)
_VERIFY_LIMIT = 10000


def _player_count(n: Any, where: str) -> int:
    if isinstance(n, bool) or not isinstance(n, Integral) or n < 1:
        raise InvalidCoalitionGame(f"{where}: n must be a positive integer number of players, got {n!r}")
    if n > MAX_HEDONIC_PLAYERS:
        raise NotSupported(
            f"{where}: a hedonic game stores n * 2**n utilities; n = {n} exceeds the limit of {MAX_HEDONIC_PLAYERS}"
        )
    return int(n)


def _membership(n: int) -> np.ndarray:
    """Boolean ``(n, 2**n)``: ``[i, S]`` is True when player ``i`` is in coalition ``S``."""
    masks = np.arange(1 << n, dtype=np.int64)
    return ((masks[None, :] >> np.arange(n, dtype=np.int64)[:, None]) & 1).astype(bool)


def _set_str(S: int, labels: Sequence[str]) -> str:
    return "{" + ", ".join(labels[i] for i in _members(S)) + "}"


def _coalition_of(i: int, coalition: Any, labels: tuple[str, ...], where: str) -> int:
    """Bitmask of a coalition that a game description gives for player ``i``; it must contain ``i``."""
    S = coalition_bitmask(coalition, labels, where, InvalidCoalitionGame)
    if not (S >> i) & 1:
        raise InvalidCoalitionGame(f"{where}: got {_set_str(S, labels)}, a coalition that does not contain it")
    return S


def _convert(entries: np.ndarray, exact: bool, locate: Callable[[int], str]) -> np.ndarray:
    """Convert a 1-D array of utilities, naming the offending entry (via ``locate``) on error."""
    try:
        return to_fraction_array(entries) if exact else to_float_array(entries)
    except InvalidPayoffs:
        pass
    for k, v in enumerate(entries):
        try:
            if exact:
                to_fraction(v)
            else:
                f = float(v)
                if not math.isfinite(f):
                    raise ValueError
        except (InvalidPayoffs, TypeError, ValueError, OverflowError):
            raise InvalidCoalitionGame(f"{locate(k)} is {str(v)[:40]!r}, not a finite number") from None
    raise InvalidCoalitionGame(f"{locate(0)}: utilities could not be converted")  # pragma: no cover


#: Headroom of integer numerators (see integer_scaled): sums of up to 16 = MAX_HEDONIC_PLAYERS terms stay int64.
_SUM_TERMS = 64


def _as_array(given: Any, where: str, expected: str) -> np.ndarray:
    """``given`` as an array (object dtype unless it is one already); ``expected`` says what it must be."""
    if isinstance(given, (str, bytes, Mapping)):
        raise InvalidCoalitionGame(f"{where}: {expected}, got {type(given).__name__}")
    try:
        return given if isinstance(given, np.ndarray) else np.array(given, dtype=object)
    except ValueError as exc:
        raise InvalidCoalitionGame(f"{where}: {expected}, got ragged rows: {exc}") from None


def _per_player(given: Any, labels: tuple[str, ...], where: str, what: str) -> dict[int, Any]:
    """One entry per player, from a mapping keyed by player index or label or a sequence in player order.

    ``what`` names an entry ("table", "ranking") in the messages.
    """
    n = len(labels)
    if isinstance(given, Mapping):
        out: dict[int, Any] = {}
        for key, entry in given.items():
            i = index_of_player(key, labels, where, InvalidCoalitionGame)
            if i in out:
                raise InvalidCoalitionGame(f"{where}: player {labels[i]!r} is given twice")
            out[i] = entry
    else:
        if len(given) != n:
            raise InvalidCoalitionGame(f"{where}: {len(given)} {what}s for a game of {n} players")
        out = dict(enumerate(given))
    missing = [labels[i] for i in range(n) if i not in out]
    if missing:
        raise InvalidCoalitionGame(f"{where}: no {what} is given for player {missing[0]!r}")
    return out


def _as_fractions(numerators: np.ndarray, denominators: Any) -> np.ndarray:
    """Object array of ``Fraction(numerators, denominators)`` (broadcast), one Fraction per distinct pair.

    Utility tables repeat few values, so building each distinct Fraction once is much faster.
    """
    k, d = np.broadcast_arrays(numerators, denominators)
    out = np.empty(k.shape, dtype=object)
    for den in np.unique(d):
        where = d == den
        values, inverse = np.unique(k[where], return_inverse=True)
        distinct = np.empty(len(values), dtype=object)
        distinct[:] = [Fraction(int(a), int(den)) for a in values]
        out[where] = distinct[inverse.reshape(-1)]
    return out


def _pair_sums(v: np.ndarray, exact: bool) -> np.ndarray:
    """``sums[i, S] = sum_{j in S} v[i, j]`` for all bitmasks, by doubling; exact sums in integer arithmetic."""
    n = v.shape[0]
    if not exact:
        return np.stack([subset_sums(v[i]) for i in range(n)])
    ints, den = integer_scaled(v, _SUM_TERMS)
    sums = np.stack([subset_sums(ints[i]) for i in range(n)])
    if sums.dtype == object:  # numerators beyond int64
        return np.vectorize(lambda a: Fraction(a, den), otypes=[object])(sums)
    return _as_fractions(sums, den)


def _ranks(table: np.ndarray, member: np.ndarray, exact: bool, tol: float) -> np.ndarray:
    """Preference ranks ``(n, 2**n)`` int64, -1 off the player's own coalitions.

    Equal utilities share a rank.  Sorted float utilities of one player that are
    within the threshold of their predecessor join its rank (ties chain).
    """
    n = table.shape[0]
    out = np.full(table.shape, -1, dtype=np.int64)
    for i in range(n):
        cols = np.flatnonzero(member[i])
        vals = table[i, cols]
        if exact:
            # integers over a common denominator order like the Fractions and sort fast
            out[i, cols] = np.unique(integer_scaled(vals, _SUM_TERMS)[0], return_inverse=True)[1].reshape(-1)
        else:
            vals = vals.astype(np.float64)
            order = np.argsort(vals, kind="stable")
            sorted_vals = vals[order]
            threshold = tol * max(1.0, float(np.max(np.abs(vals))))
            steps = np.concatenate([[0], np.cumsum(np.diff(sorted_vals) > threshold)])
            ranks = np.empty(len(vals), dtype=np.int64)
            ranks[order] = steps
            out[i, cols] = ranks
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False, init=False)
class HedonicGame:
    """A hedonic game: each player's utility for each coalition containing it.

    Parameters
    ----------
    utilities : array_like, shape ``(n, 2**n)``
        ``utilities[i, S] = u_i(S)`` for every bitmask ``S`` containing ``i``;
        entries with ``i`` not in ``S`` are ignored (stored as 0).
        ``1 <= n <= 16``.
    labels : sequence of str, optional
        Player labels (default ``"1", "2", ...``).
    exact : bool, optional
        Force exact (Fractions) or float storage; by default exact when every
        used utility is an exact rational.
    tol : float
        Float utilities of one player within ``tol * max(1, max |u_i|)`` of
        each other are indifferent (ignored for exact games).

    Attributes
    ----------
    n : int
    utilities : ndarray, shape ``(n, 2**n)``
        Fractions when ``exact``, else float64 (read-only).
    exact : bool
    labels : tuple of str
    kind : str
        How the game was built: ``"utilities"``, ``"additively separable"``,
        ``"fractional"`` or ``"rankings"``.
    values : ndarray or None
        The matrix ``v_ij`` of an additively separable or fractional game.
    tol : float

    Raises
    ------
    InvalidCoalitionGame
        Wrong shape, NaN/inf or non-numeric utilities, bad labels.
    NotSupported
        More than 16 players.

    Notes
    -----
    Hedonic games as defined by Bogomolnaia and Jackson (2002, cited in the
    module docstring).  The table holds ``n 2**n`` utilities; building a
    game converts them and ranks each player's ``2**(n-1)`` coalitions once,
    ``O(n 2**n log 2**n)``, so that every stability test afterwards compares
    integers.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [-1, 0]])
    >>> g.utility(0, [0, 1]), g.utility(1, [0, 1])
    (Fraction(1, 1), Fraction(-1, 1))
    """

    n: int
    utilities: np.ndarray
    exact: bool
    labels: tuple[str, ...]
    kind: str = "utilities"
    values: np.ndarray | None = None
    tol: float = 1e-9
    _rank: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]
    _member: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]

    def __init__(
        self,
        utilities: Any,
        labels: Sequence[str] | None = None,
        *,
        exact: bool | None = None,
        tol: float = 1e-9,
    ) -> None:
        where = "HedonicGame"
        arr = _as_array(
            utilities, where,
            "utilities must be an (n, 2**n) array (for a mapping or a function use HedonicGame.from_utilities)",
        )
        if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] != 1 << arr.shape[0]:
            raise InvalidCoalitionGame(
                f"{where}: utilities must have shape (n, 2**n) with n >= 1 (one row per player, one column per "
                f"coalition bitmask), got shape {arr.shape}"
            )
        n = _player_count(arr.shape[0], where)
        self._setup(arr, n, labels, exact, tol, "utilities", None, where)

    def _setup(self, arr, n, labels, exact, tol, kind, values, where) -> None:
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol < 1:
            raise InvalidOption(f"{where}: tol must be a number in [0, 1), got {tol!r}")
        member = _membership(n)
        rows, cols = np.nonzero(member)
        used = np.asarray(arr[rows, cols], dtype=object) if arr.dtype == object else arr[rows, cols]
        if exact is None:
            exact = _all_exact(used)

        def locate(k: int) -> str:
            return f"{where}: the utility of player {rows[k]} for coalition {sorted(_members(int(cols[k])))}"

        converted = _convert(used, bool(exact), locate)
        table = np.zeros((n, 1 << n), dtype=object if exact else np.float64)
        if exact:
            table[:] = Fraction(0)
        table[rows, cols] = converted
        table.setflags(write=False)
        object.__setattr__(self, "n", n)
        object.__setattr__(self, "utilities", table)
        object.__setattr__(self, "exact", bool(exact))
        object.__setattr__(self, "labels", _labels(labels, n, where))
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "tol", float(tol))
        object.__setattr__(self, "_member", member)
        object.__setattr__(self, "_rank", _ranks(table, member, bool(exact), float(tol)))

    @classmethod
    def _build(cls, arr, n, labels, exact, tol, kind, values, where) -> "HedonicGame":
        obj = object.__new__(cls)
        obj._setup(arr, n, labels, exact, tol, kind, values, where)
        return obj

    def __repr__(self) -> str:
        return f"HedonicGame(n={self.n}, {self.kind}, exact={self.exact}, labels={self.labels!r})"

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_utilities(
        cls,
        n: int,
        u: Callable[[int, frozenset], Any] | Mapping | Sequence[Mapping],
        labels: Sequence[str] | None = None,
        *,
        exact: bool | None = None,
        tol: float = 1e-9,
    ) -> "HedonicGame":
        """A game from cardinal utilities given by a function or by tables.

        Parameters
        ----------
        n : int
            Number of players.
        u : callable, mapping or sequence of mappings
            Either ``u(i, S) -> number``, called with a player index and a
            frozenset of player indices containing it, for every such pair; or
            for each player (a mapping keyed by player index or label, or a
            sequence of ``n`` mappings) a mapping from coalitions (bitmasks,
            collections of indices or labels) to numbers that covers every
            coalition containing the player.
        labels, exact, tol
            As for :class:`HedonicGame`.

        Raises
        ------
        InvalidCoalitionGame
            A coalition that does not contain its player, a coalition given
            twice or missing, an unknown player, NaN or non-numeric utilities.

        Notes
        -----
        Cardinal utilities as in Bogomolnaia and Jackson (2002, cited in the
        module docstring); a function is called once for each of the
        ``n 2**(n-1)`` (player, coalition) pairs.

        Examples
        --------
        >>> g = HedonicGame.from_utilities(3, lambda i, S: len(S) if len(S) < 3 else -1)
        >>> g.utility(2, [1, 2]), g.utility(2, [0, 1, 2])
        (Fraction(2, 1), Fraction(-1, 1))
        >>> g = HedonicGame.from_utilities(2, [{(0,): 0, (0, 1): 1}, {(1,): 1, (0, 1): 0}])
        >>> g.prefers(0, [0, 1], [0]), g.prefers(1, [0, 1], [1])
        (True, False)
        """
        where = "HedonicGame.from_utilities"
        n = _player_count(n, where)
        labs = _labels(labels, n, where)
        arr = np.zeros((n, 1 << n), dtype=object)
        member = _membership(n)
        if callable(u) and not isinstance(u, Mapping):
            sets = [frozenset(_members(S)) for S in range(1 << n)]
            for i in range(n):
                for S in np.flatnonzero(member[i]):
                    arr[i, S] = u(i, sets[S])
        else:
            arr = cls._tables(u, n, labs, member, where)
        return cls._build(arr, n, labels, exact, tol, "utilities", None, where)

    @staticmethod
    def _tables(u: Any, n: int, labels: tuple[str, ...], member: np.ndarray, where: str) -> np.ndarray:
        if not isinstance(u, (Mapping, list, tuple)):
            raise InvalidCoalitionGame(
                f"{where}: u must be a function u(i, S), a mapping player -> table or a sequence of tables, "
                f"got {type(u).__name__}"
            )
        per_player = _per_player(u, labels, where, "table")
        arr = np.zeros((n, 1 << n), dtype=object)
        for i in range(n):
            table = per_player[i]
            if not isinstance(table, Mapping):
                raise InvalidCoalitionGame(
                    f"{where}: the utilities of player {labels[i]!r} must be a mapping coalition -> number, "
                    f"got {type(table).__name__}"
                )
            seen = np.zeros(1 << n, dtype=bool)
            for coalition, value in table.items():
                S = _coalition_of(i, coalition, labels, f"{where}: player {labels[i]!r}")
                if seen[S]:
                    raise InvalidCoalitionGame(
                        f"{where}: player {labels[i]!r} is given two utilities for {_set_str(S, labels)}"
                    )
                seen[S] = True
                arr[i, S] = value
            missing = np.flatnonzero(member[i] & ~seen)
            if len(missing):
                raise InvalidCoalitionGame(
                    f"{where}: player {labels[i]!r} has no utility for {len(missing)} of its {1 << (n - 1)} "
                    f"coalitions, e.g. {_set_str(int(missing[0]), labels)}; give all of them, or use "
                    "HedonicGame.from_rankings for a partial ordinal ranking"
                )
        return arr

    @classmethod
    def _pair_values(cls, values: Any, labels, exact, where) -> tuple[np.ndarray, int, bool]:
        arr = _as_array(values, where, "values must be an n x n matrix")
        if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] < 1:
            raise InvalidCoalitionGame(
                f"{where}: values must be a square n x n matrix with n >= 1, got shape {arr.shape}"
            )
        n = _player_count(arr.shape[0], where)
        flat = arr.reshape(-1)
        if exact is None:
            exact = _all_exact(arr)
        conv = _convert(flat, bool(exact), lambda k: f"{where}: values[{k // n}, {k % n}]").reshape(n, n)
        conv.setflags(write=False)
        return conv, n, bool(exact)

    @classmethod
    def additively_separable(
        cls,
        values: Any,
        labels: Sequence[str] | None = None,
        *,
        exact: bool | None = None,
        tol: float = 1e-9,
    ) -> "HedonicGame":
        """The additively separable game ``u_i(S) = sum_{j in S} v_ij``.

        Parameters
        ----------
        values : array_like, shape ``(n, n)``
            ``values[i, j]`` is what player ``i`` gets from player ``j``'s
            company.  The diagonal adds the constant ``v_ii`` to every
            coalition of ``i``, so no preference depends on it (the usual
            normalisation is ``v_ii = 0``).
        labels, exact, tol
            As for :class:`HedonicGame`.

        Notes
        -----
        Additively separable preferences are those of [1]_; when ``v`` is
        symmetric, the partition maximising the potential
        ``sum_{S in P} sum_{i, j in S} v_ij`` is Nash stable, so a Nash stable
        partition exists [1]_.  Each player's row of the table is built by
        doubling (the coalitions with player ``j`` are those without it plus
        ``v_ij``), ``O(n 2**n)`` additions.

        References
        ----------
        .. [1] A. Bogomolnaia and M. O. Jackson, "The stability of hedonic
           coalition structures", Games and Economic Behavior 38(2),
           201-230, 2002.

        Examples
        --------
        >>> g = HedonicGame.additively_separable([[0, 2, -1], [2, 0, -1], [-1, -1, 0]])
        >>> [str(P) for P in nash_stable_partitions(g)]
        ['{1, 2} {3}']
        """
        where = "HedonicGame.additively_separable"
        v, n, exact = cls._pair_values(values, labels, exact, where)
        table = _pair_sums(v, exact)
        return cls._build(table, n, labels, exact, tol, "additively separable", v, where)

    @classmethod
    def fractional(
        cls,
        values: Any,
        labels: Sequence[str] | None = None,
        *,
        exact: bool | None = None,
        tol: float = 1e-9,
    ) -> "HedonicGame":
        """The fractional hedonic game ``u_i(S) = sum_{j in S} v_ij / |S|``.

        Parameters
        ----------
        values : array_like, shape ``(n, n)``
            ``values[i, j]`` is player ``i``'s value for ``j``; the diagonal
            must be zero (``v_ii = 0`` as in [1]_: being alone is worth 0).
        labels, exact, tol
            As for :class:`HedonicGame`.

        Raises
        ------
        InvalidCoalitionGame
            A nonzero diagonal entry, a non-square matrix, NaN.

        Notes
        -----
        A player's utility is the average value of the members of its
        coalition, itself counted with value 0 [1]_.  ``O(n**2 2**n)``.

        References
        ----------
        .. [1] H. Aziz, F. Brandl, F. Brandt, P. Harrenstein, M. Olsen and
           D. Peters, "Fractional hedonic games", ACM Transactions on
           Economics and Computation 7(2), article 6, 2019.

        Examples
        --------
        >>> g = HedonicGame.fractional([[0, 1, 1], [1, 0, 0], [1, 0, 0]])
        >>> g.utility(0, [0, 1]), g.utility(0, [0, 1, 2])
        (Fraction(1, 2), Fraction(2, 3))
        """
        where = "HedonicGame.fractional"
        v, n, exact = cls._pair_values(values, labels, exact, where)
        for i in range(n):
            if v[i, i] != 0:
                raise InvalidCoalitionGame(
                    f"{where}: values[{i}, {i}] = {v[i, i]}; a fractional hedonic game needs a zero diagonal "
                    "(v_ii = 0)"
                )
        sizes = popcounts(n)
        sizes[0] = 1  # the empty coalition is never used; avoid dividing by zero
        if exact:
            ints, den = integer_scaled(v, _SUM_TERMS)
            sums = np.stack([subset_sums(ints[i]) for i in range(n)])
            if sums.dtype == object:
                table = np.vectorize(lambda a, m: Fraction(a, den * int(m)), otypes=[object])(sums, sizes)
            else:
                table = _as_fractions(sums, den * sizes)
        else:
            table = _pair_sums(v, False) / sizes
        return cls._build(table, n, labels, exact, tol, "fractional", v, where)

    @classmethod
    def from_rankings(
        cls,
        rankings: Sequence[Sequence[Any]] | Mapping,
        labels: Sequence[str] | None = None,
        *,
        n: int | None = None,
    ) -> "HedonicGame":
        """A game from ordinal preferences: for each player, its acceptable coalitions, best first.

        Parameters
        ----------
        rankings : sequence of sequences, or mapping player -> sequence
            For each player a list of coalitions containing it (bitmasks,
            collections of indices or labels), strictly best first.  The
            singleton ``{i}`` may appear in the list; if it does not, it comes
            right after the listed coalitions.  Every unlisted coalition is
            *unacceptable*: worse than everything listed and than being alone,
            and indifferent to the other unlisted ones.
        labels : sequence of str, optional
        n : int, optional
            Number of players (default: the number of labels, else of rankings).

        Returns
        -------
        HedonicGame
            Exact, with integer utilities ``len(list) - position`` for the
            listed coalitions (the singleton included) and 0 for unlisted ones.

        Raises
        ------
        InvalidCoalitionGame
            A listed coalition that does not contain its player, a coalition
            listed twice, an unknown player, a ranking missing for a player.

        Notes
        -----
        The individually rational lists of coalitions of Ballester (2004,
        cited in :func:`stable_partitions`).  Ties other than among
        unacceptable coalitions are not expressible here; give equal numbers
        to :meth:`from_utilities` instead.  ``O(n 2**n)`` for the table plus
        the length of the lists.

        Examples
        --------
        >>> g = HedonicGame.from_rankings([[[0, 1]], [[1, 2]], [[0, 2]]])
        >>> g.prefers(0, [0, 1], [0]), g.prefers(0, [0], [0, 2])
        (True, True)
        """
        where = "HedonicGame.from_rankings"
        if isinstance(rankings, (str, bytes)):
            raise InvalidCoalitionGame(f"{where}: rankings must be one list of coalitions per player, not a string")
        if not isinstance(rankings, Mapping):
            try:
                rankings = list(rankings)
            except TypeError:
                raise InvalidCoalitionGame(
                    f"{where}: rankings must be one list of coalitions per player, got {type(rankings).__name__}"
                ) from None
        if n is None:
            n = len(labels) if labels is not None else len(rankings)
        n = _player_count(n, where)
        labs = _labels(labels, n, where)
        lists = _per_player(rankings, labs, where, "ranking")
        arr = np.zeros((n, 1 << n), dtype=np.int64)
        for i in range(n):
            lst = lists[i]
            if isinstance(lst, (str, bytes, int)) or not isinstance(lst, Sequence):
                raise InvalidCoalitionGame(
                    f"{where}: the ranking of player {labs[i]!r} must be a list of coalitions, got {lst!r}"
                )
            order: list[int] = []
            for pos, coalition in enumerate(lst):
                S = _coalition_of(i, coalition, labs, f"{where}: player {labs[i]!r}, position {pos}")
                if S in order:
                    raise InvalidCoalitionGame(f"{where}: player {labs[i]!r} lists {_set_str(S, labs)} twice")
                order.append(S)
            if (1 << i) not in order:
                order.append(1 << i)
            arr[i, order] = np.arange(len(order), 0, -1)
        return cls._build(arr, n, labels, True, 1e-9, "rankings", None, where)

    # ------------------------------------------------------------------ access
    def player_index(self, player: int | str) -> int:
        """Index of a player given by index or label.

        Examples
        --------
        >>> HedonicGame.additively_separable([[0, 1], [1, 0]], labels=["a", "b"]).player_index("b")
        1
        """
        return index_of_player(player, self.labels, "HedonicGame")

    def coalition_mask(self, coalition: Any) -> int:
        """Bitmask of a coalition given as a bitmask, a label, or a collection of indices/labels.

        Examples
        --------
        >>> HedonicGame.additively_separable([[0, 1], [1, 0]], labels=["a", "b"]).coalition_mask(["a", "b"])
        3
        """
        return coalition_bitmask(coalition, self.labels, "HedonicGame")

    def utility(self, player: int | str, coalition: Any) -> Any:
        """``u_i(S)`` (Fraction if exact, else float); ``S`` must contain the player.

        Examples
        --------
        >>> HedonicGame.additively_separable([[0, 1], [-1, 0]]).utility(1, [0, 1])
        Fraction(-1, 1)
        """
        i = self.player_index(player)
        S = self._own(i, coalition, "utility")
        v = self.utilities[i, S]
        return v if self.exact else float(v)

    def prefers(self, player: int | str, first: Any, second: Any) -> bool:
        """True if the player strictly prefers coalition ``first`` to ``second`` (both must contain it).

        Compares the precomputed preference ranks, ``O(1)``.

        Examples
        --------
        >>> HedonicGame.additively_separable([[0, 1], [-1, 0]]).prefers(1, [1], [0, 1])
        True
        """
        i = self.player_index(player)
        return bool(self._rank[i, self._own(i, first, "prefers")] > self._rank[i, self._own(i, second, "prefers")])

    def _own(self, i: int, coalition: Any, what: str) -> int:
        S = self.coalition_mask(coalition)
        if not (S >> i) & 1:
            raise InvalidStrategy(
                f"HedonicGame.{what}: player {self.labels[i]!r} is not in the coalition {_set_str(S, self.labels)}; "
                "a player only has preferences over coalitions containing it"
            )
        return S

    def structure(self, partition: Any) -> CoalitionStructure:
        """Validate a partition of this game's players (a CoalitionStructure or a collection of coalitions).

        Examples
        --------
        >>> g = HedonicGame.additively_separable([[0, 1], [1, 0]], labels=["a", "b"])
        >>> g.structure([["b"], ["a"]]).blocks
        (1, 2)
        """
        return _as_structure(partition, self.n, self.labels, "HedonicGame.structure")


# ---------------------------------------------------------------------------------------- results


@dataclass(frozen=True, eq=False)
class Deviation:
    """A profitable deviation from a partition: the reason it is not stable.

    Attributes
    ----------
    kind : str
        ``"move"`` (one player changes coalition) or ``"coalition"`` (a
        blocking coalition forms).
    players : tuple of int
        The deviating player (a move) or the members of the blocking coalition.
    coalition : int
        Bitmask of the coalition the deviators end up in: ``T + i`` for a
        move, the blocking coalition itself otherwise.
    left : int
        For a move, the coalition the player leaves; 0 for a blocking coalition.
    joined : int
        For a move, the existing coalition ``T`` it joins (0: it goes alone);
        0 for a blocking coalition.
    before, after : tuple
        Each deviator's utility in the partition and in ``coalition``.
    labels : tuple of str
        Player labels, for printing.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [-1, 0]], labels=["a", "b"])
    >>> dev = check_stability(g, [["a", "b"]], "nash").deviation
    >>> dev.kind, dev.players, dev.left, dev.joined
    ('move', (1,), 3, 0)
    >>> print(dev)
    player b leaves {a, b} to be alone: utility -1 -> 0
    """

    kind: str
    players: tuple[int, ...]
    coalition: int
    left: int
    joined: int
    before: tuple
    after: tuple
    labels: tuple[str, ...]

    def __str__(self) -> str:
        def num(x):
            return str(x) if isinstance(x, Fraction) else f"{x:.6g}"

        labels = self.labels
        if self.kind == "move":
            i = self.players[0]
            dest = "to be alone" if self.joined == 0 else f"to join {_set_str(self.joined, labels)}"
            return (
                f"player {labels[i]} leaves {_set_str(self.left, labels)} {dest}: "
                f"utility {num(self.before[0])} -> {num(self.after[0])}"
            )
        gains = ", ".join(
            f"{labels[i]}: {num(b)} -> {num(a)}" for i, b, a in zip(self.players, self.before, self.after)
        )
        return f"coalition {_set_str(self.coalition, labels)} blocks, every member gains ({gains})"


@dataclass(frozen=True, eq=False)
class StabilityCheck:
    """Whether a partition is stable, and if not, a deviation that shows it.

    Attributes
    ----------
    game : HedonicGame
    structure : CoalitionStructure
    concept : str
        One of ``"nash"``, ``"individual"``, ``"contractual"``, ``"core"``.
    stable : bool
    deviation : Deviation or None
        A profitable deviation when not stable: for the move-based concepts
        the first player (by index) with one, moving to its best allowed
        coalition; for the core a smallest blocking coalition.
    utilities : ndarray
        Each player's utility in the partition.

    ``bool(check)`` is ``check.stable``.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [-1, 0]])
    >>> check = check_stability(g, [[0], [1]], "individual")
    >>> bool(check), check.deviation, [int(u) for u in check.utilities]
    (True, None, [0, 0])
    """

    game: HedonicGame
    structure: CoalitionStructure
    concept: str
    stable: bool
    deviation: Deviation | None
    utilities: np.ndarray

    def __bool__(self) -> bool:
        return self.stable

    def __str__(self) -> str:
        name = _NAMES[self.concept]
        if self.stable:
            return f"{self.structure} is {name}"
        return f"{self.structure} is not {name}: {self.deviation}"


@dataclass(frozen=True, eq=False)
class StablePartitions(_StructureList):
    """Every partition of a hedonic game that is stable in one sense.

    Attributes
    ----------
    game : HedonicGame
    concept : str
    structures : list of CoalitionStructure
        The stable partitions, in the order of :func:`set_partitions`
        (possibly none).
    utilities : ndarray, shape ``(len(structures), n)``
        Each player's utility in each stable partition.
    checked : int
        Number of partitions examined, Bell(n): the list is complete.
    verified : int
        How many of the listed partitions were re-checked, before returning,
        by the direct one-partition test of :func:`check_stability` (an
        independent implementation): all of them when there are at most
        10000, else 10000 evenly spaced ones.
    time : float

    ``len``, iteration and indexing run over ``structures``.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [-1, 0]], labels=["a", "b"])
    >>> print(stable_partitions(g, "contractual"))
    2 of 2 partitions are contractually individually stable
      {a, b}
      {a} {b}
    """

    game: HedonicGame
    concept: str
    structures: list
    utilities: np.ndarray
    checked: int
    verified: int = 0
    time: float = 0.0

    def __str__(self) -> str:
        head = f"{len(self.structures)} of {self.checked} partitions are {_NAMES[self.concept]}"
        return "\n".join([head] + [f"  {P}" for P in self.structures])


_NAMES = {
    "nash": "Nash stable",
    "individual": "individually stable",
    "contractual": "contractually individually stable",
    "core": "core stable",
}


# ---------------------------------------------------------------------------------------- one partition


def _concept(concept: Any, where: str) -> str:
    if concept not in STABILITY_CONCEPTS:
        raise InvalidOption(f"{where}: unknown stability concept {concept!r}; choose one of {list(STABILITY_CONCEPTS)}")
    return concept


def _hedonic(game: Any, where: str) -> HedonicGame:
    if not isinstance(game, HedonicGame):
        raise InvalidCoalitionGame(f"{where}: game must be a HedonicGame, got {type(game).__name__}")
    return game


def _owners(P: CoalitionStructure) -> list[int]:
    """``owners[i]``: the bitmask of player ``i``'s coalition in ``P``."""
    return [P.blocks[k] for k in P.assignment]


def _move_deviation(game: HedonicGame, P: CoalitionStructure, concept: str) -> Deviation | None:
    """The first player (by index) with an allowed improving move, and its best such move.

    A direct transcription of the definitions, kept separate from the
    vectorised search of :func:`stable_partitions` so that each checks the other.
    """
    R = game._rank
    owner = _owners(P)
    for i in range(game.n):
        own, bit = owner[i], 1 << i
        if concept == "contractual" and any(R[j, own ^ bit] < R[j, own] for j in _members(own) if j != i):
            continue  # a partner would object to i leaving
        targets = [T for T in P.blocks if T != own] + ([0] if own != bit else [])
        best = None
        for T in targets:
            if R[i, T | bit] <= R[i, own]:
                continue
            if concept in ("individual", "contractual") and any(R[j, T | bit] < R[j, T] for j in _members(T)):
                continue  # a member of T would object to i joining
            if best is None or R[i, T | bit] > R[i, best | bit]:
                best = T
        if best is not None:
            return Deviation(
                "move", (i,), best | bit, own, best,
                (game.utilities[i, own],), (game.utilities[i, best | bit],), game.labels,
            )
    return None


def _core_deviation(game: HedonicGame, P: CoalitionStructure) -> Deviation | None:
    R = game._rank
    owner = _owners(P)
    current = R[np.arange(game.n), owner]
    # T blocks when every member ranks T above its own coalition (non-members: vacuous)
    better = (R > current[:, None]) | ~game._member
    blocking = np.flatnonzero(better.all(axis=0))
    blocking = blocking[blocking != 0]
    if not len(blocking):
        return None
    T = int(blocking[np.lexsort((blocking, popcounts(game.n)[blocking]))[0]])
    who = tuple(_members(T))
    return Deviation(
        "coalition", who, T, 0, 0,
        tuple(game.utilities[i, owner[i]] for i in who), tuple(game.utilities[i, T] for i in who), game.labels,
    )


def check_stability(game: HedonicGame, partition: Any, concept: str = "nash") -> StabilityCheck:
    """Whether a partition is stable in the given sense, with a blocking deviation if not.

    Parameters
    ----------
    game : HedonicGame
    partition : CoalitionStructure or collection of coalitions
        Coalitions as bitmasks or collections of player indices or labels.
    concept : str
        ``"nash"``, ``"individual"`` (individual stability), ``"contractual"``
        (contractual individual stability) or ``"core"``.

    Returns
    -------
    StabilityCheck
        Truthy when stable; ``deviation`` explains an instability.

    Raises
    ------
    InvalidStrategy
        If ``partition`` is not a partition of the players.
    InvalidOption
        An unknown concept.

    Notes
    -----
    Definitions in the module docstring [1]_.  The move-based concepts try
    every player and every coalition of the partition (and going alone):
    ``O(n |P| n)`` comparisons.  The core test compares every player's rank of
    every coalition with its current one: ``O(n 2**n)`` vectorised.  A
    reported deviation is checked to be strictly profitable for every
    deviator before it is returned.

    References
    ----------
    .. [1] A. Bogomolnaia and M. O. Jackson, "The stability of hedonic
       coalition structures", Games and Economic Behavior 38(2), 201-230, 2002.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [-1, 0]])
    >>> print(check_stability(g, [[0, 1]], "nash"))
    {1, 2} is not Nash stable: player 2 leaves {1, 2} to be alone: utility -1 -> 0
    >>> bool(check_stability(g, [[0], [1]], "individual"))
    True
    """
    where = "check_stability"
    game = _hedonic(game, where)
    concept = _concept(concept, where)
    P = _as_structure(partition, game.n, game.labels, where)
    dev = _core_deviation(game, P) if concept == "core" else _move_deviation(game, P, concept)
    owner = _owners(P)
    if dev is not None:
        # certificate: every deviator ranks its new coalition strictly above its current one
        R = game._rank
        if not all(R[i, dev.coalition] > R[i, owner[i]] for i in dev.players):
            raise SolverError(f"{where}: the deviation found is not profitable ({dev}); this is a bug")
    utilities = game.utilities[np.arange(game.n), owner]
    utilities.setflags(write=False)
    return StabilityCheck(game, P, concept, dev is None, dev, utilities)


def is_nash_stable(game: HedonicGame, partition: Any) -> StabilityCheck:
    """Nash stability of a partition: no player prefers joining another coalition or being alone.

    See :func:`check_stability` (``concept="nash"``): ``O(n**2 |P|)`` rank
    comparisons; the concept is Bogomolnaia and Jackson's (2002), cited there.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [1, 0]])
    >>> bool(is_nash_stable(g, [[0, 1]])), bool(is_nash_stable(g, [[0], [1]]))
    (True, False)
    """
    return check_stability(game, partition, "nash")


def is_individually_stable(game: HedonicGame, partition: Any) -> StabilityCheck:
    """Individual stability: no player can move to a coalition it prefers whose members all accept it.

    See :func:`check_stability` (``concept="individual"``): ``O(n**2 |P|)`` rank
    comparisons; the concept is Bogomolnaia and Jackson's (2002), cited there.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [-1, 0]])
    >>> bool(is_individually_stable(g, [[0], [1]]))
    True
    """
    return check_stability(game, partition, "individual")


def is_contractually_individually_stable(game: HedonicGame, partition: Any) -> StabilityCheck:
    """Contractual individual stability: as individual stability, but the mover's partners may also veto.

    See :func:`check_stability` (``concept="contractual"``): ``O(n**2 |P|)`` rank
    comparisons; the concept is Bogomolnaia and Jackson's (2002), cited there.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [1, 0]])
    >>> bool(is_contractually_individually_stable(g, [[0, 1]]))
    True
    """
    return check_stability(game, partition, "contractual")


def is_core_stable(game: HedonicGame, partition: Any) -> StabilityCheck:
    """Core stability: no coalition whose members all strictly prefer it to their current coalition.

    See :func:`check_stability` (``concept="core"``): ``O(n 2**n)`` rank
    comparisons, vectorised; Banerjee, Konishi and Sonmez (2001), cited there.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [1, 0]])
    >>> print(is_core_stable(g, [[0], [1]]))
    {1} {2} is not core stable: coalition {1, 2} blocks, every member gains (1: 0 -> 1, 2: 0 -> 1)
    """
    return check_stability(game, partition, "core")


# ---------------------------------------------------------------------------------------- all partitions


def _acceptance_tables(game: HedonicGame) -> tuple[np.ndarray, np.ndarray]:
    """``welcome[i, T]``: every member of T weakly prefers T + i to T; ``release[i, S]``: every
    member of S - i weakly prefers S - i to S.  Both ``(n, 2**n)`` boolean, ``O(n**2 2**n)``.
    """
    n, R, member = game.n, game._rank, game._member
    masks = np.arange(1 << n, dtype=np.int64)
    welcome = np.ones((n, 1 << n), dtype=bool)
    release = np.ones((n, 1 << n), dtype=bool)
    for i in range(n):
        bit = np.int64(1) << i
        for j in range(n):
            if j == i:
                continue
            welcome[i] &= ~member[j] | (R[j, masks | bit] >= R[j, masks])
            release[i] &= ~member[j] | (R[j, masks & ~bit] >= R[j, masks])
    return welcome, release


def stable_partitions(game: HedonicGame, concept: str = "nash") -> StablePartitions:
    """Every partition (n <= 10) that is stable in the given sense.

    Parameters
    ----------
    game : HedonicGame
        ``n <= 10``.
    concept : str
        ``"nash"``, ``"individual"``, ``"contractual"`` or ``"core"``
        (definitions in the module docstring).

    Returns
    -------
    StablePartitions
        The complete list (possibly empty), in :func:`set_partitions` order.

    Raises
    ------
    InvalidOption
        If ``n > 10`` or the concept is unknown.
    SolverError
        If the re-check disagrees with the search (a bug).

    Notes
    -----
    Brute force over all Bell(n) partitions, vectorised across partitions.
    The preference ranks are computed once per game (``O(n 2**n log)``); for
    the move-based concepts each player's best allowed move is found for all
    partitions at once, ``O(n**2 Bell(n))``, with the acceptance tables
    ``welcome``/``release`` precomputed in ``O(n**2 2**n)``.  For the core each
    coalition ``T`` is tested against the partitions not yet blocked,
    ``O(n 2**n Bell(n))`` in the worst case.  Before returning, the listed
    partitions (up to 10000 of them) are re-checked by the direct test of
    :func:`check_stability`, a separate implementation of the definitions;
    a disagreement raises :class:`~gametheory.errors.SolverError`.  Checking
    a given partition is cheaper with :func:`check_stability`, which also
    gives the deviation.
    Existence: Nash stable partitions exist for symmetric additively separable
    games [1]_; contractually individually stable ones always exist [2]_; the
    core can be empty [3]_.

    References
    ----------
    .. [1] A. Bogomolnaia and M. O. Jackson, "The stability of hedonic
       coalition structures", Games and Economic Behavior 38(2), 201-230, 2002.
    .. [2] C. Ballester, "NP-completeness in hedonic games", Games and
       Economic Behavior 49(1), 1-30, 2004.
    .. [3] S. Banerjee, H. Konishi and T. Sonmez, "Core in a simple coalition
       formation game", Social Choice and Welfare 18(1), 135-153, 2001.

    Examples
    --------
    >>> g = HedonicGame.from_rankings([[[0, 1], [0, 2]], [[1, 2], [0, 1]], [[0, 2], [1, 2]]])
    >>> len(stable_partitions(g, "core"))
    0
    >>> [str(P) for P in stable_partitions(g, "contractual")]
    ['{1, 2} {3}', '{1, 3} {2}', '{1} {2, 3}']
    """
    start = time.perf_counter()
    where = "stable_partitions"
    game = _hedonic(game, where)
    concept = _concept(concept, where)
    n = game.n
    _require_enumerable(n, where, "check_stability tests a given partition")
    table = _partition_table(n)
    R = game._rank
    players = np.arange(n)
    owner = np.zeros(table.shape, dtype=np.int64)
    for k in range(n):
        block = table[:, k : k + 1]
        owner = np.where((block >> players) & 1 == 1, block, owner)
    current = R[players, owner]  # (partitions, players)
    if concept == "core":
        keep = np.arange(len(table))
        ranks_now = np.ascontiguousarray(current.T)  # one contiguous row per player
        sizes = popcounts(n)
        for T in np.argsort(sizes[1:], kind="stable") + 1:  # small coalitions first: they block most often
            who = _members(int(T))
            blocked = ranks_now[who[0]] < R[who[0], T]
            for i in who[1:]:
                blocked &= ranks_now[i] < R[i, T]
            if blocked.any():
                keep, ranks_now = keep[~blocked], ranks_now[:, ~blocked]
                if not len(keep):
                    break
    else:
        unstable = np.zeros(len(table), dtype=bool)
        if concept != "nash":
            welcome, release = _acceptance_tables(game)
        for i in range(n):
            # padding zeros in the table stand for "go alone": T = empty gives {i}
            allowed = R[i][table | (1 << i)] > current[:, i : i + 1]
            if concept != "nash":
                allowed &= welcome[i][table]
            if concept == "contractual":
                allowed &= release[i][owner[:, i]][:, None]
            unstable |= allowed.any(axis=1)
        keep = np.flatnonzero(~unstable)
    structures = [CoalitionStructure._trusted(table[k], game.labels) for k in keep]
    # certificate: the direct test of the definitions must find no deviation either
    sample = range(len(structures)) if len(structures) <= _VERIFY_LIMIT else \
        np.linspace(0, len(structures) - 1, _VERIFY_LIMIT).astype(np.int64)
    for k in sample:
        P = structures[int(k)]
        dev = _core_deviation(game, P) if concept == "core" else _move_deviation(game, P, concept)
        if dev is not None:
            raise SolverError(
                f"{where}: {P} was found {_NAMES[concept]} but the direct check finds the deviation: {dev}; "
                "this is a bug, please report it with the game"
            )
    utilities = game.utilities[players, owner[keep]] if len(keep) else np.zeros((0, n), dtype=game.utilities.dtype)
    utilities.setflags(write=False)
    return StablePartitions(
        game, concept, structures, utilities, len(table), len(sample), time.perf_counter() - start
    )


def nash_stable_partitions(game: HedonicGame) -> StablePartitions:
    """All Nash stable partitions (n <= 10); see :func:`stable_partitions`.

    ``O(n**2 Bell(n))`` vectorised; the concept is Bogomolnaia and Jackson's
    (2002), cited there.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [-1, 0]])
    >>> len(nash_stable_partitions(g))
    0
    """
    return stable_partitions(game, "nash")


def individually_stable_partitions(game: HedonicGame) -> StablePartitions:
    """All individually stable partitions (n <= 10); see :func:`stable_partitions`.

    ``O(n**2 Bell(n))`` vectorised; the concept is Bogomolnaia and Jackson's
    (2002), cited there.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [-1, 0]])
    >>> [str(P) for P in individually_stable_partitions(g)]
    ['{1} {2}']
    """
    return stable_partitions(game, "individual")


def contractually_individually_stable_partitions(game: HedonicGame) -> StablePartitions:
    """All contractually individually stable partitions (n <= 10); see :func:`stable_partitions`.

    ``O(n**2 Bell(n))`` vectorised; the concept is Bogomolnaia and Jackson's
    (2002), cited there.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [-1, 0]])
    >>> [str(P) for P in contractually_individually_stable_partitions(g)]
    ['{1, 2}', '{1} {2}']
    """
    return stable_partitions(game, "contractual")


def core_stable_partitions(game: HedonicGame) -> StablePartitions:
    """All core stable partitions (n <= 10); see :func:`stable_partitions`.

    ``O(n 2**n Bell(n))`` in the worst case; Banerjee, Konishi and Sonmez
    (2001), cited there.

    Examples
    --------
    >>> g = HedonicGame.additively_separable([[0, 1], [-1, 0]])
    >>> [str(P) for P in core_stable_partitions(g)]
    ['{1} {2}']
    """
    return stable_partitions(game, "core")

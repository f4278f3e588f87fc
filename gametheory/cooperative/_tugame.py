"""Transferable-utility (TU) cooperative games in characteristic-function form.

Conventions
-----------
A TU game on players ``0 .. n-1`` is a function ``v`` from coalitions to
numbers with ``v(empty) = 0``.  A coalition is stored as a *bitmask*: bit
``i`` is set if and only if player ``i`` is a member, so the grand coalition
is ``2**n - 1`` and ``{0, 2}`` is ``0b101 = 5``.  A dense game keeps ``v`` as
one vector ``values`` of length ``2**n`` indexed by bitmask.

Arithmetic follows :class:`gametheory.NormalFormGame`: a game is *exact* when
every value is an exact rational (``int``, ``Fraction``, ``Decimal``, numeric
string); ``values`` is then an object array of :class:`fractions.Fraction`,
otherwise ``float64``.  Solvers choose their own arithmetic with ``exact=``.

Dense storage is limited to ``n <= 25`` (``2**25`` values).  Larger games are
*function-backed*: ``values`` is ``None`` and ``v`` is evaluated on demand,
which serves sampling algorithms; dense-only algorithms raise
:class:`~gametheory.errors.NotSupported`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Integral
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from .._numbers import is_exact_scalar, to_fraction, to_fraction_array, to_float_array
from ..errors import InvalidCoalitionGame, InvalidOption, InvalidPayoffs, InvalidStrategy, NotSupported

__all__ = [
    "TUGame",
    "savings_game",
    "MAX_DENSE_PLAYERS",
    "popcounts",
    "subset_sums",
    "integer_scaled",
    "integer_scaled_values",
    "check_exact",
    "checked_game",
    "index_of_player",
    "coalition_bitmask",
]

#: Largest number of players stored densely (2**25 values).
MAX_DENSE_PLAYERS = 25


def popcounts(n: int) -> np.ndarray:
    """Coalition sizes: ``popcounts(n)[S]`` is the number of set bits of ``S``, for ``S < 2**n``.

    Built by doubling (the upper half is the lower half plus one), ``O(2**n)``.

    Examples
    --------
    >>> popcounts(3).tolist()
    [0, 1, 1, 2, 1, 2, 2, 3]
    """
    out = np.zeros(1, dtype=np.int64)
    for _ in range(n):
        out = np.concatenate([out, out + 1])
    return out


def subset_sums(x: Any) -> np.ndarray:
    """``subset_sums(x)[S] = sum(x[i] for i in S)`` for every bitmask ``S``, in ``O(2**n)``.

    Keeps the dtype of ``x`` (an object array of Fractions stays exact).

    Examples
    --------
    >>> subset_sums([1, 10, 100]).tolist()
    [0, 1, 10, 11, 100, 101, 110, 111]
    """
    x = np.asarray(x)
    out = np.zeros(1, dtype=x.dtype)
    if x.dtype == object:
        out[0] = Fraction(0) if any(isinstance(v, Fraction) for v in x) else 0
    for xi in x:
        # doubling: the new upper half is every old coalition with player i added
        out = np.concatenate([out, out + xi])
    return out


def _exact_vector(arr: np.ndarray, where: str) -> np.ndarray:
    """Object array of Fractions; integer arrays go through their distinct values (fast for 0/1 games)."""
    if arr.dtype.kind in "iub":
        uniq, inv = np.unique(arr, return_inverse=True)
        table = np.empty(len(uniq), dtype=object)
        table[:] = [Fraction(int(u)) for u in uniq]
        return table[inv.reshape(-1)]
    return to_fraction_array(arr, where=where)


def _as_vector(values: Any, where: str) -> np.ndarray:
    if isinstance(values, (str, bytes, dict)):
        raise InvalidCoalitionGame(f"{where} must be a 1-D sequence of numbers, not a {type(values).__name__}")
    if isinstance(values, np.ndarray):
        arr = values
    else:
        try:
            arr = np.array(list(values) if not isinstance(values, (list, tuple)) else values, dtype=object)
        except (TypeError, ValueError) as exc:
            raise InvalidCoalitionGame(f"{where} must be a 1-D sequence of numbers: {exc}") from None
        if arr.size and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in arr.reshape(-1)):
            try:
                arr = arr.astype(np.int64)
            except OverflowError:
                pass  # big integers stay Python ints, still exact
        elif arr.size and all(isinstance(v, (float, np.floating)) for v in arr.reshape(-1)):
            arr = arr.astype(np.float64)
    if arr.ndim != 1:
        raise InvalidCoalitionGame(f"{where} must be 1-dimensional, got shape {arr.shape}")
    if arr.dtype.kind not in "iubfO":
        raise InvalidCoalitionGame(f"{where} has dtype {arr.dtype}, not numbers")
    return arr


def _all_exact(arr: np.ndarray) -> bool:
    """True if every entry of ``arr`` (any shape) is an exact rational: integer arrays, or objects that all are."""
    if arr.dtype.kind in "iub":
        return True
    return arr.dtype == object and all(is_exact_scalar(v) for v in arr.reshape(-1))


def _convert(arr: np.ndarray, exact: bool, where: str) -> np.ndarray:
    try:
        return _exact_vector(arr, where) if exact else to_float_array(arr, where=where)
    except InvalidPayoffs as exc:
        raise InvalidCoalitionGame(str(exc)) from None


def _scalar(x: Any, exact: bool, where: str) -> Any:
    try:
        if exact:
            return to_fraction(x, where=where)
        v = float(x)
    except InvalidPayoffs as exc:
        raise InvalidCoalitionGame(str(exc)) from None
    except (TypeError, ValueError, OverflowError):
        raise InvalidCoalitionGame(f"{where} is {str(x)[:40]!r}, not a number") from None
    if not math.isfinite(v):
        raise InvalidCoalitionGame(f"{where} is {v}, not a finite number")
    return v


def _labels(given: Sequence[Any] | None, n: int, where: str) -> tuple[str, ...]:
    if given is None:
        return tuple(str(k + 1) for k in range(n))
    if isinstance(given, str):
        raise InvalidCoalitionGame(f"{where}: labels must be a sequence of {n} strings, not the string {given!r}")
    labels = tuple(str(x) for x in given)
    if len(labels) != n:
        raise InvalidCoalitionGame(f"{where}: labels has {len(labels)} entries but the game has {n} players")
    if len(set(labels)) != n:
        dup = next(x for x in labels if labels.count(x) > 1)
        raise InvalidCoalitionGame(f"{where}: labels repeats the label {dup!r}")
    return labels


def _player_count(length: int, where: str) -> int:
    if length < 2 or length & (length - 1):
        raise InvalidCoalitionGame(
            f"{where}: values has length {length}, which is not a power of two 2**n with n >= 1 "
            "(a game on n players needs one value per coalition bitmask)"
        )
    n = length.bit_length() - 1
    if n > MAX_DENSE_PLAYERS:
        raise InvalidCoalitionGame(
            f"{where}: {n} players exceed the dense limit of {MAX_DENSE_PLAYERS}; "
            "use TUGame.from_function for a function-backed game"
        )
    return n


def index_of_player(player: Any, labels: Sequence[str], where: str, error: type[Exception] = InvalidStrategy) -> int:
    """Index of a player given by index (``0 .. n-1``) or label, ``n = len(labels)``.

    ``where`` (the calling function) heads the message of the ``error`` raised
    for an out-of-range index or an unknown label.

    Examples
    --------
    >>> index_of_player("b", ("a", "b"), "demo"), index_of_player(0, ("a", "b"), "demo")
    (1, 0)
    """
    if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
        if 0 <= int(player) < len(labels):
            return int(player)
        raise error(f"{where}: player index {player} is out of range 0..{len(labels) - 1}")
    if isinstance(player, str) and player in labels:
        return labels.index(player)
    raise error(f"{where}: unknown player {player!r}; players are {list(labels)}")


def coalition_bitmask(
    coalition: Any,
    labels: Sequence[str],
    where: str,
    error: type[Exception] = InvalidStrategy,
    *,
    repeats: bool = False,
) -> int:
    """Bitmask of a coalition given as a bitmask, one player label, or a collection of player indices/labels.

    ``n = len(labels)`` players.  A player listed twice raises ``error`` unless
    ``repeats`` is True (then the coalition is the set of players listed).

    Examples
    --------
    >>> coalition_bitmask(["a", 2], ("a", "b", "c"), "demo"), coalition_bitmask("b", ("a", "b", "c"), "demo")
    (5, 2)
    """
    n = len(labels)
    full = (1 << n) - 1
    if isinstance(coalition, (int, np.integer)) and not isinstance(coalition, bool):
        S = int(coalition)
        if not 0 <= S <= full:
            raise error(f"{where}: coalition bitmask {S} is out of range 0..{full} for {n} players")
        return S
    if isinstance(coalition, (str, bytes)):
        return 1 << index_of_player(coalition, labels, where, error)  # a single label
    try:
        members = list(coalition)
    except TypeError:
        raise error(
            f"{where}: a coalition must be a bitmask or a collection of players, got {type(coalition).__name__}"
        ) from None
    S = 0
    for p in members:
        is_index = isinstance(p, (int, np.integer)) and not isinstance(p, bool)
        if not is_index and not (isinstance(p, str) and p in labels):
            raise error(f"{where}: unknown player {p!r} in coalition {members!r}; players are {list(labels)}")
        bit = 1 << index_of_player(p, labels, where, error)
        if S & bit and not repeats:
            raise error(f"{where}: coalition {members!r} lists player {p!r} twice")
        S |= bit
    return S


def check_exact(exact: Any, where: str) -> bool:
    """The ``exact`` option of a solver, which must be a bool.

    Examples
    --------
    >>> check_exact(True, "demo")
    True
    >>> check_exact("yes", "demo")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidOption: demo: exact must be True or False, got 'yes'
    """
    if not isinstance(exact, (bool, np.bool_)):
        raise InvalidOption(f"{where}: exact must be True or False, got {exact!r}")
    return bool(exact)


def checked_game(game: Any, exact: Any, where: str, *, dense: bool = True) -> tuple["TUGame", bool]:
    """Validate a solver's ``game`` and ``exact`` arguments: ``(game, exact)``.

    Raises InvalidCoalitionGame if ``game`` is not a :class:`TUGame`,
    InvalidOption if ``exact`` is not a bool and, with ``dense``,
    NotSupported for a function-backed game.

    Examples
    --------
    >>> checked_game([0, 1], False, "demo")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidCoalitionGame: demo: game must be a TUGame, got list
    """
    if not isinstance(game, TUGame):
        raise InvalidCoalitionGame(f"{where}: game must be a TUGame, got {type(game).__name__}")
    exact = check_exact(exact, where)
    if dense:
        game.require_dense(where)
    return game, exact


@dataclass(frozen=True, eq=False, init=False)
class TUGame:
    """A TU cooperative game ``v: 2**N -> R`` with ``v(empty) = 0``.

    Parameters
    ----------
    values : array_like or None
        ``values[S] = v(S)`` for every bitmask ``S`` (bit ``i`` set iff player
        ``i`` is in ``S``); length ``2**n`` with ``1 <= n <= 25``.  ``None``
        only together with ``function`` and ``n`` (see :meth:`from_function`).
    labels : sequence of str, optional
        Player labels (default ``"1", "2", ...``).
    exact : bool, optional
        Force exact (``True``) or float (``False``) storage.  By default the
        game is exact when every value is an exact rational.
    title : str
        A free-form description.
    function, n : optional
        A function-backed game: ``function(frozenset_of_players) -> number``
        on ``n`` players.  Use :meth:`from_function` rather than these.

    Attributes
    ----------
    n : int
        Number of players.
    values : ndarray or None
        Dense characteristic function (Fractions when ``exact``, else
        float64, read-only), or ``None`` for a function-backed game.
    exact : bool
    labels : tuple of str
    title : str
    function : callable or None

    Raises
    ------
    InvalidCoalitionGame
        Length not a power of two, ``v(empty) != 0``, NaN/inf or non-numeric
        values, more than 25 players densely, bad labels.

    Notes
    -----
    The characteristic-function form of von Neumann and Morgenstern [1]_.
    Dense storage takes ``2**n`` values (twice: exact and float64 for an
    exact game) and ``O(2**n)`` time to validate; ``v(S)`` is an array lookup.

    References
    ----------
    .. [1] J. von Neumann and O. Morgenstern, Theory of Games and Economic
       Behavior, Princeton University Press, 1944, Chapter VI.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame
    >>> g = TUGame([0, 1, 1, 3])            # v({0}) = v({1}) = 1, v({0, 1}) = 3
    >>> g.n, g.exact, g.value([0, 1]), g.value(0b01)
    (2, True, Fraction(3, 1), Fraction(1, 1))
    """

    n: int
    values: np.ndarray | None
    exact: bool
    labels: tuple[str, ...]
    title: str = ""
    function: Callable[[frozenset], Any] | None = field(default=None, repr=False)
    _float: np.ndarray | None = field(default=None, repr=False)

    def __init__(
        self,
        values: Any,
        labels: Sequence[str] | None = None,
        *,
        exact: bool | None = None,
        title: str = "",
        function: Callable[[frozenset], Any] | None = None,
        n: int | None = None,
    ) -> None:
        where = "TUGame"
        if values is None:
            if function is None or n is None:
                raise InvalidCoalitionGame(f"{where}: values is None; give values, or use TUGame.from_function")
            if not callable(function):
                raise InvalidCoalitionGame(f"{where}: function must be callable, got {type(function).__name__}")
            if isinstance(n, bool) or not isinstance(n, Integral) or n < 1:
                raise InvalidCoalitionGame(f"{where}: n must be a positive integer, got {n!r}")
            n = int(n)
            if exact is None:
                exact = is_exact_scalar(function(frozenset(range(n))))
            empty = _scalar(function(frozenset()), bool(exact), f"{where}: v(empty)")
            if empty != 0:
                raise InvalidCoalitionGame(f"{where}: v(empty) must be 0, got {empty}")
            stored, as_float = None, None
        else:
            if function is not None:
                raise InvalidCoalitionGame(f"{where}: give values or function, not both")
            arr = _as_vector(values, f"{where}: values")
            n = _player_count(len(arr), where)
            if exact is None:
                exact = _all_exact(arr)
            stored = _convert(arr, bool(exact), f"{where}: values")
            as_float = stored if not exact else to_float_array(stored, where=f"{where}: values")
            if stored[0] != 0:
                raise InvalidCoalitionGame(f"{where}: v(empty) = values[0] must be 0, got {stored[0]}")
            stored.setflags(write=False)
            as_float.setflags(write=False)
        object.__setattr__(self, "n", int(n))
        object.__setattr__(self, "values", stored)
        object.__setattr__(self, "exact", bool(exact))
        object.__setattr__(self, "labels", _labels(labels, int(n), where))
        object.__setattr__(self, "title", str(title))
        object.__setattr__(self, "function", function)
        object.__setattr__(self, "_float", as_float)

    def __repr__(self) -> str:
        kind = "dense" if self.is_dense else "function-backed"
        labels = repr(self.labels) if self.n <= 8 else f"({self.labels[0]!r}, ..., {self.labels[-1]!r})"
        return f"TUGame(n={self.n}, {kind}, exact={self.exact}, labels={labels}" + (
            f", title={self.title!r})" if self.title else ")"
        )

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_values(
        cls, values: Any, labels: Sequence[str] | None = None, *, exact: bool | None = None, title: str = ""
    ) -> "TUGame":
        """The game with ``v(S) = values[S]`` (bitmask order); same as ``TUGame(values, labels)``.

        Examples
        --------
        >>> TUGame.from_values(["0", "1/2", "1/2", "2"], labels=["a", "b"]).value(["a", "b"])
        Fraction(2, 1)
        """
        return cls(values, labels, exact=exact, title=title)

    @classmethod
    def from_function(
        cls,
        n: int,
        f: Callable[[frozenset], Any],
        labels: Sequence[str] | None = None,
        *,
        exact: bool | None = None,
        dense: bool | None = None,
        title: str = "",
    ) -> "TUGame":
        """The game ``v(S) = f(frozenset(S))`` on ``n`` players.

        Parameters
        ----------
        n : int
        f : callable
            Maps a frozenset of player indices to a number; ``f(frozenset())`` must be 0.
        dense : bool, optional
            Evaluate ``f`` on all ``2**n`` coalitions now (default when
            ``n <= 25``) or keep a function-backed game (``values is None``;
            forced when ``n > 25``).
        exact : bool, optional
            Default: exact if ``f`` returns exact rationals (judged on the grand coalition).

        Notes
        -----
        A dense game calls ``f`` once per coalition, ``2**n`` calls; a
        function-backed one calls it on demand.

        Examples
        --------
        >>> g = TUGame.from_function(3, lambda S: len(S) ** 2)
        >>> [int(x) for x in g.values]
        [0, 1, 1, 4, 1, 4, 4, 9]
        >>> TUGame.from_function(40, lambda S: len(S) ** 2).values is None
        True
        """
        where = "TUGame.from_function"
        if isinstance(n, bool) or not isinstance(n, Integral) or n < 1:
            raise InvalidCoalitionGame(f"{where}: n must be a positive integer, got {n!r}")
        if not callable(f):
            raise InvalidCoalitionGame(f"{where}: f must be callable, got {type(f).__name__}")
        n = int(n)
        if dense is None:
            dense = n <= MAX_DENSE_PLAYERS
        if dense and n > MAX_DENSE_PLAYERS:
            raise InvalidCoalitionGame(f"{where}: dense=True needs n <= {MAX_DENSE_PLAYERS}, got n = {n}")
        if not dense:
            return cls(None, labels, exact=exact, title=title, function=f, n=n)
        members = [frozenset(i for i in range(n) if (S >> i) & 1) for S in range(1 << n)] if n <= 16 else None
        vals = []
        for S in range(1 << n):
            coal = members[S] if members is not None else frozenset(i for i in range(n) if (S >> i) & 1)
            vals.append(f(coal))
        arr = np.empty(len(vals), dtype=object)
        arr[:] = vals
        if exact is None:
            exact = _all_exact(arr)
        return cls(_convert(arr, bool(exact), f"{where}: f"), labels, exact=exact, title=title)

    @classmethod
    def weighted_voting(
        cls,
        weights: Any,
        quota: Any,
        labels: Sequence[str] | None = None,
        *,
        title: str = "",
    ) -> "TUGame":
        """The simple game ``v(S) = 1`` if ``sum(weights[S]) >= quota`` else ``0``.

        Parameters
        ----------
        weights : sequence of nonnegative numbers
        quota : number with ``0 < quota <= sum(weights)``

        Notes
        -----
        A weighted majority game (von Neumann and Morgenstern 1944, Chapter X;
        cited in :class:`TUGame`).  Exact rational weights are compared
        exactly.  The game is stored exactly (its values are 0 and 1); the
        weights of all coalitions come from :func:`subset_sums`, ``O(2**n)``.
        With more than 25 voters the game is function-backed; the power
        indices of :func:`~gametheory.cooperative.shapley_shubik_index` and
        :func:`~gametheory.cooperative.banzhaf_index` work on the weights
        directly for any number of voters.

        Examples
        --------
        >>> g = TUGame.weighted_voting(weights=[2, 1, 1], quota=3)
        >>> [int(x) for x in g.values]
        [0, 0, 0, 1, 0, 1, 0, 1]
        """
        w, q, exact = _weights_and_quota(weights, quota, "TUGame.weighted_voting")
        n = len(w)
        title = title or f"weighted voting [{_fmt(q)}; " + ", ".join(_fmt(x) for x in w) + "]"
        if n > MAX_DENSE_PLAYERS:
            wl = list(w)
            return cls.from_function(
                n, lambda S: int(sum((wl[i] for i in S), Fraction(0) if exact else 0.0) >= q), labels,
                exact=True, dense=False, title=title,
            )
        sums = subset_sums(w)
        return cls((sums >= q).astype(np.int64), labels, exact=True, title=title)

    @classmethod
    def bankruptcy(
        cls, estate: Any, claims: Any, labels: Sequence[str] | None = None, *, title: str = ""
    ) -> "TUGame":
        """O'Neill's bankruptcy game: ``v(S) = max(0, E - sum of the claims of players outside S)``.

        Parameters
        ----------
        estate : number ``E`` with ``0 <= E <= sum(claims)``
        claims : sequence of nonnegative numbers

        Notes
        -----
        ``v(S)`` is what coalition ``S`` is sure to get after paying every
        outsider's claim in full [1]_.  Exact when every input is exact.
        ``O(2**n)`` by :func:`subset_sums`.

        References
        ----------
        .. [1] B. O'Neill, "A problem of rights arbitration from the Talmud",
           Mathematical Social Sciences 2(4), 345-371, 1982.

        Examples
        --------
        >>> g = TUGame.bankruptcy(estate=200, claims=[100, 200, 300])
        >>> [int(x) for x in g.values]
        [0, 0, 0, 0, 0, 0, 100, 200]
        """
        where = "TUGame.bankruptcy"
        c = _as_vector(claims, f"{where}: claims")
        if len(c) == 0:
            raise InvalidCoalitionGame(f"{where}: claims is empty; a bankruptcy problem needs at least one claimant")
        if len(c) > MAX_DENSE_PLAYERS:
            raise InvalidCoalitionGame(f"{where}: {len(c)} claimants exceed the dense limit of {MAX_DENSE_PLAYERS}")
        exact = _all_exact(c) and is_exact_scalar(estate)
        c = _convert(c, exact, f"{where}: claims")
        E = _scalar(estate, exact, f"{where}: estate")
        if any(x < 0 for x in c):
            k = next(i for i, x in enumerate(c) if x < 0)
            raise InvalidCoalitionGame(f"{where}: claims[{k}] = {c[k]} is negative")
        total = sum(c, Fraction(0) if exact else 0.0)
        if E < 0 or E > total:
            raise InvalidCoalitionGame(f"{where}: estate {E} must lie in [0, sum of claims = {total}]")
        outside = total - subset_sums(c)
        vals = E - outside
        zero = Fraction(0) if exact else 0.0
        vals = np.where(vals > zero, vals, zero) if exact else np.maximum(vals, 0.0)
        if exact:
            vals = vals.astype(object)
        return cls(vals, labels, exact=exact, title=title or f"bankruptcy E={_fmt(E)}")

    @classmethod
    def from_costs(
        cls, costs: Any, labels: Sequence[str] | None = None, *, exact: bool | None = None, title: str = ""
    ) -> "TUGame":
        """The savings game of a cost game: ``s(S) = sum_{i in S} c({i}) - c(S)``.

        ``costs`` is a cost vector in bitmask order (``c(empty) = 0``).  Allocating
        savings ``x`` corresponds to charging player ``i`` the cost ``c({i}) - x_i``.
        See :func:`savings_game` (``O(2**n)``, Tijs and Driessen 1986).

        Examples
        --------
        >>> g = TUGame.from_costs([0, 4, 5, 6])
        >>> [int(x) for x in g.values]
        [0, 0, 0, 3]
        """
        cost = cls(costs, labels, exact=exact, title=title)
        return savings_game(cost)

    @classmethod
    def glove(cls, left: int, right: int, labels: Sequence[str] | None = None) -> "TUGame":
        """The glove game: ``v(S) = min(#left-glove owners in S, #right-glove owners in S)``.

        Players ``0 .. left-1`` own one left glove each, players
        ``left .. left+right-1`` one right glove each; a pair is worth 1.
        The market game (:meth:`market`) with two goods and unit
        endowments, ``O(2**n)``.

        Examples
        --------
        >>> g = TUGame.glove(left=1, right=2)
        >>> g.labels, [int(x) for x in g.values]
        (('L1', 'R1', 'R2'), [0, 0, 0, 1, 0, 1, 0, 1])
        """
        where = "TUGame.glove"
        for name, k in (("left", left), ("right", right)):
            if isinstance(k, bool) or not isinstance(k, Integral) or k < 0:
                raise InvalidCoalitionGame(f"{where}: {name} must be a nonnegative integer count, got {k!r}")
        if left + right < 1:
            raise InvalidCoalitionGame(f"{where}: left + right must be at least 1 (a game needs a player)")
        if labels is None:
            labels = [f"L{k + 1}" for k in range(left)] + [f"R{k + 1}" for k in range(right)]
        endow = np.zeros((left + right, 2), dtype=np.int64)
        endow[:left, 0] = 1
        endow[left:, 1] = 1
        return cls.market(endow, labels, title=f"glove game ({left} left, {right} right)")

    @classmethod
    def market(cls, endowments: Any, labels: Sequence[str] | None = None, *, title: str = "") -> "TUGame":
        """A market game with perfectly complementary goods: ``v(S) = min_k sum_{i in S} e[i, k]``.

        ``endowments`` is an ``n x m`` nonnegative matrix: player ``i`` owns
        ``e[i, k]`` units of good ``k``, and one unit of the final product
        needs one unit of every good (Leontief technology).  The glove game is
        the case of two goods and unit endowments.  Market games are totally
        balanced, so their core is never empty [1]_.  ``O(m 2**n)``: one
        :func:`subset_sums` per good.

        References
        ----------
        .. [1] L. S. Shapley and M. Shubik, "On market games", Journal of
           Economic Theory 1(1), 9-25, 1969.

        Examples
        --------
        >>> g = TUGame.market([[2, 0], [0, 1], [0, 1]])
        >>> int(g.value([0, 1, 2]))
        2
        """
        where = "TUGame.market"
        arr = np.array(endowments, dtype=object) if not isinstance(endowments, np.ndarray) else endowments
        if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 1:
            raise InvalidCoalitionGame(f"{where}: endowments must be an n x m matrix with n, m >= 1, got shape {arr.shape}")
        if arr.shape[0] > MAX_DENSE_PLAYERS:
            raise InvalidCoalitionGame(f"{where}: {arr.shape[0]} players exceed the dense limit of {MAX_DENSE_PLAYERS}")
        exact = _all_exact(arr)
        try:
            e = to_fraction_array(arr, f"{where}: endowments") if exact else to_float_array(arr, f"{where}: endowments")
        except InvalidPayoffs as exc:
            raise InvalidCoalitionGame(str(exc)) from None
        if np.any(e < 0):
            i, k = (int(t) for t in np.argwhere(e < 0)[0])
            raise InvalidCoalitionGame(f"{where}: endowments[{i}, {k}] = {e[i, k]} is negative")
        per_good = np.stack([subset_sums(e[:, k]) for k in range(e.shape[1])])
        vals = per_good.min(axis=0)
        return cls(vals, labels, exact=exact, title=title or "market game")

    # ------------------------------------------------------------------ access
    @property
    def is_dense(self) -> bool:
        """True if ``values`` holds the whole characteristic function.

        Examples
        --------
        >>> TUGame([0, 1]).is_dense, TUGame.from_function(30, len).is_dense
        (True, False)
        """
        return self.values is not None

    @property
    def grand_coalition(self) -> int:
        """Bitmask of the grand coalition, ``2**n - 1``.

        Examples
        --------
        >>> TUGame([0, 0, 0, 1]).grand_coalition
        3
        """
        return (1 << self.n) - 1

    @property
    def float_values(self) -> np.ndarray:
        """``values`` as float64 (read-only); raises NotSupported for a function-backed game.

        Examples
        --------
        >>> TUGame([0, "1/2"]).float_values.tolist()
        [0.0, 0.5]
        """
        self.require_dense("float_values")
        return self._float  # type: ignore[return-value]

    def exact_values(self) -> np.ndarray:
        """``values`` as an object array of Fractions (floats become their shortest decimal).

        Examples
        --------
        >>> [str(x) for x in TUGame([0.0, 0.1]).exact_values()]
        ['0', '1/10']
        """
        self.require_dense("exact_values")
        if self.exact:
            return self.values  # type: ignore[return-value]
        return to_fraction_array(self.values, where="TUGame values")

    def require_dense(self, what: str) -> None:
        """Raise NotSupported unless the game has a dense value vector (used by dense-only algorithms).

        Examples
        --------
        >>> TUGame.from_function(30, len).require_dense("demo")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        gametheory.errors.NotSupported: demo needs the dense characteristic function (2**n values), ...
        """
        if self.values is None:
            raise NotSupported(
                f"{what} needs the dense characteristic function (2**n values), but this game on "
                f"{self.n} players is function-backed (n > {MAX_DENSE_PLAYERS} or dense=False); "
                "sampling methods (shapley_value(..., method='sampling')) work on it"
            )

    def player_index(self, player: int | str) -> int:
        """Index of a player given by index or label.

        Examples
        --------
        >>> TUGame.glove(left=1, right=2).player_index("R1")
        1
        """
        return index_of_player(player, self.labels, "TUGame")

    def coalition_mask(self, coalition: int | Iterable[int | str]) -> int:
        """Bitmask of a coalition given as a bitmask, a label, or an iterable of player indices/labels.

        A player listed twice counts once.

        Examples
        --------
        >>> g = TUGame.glove(left=1, right=2)
        >>> g.coalition_mask(["L1", "R2"]), g.coalition_mask("R1"), g.coalition_mask(6)
        (5, 2, 6)
        """
        return coalition_bitmask(coalition, self.labels, "TUGame", repeats=True)

    def members(self, coalition: int) -> tuple[int, ...]:
        """Player indices of a bitmask coalition.

        Examples
        --------
        >>> TUGame([0] * 8).members(0b101)
        (0, 2)
        """
        S = self.coalition_mask(coalition)
        return tuple(i for i in range(self.n) if (S >> i) & 1)

    def value(self, coalition: int | Iterable[int | str]) -> Any:
        """``v(S)`` for a bitmask or an iterable of players (Fraction if exact, else float).

        Examples
        --------
        >>> g = TUGame.glove(left=1, right=1)
        >>> g.value(["L1", "R1"]), g.to_float().value(0b01)
        (Fraction(1, 1), 0.0)
        """
        S = self.coalition_mask(coalition)
        if self.values is not None:
            return self.values[S] if self.exact else float(self.values[S])
        return self._call(S)

    def _call(self, S: int) -> Any:
        coal = frozenset(i for i in range(self.n) if (S >> i) & 1)
        return _scalar(self.function(coal), self.exact, f"v({sorted(coal)})")  # type: ignore[misc]

    def coalitions_containing(self, player: int | str) -> np.ndarray:
        """Bitmasks of all coalitions containing ``player``, increasing (length ``2**(n-1)``).

        Examples
        --------
        >>> TUGame([0] * 8).coalitions_containing(1).tolist()
        [2, 3, 6, 7]
        """
        i = self.player_index(player)
        if self.n > MAX_DENSE_PLAYERS:
            raise NotSupported(f"coalitions_containing would list 2**{self.n - 1} coalitions")
        masks = np.arange(1 << self.n, dtype=np.int64)
        return masks[(masks >> i) & 1 == 1]

    # ------------------------------------------------------------------ derived games
    def subgame(self, players: Iterable[int | str]) -> "TUGame":
        """The restriction of ``v`` to coalitions of ``players`` (in the order given).

        Player ``k`` of the subgame is ``players[k]``, keeping its label.
        ``O(2**k)`` for ``k`` players (a gather from the dense values).

        Examples
        --------
        >>> h = TUGame.glove(left=1, right=2).subgame(["R2", "L1"])
        >>> h.labels, [int(x) for x in h.values]
        (('R2', 'L1'), [0, 0, 0, 1])
        """
        idx = [self.player_index(p) for p in players]
        if not idx:
            raise InvalidCoalitionGame("subgame: players is empty; a game needs at least one player")
        if len(set(idx)) != len(idx):
            raise InvalidCoalitionGame(f"subgame: players repeats a player: {list(players)}")
        labels = [self.labels[i] for i in idx]
        if self.values is None:
            f = self.function
            return TUGame.from_function(
                len(idx), lambda S: f(frozenset(idx[k] for k in S)), labels,  # type: ignore[misc]
                exact=self.exact, title=self.title,
            )
        masks = subset_sums(np.array([1 << i for i in idx], dtype=np.int64))
        return TUGame(self.values[masks], labels, exact=self.exact, title=self.title)

    def with_labels(self, labels: Sequence[str]) -> "TUGame":
        """The same game with new player labels.

        Examples
        --------
        >>> TUGame([0, 1, 1, 3]).with_labels(["a", "b"]).labels
        ('a', 'b')
        """
        if self.values is None:
            return TUGame(None, labels, exact=self.exact, title=self.title, function=self.function, n=self.n)
        return TUGame(self.values, labels, exact=self.exact, title=self.title)

    def to_exact(self) -> "TUGame":
        """The same game with exact rational values (floats become their shortest decimal).

        Examples
        --------
        >>> TUGame([0.0, 0.25]).to_exact().value(1)
        Fraction(1, 4)
        """
        if self.exact:
            return self
        if self.values is None:
            return TUGame(None, self.labels, exact=True, title=self.title, function=self.function, n=self.n)
        return TUGame(self.exact_values(), self.labels, exact=True, title=self.title)

    def to_float(self) -> "TUGame":
        """The same game with float64 values.

        Examples
        --------
        >>> TUGame([0, "1/4"]).to_float().value(1)
        0.25
        """
        if not self.exact:
            return self
        if self.values is None:
            return TUGame(None, self.labels, exact=False, title=self.title, function=self.function, n=self.n)
        return TUGame(self._float, self.labels, exact=False, title=self.title)


def savings_game(cost_game: TUGame) -> TUGame:
    """The savings game ``s(S) = sum_{i in S} c({i}) - c(S)`` of a cost game ``c``.

    Cooperation saves ``s(S)`` over everyone paying their stand-alone cost;
    a cost allocation ``y`` corresponds to the savings allocation
    ``x_i = c({i}) - y_i``.  Subadditive costs give superadditive savings.

    Notes
    -----
    Savings games are the standard translation of cost allocation problems
    into TU games [1]_; ``O(2**n)`` by :func:`subset_sums`.

    References
    ----------
    .. [1] S. H. Tijs and T. S. H. Driessen, "Game theory and cost allocation
       problems", Management Science 32(8), 1015-1028, 1986.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, savings_game
    >>> [int(x) for x in savings_game(TUGame([0, 4, 5, 6])).values]
    [0, 0, 0, 3]
    """
    if not isinstance(cost_game, TUGame):
        raise InvalidCoalitionGame(f"savings_game: cost_game must be a TUGame, got {type(cost_game).__name__}")
    cost_game.require_dense("savings_game")
    c = cost_game.values
    alone = np.array([c[1 << i] for i in range(cost_game.n)], dtype=c.dtype)  # type: ignore[index]
    vals = subset_sums(alone) - c
    return TUGame(vals, cost_game.labels, exact=cost_game.exact, title=f"savings of {cost_game.title or 'cost game'}")


def _fmt(x: Any) -> str:
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _weights_and_quota(weights: Any, quota: Any, where: str) -> tuple[np.ndarray, Any, bool]:
    """Validated weights and quota, exact (Fractions) when both are exact, else float."""
    w = _as_vector(weights, f"{where}: weights")
    if len(w) == 0:
        raise InvalidCoalitionGame(f"{where}: weights is empty; a voting game needs at least one voter")
    exact = _all_exact(w) and is_exact_scalar(quota)
    w = _convert(w, exact, f"{where}: weights")
    q = _scalar(quota, exact, f"{where}: quota")
    if np.any(w < 0):
        k = int(np.argmax(w < 0))
        raise InvalidCoalitionGame(f"{where}: weights[{k}] = {w[k]} is negative")
    total = sum(w, Fraction(0)) if exact else float(np.sum(w))
    if not 0 < q <= total:
        raise InvalidCoalitionGame(f"{where}: quota {q} must lie in (0, total weight {total}]")
    return w, q, exact


def integer_scaled(fractions: np.ndarray, terms: int) -> tuple[np.ndarray, int]:
    """``(K, D)`` with ``fractions == K / D`` entrywise, ``D`` the least common denominator.

    ``fractions`` is an object array of Fractions (any shape, kept).  ``K`` is
    int64 when ``max|K| * terms < 2**62``, so that sums of up to ``terms``
    entries cannot overflow, otherwise an object array of Python ints.
    ``O(size)`` plus one ``lcm`` per distinct denominator.

    Examples
    --------
    >>> from fractions import Fraction
    >>> K, D = integer_scaled(np.array([Fraction(1, 2), Fraction(2, 3)], dtype=object), terms=4)
    >>> K.tolist(), D
    ([3, 4], 6)
    """
    flat = fractions.reshape(-1)
    den = 1
    for d in {v.denominator for v in flat}:
        den = math.lcm(den, d)
    ints = [v.numerator * (den // v.denominator) for v in flat]
    big = max((abs(k) for k in ints), default=0)
    if big * terms < 2**62:
        return np.array(ints, dtype=np.int64).reshape(fractions.shape), den
    out = np.empty(len(ints), dtype=object)
    out[:] = ints
    return out.reshape(fractions.shape), den


def integer_scaled_values(game: TUGame) -> tuple[np.ndarray, int]:
    """``(V, D)`` with ``V = D * v`` integral: the exact values over a common denominator ``D``.

    ``V`` is int64 when ``max|V| * 2**n`` fits (so sums over all coalitions
    cannot overflow), otherwise an object array of Python ints.  Exact
    algorithms work on ``V`` and divide by ``D`` once at the end.

    Examples
    --------
    >>> V, D = integer_scaled_values(TUGame([0, "1/2", "1/3", 1]))
    >>> V.tolist(), D
    ([0, 3, 2, 6], 6)
    """
    return integer_scaled(game.exact_values(), 1 << game.n)

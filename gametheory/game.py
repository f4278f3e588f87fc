"""Normal-form (strategic-form) games with N >= 2 players.

Conventions
-----------
A game with players ``0 .. N-1`` where player ``i`` has ``n_i`` pure
strategies stores its payoffs in one array ``payoffs`` of shape
``(n_0, ..., n_{N-1}, N)``: ``payoffs[s_0, ..., s_{N-1}, i]`` is player ``i``'s
payoff when each player ``j`` plays pure strategy ``s_j``.  For a bimatrix game
``A = payoffs[..., 0]`` (row player) and ``B = payoffs[..., 1]`` (column player).

A mixed strategy profile is a sequence of ``N`` one-dimensional arrays, the
``i``-th of length ``n_i``, each a probability vector.

Arithmetic
----------
A game is *exact* when every payoff is an exact rational (``int``,
``Fraction``, ``Decimal``, sympy ``Rational`` or a numeric string); its payoffs
are then an object array of :class:`fractions.Fraction`.  Otherwise payoffs are
``float64``.  Every game also keeps a float64 copy for the floating-point
solvers.  Solvers choose their arithmetic with their own ``exact`` argument.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ._numbers import is_exact_scalar, to_fraction_array, to_float_array
from .errors import InvalidGame, InvalidPayoffs, InvalidStrategy, NotSupported

__all__ = ["NormalFormGame", "Profile", "contract_others"]

Profile = tuple[np.ndarray, ...]


def contract_others(u: np.ndarray, profile: Sequence[np.ndarray], keep: Sequence[int]) -> np.ndarray:
    """Contract every player axis of ``u`` not in ``keep`` with that player's mixed strategy.

    With ``keep = (i,)`` and ``u`` player ``i``'s payoff array this is the
    vector ``u_i(s, sigma_{-i})``; with ``keep = (i, j)`` it is the matrix of
    ``d u_i(s, sigma_{-i}) / d sigma_j(t)`` (axes in player order).  Axes are
    contracted from the last to the first so the remaining axis numbers stay
    valid.  Cost ``O(prod(n))``.
    """
    for j in range(u.ndim - 1, -1, -1):
        if j not in keep:
            u = np.tensordot(u, profile[j], axes=([j], [0]))
    return u


def _all_exact(arr: np.ndarray) -> bool:
    if arr.dtype.kind in "iub":
        return True
    if arr.dtype.kind == "f":
        return False
    return all(is_exact_scalar(v) for v in arr.reshape(-1))


def _as_array(values: Any, what: str) -> np.ndarray:
    if isinstance(values, np.ndarray):
        arr = values
    else:
        try:
            arr = np.array(values, dtype=object)
        except ValueError as exc:
            raise InvalidPayoffs(f"{what} are ragged: {exc}") from None
        # numpy builds an object array of lists for some ragged inputs instead of raising
        if any(isinstance(v, (list, tuple, np.ndarray)) for v in arr.reshape(-1)):
            raise InvalidPayoffs(f"{what} are ragged: rows of different lengths")
        kinds = {type(v) for v in arr.reshape(-1)}
        if kinds and all(issubclass(k, (int, np.integer)) and k is not bool for k in kinds):
            try:
                arr = arr.astype(np.int64)
            except OverflowError:
                pass  # big integers stay Python ints, still exact
        elif kinds and all(issubclass(k, (float, np.floating)) for k in kinds):
            arr = arr.astype(np.float64)
    if arr.dtype.kind not in "iubfO":
        raise InvalidPayoffs(f"{what} have dtype {arr.dtype}, not numbers")
    return arr


def _labels(given: Sequence[Any] | None, count: int, default, what: str, error: type = InvalidGame) -> tuple[str, ...]:
    """``count`` distinct labels (``default(k)`` when none are given); ``error`` names the caller's problem type."""
    if given is None:
        return tuple(default(k) for k in range(count))
    if isinstance(given, str):
        raise error(f"{what} must be a sequence of {count} labels, not the string {given!r}")
    labels = tuple(str(x) for x in given)
    if len(labels) != count:
        raise error(f"{what} has {len(labels)} labels but there are {count}")
    if len(set(labels)) != len(labels):
        dup = next(x for x in labels if labels.count(x) > 1)
        raise error(f"{what} repeats the label {dup!r}")
    return labels


@dataclass(frozen=True, eq=False)
class NormalFormGame:
    """A finite game in normal form with ``N >= 2`` players.

    Parameters
    ----------
    payoffs : array_like or sequence of array_like
        Either one array of shape ``(n_0, ..., n_{N-1}, N)`` (a numpy array
        or nested lists), or a *list or tuple* of ``N`` per-player arrays each of
        shape ``(n_0, ..., n_{N-1})``.  A list of per-player arrays is
        recognised by being a list/tuple whose items are all arrays of the same
        ``N``-dimensional shape with ``N`` equal to the list's length.  Nested
        Python lists that fit both readings (such as a 2x2 game) are refused
        as ambiguous: pass a numpy array for the first reading, or a list of
        numpy arrays (``from_bimatrix`` for two players) for the second.
    players : sequence of str, optional
        Player labels (default ``"1", "2", ...`` as in Gambit).
    strategies : sequence of sequences of str, optional
        Strategy labels for each player (default ``"1", "2", ...``).
    title : str
        A title, written to and read from Gambit files.
    exact : bool, optional
        Force exact (``True``) or float (``False``) storage.  By default a game
        is exact when every payoff is an exact rational.

    Raises
    ------
    InvalidPayoffs
        Ragged or mis-shaped payoffs, non-numeric entries, NaN or infinity.
    InvalidGame
        Fewer than two players, a player without strategies, labels whose count
        does not match or that repeat.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> g.shape, g.is_exact
    ((2, 2), True)
    """

    payoffs: np.ndarray
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()
    title: str = ""
    _float: np.ndarray = field(default=None, repr=False, compare=False)  # type: ignore[assignment]

    def __init__(
        self,
        payoffs: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> None:
        combined = self._combine(payoffs)
        if combined.ndim < 1:
            raise InvalidPayoffs("payoffs must be an array, not a scalar")
        n_players = combined.shape[-1]
        if combined.ndim - 1 != n_players:
            raise InvalidPayoffs(
                f"payoffs of shape {combined.shape} do not describe a game: the last axis "
                f"must have one entry per player, i.e. length {combined.ndim - 1}, "
                f"or pass a list of per-player arrays"
            )
        if n_players < 2:
            raise InvalidGame(f"a game needs at least 2 players, got {n_players}")
        for i, n in enumerate(combined.shape[:-1]):
            if n == 0:
                raise InvalidGame(f"player {i} has no strategy (an empty strategy set)")
        if exact is None:
            exact = _all_exact(combined)
        if exact:
            stored = to_fraction_array(combined, where="payoffs")
            as_float = to_float_array(stored, where="payoffs")
        else:
            stored = to_float_array(combined, where="payoffs")
            as_float = stored
        stored.setflags(write=False)
        as_float.setflags(write=False)
        shape = stored.shape[:-1]
        player_labels = _labels(players, n_players, lambda k: str(k + 1), "players")
        if strategies is None:
            strategy_labels = tuple(tuple(str(k + 1) for k in range(n)) for n in shape)
        else:
            strategies = list(strategies)
            if len(strategies) != n_players:
                raise InvalidGame(
                    f"strategies gives labels for {len(strategies)} players but the game has {n_players}"
                )
            strategy_labels = tuple(
                _labels(s, n, lambda k: str(k + 1), f"strategies of player {player_labels[i]!r}")
                for i, (s, n) in enumerate(zip(strategies, shape))
            )
        object.__setattr__(self, "payoffs", stored)
        object.__setattr__(self, "players", player_labels)
        object.__setattr__(self, "strategies", strategy_labels)
        object.__setattr__(self, "title", str(title))
        object.__setattr__(self, "_float", as_float)

    @staticmethod
    def _combine(payoffs: Any) -> np.ndarray:
        if isinstance(payoffs, (list, tuple)) and len(payoffs) >= 1:
            parts = [_as_array(p, f"payoffs of player {i}") for i, p in enumerate(payoffs)]
            shapes = {p.shape for p in parts}
            if len(shapes) == 1:
                (shape,) = shapes
                if len(shape) == len(parts):
                    nested = not any(isinstance(p, np.ndarray) for p in payoffs)
                    if nested and shape[-1] == len(shape):
                        # e.g. [[[3, 3], [0, 5]], [[5, 0], [1, 1]]]: a 2x2 game in the (n1, n2, 2)
                        # form, or the two matrices of a game; guessing could silently swap payoffs
                        raise InvalidPayoffs(
                            f"nested lists of shape {(len(parts),) + shape} can be read as one array "
                            f"(n1, ..., nN, N) or as {len(parts)} per-player arrays; pass np.array(...) "
                            "for the first, a list of numpy arrays (or from_bimatrix(A, B)) for the second"
                        )
                    if any(p.dtype == object for p in parts):
                        parts = [p.astype(object) for p in parts]
                    return np.stack(parts, axis=-1)
            elif all(p.ndim == len(parts) for p in parts):
                raise InvalidPayoffs(
                    "per-player payoff arrays must have the same shape, got "
                    + ", ".join(str(p.shape) for p in parts)
                )
        return _as_array(payoffs, "payoffs")

    # ----------------------------------------------------------------- constructors
    @classmethod
    def from_bimatrix(
        cls,
        A: Any,
        B: Any | None = None,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> "NormalFormGame":
        """A two-player game from the row player's matrix ``A`` and the column player's ``B``.

        ``B`` defaults to ``-A`` (a zero-sum game).
        """
        a = _as_array(A, "payoff matrix A")
        if a.ndim != 2:
            raise InvalidPayoffs(f"payoff matrix A must be 2-dimensional, got shape {a.shape}")
        b = -a if B is None else _as_array(B, "payoff matrix B")
        if b.ndim != 2 or b.shape != a.shape:
            raise InvalidPayoffs(f"payoff matrices A {a.shape} and B {b.shape} must have the same 2-D shape")
        return cls([a, b], players=players, strategies=strategies, title=title, exact=exact)

    # ------------------------------------------------------------------ properties
    @property
    def num_players(self) -> int:
        return self.payoffs.shape[-1]

    @property
    def shape(self) -> tuple[int, ...]:
        """Numbers of pure strategies, one per player."""
        return self.payoffs.shape[:-1]

    @property
    def is_exact(self) -> bool:
        return self.payoffs.dtype == object

    def payoff_array(self, player: int | str, exact: bool | None = None) -> np.ndarray:
        """Player's payoffs as an array of shape ``shape`` (exact if the game is, unless ``exact=False``)."""
        i = self.player_index(player)
        return self.arrays(exact)[..., i]

    def arrays(self, exact: bool | None = None) -> np.ndarray:
        """All payoffs, shape ``shape + (N,)``: Fractions if ``exact`` (default: the game's mode), else float64."""
        if exact is None:
            exact = self.is_exact
        if exact:
            return self.payoffs if self.is_exact else to_fraction_array(self.payoffs)
        return self._float

    def bimatrix(self, exact: bool | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The pair ``(A, B)`` of a two-player game."""
        self._require_two_players("bimatrix")
        arr = self.arrays(exact)
        return arr[..., 0], arr[..., 1]

    def to_exact(self) -> "NormalFormGame":
        """The same game with exact rational payoffs (floats become their shortest decimal)."""
        if self.is_exact:
            return self
        return self._replace(payoffs=self.payoffs, exact=True)

    def to_float(self) -> "NormalFormGame":
        """The same game with float64 payoffs."""
        if not self.is_exact:
            return self
        return self._replace(payoffs=self._float, exact=False)

    def _replace(self, payoffs: np.ndarray, exact: bool | None = None, strategies=None, title=None):
        return NormalFormGame(
            payoffs,
            players=self.players,
            strategies=self.strategies if strategies is None else strategies,
            title=self.title if title is None else title,
            exact=self.is_exact if exact is None else exact,
        )

    # ------------------------------------------------------------------ indexing
    def player_index(self, player: int | str) -> int:
        """Index of a player given by index or label."""
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if not 0 <= player < self.num_players:
                raise InvalidStrategy(f"player index {player} out of range 0..{self.num_players - 1}")
            return int(player)
        if isinstance(player, str) and player in self.players:
            return self.players.index(player)
        raise InvalidStrategy(f"unknown player {player!r}; players are {list(self.players)}")

    def strategy_index(self, player: int | str, strategy: int | str) -> int:
        """Index of one of a player's strategies, given by index or label."""
        i = self.player_index(player)
        n = self.shape[i]
        if isinstance(strategy, (int, np.integer)) and not isinstance(strategy, bool):
            if not 0 <= strategy < n:
                raise InvalidStrategy(f"strategy index {strategy} out of range 0..{n - 1} for player {self.players[i]!r}")
            return int(strategy)
        if isinstance(strategy, str) and strategy in self.strategies[i]:
            return self.strategies[i].index(strategy)
        raise InvalidStrategy(
            f"unknown strategy {strategy!r} of player {self.players[i]!r}; strategies are {list(self.strategies[i])}"
        )

    # ------------------------------------------------------------------ profiles
    def profile(self, profile: Any, exact: bool | None = None, tol: float = 1e-9) -> Profile:
        """Validate a mixed strategy profile and return it as a tuple of 1-D arrays.

        Accepts a sequence of ``N`` probability vectors, or one flat vector of
        length ``sum(n_i)``.  Exact profiles (Fractions) must sum to exactly 1;
        float ones to within ``tol``.

        Raises
        ------
        InvalidStrategy
            Wrong number of players or strategies, negative or non-finite
            probabilities, or a vector that does not sum to one.
        """
        if exact is None:
            exact = self.is_exact
        parts: list[Any]
        if isinstance(profile, np.ndarray) and profile.ndim == 1 and profile.dtype != object and len(profile) == sum(self.shape):
            parts = np.split(profile, np.cumsum(self.shape)[:-1])
        else:
            try:
                parts = list(profile)
            except TypeError:
                raise InvalidStrategy(f"a profile must be a sequence of {self.num_players} vectors") from None
            if len(parts) == sum(self.shape) and all(np.ndim(p) == 0 for p in parts) and len(parts) != self.num_players:
                parts = np.split(np.array(parts, dtype=object), np.cumsum(self.shape)[:-1])
        if len(parts) != self.num_players:
            raise InvalidStrategy(f"profile has {len(parts)} strategies but the game has {self.num_players} players")
        out = []
        for i, (p, n) in enumerate(zip(parts, self.shape)):
            where = f"strategy of player {self.players[i]!r}"
            arr = np.asarray(p, dtype=object)
            if arr.ndim != 1 or arr.shape[0] != n:
                raise InvalidStrategy(f"{where} has shape {arr.shape}, expected ({n},)")
            try:
                vec = to_fraction_array(arr, where=where) if exact else to_float_array(arr, where=where)
            except InvalidPayoffs as exc:
                raise InvalidStrategy(str(exc)) from None
            if exact:
                if any(v < 0 for v in vec):
                    raise InvalidStrategy(f"{where} has a negative probability")
                if sum(vec, Fraction(0)) != 1:
                    raise InvalidStrategy(f"{where} sums to {sum(vec, Fraction(0))}, not 1")
            else:
                if np.any(vec < -tol):
                    raise InvalidStrategy(f"{where} has a negative probability {vec.min()}")
                if abs(vec.sum() - 1.0) > tol * max(1, n):
                    raise InvalidStrategy(f"{where} sums to {vec.sum()}, not 1")
            out.append(vec)
        return tuple(out)

    def pure_profile(self, strategies: Sequence[int | str], exact: bool | None = None) -> Profile:
        """The mixed profile that puts probability one on each player's given pure strategy."""
        if exact is None:
            exact = self.is_exact
        if len(strategies) != self.num_players:
            raise InvalidStrategy(f"pure profile has {len(strategies)} entries but the game has {self.num_players} players")
        out = []
        for i, s in enumerate(strategies):
            k = self.strategy_index(i, s)
            v = np.array([Fraction(0)] * self.shape[i], dtype=object) if exact else np.zeros(self.shape[i])
            v[k] = Fraction(1) if exact else 1.0
            out.append(v)
        return tuple(out)

    # ------------------------------------------------------------------ payoffs
    def strategy_payoffs(self, profile: Any, exact: bool | None = None) -> list[np.ndarray]:
        """Payoff of each pure strategy of each player against the others' mixed strategies.

        Returns a list whose ``i``-th entry has length ``n_i``: entry ``k`` is
        ``u_i(s_i = k, sigma_{-i})``.  Cost ``O(N * prod(n))``.
        """
        if exact is None:
            exact = self.is_exact
        return self._strategy_payoffs(self.profile(profile, exact=exact), exact)

    def _strategy_payoffs(self, prof: Profile, exact: bool) -> list[np.ndarray]:
        """:meth:`strategy_payoffs` of a profile already validated by :meth:`profile`."""
        arr = self.arrays(exact)
        n = self.num_players
        if n == 2:
            a, b = arr[..., 0], arr[..., 1]
            return [a.dot(prof[1]), prof[0].dot(b)]
        return [contract_others(arr[..., i], prof, (i,)) for i in range(n)]

    def expected_payoffs(self, profile: Any, exact: bool | None = None) -> np.ndarray:
        """Expected payoff of each player under a mixed profile."""
        if exact is None:
            exact = self.is_exact
        prof = self.profile(profile, exact=exact)
        dev = self._strategy_payoffs(prof, exact)
        vals = [d.dot(p) for d, p in zip(dev, prof)]
        return np.array(vals, dtype=object if exact else np.float64)

    def regret(self, profile: Any, exact: bool | None = None) -> np.ndarray:
        """Each player's regret: the largest gain from a unilateral pure deviation (>= 0)."""
        if exact is None:
            exact = self.is_exact
        prof = self.profile(profile, exact=exact)
        dev = self._strategy_payoffs(prof, exact)
        vals = [max(d) - d.dot(p) for d, p in zip(dev, prof)]
        if exact:
            return np.array([max(v, Fraction(0)) for v in vals], dtype=object)
        return np.maximum(np.array(vals, dtype=np.float64), 0.0)

    def max_regret(self, profile: Any, exact: bool | None = None):
        """The largest regret over players: zero exactly at a Nash equilibrium."""
        return max(self.regret(profile, exact=exact))

    def best_responses(self, profile: Any, player: int | str, tol: float = 0.0, exact: bool | None = None) -> np.ndarray:
        """Indices of ``player``'s pure best responses to the others' strategies in ``profile``.

        In float mode a strategy counts if its payoff is within ``tol`` of the best.
        """
        i = self.player_index(player)
        if exact is None:
            exact = self.is_exact
        d = self.strategy_payoffs(profile, exact=exact)[i]
        best = max(d)
        if exact:
            return np.array([k for k, v in enumerate(d) if v == best], dtype=np.intp)
        return np.flatnonzero(d >= best - tol)

    def is_nash(self, profile: Any, tol: float = 1e-9, exact: bool | None = None) -> bool:
        """True if no player gains more than ``tol`` (exactly nothing in exact mode) by deviating."""
        if exact is None:
            exact = self.is_exact
        r = self.max_regret(profile, exact=exact)
        return r == 0 if exact else bool(r <= tol)

    # ------------------------------------------------------------------ structure
    def restrict(self, supports: Sequence[Sequence[int | str]]) -> "NormalFormGame":
        """The subgame in which player ``i`` may use only the strategies in ``supports[i]``.

        Strategies are given by index or label; order is kept as given.
        """
        if len(supports) != self.num_players:
            raise InvalidStrategy(f"restrict needs one strategy set per player ({self.num_players}), got {len(supports)}")
        idx = []
        for i, s in enumerate(supports):
            ks = [self.strategy_index(i, x) for x in s]
            if not ks:
                raise InvalidGame(f"restrict would leave player {self.players[i]!r} with no strategy")
            if len(set(ks)) != len(ks):
                raise InvalidStrategy(f"restrict repeats a strategy of player {self.players[i]!r}")
            idx.append(ks)
        sub = self.payoffs[np.ix_(*idx, range(self.num_players))]
        labels = [tuple(self.strategies[i][k] for k in ks) for i, ks in enumerate(idx)]
        return self._replace(sub, strategies=labels)

    def delete_strategy(self, player: int | str, strategy: int | str) -> "NormalFormGame":
        """The game without one pure strategy of one player."""
        i = self.player_index(player)
        k = self.strategy_index(i, strategy)
        keep = [list(range(n)) for n in self.shape]
        keep[i].remove(k)
        if not keep[i]:
            raise InvalidGame(f"deleting strategy {k} would leave player {self.players[i]!r} with no strategy")
        return self.restrict(keep)

    def transpose(self) -> "NormalFormGame":
        """A two-player game with the players' roles swapped (column player becomes row player)."""
        self._require_two_players("transpose")
        a, b = self.payoffs[..., 0], self.payoffs[..., 1]
        g = NormalFormGame(
            [b.T, a.T],
            players=self.players[::-1],
            strategies=self.strategies[::-1],
            title=self.title,
            exact=self.is_exact,
        )
        return g

    def permute_players(self, order: Sequence[int]) -> "NormalFormGame":
        """The game in which new player ``k`` is old player ``order[k]``."""
        order = [self.player_index(x) for x in order]
        if sorted(order) != list(range(self.num_players)):
            raise InvalidStrategy(f"{order} is not a permutation of the players")
        arr = np.transpose(self.payoffs, order + [self.num_players])[..., order]
        return NormalFormGame(
            arr,
            players=[self.players[k] for k in order],
            strategies=[self.strategies[k] for k in order],
            title=self.title,
            exact=self.is_exact,
        )

    def _sums(self) -> np.ndarray:
        return self.payoffs.sum(axis=-1)

    def is_constant_sum(self, tol: float = 0.0) -> bool:
        """True if the players' payoffs add up to the same constant in every outcome."""
        s = self._sums().reshape(-1)
        if self.is_exact:
            return all(v == s[0] for v in s)
        return bool(np.ptp(s) <= tol)

    def is_zero_sum(self, tol: float = 0.0) -> bool:
        """True if the players' payoffs add up to zero in every outcome."""
        s = self._sums().reshape(-1)
        if self.is_exact:
            return all(v == 0 for v in s)
        return bool(np.max(np.abs(s)) <= tol)

    def is_symmetric(self, tol: float = 0.0) -> bool:
        """True if the game is unchanged by every permutation of the players.

        Requires equal numbers of strategies; ``u_{pi(i)}(s_pi) = u_i(s)``.
        Checking the transposition of players 0 and 1 and the cyclic shift
        suffices, since they generate the symmetric group.
        """
        if len(set(self.shape)) != 1:
            return False
        n = self.num_players
        gens = [[1, 0] + list(range(2, n))]
        if n > 2:
            gens.append(list(range(1, n)) + [0])
        for perm in gens:
            other = np.transpose(self.payoffs, perm + [n])[..., perm]
            if self.is_exact:
                if not all(x == y for x, y in zip(self.payoffs.reshape(-1), other.reshape(-1))):
                    return False
            elif np.max(np.abs(self.payoffs - other)) > tol:
                return False
        return True

    def _require_two_players(self, what: str) -> None:
        if self.num_players != 2:
            raise NotSupported(f"{what} needs a two-player game, this one has {self.num_players} players")

    # ------------------------------------------------------------------ dunder
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        if self.payoffs.shape != other.payoffs.shape or self.players != other.players:
            return False
        if self.strategies != other.strategies or self.title != other.title:
            return False
        if self.is_exact and other.is_exact:
            return all(x == y for x, y in zip(self.payoffs.reshape(-1), other.payoffs.reshape(-1)))
        return bool(np.array_equal(self._float, other._float))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        mode = "exact" if self.is_exact else "float"
        t = f" {self.title!r}" if self.title else ""
        return f"<NormalFormGame{t} {'x'.join(map(str, self.shape))} {mode}>"


"""Continuous-strategy games: players choose points of boxes, payoffs are Python callables.

Conventions
-----------
A game has ``N`` players; player ``i`` chooses ``x_i`` in the box
``[lower_i, upper_i]`` of dimension ``d_i`` (a scalar bound means ``d_i = 1``),
or, for a *simplex player* with budget ``b_i > 0``, in the scaled simplex
``{x in R^{d_i} : x >= 0, sum x = b_i}``; its box is then the simplex's
bounding box ``[0, b_i]^{d_i}``, which is where its payoff must be defined
(central differences move one coordinate at a time, so they leave the
simplex but stay in that box).
A *profile* is a tuple of ``N`` one-dimensional float arrays.  Payoffs are
given by ONE callable ``payoff(i, profile) -> float``: player ``i``'s payoff
(to maximise) at the profile.  An optional ``gradient(i, profile)`` returns
the gradient of ``payoff(i, .)`` with respect to ``x_i`` only (shape
``(d_i,)``); without it, solvers use central differences.

Boxes must be bounded and non-empty.  A payoff that is NaN or +inf stops
every solver with :class:`~gametheory.errors.InvalidPayoffs` naming the
player and the point.  Minus infinity (``ln 0`` on a face of the box, as in
the Cobb-Douglas public good when nobody else contributes) is accepted only
by the searches for a best response, as the worst payoff; payoffs at the
returned profile, and gradients, must be finite.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..errors import InvalidGame, InvalidPayoffs

__all__ = ["ContinuousGame", "AggregativeGame", "project_simplex"]

PayoffFunction = Callable[[int, tuple], float]


def _bound_list(name: str, bounds, where: str) -> list[np.ndarray]:
    if isinstance(bounds, np.ndarray) and bounds.ndim == 1:
        bounds = list(bounds)
    try:
        entries = list(bounds)
    except TypeError:
        raise InvalidGame(f"{where}: {name} must be a sequence with one bound per player, got {type(bounds).__name__}") from None
    out = []
    for i, b in enumerate(entries):
        try:
            arr = np.atleast_1d(np.asarray(b, dtype=float))
        except (TypeError, ValueError):
            raise InvalidGame(f"{where}: {name}[{i}] is not numeric: {b!r}") from None
        if arr.ndim != 1 or arr.size == 0:
            raise InvalidGame(f"{where}: {name}[{i}] must be a scalar or a non-empty 1-D vector, got shape {arr.shape}")
        if np.isnan(arr).any():
            raise InvalidGame(f"{where}: {name}[{i}] contains NaN")
        if not np.isfinite(arr).all():
            raise InvalidGame(f"{where}: {name}[{i}] is infinite; strategy boxes must be bounded")
        out.append(arr)
    return out


def project_simplex(points, budget: float = 1.0) -> np.ndarray:
    """Euclidean projection onto the scaled simplex ``{x : x >= 0, sum x = budget}``.

    Parameters
    ----------
    points : array_like, shape (d,) or (m, d)
        One point, or one point per row (each row is projected).
    budget : float
        The simplex's total, finite and positive.

    Returns
    -------
    ndarray
        Same shape as ``points``: ``argmin_{x in simplex} |x - v|`` for each row ``v``.

    Raises
    ------
    InvalidGame
        Budget not positive and finite; points empty, of more than two
        dimensions, or not finite.

    Notes
    -----
    The minimiser is ``x = max(v - theta, 0)`` with the threshold ``theta``
    fixed by ``sum x = budget`` (the KKT conditions of the projection).  With
    ``u`` the entries of ``v`` sorted in decreasing order and ``c_j`` their
    partial sums, the support has ``rho = max{j : u_j > (c_j - budget) / j}``
    entries and ``theta = (c_rho - budget) / rho``.  Cost: O(d log d) per row
    (the sort), vectorised over rows.  Held, Wolfe and Crowder (1974) give
    the sort-based rule; Duchi et al. (2008) its modern statement.

    References
    ----------
    .. [1] M. Held, P. Wolfe and H. P. Crowder, "Validation of subgradient
       optimization", Mathematical Programming 6 (1974) 62-88.
    .. [2] J. Duchi, S. Shalev-Shwartz, Y. Singer and T. Chandra, "Efficient
       projections onto the l1-ball for learning in high dimensions", ICML 2008.

    Examples
    --------
    >>> project_simplex([0.5, 2.0, -1.0], budget=1.0).tolist()
    [0.0, 1.0, 0.0]
    """
    where = "project_simplex"
    b = _budget(where, "budget", budget)
    try:
        v = np.asarray(points, dtype=float)
    except (TypeError, ValueError):
        raise InvalidGame(f"{where}: points must be numeric, got {points!r}") from None
    if v.ndim not in (1, 2) or v.shape[-1] == 0:
        raise InvalidGame(f"{where}: points must have shape (d,) or (m, d) with d >= 1, got shape {v.shape}")
    if not np.isfinite(v).all():
        raise InvalidGame(f"{where}: points contain NaN or inf")
    return _project_rows(v, b)


def _project_rows(v: np.ndarray, b: float) -> np.ndarray:
    rows = np.atleast_2d(v)
    d = rows.shape[1]
    u = -np.sort(-rows, axis=1)
    css = np.cumsum(u, axis=1) - b
    j = np.arange(1, d + 1)
    cond = u * j > css
    # In exact arithmetic the condition holds for j = 1 and fails after rho; in floats rounding can
    # break either (u_1 = 1e20, budget 1), so take the last j where it holds, and at least 1.
    rho = np.where(cond.any(axis=1), d - np.argmax(cond[:, ::-1], axis=1), 1)
    mean = (css[np.arange(rows.shape[0]), rho - 1] + b) / rho
    # x = v - theta with theta = mean - b / rho; subtracting the support's mean first keeps the
    # budget's digits when the entries dwarf it.
    out = np.maximum((rows - mean[:, None]) + (b / rho)[:, None], 0.0)
    return out.reshape(v.shape)


def _budget(where: str, name: str, value) -> float:
    if isinstance(value, bool):
        raise InvalidGame(f"{where}: {name} must be a positive number, got {value!r}")
    try:
        b = float(np.asarray(value, dtype=float).reshape(()))
    except (TypeError, ValueError):
        raise InvalidGame(f"{where}: {name} must be a positive number, got {value!r}") from None
    if np.isnan(b):
        raise InvalidGame(f"{where}: {name} is NaN")
    if not np.isfinite(b) or b <= 0:
        raise InvalidGame(f"{where}: {name} must be positive and finite, got {b}")
    return b


@dataclass(frozen=True, eq=False)
class ContinuousGame:
    """An N-player game whose strategy sets are boxes or scaled simplices and whose payoffs are callables.

    Parameters
    ----------
    lower, upper : sequence
        One bound per player: a scalar (one-dimensional strategy) or a 1-D
        vector (one entry per coordinate of that player's strategy).
    payoff : callable
        ``payoff(i, profile) -> float``, player ``i``'s payoff (maximised),
        where ``profile`` is a tuple of 1-D float arrays, one per player.
    gradient : callable, optional
        ``gradient(i, profile) -> array of shape (d_i,)``, the gradient of
        ``payoff(i, .)`` with respect to player ``i``'s own strategy.
    players : sequence of str, optional
        Player names (default ``"1"``, ``"2"``, ...).
    simplex : sequence, optional
        One entry per player: ``None`` for a box player, or a budget
        ``b_i > 0`` making player i's strategy set the simplex
        ``{x >= 0, sum x = b_i}`` of dimension ``d_i = len(lower[i])``.
        For a simplex player ``lower[i]`` must be 0 and ``upper[i]`` must be
        ``b_i`` in every coordinate (the simplex's bounding box, which fixes
        the dimension); :meth:`on_simplices` builds these bounds.  Stored as
        a tuple of length N (all ``None`` for a game of boxes).

    Raises
    ------
    InvalidGame
        Fewer than one player, lower and upper of different lengths or shapes,
        NaN or infinite bounds, an empty box (``lower > upper``), a payoff
        that is not callable, the wrong number of names; a ``simplex`` of the
        wrong length, a budget that is NaN, infinite or <= 0, or the bounds
        of a simplex player that are not ``[0, b_i]``.

    Examples
    --------
    >>> g = ContinuousGame([0, 0], [10, 10], lambda i, x: x[i][0] * (10 - x[0][0] - x[1][0]))
    >>> g.num_players, g.dims
    (2, (1, 1))
    >>> h = ContinuousGame([0, [0, 0, 0]], [1, [2, 2, 2]], lambda i, x: 0.0, simplex=[None, 2])
    >>> h.dims, h.simplex, h.center()[1].tolist()
    ((1, 3), (None, 2.0), [0.6666666666666666, 0.6666666666666666, 0.6666666666666666])
    """

    lower: tuple
    upper: tuple
    payoff: PayoffFunction
    gradient: Callable | None = None
    players: tuple = ()
    simplex: tuple | None = None

    def __post_init__(self) -> None:
        where = "ContinuousGame"
        lo = _bound_list("lower", self.lower, where)
        hi = _bound_list("upper", self.upper, where)
        if len(lo) == 0:
            raise InvalidGame(f"{where}: lower must give at least one player")
        if len(lo) != len(hi):
            raise InvalidGame(f"{where}: lower has {len(lo)} players but upper has {len(hi)}")
        for i, (a, b) in enumerate(zip(lo, hi)):
            if a.shape != b.shape:
                raise InvalidGame(f"{where}: player {i}: lower has dimension {a.size} but upper has {b.size}")
            bad = np.flatnonzero(a > b)
            if bad.size:
                k = int(bad[0])
                raise InvalidGame(f"{where}: player {i}'s box is empty: lower[{i}][{k}] = {a[k]} > upper[{i}][{k}] = {b[k]}")
        if not callable(self.payoff):
            raise InvalidGame(f"{where}: payoff must be a callable payoff(i, profile), got {type(self.payoff).__name__}")
        if self.gradient is not None and not callable(self.gradient):
            raise InvalidGame(f"{where}: gradient must be a callable gradient(i, profile) or None")
        names = tuple(str(p) for p in self.players) if self.players else tuple(str(k + 1) for k in range(len(lo)))
        if len(names) != len(lo):
            raise InvalidGame(f"{where}: {len(names)} player names for {len(lo)} players")
        budgets = _budgets(where, self.simplex, lo, hi)
        for a in lo + hi:
            a.setflags(write=False)
        object.__setattr__(self, "lower", tuple(lo))
        object.__setattr__(self, "upper", tuple(hi))
        object.__setattr__(self, "players", names)
        object.__setattr__(self, "simplex", budgets)

    @classmethod
    def on_simplices(cls, budgets, dims, payoff: PayoffFunction, gradient: Callable | None = None,
                     players=()) -> "ContinuousGame":
        """A game in which every player i splits the budget ``budgets[i]`` over ``dims[i]`` coordinates.

        Parameters
        ----------
        budgets : sequence of float
            One positive finite budget per player.
        dims : int or sequence of int
            Each player's dimension (>= 1); an int gives every player the same.
        payoff, gradient, players
            As for :class:`ContinuousGame`.

        Raises
        ------
        InvalidGame
            Empty budgets, a bad budget or dimension, or lengths that differ.

        Examples
        --------
        >>> g = ContinuousGame.on_simplices([1, 2], 2, lambda i, x: float(x[i][0]))
        >>> g.simplex, [c.tolist() for c in g.center()]
        ((1.0, 2.0), [[0.5, 0.5], [1.0, 1.0]])
        """
        where = "ContinuousGame.on_simplices"
        try:
            bs = list(budgets)
        except TypeError:
            raise InvalidGame(f"{where}: budgets must be a sequence with one budget per player") from None
        if not bs:
            raise InvalidGame(f"{where}: budgets must give at least one player")
        bs = [_budget(where, f"budgets[{i}]", b) for i, b in enumerate(bs)]
        if isinstance(dims, (int, np.integer)) and not isinstance(dims, bool):
            ds = [dims] * len(bs)
        else:
            try:
                ds = list(dims)
            except TypeError:
                raise InvalidGame(f"{where}: dims must be an int or a sequence of ints, got {dims!r}") from None
        if len(ds) != len(bs):
            raise InvalidGame(f"{where}: {len(bs)} budgets but {len(ds)} dimensions")
        for i, d in enumerate(ds):
            if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 1:
                raise InvalidGame(f"{where}: dims[{i}] must be a positive integer, got {d!r}")
        lo = [np.zeros(int(d)) for d in ds]
        hi = [np.full(int(d), b) for b, d in zip(bs, ds)]
        return cls(lo, hi, payoff, gradient, players, simplex=bs)

    def is_simplex(self, i: int) -> bool:
        """Whether player ``i`` chooses a point of a simplex (rather than of a box)."""
        return self.simplex[i] is not None

    @property
    def num_players(self) -> int:
        return len(self.lower)

    @property
    def dims(self) -> tuple[int, ...]:
        return tuple(a.size for a in self.lower)

    def center(self) -> tuple[np.ndarray, ...]:
        """The profile at the centre of every box, and the centroid ``b_i / d_i`` of every simplex."""
        return tuple(
            np.full(a.size, s / a.size) if s is not None else (a + b) / 2
            for a, b, s in zip(self.lower, self.upper, self.simplex)
        )

    def clip(self, profile, where: str = "ContinuousGame") -> tuple[np.ndarray, ...]:
        """Validate a profile's shape and project it onto the strategy sets.

        Box players are clipped coordinate-wise; simplex players get the
        Euclidean projection onto their simplex (:func:`project_simplex`).
        """
        try:
            parts = list(profile)
        except TypeError:
            raise InvalidGame(f"{where}: a profile must be a sequence with one strategy per player") from None
        if len(parts) != self.num_players:
            raise InvalidGame(f"{where}: the profile has {len(parts)} strategies for {self.num_players} players")
        out = []
        for i, (x, a, b) in enumerate(zip(parts, self.lower, self.upper)):
            arr = np.atleast_1d(np.asarray(x, dtype=float)).ravel()
            if arr.shape != a.shape:
                raise InvalidGame(f"{where}: player {i}'s strategy has dimension {arr.size}, expected {a.size}")
            if not np.isfinite(arr).all():
                raise InvalidGame(f"{where}: player {i}'s strategy contains NaN or inf")
            s = self.simplex[i]
            out.append(np.clip(arr, a, b) if s is None else _project_rows(arr, s))
        return tuple(out)

    def value(self, i: int, profile, allow_minus_inf: bool = False) -> float:
        """Player ``i``'s payoff at ``profile``, checked to be a finite number.

        With ``allow_minus_inf`` (used by the searches for a best deviation)
        a payoff of minus infinity, such as ``ln 0`` on a face of the box, is
        returned as the worst possible value instead of raising.
        """
        try:
            v = float(np.asarray(self.payoff(i, profile), dtype=float).reshape(()))
        except (TypeError, ValueError) as exc:
            raise InvalidPayoffs(f"ContinuousGame.payoff: player {i}'s payoff is not a scalar number ({exc})") from None
        if not np.isfinite(v) and not (allow_minus_inf and v == -np.inf):
            raise InvalidPayoffs(
                f"ContinuousGame.payoff: player {i}'s payoff is {v} at profile {_show(profile)}; "
                "payoffs must be finite on the whole strategy box (shrink the box away from singularities)"
            )
        return v

    def payoffs(self, profile) -> np.ndarray:
        """Every player's payoff at ``profile``."""
        return np.array([self.value(i, profile) for i in range(self.num_players)])

    def own_gradient(self, i: int, profile) -> np.ndarray:
        """Gradient of player ``i``'s payoff in its own strategy: the user's, or central differences.

        Differences are one-sided at the box faces, so the payoff is never
        evaluated outside the box.  For a simplex player this is the full
        gradient in R^d (evaluated in the bounding box); only its component
        tangent to the simplex matters to the solvers, since adding a multiple
        of (1, ..., 1) does not change the projected steps.
        """
        if self.gradient is not None:
            g = np.atleast_1d(np.asarray(self.gradient(i, profile), dtype=float)).ravel()
            if g.shape != self.lower[i].shape:
                raise InvalidPayoffs(f"ContinuousGame.gradient: player {i}'s gradient has {g.size} entries, expected {self.lower[i].size}")
            if not np.isfinite(g).all():
                raise InvalidPayoffs(f"ContinuousGame.gradient: player {i}'s gradient is not finite at profile {_show(profile)}")
            return g
        x = profile[i]
        lo, hi = self.lower[i], self.upper[i]
        g = np.empty_like(x)
        base = list(profile)
        for k in range(x.size):
            h = 6e-6 * max(1.0, abs(x[k]))  # ~ eps**(1/3), the best step of central differences
            up = min(x[k] + h, hi[k])
            dn = max(x[k] - h, lo[k])
            if up == dn:
                g[k] = 0.0
                continue
            xp, xm = x.copy(), x.copy()
            xp[k], xm[k] = up, dn
            base[i] = xp
            fp = self.value(i, tuple(base))
            base[i] = xm
            fm = self.value(i, tuple(base))
            g[k] = (fp - fm) / (up - dn)
        return g

    def pseudo_gradient(self, profile) -> tuple[np.ndarray, ...]:
        """Every player's own-strategy gradient: the map whose zeros (on the box, projected) are equilibria."""
        return tuple(self.own_gradient(i, profile) for i in range(self.num_players))


def _budgets(where: str, simplex, lo: list, hi: list) -> tuple:
    n = len(lo)
    if simplex is None:
        return (None,) * n
    try:
        entries = list(simplex)
    except TypeError:
        raise InvalidGame(f"{where}: simplex must be None or a sequence with one budget (or None) per player") from None
    if len(entries) != n:
        raise InvalidGame(f"{where}: simplex has {len(entries)} entries for {n} players")
    out = []
    for i, s in enumerate(entries):
        if s is None:
            out.append(None)
            continue
        b = _budget(where, f"simplex[{i}] (player {i}'s budget)", s)
        if np.any(lo[i] != 0.0) or np.any(hi[i] != b):
            raise InvalidGame(
                f"{where}: player {i} is a simplex player with budget {b}: lower[{i}] must be 0 and upper[{i}] "
                f"must be {b} in every coordinate (the simplex's bounding box), got lower {lo[i].tolist()} and "
                f"upper {hi[i].tolist()}; ContinuousGame.on_simplices builds these bounds"
            )
        out.append(b)
    return tuple(out)


def _show(profile) -> str:
    try:
        return "(" + ", ".join(np.array2string(np.asarray(x, dtype=float), precision=6) for x in profile) + ")"
    except (TypeError, ValueError):
        return repr(profile)


@dataclass(frozen=True, eq=False)
class AggregativeGame:
    """A game in which player i's payoff depends only on its own action q_i and the aggregate Q = sum_j q_j.

    Parameters
    ----------
    lower, upper : sequence of float
        Scalar bounds of each player's action ``q_i``.
    utility : callable
        ``utility(i, q_i, Q) -> float``, player ``i``'s payoff when it
        chooses ``q_i`` and the aggregate is ``Q`` (which includes ``q_i``).
        It must be finite for every ``q_i`` in the box and every ``Q`` in
        ``(L, H]`` (the sums of the bounds), not only for ``q_i <= Q``: the
        replacement functions are evaluated off the consistent set.
    marginal : callable, optional
        ``marginal(i, q_i, Q)``, the total derivative of player i's payoff
        when it raises its own action, ``du/dq_i + du/dQ``.  Default:
        central differences of each partial derivative.
    replacement : callable, optional
        ``replacement(i, Q) -> q_i``, a closed form of player i's replacement
        function (the action consistent with being a best response when the
        aggregate is Q); when given it is used instead of the numerical one.
    players : sequence of str, optional
        Player names.

    Examples
    --------
    >>> import numpy as np
    >>> g = AggregativeGame([0, 0], [10, 10], lambda i, q, Q: q * (10 - Q))
    >>> g.as_continuous().num_players
    2
    """

    lower: tuple
    upper: tuple
    utility: Callable[[int, float, float], float]
    marginal: Callable | None = None
    replacement: Callable | None = None
    players: tuple = ()

    def __post_init__(self) -> None:
        where = "AggregativeGame"
        lo = _bound_list("lower", self.lower, where)
        hi = _bound_list("upper", self.upper, where)
        if len(lo) == 0 or len(lo) != len(hi):
            raise InvalidGame(f"{where}: lower and upper must give the same positive number of players ({len(lo)} and {len(hi)})")
        for i, (a, b) in enumerate(zip(lo, hi)):
            if a.size != 1 or b.size != 1:
                raise InvalidGame(f"{where}: player {i}'s action must be a scalar (bounds of dimension {a.size}, {b.size})")
            if a[0] > b[0]:
                raise InvalidGame(f"{where}: player {i}'s box is empty: lower = {a[0]} > upper = {b[0]}")
        for name in ("utility",):
            if not callable(getattr(self, name)):
                raise InvalidGame(f"{where}: {name} must be callable")
        for name in ("marginal", "replacement"):
            f = getattr(self, name)
            if f is not None and not callable(f):
                raise InvalidGame(f"{where}: {name} must be callable or None")
        names = tuple(str(p) for p in self.players) if self.players else tuple(str(k + 1) for k in range(len(lo)))
        if len(names) != len(lo):
            raise InvalidGame(f"{where}: {len(names)} player names for {len(lo)} players")
        lo_arr = np.array([a[0] for a in lo])
        hi_arr = np.array([b[0] for b in hi])
        lo_arr.setflags(write=False)
        hi_arr.setflags(write=False)
        object.__setattr__(self, "lower", lo_arr)
        object.__setattr__(self, "upper", hi_arr)
        object.__setattr__(self, "players", names)

    @property
    def num_players(self) -> int:
        return self.lower.size

    def value(self, i: int, q: float, Q: float) -> float:
        """Player ``i``'s utility, checked to be finite."""
        v = float(np.asarray(self.utility(i, q, Q), dtype=float).reshape(()))
        if not np.isfinite(v):
            raise InvalidPayoffs(f"AggregativeGame.utility: player {i}'s utility is {v} at q_i = {q!r}, Q = {Q!r}")
        return v

    def as_continuous(self) -> ContinuousGame:
        """The same game as a :class:`ContinuousGame` with one-dimensional strategies."""
        util = self.utility

        def payoff(i, profile):
            return util(i, float(profile[i][0]), float(sum(float(x[0]) for x in profile)))

        marg = self.marginal

        def own_gradient(i, profile):
            return np.array([marg(i, float(profile[i][0]), float(sum(float(x[0]) for x in profile)))])

        return ContinuousGame(list(self.lower), list(self.upper), payoff, None if marg is None else own_gradient, self.players)

"""Bargaining problems: a disagreement point and a feasible set, in one canonical form.

Conventions
-----------
A bargaining problem for ``n >= 2`` players is a pair ``(S, d)``: a closed
convex set ``S`` of utility vectors the players can agree on and a
disagreement point ``d`` in ``S``, the utilities if they do not agree.

Polytope problems (built by :meth:`BargainingProblem.from_points`,
:meth:`~BargainingProblem.from_inequalities`, :meth:`~BargainingProblem.from_linear`
and :meth:`~BargainingProblem.from_game`) share one form: an *agreement*
``x`` in ``R^k`` with

    A x <= b,   A_eq x == b_eq,     utilities  u = U x + u0,

so ``S = {U x + u0 : x feasible}``.  With free disposal the players may also
throw utility away, ``S = {u : u <= U x + u0, x feasible}``.  For a point
set, ``x`` is a lottery (probability weights) on the points, so a solution
shows which outcomes are mixed and how; for inequalities on utilities ``x``
is ``u`` itself; in general ``x`` is whatever the players choose (a policy
vector, a division of a budget).

Frontier problems (:meth:`BargainingProblem.from_frontier`) have two
players and ``S = {(u1, u2) : lo <= u1 <= hi, u2 <= f(u1)}`` for a concave,
non-increasing function ``f`` on ``[lo, hi]``.

Extra constraints on the agreement ("win-sets", :meth:`BargainingProblem.with_constraints`)
are rows ``C u <= c`` on utilities or ``C x <= c`` on the agreement, each
block carrying a name, so that a result can report which win-set binds.  A
win-set restricts the agreements; the disagreement point need not satisfy it.
On utilities of a problem with free disposal, the rows constrain the utility
vector after disposal.

Arithmetic
----------
A problem is *exact* when every number given (points, matrices, the
disagreement point) is an exact rational (``int``, ``Fraction``, decimal
strings); it then stores Fractions.  Otherwise it stores float64.  Solvers
choose their own arithmetic with ``exact=``; exact solving of float data reads
each float as its shortest decimal (``0.1 -> 1/10``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np
from scipy.spatial import ConvexHull, QhullError

from .._linprog import LPSolution, solve_lp
from .._numbers import is_exact_scalar, to_fraction_array, to_float_array
from ..errors import InfeasibleProblem, InvalidBargainingProblem, InvalidOption, InvalidPayoffs, NoAgreement, SolverError
from ..game import _labels as game_labels
from ..nash.zero_sum import maximin

__all__ = ["BargainingProblem", "WinSet", "DEFAULT_TOL", "security_levels"]

#: Default tolerance of float-mode certificates.  Every residual it is compared
#: with is dimensionless: violations are divided by the problem's scale (the
#: largest absolute number in its data, at least 1), first-order conditions are
#: written in relative form.
DEFAULT_TOL = 1e-6

_FRONTIER_GRID = 257


# ---------------------------------------------------------------------- numbers
def _array(values: Any, func: str, arg: str, ndim: int) -> tuple[np.ndarray, bool]:
    """``values`` as a finite array of ``ndim`` dimensions, and whether every entry is exact.

    The array holds Fractions when every entry is exact, float64 otherwise.
    """
    if isinstance(values, np.ndarray):
        arr = values
    else:
        try:
            arr = np.array(values, dtype=object)
        except ValueError:
            raise InvalidBargainingProblem(f"{func}: {arg} is ragged (rows of different lengths)") from None
        if arr.dtype == object and any(isinstance(v, (list, tuple, np.ndarray)) for v in arr.reshape(-1)):
            raise InvalidBargainingProblem(f"{func}: {arg} is ragged (rows of different lengths)")
    if arr.size == 0:
        raise InvalidBargainingProblem(f"{func}: {arg} is empty")
    if arr.ndim != ndim:
        want = {0: "a number", 1: "a vector", 2: "a matrix"}[ndim]
        raise InvalidBargainingProblem(f"{func}: {arg} must be {want}, got an array of shape {arr.shape}")
    if arr.dtype.kind not in "iubfO":
        raise InvalidBargainingProblem(f"{func}: {arg} has dtype {arr.dtype}, not numbers")
    exact = arr.dtype.kind in "iub" or (
        arr.dtype == object and all(is_exact_scalar(v) for v in arr.reshape(-1))
    )
    try:
        out = to_fraction_array(arr, where=f"{func}: {arg}") if exact else to_float_array(arr, where=f"{func}: {arg}")
    except InvalidPayoffs as exc:
        raise InvalidBargainingProblem(str(exc)) from None
    return out, exact


def _in(values: np.ndarray | None, exact: bool) -> np.ndarray | None:
    """An array in the requested arithmetic (Fractions or float64)."""
    if values is None:
        return None
    if exact:
        return values if values.dtype == object else to_fraction_array(values)
    return values if values.dtype != object else values.astype(np.float64)


def _zeros(shape: tuple[int, ...], exact: bool) -> np.ndarray:
    if exact:
        out = np.empty(shape, dtype=object)
        out.fill(Fraction(0))
        return out
    return np.zeros(shape)


def _eye(n: int, exact: bool) -> np.ndarray:
    out = _zeros((n, n), exact)
    for i in range(n):
        out[i, i] = Fraction(1) if exact else 1.0
    return out


def _labels(given: Sequence[Any] | None, count: int, func: str, arg: str, default: Callable[[int], str]) -> tuple[str, ...]:
    return game_labels(given, count, default, f"{func}: {arg}", InvalidBargainingProblem)


def check_tol(tol: Any, func: str) -> float:
    """A float-mode tolerance: ``DEFAULT_TOL`` when None, else a positive finite number."""
    if tol is None:
        return DEFAULT_TOL
    try:
        t = float(tol)
    except (TypeError, ValueError):
        raise InvalidOption(f"{func}: tol must be a positive number, got {tol!r}") from None
    if not (math.isfinite(t) and t > 0):
        raise InvalidOption(f"{func}: tol must be a positive finite number, got {tol!r}")
    return t


# ---------------------------------------------------------------------- win-sets
@dataclass(frozen=True, eq=False)
class WinSet:
    """A named block of linear constraints ``A v <= b`` on the agreement.

    Attributes
    ----------
    name : str
        Reported in :attr:`BargainingResult.binding` when one of its rows is
        active at a solution.
    on : str
        ``"utilities"`` (``v = u``, one column per player) or ``"agreement"``
        (``v = x``, one column per agreement coordinate).
    A : ndarray
        Shape ``(m, n)`` or ``(m, k)``.
    b : ndarray
        Shape ``(m,)``.
    """

    name: str
    on: str
    A: np.ndarray
    b: np.ndarray


# ---------------------------------------------------------------------- the problem
@dataclass(frozen=True, eq=False)
class BargainingProblem:
    """An ``n``-player bargaining problem ``(S, d)``.

    Build it with a constructor: :meth:`from_points`, :meth:`from_inequalities`,
    :meth:`from_linear`, :meth:`from_frontier` or :meth:`from_game`; add
    constraints with :meth:`with_constraints`.  The constructors check the
    problem: a feasible set that is empty or a disagreement point outside it
    raises :class:`~gametheory.errors.InfeasibleProblem`, an individually
    rational set that is unbounded (or other malformed data) raises
    :class:`~gametheory.errors.InvalidBargainingProblem`.  Whether some
    agreement gives *everyone* more than ``d`` is decided by the solvers,
    which raise :class:`~gametheory.errors.NoAgreement` if none does.

    Attributes
    ----------
    kind : str
        ``"points"``, ``"inequalities"``, ``"linear"`` or ``"frontier"``.
    disagreement : ndarray
        The disagreement point ``d``, one utility per player.
    A, b, A_eq, b_eq : ndarray or None
        The agreement set ``A x <= b, A_eq x == b_eq``.  None for frontier
        problems, and for points problems, whose agreement set is the simplex
        of lotteries ``x >= 0, sum(x) == 1`` (see :meth:`simplex_rows`).
    utility_matrix, utility_offset : ndarray or None
        ``U`` and ``u0`` with ``u = U x + u0``.
    free_disposal : bool
        Whether utility can be thrown away (``S`` is then comprehensive).
    labels : tuple of str
        Names of the agreement coordinates (the points of :meth:`from_points`).
    players : tuple of str
        Player labels (default ``"1", "2", ...``).
    points : ndarray or None
        The payoff points of :meth:`from_points`, one row per point.
    frontier, derivative : callable or None
        ``f`` and optionally ``f'`` of a frontier problem.
    domain : tuple or None
        ``(lo, hi)`` of a frontier problem.
    constraints : tuple of WinSet
        Extra constraints, in the order they were added.
    is_exact : bool
        True if every number of the problem is an exact rational.
    """

    kind: str
    disagreement: np.ndarray
    A: np.ndarray | None = None
    b: np.ndarray | None = None
    A_eq: np.ndarray | None = None
    b_eq: np.ndarray | None = None
    utility_matrix: np.ndarray | None = None
    utility_offset: np.ndarray | None = None
    free_disposal: bool = False
    labels: tuple[str, ...] = ()
    players: tuple[str, ...] = ()
    points: np.ndarray | None = None
    frontier: Callable[[float], float] | None = None
    derivative: Callable[[float], float] | None = None
    domain: tuple[float, float] | None = None
    constraints: tuple[WinSet, ...] = ()
    is_exact: bool = False

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_points(
        cls,
        points: Any,
        disagreement: Any,
        *,
        free_disposal: bool = False,
        labels: Sequence[str] | None = None,
        players: Sequence[str] | None = None,
    ) -> "BargainingProblem":
        """The convex hull of finitely many payoff points (one row per point, one column per player).

        The agreement is a lottery ``x`` on the points: ``x >= 0``,
        ``sum(x) == 1`` and ``u = points.T @ x``.  With ``free_disposal`` the
        feasible set is the hull plus everything below it.

        Examples
        --------
        >>> from gametheory.bargaining import BargainingProblem
        >>> p = BargainingProblem.from_points([[0, 0], [4, 1], [1, 3]], disagreement=[0, 0])
        >>> p.num_players, p.num_agreement, p.is_exact
        (2, 3, True)
        """
        func = "BargainingProblem.from_points"
        P, ex_p = _array(points, func, "points", 2)
        if P.shape[0] == 0:
            raise InvalidBargainingProblem(f"{func}: points is empty; give at least one payoff point")
        if P.shape[1] < 2:
            raise InvalidBargainingProblem(
                f"{func}: points has {P.shape[1]} column(s); a bargaining problem needs n >= 2 players (one column each)"
            )
        k, n = P.shape
        d, ex_d = _array(disagreement, func, "disagreement", 1)
        if d.shape != (n,):
            raise InvalidBargainingProblem(f"{func}: disagreement has {d.shape[0]} entries but points have {n} columns (players)")
        exact = ex_p and ex_d
        P, d = _in(P, exact), _in(d, exact)
        # The agreement set is the simplex of lotteries; its rows are built by the
        # solvers over the points that matter (see hull_support), never as a k x k matrix.
        problem = cls(
            kind="points",
            disagreement=_frozen(d),
            utility_matrix=_frozen(np.ascontiguousarray(P.T)),
            utility_offset=_frozen(_zeros((n,), exact)),
            free_disposal=bool(free_disposal),
            labels=_labels(labels, k, func, "labels", lambda j: f"p{j + 1}"),
            players=_labels(players, n, func, "players", lambda i: str(i + 1)),
            points=_frozen(P),
            is_exact=exact,
        )
        problem._check_polytope(func)
        return problem

    @classmethod
    def from_inequalities(
        cls,
        A: Any,
        b: Any,
        disagreement: Any,
        *,
        players: Sequence[str] | None = None,
    ) -> "BargainingProblem":
        """The polyhedron ``{u : A u <= b}`` of utility vectors (one column of ``A`` per player).

        It must be bounded above on ``{u >= d}``, else
        :class:`~gametheory.errors.InvalidBargainingProblem`.

        Examples
        --------
        >>> from gametheory.bargaining import BargainingProblem
        >>> pie = BargainingProblem.from_inequalities([[1, 1]], [1], disagreement=[0, 0])
        >>> pie.kind, pie.num_players
        ('inequalities', 2)
        """
        func = "BargainingProblem.from_inequalities"
        A_, ex_a = _array(A, func, "A", 2)
        b_, ex_b = _array(b, func, "b", 1)
        d, ex_d = _array(disagreement, func, "disagreement", 1)
        n = d.shape[0]
        if n < 2:
            raise InvalidBargainingProblem(f"{func}: disagreement has {n} entries; a bargaining problem needs n >= 2 players")
        if A_.shape[1] != n:
            raise InvalidBargainingProblem(f"{func}: A has {A_.shape[1]} columns but there are {n} players (entries of disagreement)")
        if b_.shape[0] != A_.shape[0]:
            raise InvalidBargainingProblem(f"{func}: A has {A_.shape[0]} rows but b has {b_.shape[0]} entries")
        exact = ex_a and ex_b and ex_d
        problem = cls(
            kind="inequalities",
            disagreement=_frozen(_in(d, exact)),
            A=_frozen(_in(A_, exact)),
            b=_frozen(_in(b_, exact)),
            A_eq=_frozen(_zeros((0, n), exact)),
            b_eq=_frozen(_zeros((0,), exact)),
            utility_matrix=_frozen(_eye(n, exact)),
            utility_offset=_frozen(_zeros((n,), exact)),
            labels=_labels(None, n, func, "labels", lambda i: f"u{i + 1}"),
            players=_labels(players, n, func, "players", lambda i: str(i + 1)),
            is_exact=exact,
        )
        problem._check_polytope(func)
        return problem

    @classmethod
    def from_linear(
        cls,
        A: Any,
        b: Any,
        *,
        utility_matrix: Any,
        disagreement: Any,
        utility_offset: Any = 0,
        A_eq: Any = None,
        b_eq: Any = None,
        free_disposal: bool = False,
        labels: Sequence[str] | None = None,
        players: Sequence[str] | None = None,
    ) -> "BargainingProblem":
        """A general agreement ``x`` with ``A x <= b``, ``A_eq x == b_eq`` and utilities ``U x + u0``.

        ``utility_matrix`` has one row per player and one column per agreement
        coordinate; ``utility_offset`` is a vector or a scalar.  The
        agreement must be pinned down by the constraints and the utilities:
        a direction ``v != 0`` with ``A v = 0``, ``A_eq v = 0`` and ``U v = 0``
        is refused (bound that coordinate).

        Examples
        --------
        >>> from gametheory.bargaining import BargainingProblem
        >>> # a budget of 10 split between two programmes, each player valuing one of them
        >>> p = BargainingProblem.from_linear([[-1, 0], [0, -1], [1, 1]], [0, 0, 10],
        ...                                   utility_matrix=[[1, 0], [0, 2]], disagreement=[0, 0])
        >>> p.num_agreement
        2
        """
        func = "BargainingProblem.from_linear"
        A_, ex_a = _array(A, func, "A", 2)
        b_, ex_b = _array(b, func, "b", 1)
        U, ex_u = _array(utility_matrix, func, "utility_matrix", 2)
        d, ex_d = _array(disagreement, func, "disagreement", 1)
        n, k = U.shape
        if n < 2:
            raise InvalidBargainingProblem(f"{func}: utility_matrix has {n} row(s); a bargaining problem needs n >= 2 players")
        if k == 0:
            raise InvalidBargainingProblem(f"{func}: utility_matrix has no columns; the agreement needs at least one coordinate")
        if d.shape[0] != n:
            raise InvalidBargainingProblem(f"{func}: disagreement has {d.shape[0]} entries but utility_matrix has {n} rows (players)")
        if A_.shape[1] != k:
            raise InvalidBargainingProblem(f"{func}: A has {A_.shape[1]} columns but the agreement has {k} coordinates (columns of utility_matrix)")
        if b_.shape[0] != A_.shape[0]:
            raise InvalidBargainingProblem(f"{func}: A has {A_.shape[0]} rows but b has {b_.shape[0]} entries")
        if np.ndim(utility_offset) == 0:
            u0, ex_0 = _array([utility_offset] * n, func, "utility_offset", 1)
        else:
            u0, ex_0 = _array(utility_offset, func, "utility_offset", 1)
        if u0.shape[0] != n:
            raise InvalidBargainingProblem(f"{func}: utility_offset has {u0.shape[0]} entries but there are {n} players")
        if (A_eq is None) != (b_eq is None):
            raise InvalidBargainingProblem(f"{func}: give both A_eq and b_eq, or neither")
        if A_eq is not None:
            Ae, ex_ae = _array(A_eq, func, "A_eq", 2)
            be, ex_be = _array(b_eq, func, "b_eq", 1)
            if Ae.shape[1] != k:
                raise InvalidBargainingProblem(f"{func}: A_eq has {Ae.shape[1]} columns but the agreement has {k} coordinates")
            if be.shape[0] != Ae.shape[0]:
                raise InvalidBargainingProblem(f"{func}: A_eq has {Ae.shape[0]} rows but b_eq has {be.shape[0]} entries")
        else:
            Ae, ex_ae, be, ex_be = np.zeros((0, k)), True, np.zeros(0), True
        exact = all((ex_a, ex_b, ex_u, ex_d, ex_0, ex_ae, ex_be))
        problem = cls(
            kind="linear",
            disagreement=_frozen(_in(d, exact)),
            A=_frozen(_in(A_, exact)),
            b=_frozen(_in(b_, exact)),
            A_eq=_frozen(_in(Ae, exact)),
            b_eq=_frozen(_in(be, exact)),
            utility_matrix=_frozen(_in(U, exact)),
            utility_offset=_frozen(_in(u0, exact)),
            free_disposal=bool(free_disposal),
            labels=_labels(labels, k, func, "labels", lambda j: f"x{j + 1}"),
            players=_labels(players, n, func, "players", lambda i: str(i + 1)),
            is_exact=exact,
        )
        problem._check_polytope(func)
        return problem

    @classmethod
    def from_frontier(
        cls,
        frontier: Callable[[float], float],
        domain: tuple[Any, Any],
        disagreement: Any,
        *,
        derivative: Callable[[float], float] | None = None,
        players: Sequence[str] | None = None,
    ) -> "BargainingProblem":
        """Two players with ``u2 <= frontier(u1)`` for ``u1`` in ``domain = (lo, hi)``.

        ``frontier`` must be concave and non-increasing on the domain; this is
        checked on a grid of 257 points (a violation raises
        :class:`~gametheory.errors.InvalidBargainingProblem`).  ``derivative``
        (optional) is ``frontier'``, used by the first-order certificates
        instead of finite differences.  Frontier problems are solved in
        floating point only.

        Examples
        --------
        >>> from gametheory.bargaining import BargainingProblem
        >>> p = BargainingProblem.from_frontier(lambda u: 1 - u * u, (0, 1), disagreement=[0, 0])
        >>> p.kind, p.num_players
        ('frontier', 2)
        """
        func = "BargainingProblem.from_frontier"
        if not callable(frontier):
            raise InvalidBargainingProblem(f"{func}: frontier must be a function of u1, got {type(frontier).__name__}")
        if derivative is not None and not callable(derivative):
            raise InvalidBargainingProblem(f"{func}: derivative must be a function of u1 or None")
        dom, _ = _array(list(domain) if isinstance(domain, (tuple, list)) else domain, func, "domain", 1)
        if dom.shape != (2,):
            raise InvalidBargainingProblem(f"{func}: domain must be a pair (lo, hi), got {dom.shape[0]} numbers")
        lo, hi = float(dom[0]), float(dom[1])
        if not lo < hi:
            raise InvalidBargainingProblem(f"{func}: domain ({lo}, {hi}) is empty or a point; need lo < hi")
        d, _ = _array(disagreement, func, "disagreement", 1)
        if d.shape != (2,):
            raise InvalidBargainingProblem(f"{func}: disagreement must have 2 entries (a frontier problem has two players), got {d.shape[0]}")
        d = d.astype(np.float64) if d.dtype == object else d
        grid = np.linspace(lo, hi, _FRONTIER_GRID)
        vals = np.array([_call(frontier, y, func, "frontier") for y in grid])
        scale = max(1.0, float(np.max(np.abs(vals))), abs(lo), abs(hi))
        slack = 1e-9 * scale
        inc = np.flatnonzero(np.diff(vals) > slack)
        if inc.size:
            j = int(inc[0])
            raise InvalidBargainingProblem(
                f"{func}: frontier must be non-increasing, but frontier({grid[j]:.6g}) = {vals[j]:.6g} "
                f"< frontier({grid[j + 1]:.6g}) = {vals[j + 1]:.6g}"
            )
        second = vals[:-2] - 2 * vals[1:-1] + vals[2:]
        bad = np.flatnonzero(second > slack)
        if bad.size:
            j = int(bad[0]) + 1
            raise InvalidBargainingProblem(
                f"{func}: frontier must be concave, but it bends upwards at u1 = {grid[j]:.6g} "
                f"(second difference {second[j - 1]:.3g} > 0)"
            )
        if derivative is not None:
            _call(derivative, lo, func, "derivative")
        d1, d2 = float(d[0]), float(d[1])
        if not lo <= d1 <= hi:
            raise InfeasibleProblem(f"{func}: the disagreement point's u1 = {d1:.6g} lies outside the domain [{lo:.6g}, {hi:.6g}]")
        fd = _call(frontier, d1, func, "frontier")
        if d2 > fd + slack:
            raise InfeasibleProblem(
                f"{func}: the disagreement point ({d1:.6g}, {d2:.6g}) lies above the frontier "
                f"(frontier({d1:.6g}) = {fd:.6g}), outside the feasible set"
            )
        return cls(
            kind="frontier",
            disagreement=_frozen(d),
            frontier=frontier,
            derivative=derivative,
            domain=(lo, hi),
            free_disposal=True,
            labels=("u1", "u2"),
            players=_labels(players, 2, func, "players", lambda i: str(i + 1)),
            is_exact=False,
        )

    @classmethod
    def from_game(
        cls,
        game: Any,
        disagreement: Any = "maximin",
        *,
        free_disposal: bool = True,
    ) -> "BargainingProblem":
        """The payoff vectors of a normal-form game's pure profiles, as :meth:`from_points`.

        ``disagreement="maximin"`` takes each player's security level
        ``max over mixed s_i of min over pure s_-i of u_i(s_i, s_-i)`` (one
        linear program per player, exact when the game is).  Free disposal is
        on by default because the security levels, though each is achievable,
        need not be a convex combination of pure payoff vectors.

        Examples
        --------
        >>> import gametheory as gt
        >>> from gametheory.bargaining import BargainingProblem
        >>> bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        >>> p = BargainingProblem.from_game(bos)
        >>> [str(v) for v in p.disagreement]
        ['2/3', '2/3']
        """
        from ..game import NormalFormGame

        func = "BargainingProblem.from_game"
        if not isinstance(game, NormalFormGame):
            raise InvalidBargainingProblem(f"{func}: game must be a NormalFormGame, got {type(game).__name__}")
        N = game.num_players
        payoffs = game.arrays()
        points = payoffs.reshape(-1, N)
        labels = [
            ",".join(game.strategies[i][s] for i, s in enumerate(prof)) for prof in np.ndindex(*game.shape)
        ]
        if isinstance(disagreement, str):
            if disagreement != "maximin":
                raise InvalidBargainingProblem(f"{func}: disagreement must be 'maximin' or a vector of {N} utilities, got {disagreement!r}")
            disagreement = security_levels(game)
        return cls.from_points(points, disagreement, free_disposal=free_disposal, labels=labels, players=game.players)

    # ------------------------------------------------------------------ properties
    @property
    def num_players(self) -> int:
        return int(self.disagreement.shape[0])

    @property
    def num_agreement(self) -> int:
        """Number of agreement coordinates ``k`` (2 for a frontier problem: ``x = u``)."""
        if self.kind == "frontier":
            return 2
        return int(self.utility_matrix.shape[1])

    def with_constraints(self, A: Any, b: Any, *, on: str = "utilities", name: str | None = None) -> "BargainingProblem":
        """A new problem with the extra rows ``A v <= b`` (a win-set) on utilities or on the agreement.

        Parameters
        ----------
        A, b : array_like
            ``A`` has one column per player (``on="utilities"``) or per
            agreement coordinate (``on="agreement"``); ``b`` one entry per row.
        on : {"utilities", "agreement"}
            What the rows constrain.  Frontier problems accept only ``"utilities"``.
        name : str, optional
            Name reported when the win-set binds (default ``"constraint<k>"``).

        Notes
        -----
        The new problem is not re-checked for feasibility: an empty
        intersection of win-sets is a bargaining outcome ("no agreement"),
        reported by the solvers, not a malformed problem.

        Examples
        --------
        >>> from gametheory.bargaining import BargainingProblem
        >>> pie = BargainingProblem.from_inequalities([[1, 1]], [1], disagreement=[0, 0])
        >>> ratified = pie.with_constraints([[-1, 0]], [-0.6], name="parliament 1")
        >>> [w.name for w in ratified.constraints]
        ['parliament 1']
        """
        func = "BargainingProblem.with_constraints"
        if on not in ("utilities", "agreement"):
            raise InvalidBargainingProblem(f"{func}: on must be 'utilities' or 'agreement', got {on!r}")
        if on == "agreement" and self.kind == "frontier":
            raise InvalidBargainingProblem(f"{func}: a frontier problem has no agreement variables; use on='utilities'")
        C, ex_c = _array(A, func, "A", 2)
        c, ex_b = _array(b, func, "b", 1)
        cols = self.num_players if on == "utilities" else self.num_agreement
        what = "players" if on == "utilities" else "agreement coordinates"
        if C.shape[1] != cols:
            raise InvalidBargainingProblem(f"{func}: A has {C.shape[1]} columns but there are {cols} {what} (on={on!r})")
        if c.shape[0] != C.shape[0]:
            raise InvalidBargainingProblem(f"{func}: A has {C.shape[0]} rows but b has {c.shape[0]} entries")
        if name is None:
            name = f"constraint{len(self.constraints) + 1}"
        name = str(name)
        if any(w.name == name for w in self.constraints):
            raise InvalidBargainingProblem(f"{func}: a constraint named {name!r} already exists")
        exact = self.is_exact and ex_c and ex_b
        if exact:
            ws = WinSet(name, on, _frozen(C), _frozen(c))
            return replace(self, constraints=self.constraints + (ws,))
        ws = WinSet(name, on, _frozen(_in(C, False)), _frozen(_in(c, False)))
        old = tuple(WinSet(w.name, w.on, _frozen(_in(w.A, False)), _frozen(_in(w.b, False))) for w in self.constraints)
        fields = {}
        if self.kind != "frontier":
            fields = {
                key: _frozen(_in(getattr(self, key), False))
                for key in ("disagreement", "A", "b", "A_eq", "b_eq", "utility_matrix", "utility_offset")
            }
            if self.points is not None:
                fields["points"] = _frozen(_in(self.points, False))
        return replace(self, constraints=old + (ws,), is_exact=False, **fields)

    def __repr__(self) -> str:
        d = ", ".join(str(v) if self.is_exact else f"{float(v):.6g}" for v in self.disagreement)
        if self.kind == "points":
            body = f"{self.points.shape[0]} points" + (", free disposal" if self.free_disposal else "")
        elif self.kind == "frontier":
            body = f"frontier on [{self.domain[0]:.6g}, {self.domain[1]:.6g}]"
        else:
            body = f"{self.A.shape[0]} inequalities on {self.num_agreement} agreement coordinates"
        ws = f", win-sets {[w.name for w in self.constraints]}" if self.constraints else ""
        return f"BargainingProblem({self.kind}: {self.num_players} players, {body}, d=({d}){ws})"

    # ------------------------------------------------------------------ checks
    def simplex_rows(self, columns: np.ndarray | None = None, exact: bool | None = None):
        """``(A, b, A_eq, b_eq)`` of the agreement set: the problem's rows, or for a
        points problem the simplex ``-x <= 0, sum(x) == 1`` over ``columns`` (default all)."""
        exact = self.is_exact if exact is None else exact
        if self.kind != "points":
            return tuple(_in(v, exact) for v in (self.A, self.b, self.A_eq, self.b_eq))
        k = self.num_agreement if columns is None else len(columns)
        one = Fraction(1) if exact else 1.0
        return -_eye(k, exact), _zeros((k,), exact), _zeros((1, k), exact) + one, _zeros((1,), exact) + one

    def _check_points(self, func: str) -> None:
        """``d`` inside the hull of the points (or below it, with free disposal), by one LP
        over the points that can lie on the hull's boundary."""
        exact = self.is_exact
        keep = hull_support(_in(self.utility_matrix, False).T)
        U = _in(self.utility_matrix, exact)
        if keep is not None:
            U = U[:, keep]
        k = U.shape[1]
        A, b, Ae, be = self.simplex_rows(keep, exact)
        d = _in(self.disagreement, exact)
        if self.free_disposal:
            sol = solve_lp(_zeros((k,), exact), np.vstack([A, -U]), np.concatenate([b, -d]), Ae, be, exact=exact)
        else:
            sol = solve_lp(_zeros((k,), exact), A, b, np.vstack([Ae, U]), np.concatenate([be, d]), exact=exact)
        if sol.status == "infeasible":
            shown = ", ".join(str(v) if exact else f"{float(v):.6g}" for v in d)
            raise InfeasibleProblem(f"{func}: the disagreement point ({shown}) lies outside the feasible set")

    def _check_polytope(self, func: str) -> None:
        """Agreement pinned down, feasible set non-empty, ``d`` inside it, IR set bounded."""
        if self.kind == "points":
            return self._check_points(func)
        U = _in(self.utility_matrix, False)
        A = _in(self.A, False)
        Ae = _in(self.A_eq, False)
        n, k = U.shape
        stack = np.vstack([A, Ae, U])
        if np.linalg.matrix_rank(stack) < k:
            raise InvalidBargainingProblem(
                f"{func}: the agreement is not pinned down: some direction v != 0 has A v = 0, A_eq v = 0 "
                "and changes no utility; bound the free coordinates"
            )
        b, be = _in(self.b, False), _in(self.b_eq, False)
        sol = solve_lp(np.zeros(k), A, b, Ae, be)
        if sol.status == "infeasible":
            raise InfeasibleProblem(f"{func}: the feasible set is empty (the constraints A x <= b, A_eq x == b_eq have no solution)")
        # d in S: some feasible x with U x + u0 == d (>= d with free disposal)
        exact = self.is_exact
        Ax, bx = _in(self.A, exact), _in(self.b, exact)
        Aex, bex = _in(self.A_eq, exact), _in(self.b_eq, exact)
        Ux, u0 = _in(self.utility_matrix, exact), _in(self.utility_offset, exact)
        d = _in(self.disagreement, exact)
        if self.free_disposal:
            sol = solve_lp(_zeros((k,), exact), np.vstack([Ax, -Ux]), np.concatenate([bx, u0 - d]), Aex, bex, exact=exact)
        else:
            sol = solve_lp(_zeros((k,), exact), Ax, bx, np.vstack([Aex, Ux]), np.concatenate([bex, d - u0]), exact=exact)
        if sol.status == "infeasible":
            shown = ", ".join(str(v) if exact else f"{float(v):.6g}" for v in d)
            raise InfeasibleProblem(f"{func}: the disagreement point ({shown}) lies outside the feasible set")
        Ub = np.vstack([A, -U])
        bb = np.concatenate([b, _in(self.utility_offset, False) - _in(self.disagreement, False)])
        for i in range(n):
            sol = solve_lp(-U[i], Ub, bb, Ae, be)
            if sol.status == "unbounded":
                raise InvalidBargainingProblem(
                    f"{func}: the individually rational set is unbounded: player {self.players[i]}'s utility "
                    "can grow without limit (add an upper bound)"
                )

    # ------------------------------------------------------------------ views for the solvers
    def _polytope(self, exact: bool) -> "_Polytope":
        return _Polytope(self, exact)

    def _curve(self, tol: float = DEFAULT_TOL) -> "_FrontierCurve":
        return _FrontierCurve(self, tol)


def _frozen(arr: np.ndarray) -> np.ndarray:
    arr = np.array(arr, dtype=arr.dtype, copy=True)
    arr.setflags(write=False)
    return arr


def _call(f: Callable[[float], float], y: float, func: str, what: str) -> float:
    try:
        v = float(f(float(y)))
    except Exception as exc:  # a user function: any failure is reported as bad input
        raise InvalidBargainingProblem(f"{func}: {what}({y:.6g}) raised {type(exc).__name__}: {exc}") from None
    if not math.isfinite(v):
        raise InvalidBargainingProblem(f"{func}: {what}({y:.6g}) = {v}, not a finite number")
    return v


def security_levels(game: Any) -> np.ndarray:
    """Each player's security level (maximin value) in mixed strategies against pure opponents.

    ``v_i = max over mixed s_i of min over pure s_-i of u_i(s_i, s_-i)``, one
    linear program per player; Fractions when the game is exact.
    """
    exact = game.is_exact
    out = []
    for i in range(game.num_players):
        M = np.moveaxis(game.payoff_array(i), i, 0)
        _, v = maximin(M.reshape(M.shape[0], -1), exact=exact)
        out.append(v)
    return np.array(out, dtype=object if exact else np.float64)


def hull_support(points: np.ndarray) -> np.ndarray | None:
    """Indices of the points that may lie on the boundary of their convex hull, or None.

    Every bargaining solution of a points problem without constraints on the
    agreement is a mix of boundary points, so the others can be dropped before
    any LP: this keeps the solvers' cost near that of the hull (Qhull,
    ``O(k log k)`` in the plane) instead of growing with all ``k`` points.  A
    point is dropped only when it lies inside every facet by a margin far
    above Qhull's round-off, so the hull of the kept points is exactly the
    hull of all points and exact mode stays exact.  None when nothing can be
    dropped safely (few points, or a hull of lower dimension).
    """
    k, n = points.shape
    if k <= 2 * n + 2:
        return None
    try:
        hull = ConvexHull(points)
    except (QhullError, ValueError):
        return None
    scale = max(1.0, float(np.max(np.abs(points))))
    # hull.equations: unit normal w and offset c with w . p + c <= 0 inside
    dist = points @ hull.equations[:, :n].T + hull.equations[:, n]
    boundary = np.max(dist, axis=1) >= -1e-7 * scale
    boundary[hull.vertices] = True
    return np.flatnonzero(boundary)


# ---------------------------------------------------------------------- polytope view
class _Polytope:
    """The constrained, individually rational set of a polytope problem as LP rows over ``z = (x, u)``.

    Inequality rows ``G z <= h`` come in blocks, each with an owner: the
    feasible set, a win-set (its name), or the disagreement point (the
    individual-rationality rows ``u >= d``, last).  Equality rows ``E z == f``.
    """

    def __init__(self, problem: BargainingProblem, exact: bool) -> None:
        self.problem = problem
        self.exact = exact
        U = _in(problem.utility_matrix, exact)
        n, k = U.shape
        self.n, self.k = n, k
        self.d = _in(problem.disagreement, exact)
        u0 = _in(problem.utility_offset, exact)
        self.keep: np.ndarray | None = None
        self.k_full = k
        if problem.kind == "points" and not any(w.on == "agreement" for w in problem.constraints):
            # Interior points never carry weight in a solution: drop their columns.
            keep = hull_support(_in(problem.utility_matrix, False).T)
            if keep is not None and len(keep) < k:
                self.keep = keep
                U = U[:, keep]
                k = self.k = len(keep)
        A, b, Ae, be = problem.simplex_rows(self.keep, exact)
        I = _eye(n, exact)
        G, h, owner = [np.hstack([A, _zeros((A.shape[0], n), exact)])], [b], ["feasible set"] * A.shape[0]
        E, f = [np.hstack([Ae, _zeros((Ae.shape[0], n), exact)])], [be]
        if problem.free_disposal:
            G.append(np.hstack([-U, I]))
            h.append(u0)
            owner += ["feasible set"] * n
        else:
            E.append(np.hstack([-U, I]))
            f.append(u0)
        for w in problem.constraints:
            C, c = _in(w.A, exact), _in(w.b, exact)
            if w.on == "utilities":
                G.append(np.hstack([_zeros((C.shape[0], k), exact), C]))
            else:
                G.append(np.hstack([C, _zeros((C.shape[0], n), exact)]))
            h.append(c)
            owner += [w.name] * C.shape[0]
        self.num_base = sum(len(v) for v in h)
        G.append(np.hstack([_zeros((n, k), exact), -I]))
        h.append(-self.d)
        owner += ["disagreement"] * n
        self.G = np.vstack(G)
        self.h = np.concatenate(h)
        self.E = np.vstack(E)
        self.f = np.concatenate(f)
        self.owner = owner
        Gf, hf = _in(self.G, False), _in(self.h, False)
        Ef, ff = _in(self.E, False), _in(self.f, False)
        self.Gf, self.hf, self.Ef, self.ff = Gf, hf, Ef, ff
        self.scale = max(1.0, float(np.max(np.abs(Gf), initial=0.0)), float(np.max(np.abs(hf), initial=0.0)),
                         float(np.max(np.abs(ff), initial=0.0)), float(np.max(np.abs(Ef), initial=0.0)))
        self.lp_residual = 0.0
        self.lp_count = 0

    def zero(self, size: int) -> np.ndarray:
        return _zeros((size,), self.exact)

    def full_agreement(self, x: np.ndarray) -> np.ndarray:
        """The agreement over all of the problem's points (zero weight on dropped interior points)."""
        if self.keep is None:
            return x
        full = self.zero(self.k_full)
        full[self.keep] = x
        return full

    def unit(self, size: int, i: int, value: Any = 1) -> np.ndarray:
        v = self.zero(size)
        v[i] = Fraction(value) if self.exact else float(value)
        return v

    def lp(self, c: np.ndarray, G2: np.ndarray | None = None, h2: np.ndarray | None = None,
           E2: np.ndarray | None = None, f2: np.ndarray | None = None, ir: bool = True) -> LPSolution:
        """Minimise ``c @ z`` over the set, with extra rows; ``z`` may have columns beyond ``(x, u)``."""
        nvar = len(c)
        extra = nvar - self.k - self.n
        rows = self.G if ir else self.G[: self.num_base]
        rhs = self.h if ir else self.h[: self.num_base]
        G = np.hstack([rows, _zeros((rows.shape[0], extra), self.exact)]) if extra else rows
        E = np.hstack([self.E, _zeros((self.E.shape[0], extra), self.exact)]) if extra else self.E
        f = self.f
        if G2 is not None:
            G, rhs = np.vstack([G, G2]), np.concatenate([rhs, h2])
        if E2 is not None:
            E, f = np.vstack([E, E2]), np.concatenate([f, f2])
        sol = solve_lp(c, G, rhs, E, f, exact=self.exact)
        self.lp_count += 1
        if sol.status == "optimal" and not self.exact:
            self.lp_residual = max(self.lp_residual, sol.residual / self.scale)
        return sol

    def slack(self, z: np.ndarray) -> np.ndarray:
        """``h - G z`` (exact in exact mode)."""
        if self.exact:
            return self.h - self.G.dot(np.asarray(z, dtype=object))
        return self.hf - self.Gf @ np.asarray(z, dtype=float)

    def violation(self, z: np.ndarray) -> Any:
        """Largest violation of the rows at ``z``, divided by the scale (exactly 0 or a Fraction in exact mode)."""
        if self.exact:
            z = np.asarray(z, dtype=object)
            s = self.slack(z)
            e = self.f - self.E.dot(z) if len(self.f) else np.zeros(0, dtype=object)
            worst = max([Fraction(0)] + [-v for v in s] + [abs(v) for v in e])
            return worst
        z = np.asarray(z, dtype=float)
        s = self.slack(z)
        e = np.abs(self.ff - self.Ef @ z) if len(self.ff) else np.zeros(0)
        return float(max(0.0, float(np.max(-s, initial=0.0)), float(np.max(e, initial=0.0)))) / self.scale

    def binding(self, z: np.ndarray, tol: float) -> tuple[str, ...]:
        """Names of the win-sets with a row active at ``z`` (slack 0 exactly, or within ``tol`` x scale)."""
        if not self.problem.constraints:
            return ()
        s = self.slack(z)
        names = []
        for w in self.problem.constraints:
            idx = [j for j, o in enumerate(self.owner) if o == w.name]
            act = any(s[j] == 0 for j in idx) if self.exact else any(abs(s[j]) <= tol * self.scale for j in idx)
            if act:
                names.append(w.name)
        return tuple(names)

    def agreement_gain(self) -> tuple[Any, str]:
        """Largest ``t`` with ``u >= d + t`` in the set, and a message if it is not positive.

        Returns ``(t, "")`` when some agreement gives every player more than
        ``d``; otherwise ``(None or t, reason)``.
        """
        nvar = self.k + self.n + 1
        c = self.unit(nvar, nvar - 1, -1)
        G2 = np.hstack([_zeros((self.n, self.k), self.exact), -_eye(self.n, self.exact),
                        _zeros((self.n, 1), self.exact) + (Fraction(1) if self.exact else 1.0)])
        sol = self.lp(c, G2, -self.d)
        if sol.status == "infeasible":
            return None, self._empty_reason()
        if sol.status != "optimal":
            raise SolverError(f"the agreement check is {sol.status}; the individually rational set should be bounded")
        t = -sol.value
        positive = t > 0 if self.exact else t > 1e-9 * self.scale
        return t, ("" if positive else self._no_gain_reason())

    def ideal(self) -> np.ndarray:
        """Each player's largest utility over the set (the ideal or utopia point)."""
        a, reason = self.ideal_or_reason()
        if reason:
            raise NoAgreement(reason)
        return a

    def ideal_or_reason(self) -> tuple[np.ndarray | None, str]:
        """The ideal point, and a message if no agreement gives everyone more than ``d``.

        If each player ``i`` has a point of the set with ``u_i > d_i``, their
        average gives everyone more than ``d`` (the set is convex and every
        point is at least ``d``), so the ideal point decides it: ``n`` LPs.
        """
        nvar = self.k + self.n
        out = []
        for i in range(self.n):
            sol = self.lp(self.unit(nvar, self.k + i, -1))
            if sol.status == "infeasible":
                return None, self._empty_reason()
            if sol.status != "optimal":
                raise SolverError(f"the ideal point LP for player {i} is {sol.status}")
            out.append(-sol.value)
        a = np.array(out, dtype=object if self.exact else np.float64)
        margin = 0 if self.exact else 1e-9 * self.scale
        if any(ai <= di + margin for ai, di in zip(a, self.d)):
            return a, self._no_gain_reason()
        return a, ""

    def _empty_reason(self) -> str:
        names = [w.name for w in self.problem.constraints]
        base = self.lp(self.zero(self.k + self.n), ir=False)
        if base.status == "infeasible":
            return f"the win-sets {names} have an empty intersection with the feasible set: no agreement can be ratified"
        return f"no agreement allowed by the win-sets {names} is individually rational (gives everyone at least d)"

    def _no_gain_reason(self) -> str:
        names = [w.name for w in self.problem.constraints]
        extra = f" under the win-sets {names}" if names else ""
        return f"no feasible agreement{extra} gives every player more than the disagreement point"

    def pareto_gap(self, u: np.ndarray) -> Any:
        """``max sum(v - u)`` over points ``v >= u`` of the set: 0 iff ``u`` is Pareto optimal (divided by the scale)."""
        c = np.concatenate([self.zero(self.k), self.zero(self.n) - (Fraction(1) if self.exact else 1.0)])
        G2 = np.hstack([_zeros((self.n, self.k), self.exact), -_eye(self.n, self.exact)])
        u = np.asarray(u, dtype=object if self.exact else float)
        if self.exact:
            sol = self.lp(c, G2, -u)
        else:
            # a float point on the boundary may sit outside it by round-off: relax v >= u just enough
            for relax in (1e-12, 1e-9, 1e-7):
                sol = self.lp(c, G2, -u + relax * self.scale)
                if sol.status != "infeasible":
                    break
        if sol.status != "optimal":
            raise SolverError(f"the Pareto check LP is {sol.status} at u = {u}")
        if self.exact:
            return -sol.value - sum(u)
        return max(0.0, float(-sol.value - float(np.sum(u)))) / self.scale

    def point_agreement(self, u: np.ndarray) -> np.ndarray | None:
        """A vertex ``z = (x, u)`` of the set with utilities ``u`` (so ``x`` is an agreement giving them), or None."""
        nvar = self.k + self.n
        E2 = np.hstack([_zeros((self.n, self.k), self.exact), _eye(self.n, self.exact)])
        sol = self.lp(self.zero(nvar), E2=E2, f2=np.asarray(u, dtype=object if self.exact else float), ir=False)
        if sol.status != "optimal":
            return None
        return sol.x


# ---------------------------------------------------------------------- frontier view
class _FrontierCurve:
    """The Pareto frontier of a two-player problem as a concave, non-increasing function.

    For a frontier problem with win-sets ``c1 u1 + c2 u2 <= g`` the
    individually rational set is ``{(y, v) : p <= y <= q, lower(y) <= v <= upper(y)}``
    where ``upper = min(f, caps)`` is concave and ``lower = max(d2, floors)``
    is convex.  Its Pareto frontier is the graph of ``upper`` on ``[m, q]``,
    ``m`` the largest maximiser of ``upper``; every solution lies on it.
    """

    def __init__(self, problem: BargainingProblem, tol: float) -> None:
        self.problem = problem
        self.tol = tol
        self.d = np.asarray(problem.disagreement, dtype=np.float64)
        lo, hi = problem.domain
        d1, d2 = self.d
        self.caps: list[tuple[float, float, str]] = []  # u2 <= alpha + beta u1
        self.floors: list[tuple[float, float, str]] = []  # u2 >= alpha + beta u1
        self.L, self.H = max(lo, d1), hi
        self.empty_reason = ""
        for w in problem.constraints:
            C, c = _in(w.A, False), _in(w.b, False)
            for (c1, c2), g in zip(C, c):
                if c2 > 0:
                    self.caps.append((g / c2, -c1 / c2, w.name))
                elif c2 < 0:
                    self.floors.append((g / c2, -c1 / c2, w.name))
                elif c1 > 0:
                    self.H = min(self.H, g / c1)
                elif c1 < 0:
                    self.L = max(self.L, g / c1)
                elif g < 0:
                    self.empty_reason = f"the win-set {w.name!r} has a row 0 <= {g:.6g}, which nothing satisfies"
        fvals = [abs(self.f(lo)), abs(self.f(hi))]
        self.scale = max(1.0, abs(lo), abs(hi), abs(d1), abs(d2), *fvals)
        self.h_fd = 1e-5 * (hi - lo)

    # -- the functions ---------------------------------------------------------
    def f(self, y: float) -> float:
        lo, hi = self.problem.domain
        y = min(max(y, lo), hi)
        try:
            v = float(self.problem.frontier(y))
        except Exception as exc:
            raise SolverError(f"the frontier function failed at u1 = {y:.6g}: {type(exc).__name__}: {exc}") from None
        if not math.isfinite(v):
            raise SolverError(f"the frontier function returned {v} at u1 = {y:.6g}")
        return v

    def upper(self, y: float) -> float:
        v = self.f(y)
        for a, s, _ in self.caps:
            v = min(v, a + s * y)
        return v

    def lower(self, y: float) -> float:
        v = float(self.d[1])
        for a, s, _ in self.floors:
            v = max(v, a + s * y)
        return v

    def F(self, y: float) -> float:
        """The Pareto frontier: ``upper`` right of ``m``, its maximum to the left."""
        return self.a2 if y <= self.m else self.upper(y)

    def _f_slopes(self, y: float) -> tuple[float, float]:
        """Left and right derivatives of ``f`` at ``y`` (exact if a derivative was given)."""
        lo, hi = self.problem.domain
        if self.problem.derivative is not None:
            v = float(self.problem.derivative(min(max(y, lo), hi)))
            return v, v
        h = self.h_fd
        f0 = self.f(y)
        right = left = None
        if y + 2 * h <= hi:
            right = (-3 * f0 + 4 * self.f(y + h) - self.f(y + 2 * h)) / (2 * h)
        if y - 2 * h >= lo:
            left = (3 * f0 - 4 * self.f(y - h) + self.f(y - 2 * h)) / (2 * h)
        if right is None:
            right = left
        if left is None:
            left = right
        return left, right

    def upper_slopes(self, y: float, active: float = 1e-12) -> tuple[float, float]:
        """Left and right derivatives of ``upper = min(f, caps)`` at ``y``.

        Right of a point where several pieces meet, the smallest right
        derivative wins; left of it, the largest left derivative.  Pieces
        within ``active`` (relative to the scale) of the minimum count as
        meeting: certificates pass a larger value, since a root found by
        bisection stops a rounding error away from a kink.
        """
        pieces = [(self.f(y), None)] + [(a + s * y, s) for a, s, _ in self.caps]
        top = min(v for v, _ in pieces)
        eps = active * self.scale
        fl, fr = self._f_slopes(y)
        left, right = -math.inf, math.inf
        for v, s in pieces:
            if v <= top + eps:
                sl, sr = (fl, fr) if s is None else (s, s)
                left = max(left, sl)
                right = min(right, sr)
        return left, right

    def slopes(self, y: float, active: float = 1e-12) -> tuple[float, float]:
        """Left and right derivatives of the frontier ``F`` at ``y`` (``active`` as in :meth:`upper_slopes`)."""
        if y < self.m:
            return 0.0, 0.0
        left, right = self.upper_slopes(y, active)
        return (0.0 if y <= self.m else left), right

    # -- the Pareto frontier ---------------------------------------------------
    def analyse(self) -> str:
        """Find ``p <= m <= q`` and ``a2``; return "" or the reason there is no agreement."""
        if self.empty_reason:
            return self.empty_reason
        d1, d2 = self.d
        if self.L > self.H:
            return "the win-sets leave no u1 in the domain that is individually rational"
        margin = lambda y: self.upper(y) - self.lower(y)  # noqa: E731 -- concave, its superlevel set is [p, q]
        y_best = _argmax_concave(margin, self.L, self.H)
        if margin(y_best) < -1e-12 * self.scale:
            return "the win-sets and the frontier leave no individually rational agreement"
        L, H = self.L, self.H
        self.p = L if margin(L) >= 0 else _bisect(lambda y: margin(y) >= 0, L, y_best, want_first=True)
        self.q = H if margin(H) >= 0 else _bisect(lambda y: margin(y) >= 0, y_best, H, want_first=False)
        y_top = _argmax_concave(self.upper, self.p, self.q)
        # m: the largest maximiser of upper, where its right slope turns negative (values alone
        # locate a smooth maximum only to sqrt(machine epsilon))
        lo, hi = self.problem.domain
        flat = 1e-9 * self.scale / (hi - lo)
        self.m = _bisect(lambda y: self.upper_slopes(y)[1] >= -flat, self.p, self.q, want_first=False)
        if self.upper_slopes(self.q)[1] >= -flat:
            self.m = self.q
        self.a2 = max(self.upper(self.m), self.upper(y_top))
        self.a1 = self.q
        if not (self.q > d1 + 1e-12 * self.scale and self.a2 > d2 + 1e-12 * self.scale):
            names = [w.name for w in self.problem.constraints]
            extra = f" under the win-sets {names}" if names else ""
            return f"no feasible agreement{extra} gives both players more than the disagreement point"
        return ""

    def binding(self, u: np.ndarray) -> tuple[str, ...]:
        y, v = float(u[0]), float(u[1])
        eps = self.tol * self.scale
        names = []
        for w in self.problem.constraints:
            C, c = _in(w.A, False), _in(w.b, False)
            if np.any(np.abs(c - C @ np.array([y, v])) <= eps):
                names.append(w.name)
        return tuple(names)

    def violation(self, u: np.ndarray) -> float:
        y, v = float(u[0]), float(u[1])
        lo, hi = self.problem.domain
        worst = max(0.0, lo - y, y - hi, v - self.f(y))
        for w in self.problem.constraints:
            C, c = _in(w.A, False), _in(w.b, False)
            worst = max(worst, float(np.max(C @ np.array([y, v]) - c, initial=0.0)))
        worst = max(worst, self.d[0] - y, self.d[1] - v)
        return worst / self.scale


def _argmax_concave(g: Callable[[float], float], lo: float, hi: float) -> float:
    """A maximiser of a concave function on ``[lo, hi]`` (golden section, then the better endpoint)."""
    if hi <= lo:
        return lo
    inv = (math.sqrt(5) - 1) / 2
    a, b = lo, hi
    c, e = b - inv * (b - a), a + inv * (b - a)
    gc, ge = g(c), g(e)
    for _ in range(200):
        if b - a <= 1e-15 * max(1.0, abs(a), abs(b)):
            break
        if gc >= ge:
            b, e, ge = e, c, gc
            c = b - inv * (b - a)
            gc = g(c)
        else:
            a, c, gc = c, e, ge
            e = a + inv * (b - a)
            ge = g(e)
    best = (a + b) / 2
    return max((best, lo, hi), key=g)


def _bisect(pred: Callable[[float], bool], lo: float, hi: float, want_first: bool) -> float:
    """The boundary of a monotone predicate on ``[lo, hi]``.

    ``want_first``: ``pred`` is False then True, return the first True point;
    otherwise ``pred`` is True then False, return the last True point.
    """
    for _ in range(200):
        mid = (lo + hi) / 2
        if mid <= lo or mid >= hi:
            break
        if pred(mid) == want_first:
            hi = mid
        else:
            lo = mid
    return hi if want_first else lo

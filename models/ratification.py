r"""Two-level games: international bargaining under domestic ratification (Putnam 1988).

The model
---------
Two governments, A and B, bargain over an agreement on ``k`` issues.  On
issue ``j`` there is a unit of gains to divide; the agreement
``x in [0, 1]^k`` gives A the share ``x_j`` and B the share ``1 - x_j``.
The governments value the issues with positive saliences ``a`` and ``b``:

.. math::

    u_A(x) = \sum_j a_j x_j, \qquad u_B(x) = \sum_j b_j (1 - x_j),

and without an agreement they get ``d = (d_A, d_B)`` (default ``(0, 0)``).
With ``k >= 2`` and different saliences there is room for issue linkage.

Each government needs ratification at home (Putnam's "Level II").  The
ratifier of side ``i`` judges the agreement spatially, in the same space:
it has an ideal point ``r_i`` and accepts ``x`` iff ``x`` is at least as
close to ``r_i`` as the status quo it would otherwise keep, i.e. iff

.. math::

    \lVert x - r_i \rVert \le \rho_i ,

``rho_i`` being the distance from ``r_i`` to its status quo point
(:meth:`Ratifier.from_status_quo`) or given directly.  The *win-set* of side
``i`` is ``W_i = {x in [0, 1]^k : ||x - r_i|| <= rho_i}``, and an agreement
must lie in ``W_A`` and ``W_B``.  Norms:

* one issue: every norm gives the interval ``[r - rho, r + rho]`` (exact);
* ``"chebyshev"`` (``max_j |x_j - r_j|``, a box) and ``"manhattan"``
  (``sum_j |x_j - r_j|``, ``2^k`` facets, ``k <= 12``): exact linear rows;
* ``"euclidean"`` with two issues: the disc is replaced by an *inscribed*
  polygon with ``facets`` sides (default 64) whose vertices are rational
  points of the circle, so every agreement the solvers return is inside the
  true disc (checked exactly) but agreements in the thin sliver between
  polygon and disc (relative area below ``pi^2 / (6 facets^2)``) are not
  considered.  Three or more issues with the Euclidean norm are refused.

A *hawkish* ratifier of A has its ideal point towards A's side
(``r_A`` large): its win-set loses the agreements most favourable to B.
:meth:`TwoLevelGame.with_hawkishness` shifts a ratifier's ideal point by
``h`` along its government's favoured direction (``+1`` on every issue for
A, ``-1`` for B), keeping its reservation distance ``rho``.

Solutions
---------
:func:`solve` maximises the Nash product ``(u_A - d_A)(u_B - d_B)`` over
``W_A cap W_B`` [4]_ (``method="nash"``, exact in rational arithmetic when
the data are rational), or finds the subgame-perfect equilibrium of
Rubinstein's alternating offers restricted to ratifiable proposals
(``method="rubinstein"``, floating point) [5]_, both through
:mod:`gametheory.bargaining`.  When ``W_A cap W_B`` holds no agreement that
gives both governments more than ``d`` the result has
``status="no_agreement"`` (or :class:`~gametheory.errors.NoAgreement` is
raised with ``allow_disagreement=False``).

The Schelling conjecture and its limits
---------------------------------------
Schelling [2]_ and Putnam [1]_: a negotiator whose hands are tied at home
does better at the table.  :func:`schelling_curve` sweeps the hawkishness of
one ratifier: that side's share rises as its win-set shrinks, until the
win-sets stop intersecting and the agreement is lost.  With uncertainty
about the ratifier (Iida [3]_), the governments negotiate against the win-set
they believe in; the agreement is then rejected ("involuntary defection")
with probability

.. math::

    P_{fail} = \sum_s p_s \, [\lVert x^* - r^{(s)} \rVert > \rho],

and the expected outcome is ``(1 - P_fail) u(x*) + P_fail d``: it falls as
the uncertainty grows (:func:`ratification_risk`, :func:`sweep`).

On one issue a shrinking win-set never lowers its side's Nash share while an
agreement exists (the tests check it).  With several issues this can fail:
a ratifier forcing a concession on an issue the other side values as much
can make its government give back more on an issue it values most, and the
Nash bargain leaves it worse off (``tests/test_ratification.py`` keeps such
an example).

References
----------
.. [1] R. D. Putnam, "Diplomacy and domestic politics: the logic of two-level
   games", *International Organization* 42(3), 427-460, 1988.
.. [2] T. C. Schelling, *The Strategy of Conflict*, Harvard University Press, 1960.
.. [3] K. Iida, "When and how do domestic constraints matter? Two-level games
   with uncertainty", *Journal of Conflict Resolution* 37(3), 403-426, 1993.
.. [4] J. F. Nash, "The bargaining problem", *Econometrica* 18(2), 155-162, 1950.
.. [5] A. Rubinstein, "Perfect equilibrium in a bargaining model",
   *Econometrica* 50(1), 97-109, 1982.

Examples
--------
>>> from models.ratification import Ratifier, TwoLevelGame, solve
>>> game = TwoLevelGame(ratifier_a=Ratifier(ideal=[1], radius="3/10"))
>>> res = solve(game, exact=True)
>>> [str(v) for v in res.agreement], [str(v) for v in res.shares]
(['7/10'], ['7/10', '3/10'])
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Rational
from typing import Any, Sequence

import numpy as np

from gametheory._linprog import solve_lp
from gametheory.bargaining import BargainingProblem, nash_solution, rubinstein_frontier
from gametheory.errors import InvalidGame, InvalidOption, NoAgreement, NotSupported, SolverError

__all__ = [
    "InvalidTwoLevelGame",
    "Ratifier",
    "TwoLevelGame",
    "RatificationResult",
    "RatificationRisk",
    "solve",
    "ratification_risk",
    "schelling_curve",
    "sweep",
]

NORMS = ("euclidean", "manhattan", "chebyshev")
SIDES = ("A", "B")
_MAX_MANHATTAN_ISSUES = 12
_FLOAT_TOL = 1e-7


class InvalidTwoLevelGame(InvalidGame):
    """A two-level game is malformed: saliences, ideal points, radii, norms or disagreement point."""


# ---------------------------------------------------------------------- numbers
def _is_exact(v: Any) -> bool:
    return isinstance(v, (Integral, Rational, Decimal, str)) and not isinstance(v, bool)


def _number(v: Any, where: str) -> Any:
    """A finite number: a Fraction when ``v`` is exact (int, Fraction, decimal string), else a float."""
    if isinstance(v, bool) or v is None:
        raise InvalidTwoLevelGame(f"{where} must be a number, got {v!r}")
    if isinstance(v, np.generic):
        v = v.item()
    if _is_exact(v):
        try:
            return Fraction(v) if not isinstance(v, Decimal) else Fraction(v)
        except (ValueError, ZeroDivisionError, TypeError):
            raise InvalidTwoLevelGame(f"{where} must be a number, got {v!r}") from None
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise InvalidTwoLevelGame(f"{where} must be a number, got {v!r}") from None
    if not math.isfinite(f):
        raise InvalidTwoLevelGame(f"{where} is {f}, not a finite number")
    return f


def _vector(values: Any, where: str, size: int | None = None) -> np.ndarray:
    """A read-only object array of numbers (Fractions where exact, floats otherwise)."""
    if np.ndim(values) == 0:
        values = [values]
    try:
        arr = np.array(values, dtype=object)
    except ValueError:
        raise InvalidTwoLevelGame(f"{where} is ragged") from None
    if arr.ndim != 1:
        raise InvalidTwoLevelGame(f"{where} must be a vector, got an array of shape {arr.shape}")
    if arr.size == 0:
        raise InvalidTwoLevelGame(f"{where} is empty")
    if size is not None and arr.size != size:
        raise InvalidTwoLevelGame(f"{where} has {arr.size} entries but the game has {size} issues")
    out = np.array([_number(v, f"{where}[{j}]") for j, v in enumerate(arr)], dtype=object)
    if not all(isinstance(v, Fraction) for v in out):
        # one float makes the whole vector inexact: keep a single arithmetic per vector
        out = np.array([float(v) for v in out], dtype=object)
    out.setflags(write=False)
    return out


def _all_exact(*arrays: Any) -> bool:
    return all(isinstance(v, Fraction) for a in arrays for v in np.asarray(a, dtype=object).reshape(-1))


def _as(values: np.ndarray, exact: bool) -> np.ndarray:
    if exact:
        return np.array([v if isinstance(v, Fraction) else Fraction(repr(float(v))) for v in values], dtype=object)
    return np.array([float(v) for v in values], dtype=np.float64)


def _rational_sqrt_below(q: Fraction) -> Fraction:
    """The largest multiple of 10^-15 (relative) not above sqrt(q): exact, never outside the ball."""
    if q <= 0:
        return Fraction(0)
    scale = 10 ** 15
    num = q.numerator * scale * scale
    root = math.isqrt(num // q.denominator)
    return Fraction(root, scale)


# ---------------------------------------------------------------------- ratifiers
@dataclass(frozen=True, eq=False)
class Ratifier:
    """A domestic ratifier: accepts ``x`` iff ``||x - ideal|| <= radius``.

    Attributes
    ----------
    ideal : ndarray
        Its ideal point in agreement space (A's shares on each issue); it may
        lie outside ``[0, 1]^k`` (a ratifier wanting more than all of it).
    radius : Fraction or float
        Its reservation distance: the distance from ``ideal`` to the status
        quo it keeps if it rejects.  ``0`` accepts only the ideal point.
    norm : str
        ``"euclidean"``, ``"manhattan"`` or ``"chebyshev"`` (one issue: all equal).
    """

    ideal: Any
    radius: Any
    norm: str = "euclidean"

    def __post_init__(self) -> None:
        func = "Ratifier"
        object.__setattr__(self, "ideal", _vector(self.ideal, f"{func}: ideal"))
        r = _number(self.radius, f"{func}: radius")
        if r < 0:
            raise InvalidTwoLevelGame(f"{func}: radius must be >= 0 (a distance), got {self.radius!r}")
        object.__setattr__(self, "radius", r)
        if self.norm not in NORMS:
            raise InvalidTwoLevelGame(f"{func}: norm must be one of {NORMS}, got {self.norm!r}")

    @classmethod
    def from_status_quo(cls, ideal: Any, status_quo: Any, norm: str = "euclidean") -> "Ratifier":
        """The ratifier whose status quo point is ``status_quo``: ``radius = ||status_quo - ideal||``.

        The Euclidean radius of two or more issues is irrational in general;
        it is then a float (and the game is solved in floating point) unless
        it is the square root of a rational square.

        Examples
        --------
        >>> from models.ratification import Ratifier
        >>> str(Ratifier.from_status_quo([1, 1], [0, 1], norm="manhattan").radius)
        '1'
        """
        func = "Ratifier.from_status_quo"
        r = _vector(ideal, f"{func}: ideal")
        s = _vector(status_quo, f"{func}: status_quo", r.size)
        if norm not in NORMS:
            raise InvalidTwoLevelGame(f"{func}: norm must be one of {NORMS}, got {norm!r}")
        diff = [si - ri for si, ri in zip(s, r)]
        if len(diff) == 1 or norm == "chebyshev":
            rad = max(abs(v) for v in diff)
        elif norm == "manhattan":
            rad = sum(abs(v) for v in diff)
        else:
            sq = sum(v * v for v in diff)
            if isinstance(sq, Fraction):
                root = Fraction(math.isqrt(sq.numerator), math.isqrt(sq.denominator))
                rad = root if root * root == sq else math.sqrt(sq)
            else:
                rad = math.sqrt(sq)
        return cls(ideal=r, radius=rad, norm=norm)

    @property
    def num_issues(self) -> int:
        return int(self.ideal.size)

    def distance(self, x: Any, exact: bool) -> Any:
        """``||x - ideal||`` (for the Euclidean norm in exact mode: the squared distance, compare with ``radius**2``)."""
        diff = _as(np.asarray(x, dtype=object), exact) - _as(self.ideal, exact)
        if diff.size == 1 or self.norm == "chebyshev":
            return max(abs(v) for v in diff)
        if self.norm == "manhattan":
            return sum(abs(v) for v in diff)
        sq = sum(v * v for v in diff)
        return sq if exact else math.sqrt(sq)

    def margin(self, x: Any, exact: bool) -> Any:
        """``radius - ||x - ideal||``: ``>= 0`` iff the ratifier accepts ``x`` (exact sign in exact mode).

        For the Euclidean norm with two or more issues in exact mode it is
        ``radius**2 - ||x - ideal||**2``, which has the same sign.
        """
        dist = self.distance(x, exact)
        rad = Fraction(self.radius) if exact else float(self.radius)
        if exact and self.norm == "euclidean" and self.num_issues > 1:
            return rad * rad - dist
        return rad - dist

    def accepts(self, x: Any, exact: bool = False, tol: float = _FLOAT_TOL) -> bool:
        """True iff ``x`` is in the ratifier's ball (exactly, or within ``tol`` in float mode)."""
        m = self.margin(x, exact)
        return bool(m >= 0) if exact else bool(m >= -tol * max(1.0, abs(float(self.radius))))

    def rows(self, facets: int, exact: bool) -> tuple[np.ndarray, np.ndarray, bool]:
        """Linear rows ``C x <= c`` of the (inscribed) ball, and whether they are the ball exactly."""
        k = self.num_issues
        r = _as(self.ideal, exact)
        rad = Fraction(self.radius) if exact else float(self.radius)
        one = Fraction(1) if exact else 1.0
        if k == 1 or self.norm == "chebyshev":
            C = np.vstack([np.eye(k, dtype=int), -np.eye(k, dtype=int)]).astype(object if exact else float)
            if exact:
                C = np.array([[Fraction(int(v)) for v in row] for row in C], dtype=object)
            c = np.concatenate([r + rad, -(r - rad)])
            return C, c, True
        if self.norm == "manhattan":
            signs = np.array(list(np.ndindex(*(2,) * k))) * 2 - 1
            C = np.array([[one * int(s) for s in row] for row in signs], dtype=object if exact else float)
            c = np.array([sum(int(s) * rj for s, rj in zip(row, r)) + rad for row in signs], dtype=object if exact else float)
            return C, c, True
        if k != 2:
            raise NotSupported(
                f"Ratifier: a Euclidean ball on {k} issues is not a polytope; use norm='chebyshev' or "
                "'manhattan' (exact), or two issues (inscribed polygon)"
            )
        V = _circle_points(facets)
        if not exact:
            V = V.astype(float)
        C, c = [], []
        for i in range(facets):
            p, q = V[i], V[(i + 1) % facets]
            n = np.array([q[1] - p[1], p[0] - q[0]], dtype=object if exact else float)
            C.append(n)
            c.append(n[0] * r[0] + n[1] * r[1] + rad * (n[0] * p[0] + n[1] * p[1]))
        return np.array(C, dtype=object if exact else float), np.array(c, dtype=object if exact else float), False


def _circle_points(m: int) -> np.ndarray:
    """``m`` rational points of the unit circle in counter-clockwise order, near-uniform in angle.

    ``((1 - t^2)/(1 + t^2), 2t/(1 + t^2))`` is on the circle for every rational
    ``t``; ``t`` approximates ``tan(theta / 2)``, so the polygon through these
    points is inscribed in the circle and its rows are rational.
    """
    out = np.empty((m, 2), dtype=object)
    for i in range(m):
        theta = -math.pi + 2 * math.pi * (i + 0.5) / m
        t = Fraction(math.tan(theta / 2)).limit_denominator(10 ** 6)
        den = 1 + t * t
        out[i] = [(1 - t * t) / den, 2 * t / den]
    return out


# ---------------------------------------------------------------------- the game
@dataclass(frozen=True, eq=False)
class TwoLevelGame:
    """Two governments dividing ``k`` issues, each under a domestic ratifier (or none).

    Attributes
    ----------
    salience_a, salience_b : ndarray
        Positive weights ``a``, ``b`` of the issues (default one issue, weight 1).
        ``u_A = a . x``, ``u_B = b . (1 - x)``.
    disagreement : ndarray
        ``(d_A, d_B)``, the governments' utilities without agreement
        (default ``(0, 0)``; at least 0 and at most the whole pie).
    ratifier_a, ratifier_b : Ratifier or None
        The domestic ratifiers (None: no ratification constraint).
    facets : int
        Sides of the polygon inscribed in a Euclidean disc (two issues), at least 8.
    """

    salience_a: Any = (1,)
    salience_b: Any = None
    disagreement: Any = (0, 0)
    ratifier_a: Ratifier | None = None
    ratifier_b: Ratifier | None = None
    facets: int = 64

    def __post_init__(self) -> None:
        func = "TwoLevelGame"
        a = _vector(self.salience_a, f"{func}: salience_a")
        b = a if self.salience_b is None else _vector(self.salience_b, f"{func}: salience_b", a.size)
        for name, s in (("salience_a", a), ("salience_b", b)):
            if any(v <= 0 for v in s):
                raise InvalidTwoLevelGame(f"{func}: {name} must be positive on every issue, got {[str(v) for v in s]}")
        object.__setattr__(self, "salience_a", a)
        object.__setattr__(self, "salience_b", b)
        d = _vector(self.disagreement, f"{func}: disagreement")
        if d.size != 2:
            raise InvalidTwoLevelGame(f"{func}: disagreement must be (d_A, d_B), got {d.size} entries")
        if d[0] < 0 or d[1] < 0 or d[0] > sum(a) or d[1] > sum(b):
            raise InvalidTwoLevelGame(
                f"{func}: disagreement {tuple(str(v) for v in d)} must lie between 0 and each side's whole pie "
                f"({sum(a)}, {sum(b)})"
            )
        object.__setattr__(self, "disagreement", d)
        for name in ("ratifier_a", "ratifier_b"):
            rat = getattr(self, name)
            if rat is None:
                continue
            if not isinstance(rat, Ratifier):
                raise InvalidTwoLevelGame(f"{func}: {name} must be a Ratifier or None, got {type(rat).__name__}")
            if rat.num_issues != a.size:
                raise InvalidTwoLevelGame(f"{func}: {name} has an ideal point on {rat.num_issues} issues but the game has {a.size}")
            if rat.norm == "manhattan" and a.size > _MAX_MANHATTAN_ISSUES:
                raise InvalidTwoLevelGame(f"{func}: {name}: the manhattan ball has 2^k facets; at most {_MAX_MANHATTAN_ISSUES} issues")
            if rat.norm == "euclidean" and a.size > 2:
                raise InvalidTwoLevelGame(
                    f"{func}: {name}: a Euclidean win-set on {a.size} issues is not a polytope; "
                    "use norm='chebyshev' or 'manhattan', or at most two issues"
                )
        if isinstance(self.facets, bool) or not isinstance(self.facets, (int, np.integer)) or self.facets < 8:
            raise InvalidTwoLevelGame(f"{func}: facets must be an integer >= 8, got {self.facets!r}")

    @property
    def num_issues(self) -> int:
        return int(self.salience_a.size)

    @property
    def is_exact(self) -> bool:
        rats = [r for r in (self.ratifier_a, self.ratifier_b) if r is not None]
        return _all_exact(self.salience_a, self.salience_b, self.disagreement,
                          *[r.ideal for r in rats], *[r.radius for r in rats])

    def ratifier(self, side: str) -> Ratifier | None:
        return self.ratifier_a if _side(side, "TwoLevelGame.ratifier") == "A" else self.ratifier_b

    def with_ratifier(self, side: str, ratifier: Ratifier | None) -> "TwoLevelGame":
        """The same game with side ``side``'s ratifier replaced."""
        key = "ratifier_a" if _side(side, "TwoLevelGame.with_ratifier") == "A" else "ratifier_b"
        return replace(self, **{key: ratifier})

    def with_hawkishness(self, side: str, h: Any) -> "TwoLevelGame":
        """Shift side ``side``'s ratifier ideal point by ``h`` towards its government (radius kept).

        A's government gains from higher shares, so A's ideal moves by ``+h``
        on every issue; B's moves by ``-h``.  Negative ``h`` is dovish.
        """
        func = "TwoLevelGame.with_hawkishness"
        side = _side(side, func)
        rat = self.ratifier(side)
        if rat is None:
            raise InvalidOption(f"{func}: side {side} has no ratifier to make more hawkish")
        h = _number(h, f"{func}: h")
        sign = 1 if side == "A" else -1
        return self.with_ratifier(side, Ratifier(ideal=[v + sign * h for v in rat.ideal], radius=rat.radius, norm=rat.norm))

    def problem(self, exact: bool | None = None, constrained: bool = True) -> BargainingProblem:
        """The governments' bargaining problem, with the win-sets as named constraints on the agreement.

        ``x`` ranges over ``[0, 1]^k``; utilities ``u = U x + u0`` with
        ``U = [a; -b]`` and ``u0 = (0, sum b)``; free disposal, so that the
        disagreement point need not be an agreement.
        """
        exact = self.is_exact if exact is None else exact
        k = self.num_issues
        a, b = _as(self.salience_a, exact), _as(self.salience_b, exact)
        one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
        eye = np.array([[one if i == j else zero for j in range(k)] for i in range(k)], dtype=object if exact else float)
        A = np.vstack([eye, -eye])
        rhs = np.array([one] * k + [zero] * k, dtype=object if exact else float)
        U = np.vstack([a, -b])
        u0 = np.array([zero, sum(b)], dtype=object if exact else float)
        d = _as(self.disagreement, exact)
        prob = BargainingProblem.from_linear(
            A, rhs, utility_matrix=U, utility_offset=u0, disagreement=d, free_disposal=True,
            labels=[f"share of A on issue {j + 1}" for j in range(k)] if k > 1 else ["share of A"],
            players=["A", "B"],
        )
        if not constrained:
            return prob
        for side in SIDES:
            rat = self.ratifier(side)
            if rat is not None:
                C, c, _ = rat.rows(self.facets, exact)
                prob = prob.with_constraints(C, c, on="agreement", name=f"ratifier {side}")
        return prob


def _side(side: Any, func: str) -> str:
    if side not in SIDES:
        raise InvalidOption(f"{func}: side must be 'A' or 'B', got {side!r}")
    return side


# ---------------------------------------------------------------------- results
@dataclass(frozen=True, eq=False)
class RatificationResult:
    """An agreement negotiated under both win-sets, with its certificate.

    Attributes
    ----------
    game : TwoLevelGame
    method : str
        ``"nash"`` or ``"rubinstein"``.
    status : str
        ``"agreement"`` or ``"no_agreement"``.
    agreement : ndarray or None
        A's shares ``x`` on the issues (None without agreement).
    utilities : ndarray
        ``(u_A, u_B)``; the disagreement point without agreement.
    shares : ndarray
        ``u_i`` divided by side ``i``'s whole pie (``sum a``, ``sum b``).
    margins : tuple
        Per side, ``radius - ||x - ideal||`` (squared form for an exact
        Euclidean ball on two issues), ``>= 0`` when the ratifier accepts;
        None for a side without ratifier or without agreement.
    exact : bool
        Rational numbers and exact certificate (Nash on rational data).
    certificate : dict
        ``in_win_sets`` (proved/checked), ``bargaining_residual`` (the
        residual of the underlying bargaining solver's certificate) and
        ``inscribed`` (True if a disc was replaced by an inscribed polygon).
    bargaining : BargainingResult or RubinsteinResult or None
        The underlying :mod:`gametheory.bargaining` result.
    binding : tuple of str
        Win-sets active at the agreement.
    message : str
        Why there is no agreement, or a note.
    """

    game: TwoLevelGame
    method: str
    status: str
    agreement: np.ndarray | None
    utilities: np.ndarray
    shares: np.ndarray
    margins: tuple
    exact: bool
    certificate: dict = field(default_factory=dict)
    bargaining: Any = None
    binding: tuple[str, ...] = ()
    message: str = ""

    @property
    def agreed(self) -> bool:
        return self.status == "agreement"

    def __str__(self) -> str:
        def show(v: Any) -> str:
            return str(v) if self.exact else f"{float(v):.6g}"

        if not self.agreed:
            return f"{self.method}: no agreement ({self.message})"
        lines = [
            f"{self.method}: agreement x = (" + ", ".join(show(v) for v in self.agreement) + ")"
            + ("  [exact]" if self.exact else "  [float]"),
            "  utilities (" + ", ".join(show(v) for v in self.utilities) + "), shares ("
            + ", ".join(show(v) for v in self.shares) + ")",
        ]
        if self.binding:
            lines.append("  binding: " + ", ".join(self.binding))
        return "\n".join(lines)


@dataclass(frozen=True, eq=False)
class RatificationRisk:
    """The outcome of negotiating against an uncertain ratifier (Iida 1993).

    Attributes
    ----------
    side : str
        The side whose ratifier is uncertain.
    ideals : ndarray
        The possible ideal points, one row each.
    probabilities : ndarray
        Their probabilities (sum 1).
    believed : ndarray
        The ideal point the governments negotiate against.
    negotiated : RatificationResult
        The agreement negotiated under the believed win-set.
    accepted : ndarray of bool
        Whether the ratifier with each ideal point accepts it.
    failure_probability : Fraction, float or None
        Probability that the negotiated agreement is rejected (involuntary
        defection); None when no agreement was negotiated.
    expected_utilities : ndarray
        ``(1 - P_fail) u(x*) + P_fail d`` (``d`` without agreement).
    """

    side: str
    ideals: np.ndarray
    probabilities: np.ndarray
    believed: np.ndarray
    negotiated: RatificationResult
    accepted: np.ndarray
    failure_probability: Any
    expected_utilities: np.ndarray


# ---------------------------------------------------------------------- solving
def _recover_agreement(prob: BargainingProblem, u: np.ndarray) -> np.ndarray:
    """An agreement ``x`` on the constrained frontier at utilities ``u`` (one LP: max u_B s.t. u_A >= u_A*)."""
    k = prob.num_agreement
    U = np.asarray(prob.utility_matrix, dtype=float)
    u0 = np.asarray(prob.utility_offset, dtype=float)
    rows = [np.asarray(prob.A, dtype=float)] + [np.asarray(w.A, dtype=float) for w in prob.constraints]
    rhs = [np.asarray(prob.b, dtype=float)] + [np.asarray(w.b, dtype=float) for w in prob.constraints]
    scale = max(1.0, float(np.max(np.abs(U))))
    rows.append(-U[:1])
    rhs.append(np.array([u0[0] - float(u[0]) + 1e-9 * scale]))
    sol = solve_lp(-U[1], np.vstack(rows), np.concatenate(rhs), np.zeros((0, k)), np.zeros(0))
    if sol.status != "optimal":
        raise SolverError(f"solve: recovering the agreement of the Rubinstein shares failed ({sol.status})")
    return np.clip(np.asarray(sol.x, dtype=float), 0.0, 1.0)


def _no_agreement(game: TwoLevelGame, method: str, exact: bool, message: str, bargaining: Any) -> RatificationResult:
    d = _as(game.disagreement, exact)
    d.setflags(write=False)
    totals = (sum(_as(game.salience_a, exact)), sum(_as(game.salience_b, exact)))
    shares = np.array([d[0] / totals[0], d[1] / totals[1]], dtype=d.dtype)
    shares.setflags(write=False)
    return RatificationResult(
        game=game, method=method, status="no_agreement", agreement=None, utilities=d, shares=shares,
        margins=(None, None), exact=exact, bargaining=bargaining, message=message,
    )


def solve(
    game: TwoLevelGame,
    method: str = "nash",
    *,
    exact: bool = False,
    deltas: Sequence[Any] = (0.9, 0.9),
    proposer: int = 0,
    allow_disagreement: bool = True,
    tol: float | None = None,
) -> RatificationResult:
    """The agreement the governments reach inside both win-sets.

    Parameters
    ----------
    game : TwoLevelGame
    method : {"nash", "rubinstein"}
        Nash bargaining solution over ``W_A cap W_B``, or the subgame-perfect
        equilibrium of alternating offers restricted to ratifiable proposals.
    exact : bool
        Nash only: rational arithmetic and an exact proof (float data read
        as decimals, ``0.1 -> 1/10``).  Rubinstein is floating point.
    deltas : pair of numbers
        Rubinstein's per-period discount factors ``(delta_A, delta_B)``.
    proposer : {0, 1}
        Rubinstein: 0 if A proposes first, 1 if B does.
    allow_disagreement : bool
        Return ``status="no_agreement"`` (default) instead of raising
        :class:`~gametheory.errors.NoAgreement` when the win-sets leave no
        agreement better than ``d`` for both.
    tol : float, optional
        Float-mode tolerance of the certificates (default ``1e-6``).

    Returns
    -------
    RatificationResult
        Its ``margins`` certify that every ratifier accepts the agreement
        (checked against the true ball, exactly in exact mode).

    Raises
    ------
    NoAgreement
        Only with ``allow_disagreement=False``.
    InvalidOption
        Unknown method, bad discount factors or proposer.
    SolverError
        The agreement failed its check.

    Notes
    -----
    The win-sets become linear constraints on ``x`` (see the module
    docstring), so Nash is one exponential-cone program plus one LP
    certificate (exact: rational linear algebra on the active face and two
    exact LPs), and Rubinstein about 100 LPs along the constrained Pareto
    frontier [2]_.  Nash: [1]_.

    References
    ----------
    .. [1] J. F. Nash, "The bargaining problem", *Econometrica* 18(2), 155-162, 1950.
    .. [2] A. Rubinstein, "Perfect equilibrium in a bargaining model",
       *Econometrica* 50(1), 97-109, 1982.

    Examples
    --------
    >>> from models.ratification import Ratifier, TwoLevelGame, solve
    >>> g = TwoLevelGame(ratifier_a=Ratifier([1], "1/2"), ratifier_b=Ratifier([0], "3/5"))
    >>> [round(float(v), 4) for v in solve(g, "rubinstein", deltas=(0.9, 0.9)).utilities]
    [0.55, 0.45]
    """
    func = "solve"
    if not isinstance(game, TwoLevelGame):
        raise InvalidOption(f"{func}: game must be a TwoLevelGame, got {type(game).__name__}")
    if method not in ("nash", "rubinstein"):
        raise InvalidOption(f"{func}: method must be 'nash' or 'rubinstein', got {method!r}")
    if not isinstance(exact, (bool, np.bool_)):
        raise InvalidOption(f"{func}: exact must be True or False, got {exact!r}")
    if not isinstance(allow_disagreement, (bool, np.bool_)):
        raise InvalidOption(f"{func}: allow_disagreement must be True or False, got {allow_disagreement!r}")
    if method == "rubinstein" and exact:
        raise NotSupported(f"{func}: Rubinstein's equilibrium under win-sets is computed in floating point; use exact=False")
    ftol = _FLOAT_TOL if tol is None else float(tol)
    prob = game.problem(exact=bool(exact))
    if method == "nash":
        res = nash_solution(prob, exact=bool(exact), allow_disagreement=True, tol=tol)
        if not res.agreed:
            if not allow_disagreement:
                raise NoAgreement(f"{func}: {res.message}")
            return _no_agreement(game, method, res.exact, res.message, res)
        ex = bool(res.exact)
        x = np.array(res.agreement, copy=True)
        util, residual, binding = res.utilities, res.residual, res.binding
    else:
        try:
            deltas = tuple(deltas)
        except TypeError:
            raise InvalidOption(f"{func}: deltas must be a pair (delta_A, delta_B), got {deltas!r}") from None
        if len(deltas) != 2:
            raise InvalidOption(f"{func}: deltas must be a pair (delta_A, delta_B), got {deltas!r}")
        try:
            res = rubinstein_frontier(prob, deltas[0], deltas[1], proposer=proposer, tol=tol)
        except NoAgreement as exc:
            if not allow_disagreement:
                raise NoAgreement(f"{func}: {exc}") from None
            return _no_agreement(game, method, False, str(exc), None)
        ex = False
        x = _recover_agreement(prob, np.asarray(res.shares, dtype=float))
        util = None
        residual, binding = res.residual, ()
    x = _as(x, ex)
    a, b = _as(game.salience_a, ex), _as(game.salience_b, ex)
    u = np.array([a.dot(x), b.dot(1 - x)], dtype=object if ex else float)
    if util is not None:
        # free disposal never wastes utility at a Nash point: the agreement gives exactly u*
        gap = [abs(ui - vi) for ui, vi in zip(u, util)]
        if (ex and any(g != 0 for g in gap)) or (not ex and max(gap) > ftol * max(1.0, float(sum(a)), float(sum(b)))):
            raise SolverError(f"{func}: the agreement does not give the solver's utilities (gap {gap})")
    else:
        binding = tuple(f"ratifier {s}" for s in SIDES if game.ratifier(s) is not None
                        and float(game.ratifier(s).margin(x, False)) <= 1e-6 * max(1.0, float(game.ratifier(s).radius)))
    margins = tuple(None if game.ratifier(s) is None else game.ratifier(s).margin(x, ex) for s in SIDES)
    in_sets = tuple(game.ratifier(s) is None or game.ratifier(s).accepts(x, ex, ftol) for s in SIDES)
    in_box = all((0 <= v <= 1) if ex else (-ftol <= v <= 1 + ftol) for v in x)
    if not (all(in_sets) and in_box):
        raise SolverError(f"{func}: the agreement {list(x)} fails the ratification check (margins {margins})")
    inscribed = any(r is not None and r.norm == "euclidean" and r.num_issues > 1 for r in (game.ratifier_a, game.ratifier_b))
    for arr in (x, u):
        arr.setflags(write=False)
    shares = np.array([u[0] / sum(a), u[1] / sum(b)], dtype=u.dtype)
    shares.setflags(write=False)
    cert = {"in_win_sets": in_sets, "in_box": in_box, "bargaining_residual": residual, "inscribed": inscribed}
    return RatificationResult(
        game=game, method=method, status="agreement", agreement=x, utilities=u, shares=shares, margins=margins,
        exact=ex, certificate=cert, bargaining=res, binding=tuple(binding),
    )


def ratification_risk(
    game: TwoLevelGame,
    side: str,
    ideals: Any,
    probabilities: Any = None,
    *,
    believed: Any = None,
    method: str = "nash",
    exact: bool = False,
    deltas: Sequence[Any] = (0.9, 0.9),
    proposer: int = 0,
) -> RatificationRisk:
    """Probability that a negotiated agreement fails ratification, and the expected outcome.

    Parameters
    ----------
    game : TwoLevelGame
        Side ``side`` must have a ratifier; its radius and norm are kept,
        its ideal point is uncertain.
    side : {"A", "B"}
    ideals : array_like
        Possible ideal points: one number each (one issue) or one row each.
        Sampled points are fine (give no probabilities).
    probabilities : array_like, optional
        Their probabilities (non-negative, summing to 1); default uniform.
    believed : array_like, optional
        The ideal point the governments negotiate against; default the mean.
    method, exact, deltas, proposer
        As in :func:`solve`.

    Returns
    -------
    RatificationRisk

    Notes
    -----
    The governments agree on ``x*`` by :func:`solve` with the believed win-set;
    the true ratifier then accepts iff ``||x* - r|| <= rho``.  Iida [1]_ shows
    that such uncertainty produces involuntary defection, and weakens the
    Schelling advantage: a negotiator pushing to the edge of the believed
    win-set runs the largest risk.  Cost: one :func:`solve` plus one distance
    per possible ideal point.

    References
    ----------
    .. [1] K. Iida, "When and how do domestic constraints matter? Two-level
       games with uncertainty", *Journal of Conflict Resolution* 37(3),
       403-426, 1993.

    Examples
    --------
    >>> from models.ratification import Ratifier, TwoLevelGame, ratification_risk
    >>> g = TwoLevelGame(ratifier_a=Ratifier([1], "3/10"))
    >>> risk = ratification_risk(g, "A", ["9/10", "1", "11/10"], exact=True)
    >>> str(risk.failure_probability), [str(v) for v in risk.expected_utilities]
    ('1/3', ['7/15', '1/5'])
    """
    func = "ratification_risk"
    side = _side(side, func)
    rat = game.ratifier(side) if isinstance(game, TwoLevelGame) else None
    if not isinstance(game, TwoLevelGame):
        raise InvalidOption(f"{func}: game must be a TwoLevelGame, got {type(game).__name__}")
    if rat is None:
        raise InvalidOption(f"{func}: side {side} has no ratifier; give the game one (its radius and norm are used)")
    k = game.num_issues
    pts = np.array(ideals, dtype=object)
    if pts.ndim == 1 and k == 1:
        pts = pts.reshape(-1, 1)
    if pts.ndim != 2 or pts.shape[1] != k or pts.shape[0] == 0:
        raise InvalidTwoLevelGame(f"{func}: ideals must be a non-empty list of points on {k} issue(s), got shape {pts.shape}")
    pts = np.array([_vector(row, f"{func}: ideals[{i}]", k) for i, row in enumerate(pts)], dtype=object)
    if probabilities is None:
        n = pts.shape[0]
        probs = np.array([Fraction(1, n)] * n, dtype=object)
    else:
        probs = _vector(probabilities, f"{func}: probabilities")
        if probs.size != pts.shape[0]:
            raise InvalidTwoLevelGame(f"{func}: probabilities has {probs.size} entries but there are {pts.shape[0]} ideal points")
        if any(p < 0 for p in probs):
            raise InvalidTwoLevelGame(f"{func}: probabilities must be non-negative")
        total = sum(probs)
        ok = total == 1 if isinstance(total, Fraction) else abs(float(total) - 1) <= 1e-9
        if not ok:
            raise InvalidTwoLevelGame(f"{func}: probabilities must sum to 1, got {total}")
    if believed is None:
        believed = [sum(p * pts[i, j] for i, p in enumerate(probs)) for j in range(k)]
    believed = _vector(believed, f"{func}: believed", k)
    negotiated = solve(game.with_ratifier(side, Ratifier(believed, rat.radius, rat.norm)), method,
                       exact=exact, deltas=deltas, proposer=proposer)
    ex = negotiated.exact and _all_exact(pts, probs)
    pr = _as(probs, ex)
    d = _as(game.disagreement, ex)
    if not negotiated.agreed:
        accepted = np.zeros(pts.shape[0], dtype=bool)
        return RatificationRisk(side, pts, pr, believed, negotiated, accepted, None, d)
    x = _as(negotiated.agreement, ex)
    accepted = np.array([Ratifier(row, rat.radius, rat.norm).accepts(x, ex) for row in pts], dtype=bool)
    fail = sum((p for p, acc in zip(pr, accepted) if not acc), Fraction(0) if ex else 0.0)
    u = _as(negotiated.utilities, ex)
    expected = (1 - fail) * u + fail * d
    for arr in (pts, pr, accepted, expected):
        arr.setflags(write=False)
    return RatificationRisk(side, pts, pr, believed, negotiated, accepted, fail, expected)


# ---------------------------------------------------------------------- sweeps
def sweep(
    game: TwoLevelGame,
    *,
    side: str = "A",
    hawkishness: Sequence[Any] = (0,),
    spread: Sequence[Any] = (0,),
    methods: Sequence[str] = ("nash",),
    support: int = 5,
    exact: bool = False,
    deltas: Sequence[Any] = (0.9, 0.9),
):
    """A tidy table of outcomes over a grid of hawkishness, uncertainty and methods.

    Parameters
    ----------
    game : TwoLevelGame
        Side ``side`` must have a ratifier.
    side : {"A", "B"}
        Whose ratifier varies.
    hawkishness : sequence of numbers
        Shifts of that ratifier's ideal point (:meth:`TwoLevelGame.with_hawkishness`).
    spread : sequence of numbers
        Uncertainty about the shifted ideal point: it is uniform on
        ``support`` equally spaced points from ``-spread`` to ``+spread``
        along the side's direction, the governments negotiating against its
        mean (``spread=0``: no uncertainty).
    methods : sequence of {"nash", "rubinstein"}
    support : int
        Number of possible ideal points when ``spread > 0`` (at least 2).
    exact, deltas
        As in :func:`solve`.

    Returns
    -------
    pandas.DataFrame
        One row per (method, hawkishness, spread): ``method``, ``side``,
        ``hawkishness``, ``spread``, ``agreement_exists``, ``x1..xk``,
        ``utility_A``, ``utility_B``, ``share_A``, ``share_B``,
        ``failure_probability`` (NaN without agreement), ``expected_utility_A``,
        ``expected_utility_B``, ``binding``.  Numbers are floats.

    Examples
    --------
    >>> from models.ratification import Ratifier, TwoLevelGame, sweep
    >>> g = TwoLevelGame(ratifier_a=Ratifier([1], "3/10"), ratifier_b=Ratifier([0], "4/5"))
    >>> sweep(g, hawkishness=[0, "1/10", "1/5"])[["hawkishness", "share_A", "agreement_exists"]]
       hawkishness  share_A  agreement_exists
    0          0.0      0.7              True
    1          0.1      0.8              True
    2          0.2      0.0             False
    """
    import pandas as pd

    func = "sweep"
    side = _side(side, func)
    if not isinstance(game, TwoLevelGame):
        raise InvalidOption(f"{func}: game must be a TwoLevelGame, got {type(game).__name__}")
    if game.ratifier(side) is None:
        raise InvalidOption(f"{func}: side {side} has no ratifier to sweep")
    if isinstance(methods, str):
        methods = (methods,)
    for m in methods:
        if m not in ("nash", "rubinstein"):
            raise InvalidOption(f"{func}: methods must be 'nash' or 'rubinstein', got {m!r}")
    if isinstance(support, bool) or not isinstance(support, (int, np.integer)) or support < 2:
        raise InvalidOption(f"{func}: support must be an integer >= 2, got {support!r}")
    hs = [_number(h, f"{func}: hawkishness") for h in np.atleast_1d(np.array(hawkishness, dtype=object))]
    ss = [_number(s, f"{func}: spread") for s in np.atleast_1d(np.array(spread, dtype=object))]
    if any(s < 0 for s in ss):
        raise InvalidOption(f"{func}: spread must be >= 0")
    k = game.num_issues
    sign = 1 if side == "A" else -1
    rows = []
    for m in methods:
        for h in hs:
            g = game.with_hawkishness(side, h)
            r = g.ratifier(side)
            for s in ss:
                if s == 0:
                    res = solve(g, m, exact=exact and m == "nash", deltas=deltas)
                    fail = 0.0 if res.agreed else math.nan
                    expected = res.utilities
                else:
                    offsets = [-s + 2 * s * Fraction(i, support - 1) if isinstance(s, Fraction) else -s + 2 * s * i / (support - 1)
                               for i in range(support)]
                    ideals = [[v + sign * o for v in r.ideal] for o in offsets]
                    risk = ratification_risk(g, side, ideals, believed=r.ideal, method=m,
                                             exact=exact and m == "nash", deltas=deltas)
                    res = risk.negotiated
                    fail = math.nan if risk.failure_probability is None else float(risk.failure_probability)
                    expected = risk.expected_utilities
                row = {"method": m, "side": side, "hawkishness": float(h), "spread": float(s),
                       "agreement_exists": res.agreed}
                for j in range(k):
                    row[f"x{j + 1}"] = float(res.agreement[j]) if res.agreed else math.nan
                row.update({
                    "utility_A": float(res.utilities[0]), "utility_B": float(res.utilities[1]),
                    "share_A": float(res.shares[0]), "share_B": float(res.shares[1]),
                    "failure_probability": fail,
                    "expected_utility_A": float(expected[0]), "expected_utility_B": float(expected[1]),
                    "binding": ", ".join(res.binding),
                })
                rows.append(row)
    return pd.DataFrame(rows)


def schelling_curve(
    game: TwoLevelGame,
    side: str = "A",
    hawkishness: Sequence[Any] = (0,),
    *,
    method: str = "nash",
    exact: bool = False,
    deltas: Sequence[Any] = (0.9, 0.9),
):
    """The Schelling conjecture: one side's outcome as its ratifier grows more hawkish.

    :func:`sweep` without uncertainty over ``hawkishness``: ``share_<side>``
    rises (weakly) while ``agreement_exists``, then the agreement is lost once
    the win-sets stop intersecting [1]_ [2]_.

    References
    ----------
    .. [1] T. C. Schelling, *The Strategy of Conflict*, 1960, ch. 2.
    .. [2] R. D. Putnam, "Diplomacy and domestic politics", *International
       Organization* 42(3), 427-460, 1988, pp. 440-441.

    Examples
    --------
    >>> from models.ratification import Ratifier, TwoLevelGame, schelling_curve
    >>> g = TwoLevelGame(ratifier_a=Ratifier([1], "1/2"), ratifier_b=Ratifier([0], "4/5"))
    >>> schelling_curve(g, "A", [0, "1/5", "2/5"])["share_A"].round(2).tolist()
    [0.5, 0.7, 0.0]
    """
    return sweep(game, side=side, hawkishness=hawkishness, spread=(0,), methods=(method,), exact=exact, deltas=deltas)

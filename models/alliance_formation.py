"""Alliance formation against a rival: a normal-form game, Skaperdas's three-player contest, coalitions.

Three views of the same question -- which states ally, and against whom.

1. **Join or stand alone** (:class:`AllianceFormation`).  States ``i = 1..N``
   with capabilities ``r_i > 0`` face a rival of capability ``r_0 > 0``.  Each
   state chooses ``"join"`` (the alliance against the rival) or ``"alone"``.
   With ``A`` the set of joiners and ``R_A = sum_{i in A} r_i``, the alliance
   prevails with the Tullock contest success function (CSF) [1]_ [2]_ [3]_::

       p(R) = R^m / (R^m + r_0^m),          p(0) = 0,

   whose decisiveness ``m > 0`` stands for the technology of war.  Payoffs are
   survival probabilities (a state's value of survival is 1) minus costs:

   * member ``i in A``:  ``u_i = p(R_A) - a_i - b_i * r_i / R_A``, where
     ``a_i`` is the autonomy lost by joining and ``b_i`` the burden carried,
     scaled by ``i``'s share of the alliance's capability (proportional burden
     sharing);
   * state standing alone: it faces the rival by itself ("self-help",
     Waltz 1979 [6]_) and survives with its own contest probability
     ``q_i = r_i^m / (r_i^m + r_0^m)``; if it loses, it is still saved with
     probability ``sigma`` when the alliance defeats the rival (``sigma``
     = ``spillover`` in ``[0, 1]``, the free-riding channel)::

         u_i = q_i + sigma * (1 - q_i) * p(R_A).

   With ``sigma = 0`` a state outside gains nothing from the alliance.
   Nobody joining is always an equilibrium (a lone joiner fights exactly as
   it would alone and pays the costs): alliance formation is a coordination
   problem, and the other equilibria are the alliances that can form.
   The payoff array has shape ``(2,) * N + (N,)``, strategy 0 is ``"join"``.
   :meth:`AllianceFormation.solve` finds every pure equilibrium
   (:func:`gametheory.enumpure`) and, for ``N <= 4``, every equilibrium
   (:func:`gametheory.solve` with ``"enumpoly"``); both results carry their
   regret certificates.  For ``N > 4`` the support systems of ``enumpoly``
   grow as ``3**N`` and only pure equilibria are computed (``mixed`` is None
   and the result says so).

   **Balancing and bandwagoning.**  At a pure equilibrium with alliance ``A``,
   member ``i`` *balances* if the side it joins, without it, is weaker than
   the rival: ``R_{A minus i} < r_0`` (a lone joiner, ``R = 0``, balances);
   it *bandwagons* if ``R_{A minus i} > r_0`` (it joins the side that is
   already the stronger); ``"tie"`` if equal.  Non-members are ``"alone"``.
   The alliance is labelled ``"balancing"`` / ``"bandwagoning"`` if all its
   members are, ``"mixed"`` otherwise, ``"none"`` if nobody joins
   (Walt 1987 [7]_ for the terms).

2. **Skaperdas (1998)** (:class:`SkaperdasContest`) [4]_: three players with
   fixed resources ``r_1, r_2, r_3`` contest one prize ("one cake") with the
   CSF ``f(r) = r^m``.  Without alliance player ``i`` wins with
   ``f(r_i) / sum_j f(r_j)``.  If ``i`` and ``j`` ally against ``k`` they pool
   resources; the alliance wins with ``f(r_i + r_j) / (f(r_i + r_j) + f(r_k))``
   and then the allies split the prize by a second contest between them, so
   ``i`` gets ``f(r_i) / (f(r_i) + f(r_j))`` of it.  Player ``i`` gains from
   the alliance iff ``f(r_i + r_j) > f(r_i) + f(r_j)`` -- the same condition
   for both allies -- i.e. iff the CSF has increasing returns, ``m > 1``.
   A structure (no alliance, or one of the three pairs) is *stable* when no
   pair would both strictly gain by forming another alliance and no ally
   would strictly gain by leaving (which returns everyone to the three-way
   contest).  For distinct resources the unique stable structure is the
   alliance of the two weakest when ``m > 1`` and no alliance when ``m < 1``
   (Skaperdas's result; a test checks it over a grid).  At ``m = 1`` every
   deviation is payoff-neutral and every structure is (weakly) stable.

3. **Coalitions** (:meth:`AllianceFormation.coalitions`).  The TU game over the
   N states with the *security value* of each coalition: what ``S`` wins
   when every other state sides with the rival (von Neumann-Morgenstern's
   maximin value [5]_), the prize being 1::

       v(S) = R_S^m / (R_S^m + (r_0 + R_{N minus S})^m),   v(empty) = 0.

   ``S`` is *winning* if ``R_S > r_0 + R_{N minus S}`` (it beats everyone
   else combined, ``v(S) > 1/2``); *minimal winning* if no proper subset
   wins.  Riker's size principle [8]_: the coalition that forms is the
   winning coalition of smallest total capability (ties: fewer members,
   then lexicographic order of the member indices); with positive
   capabilities it is always minimal winning.  Core-stable coalition
   structures come from :func:`gametheory.cooperative.core_stable_structures`.

Exactness: with rational capabilities, costs and spillover and an integer
``m``, ``exact=True`` gives Fraction payoffs and exact certificates.  For a
non-integer ``m`` the powers are irrational; they are computed in floating
point and converted with :func:`gametheory._numbers.to_fraction`
(``0.1 -> 1/10``), so the exact answer is that of the rounded game.

Scaling every capability (and ``r_0``) by ``c > 0`` leaves all
probabilities, payoffs and equilibria unchanged (the CSF is homogeneous of
degree zero); relabelling states permutes the results.

References
----------
.. [1] G. Tullock, "Efficient rent seeking", in J. M. Buchanan, R. D.
   Tollison and G. Tullock (eds.), Toward a Theory of the Rent-Seeking
   Society, Texas A&M University Press, 1980, 97-112.
.. [2] J. Hirshleifer, "Conflict and rent-seeking success functions: ratio
   vs. difference models of relative success", Public Choice 63, 101-112, 1989.
.. [3] S. Skaperdas, "Contest success functions", Economic Theory 7,
   283-290, 1996.
.. [4] S. Skaperdas, "On the formation of alliances in conflict and
   contests", Public Choice 96, 25-42, 1998.
.. [5] J. von Neumann and O. Morgenstern, Theory of Games and Economic
   Behavior, Princeton University Press, 1944, Chapter VI.
.. [6] K. N. Waltz, Theory of International Politics, Addison-Wesley, 1979.
.. [7] S. M. Walt, The Origins of Alliances, Cornell University Press, 1987.
.. [8] W. H. Riker, The Theory of Political Coalitions, Yale University
   Press, 1962.

Examples
--------
>>> from models.alliance_formation import AllianceFormation
>>> model = AllianceFormation(capabilities=[2, 3, 4], rival=6, decisiveness=2, autonomy_cost="1/20")
>>> res = model.solve(exact=True)
>>> res.alliances                       # the grand alliance, or nobody (coordination failure)
[('1', '2', '3'), ()]
>>> res.equilibria[0].classification     # 1 joins 3 + 4 = 7 > 6: it bandwagons
('bandwagon', 'tie', 'balance')
>>> res.cooperative.riker, res.cooperative.minimal_winning
(('1', '2', '3'), [('1', '2', '3')])
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass
from fractions import Fraction
from numbers import Integral
from typing import Any, Iterable, Sequence

import numpy as np

import gametheory as gt
from gametheory._numbers import to_fraction
from gametheory.cooperative import CoreStableStructures, TUGame, core_stable_structures
from gametheory.errors import InvalidGame, InvalidOption, NotSupported, SolverError

__all__ = [
    "AllianceFormation",
    "AllianceEquilibrium",
    "AllianceFormationResult",
    "CoalitionAnalysis",
    "SkaperdasContest",
    "SkaperdasResult",
    "contest_probability",
    "sweep",
]

#: Largest number of states: the game has ``2**N`` profiles and the
#: cooperative analysis enumerates ``Bell(N)`` coalition structures.
MAX_STATES = 10
#: Largest number of states for which every (mixed) equilibrium is computed.
MAX_MIXED_STATES = 4

STRATEGIES = ("join", "alone")


# --------------------------------------------------------------------------- validation
def _number(x: Any, where: str, exact: bool) -> Any:
    """One finite real number: a Fraction (exact inputs are kept exact), else a float."""
    if isinstance(x, bool) or x is None:
        raise InvalidGame(f"{where} must be a number, got {x!r}")
    try:
        q = to_fraction(x, where=where)
    except Exception as exc:  # to_fraction names the problem (NaN, inf, text)
        raise InvalidGame(f"{where}: {exc}") from None
    return q if exact else float(q)


def _is_exact_input(x: Any) -> bool:
    return not isinstance(x, (float, np.floating))


def _vector(values: Any, n: int | None, where: str) -> tuple:
    if isinstance(values, (str, bytes)) or np.ndim(values) == 0:
        if n is None:
            raise InvalidGame(f"{where} must be a sequence of numbers, got {values!r}")
        return (values,) * n
    items = list(np.asarray(values, dtype=object).ravel()) if np.ndim(values) == 1 else None
    if items is None:
        raise InvalidGame(f"{where} must be one-dimensional, got shape {np.shape(values)}")
    if n is not None and len(items) != n:
        raise InvalidGame(f"{where} has {len(items)} entries but there are {n} states")
    return tuple(items)


def _checked(values: tuple, where: str, *, positive: bool = False, upper: Any = None) -> tuple:
    out = []
    for k, x in enumerate(values):
        q = _number(x, f"{where}[{k}]", True)
        if positive and q <= 0:
            raise InvalidGame(f"{where}[{k}] must be positive, got {x!r}")
        if not positive and q < 0:
            raise InvalidGame(f"{where}[{k}] must be nonnegative, got {x!r}")
        if upper is not None and q > upper:
            raise InvalidGame(f"{where}[{k}] must be at most {upper}, got {x!r}")
        out.append(x)
    return tuple(out)


def _real(x: Any, exact: bool) -> Any:
    """A validated number as a Fraction (exact) or a float; strings such as ``"1/2"`` are accepted."""
    q = to_fraction(x)
    return q if exact else float(q)


def _power(x: Any, m: Any, exact: bool) -> Any:
    """``x ** m``: exact for rational ``x`` and integer ``m``; otherwise via float (see module notes)."""
    if exact:
        x = to_fraction(x)
        m = to_fraction(m)
        if m.denominator == 1:
            return x ** int(m)
        return to_fraction(float(x) ** float(m))
    return _real(x, False) ** _real(m, False)


def contest_probability(own: Any, other: Any, decisiveness: Any = 1, *, exact: bool = False) -> Any:
    """Tullock contest success function ``own^m / (own^m + other^m)``, with ``0`` if ``own == 0``.

    Parameters
    ----------
    own, other : number
        Nonnegative capabilities of the two sides (``other > 0``).
    decisiveness : number
        ``m > 0``.
    exact : bool
        Return a Fraction (exact for rational inputs and integer ``m``).

    Raises
    ------
    InvalidGame
        Negative capability, nonpositive ``other`` or ``m``, NaN or infinity.

    Notes
    -----
    Homogeneous of degree zero in ``(own, other)``: scaling both sides leaves
    the probability unchanged.  Tullock (1980); Skaperdas (1996), cited in the
    module docstring.

    Examples
    --------
    >>> contest_probability(1, 2, 2, exact=True)
    Fraction(1, 5)
    """
    where = "contest_probability"
    a = _number(own, f"{where}: own", True)
    b = _number(other, f"{where}: other", True)
    m = _number(decisiveness, f"{where}: decisiveness", True)
    if a < 0:
        raise InvalidGame(f"{where}: own must be nonnegative, got {own!r}")
    if b <= 0:
        raise InvalidGame(f"{where}: other must be positive, got {other!r}")
    if m <= 0:
        raise InvalidGame(f"{where}: decisiveness must be positive, got {decisiveness!r}")
    return _csf(own, other, decisiveness, exact)


def _csf(own: Any, other: Any, m: Any, exact: bool) -> Any:
    if _real(own, exact) == 0:
        return Fraction(0) if exact else 0.0
    if not exact:
        # the ratio form overflows for large m; (other/own)^m is the stable one
        try:
            ratio = (_real(other, False) / _real(own, False)) ** _real(m, False)
        except OverflowError:
            ratio = math.inf
        return 1.0 / (1.0 + ratio)
    a, b = _power(own, m, True), _power(other, m, True)
    return a / (a + b)


def _check_exact_flag(exact: Any, where: str) -> bool:
    if not isinstance(exact, (bool, np.bool_)):
        raise InvalidOption(f"{where}: exact must be True or False, got {exact!r}")
    return bool(exact)


def _labels(labels: Sequence[Any] | None, n: int, where: str) -> tuple[str, ...]:
    if labels is None:
        return tuple(str(k + 1) for k in range(n))
    out = tuple(str(x) for x in labels)
    if len(out) != n:
        raise InvalidGame(f"{where}: labels has {len(out)} entries but there are {n} states")
    if len(set(out)) != n:
        raise InvalidGame(f"{where}: labels repeat: {out}")
    return out


# --------------------------------------------------------------------------- the N-state game
@dataclass(frozen=True, eq=False)
class AllianceEquilibrium:
    """One Nash equilibrium of the join-or-stand-alone game, read as an alliance.

    Attributes
    ----------
    profile : tuple of ndarray
        The equilibrium (one probability vector over ``("join", "alone")`` per state).
    join_probabilities : ndarray
        Probability that each state joins.
    pure : bool
        True if every state plays a pure strategy.
    members : tuple of str or None
        The alliance (labels of the joiners) at a pure equilibrium, else None.
    alliance_capability : number or None
        ``R_A`` at a pure equilibrium.
    win_probability : number or None
        ``p(R_A)``, the alliance's chance of prevailing, at a pure equilibrium.
    classification : tuple of str or None
        Per state: ``"balance"``, ``"bandwagon"``, ``"tie"`` or ``"alone"``
        (module docstring); None for a mixed equilibrium.
    alignment : str
        ``"balancing"``, ``"bandwagoning"``, ``"mixed"``, ``"none"`` (nobody
        joins) or ``"random"`` (mixed equilibrium).
    payoffs : ndarray
        Expected payoff of each state.
    regret : float or Fraction
        The certificate: the most any state gains by deviating.
    """

    profile: tuple
    join_probabilities: np.ndarray
    pure: bool
    members: tuple | None
    alliance_capability: Any
    win_probability: Any
    classification: tuple | None
    alignment: str
    payoffs: np.ndarray
    regret: Any


@dataclass(frozen=True, eq=False)
class CoalitionAnalysis:
    """The cooperative view: security-value TU game, winning coalitions, Riker's choice, core-stable structures.

    Attributes
    ----------
    game : TUGame
        ``v(S) = p(R_S against r_0 + R_{N minus S})`` (module docstring).
    winning : list of tuple of str
        Every winning coalition (``R_S > r_0 + R_{N minus S}``), by bitmask order.
    minimal_winning : list of tuple of str
        Winning coalitions none of whose proper subsets wins.
    riker : tuple of str or None
        The winning coalition of least total capability (None if no coalition wins).
    riker_capability : number or None
    core_stable : CoreStableStructures
        Every coalition structure with a nonempty Aumann-Dreze core, with a certified core point.
    exact : bool
    """

    game: TUGame
    winning: list
    minimal_winning: list
    riker: tuple | None
    riker_capability: Any
    core_stable: CoreStableStructures
    exact: bool


@dataclass(frozen=True, eq=False)
class AllianceFormationResult:
    """What :meth:`AllianceFormation.solve` returns.

    Attributes
    ----------
    model : AllianceFormation
    game : NormalFormGame
        The join-or-stand-alone game that was solved.
    pure : NashResult
        Every pure equilibrium (``enumpure``), certified.
    mixed : NashResult or None
        Every equilibrium (``enumpoly``) when ``N <= 4`` and mixed equilibria
        were asked for, certified; None otherwise (see ``message``).
    equilibria : list of AllianceEquilibrium
        Pure equilibria first, then the strictly mixed ones found by ``mixed``.
    cooperative : CoalitionAnalysis
    exact : bool
        True if every payoff and certificate is exact rational.
    max_regret : float or Fraction
        Largest certificate over ``equilibria`` (0 in exact mode).
    status : str
        ``"ok"``, ``"pure-only"`` (mixed equilibria not computed) or the
        status of ``mixed`` when it is not complete.
    message : str
    time : float
    """

    model: "AllianceFormation"
    game: Any
    pure: Any
    mixed: Any
    equilibria: list
    cooperative: CoalitionAnalysis
    exact: bool
    max_regret: Any
    status: str = "ok"
    message: str = ""
    time: float = 0.0

    @property
    def alliances(self) -> list:
        """The distinct alliances (member tuples) formed at pure equilibria."""
        seen: list = []
        for eq in self.equilibria:
            if eq.pure and eq.members not in seen:
                seen.append(eq.members)
        return seen


@dataclass(frozen=True, eq=False)
class AllianceFormation:
    """N states decide to join an alliance against a rival or stand alone.

    Parameters
    ----------
    capabilities : sequence of numbers
        ``r_i > 0`` for ``2 <= N <= 10`` states.
    rival : number
        ``r_0 > 0``.
    decisiveness : number
        ``m > 0`` of the contest success function (default 1).
    autonomy_cost : number or sequence
        ``a_i >= 0``, cost of membership (one number for all, or one per state).
    burden_cost : number or sequence
        ``b_i >= 0``; a member pays ``b_i r_i / R_A``.
    spillover : number
        ``sigma`` in ``[0, 1]``: chance an outsider that lost alone is saved by an alliance victory.
    labels : sequence of str, optional
        State labels (default ``"1", "2", ...``).

    Raises
    ------
    InvalidGame
        Wrong count, nonpositive capability or rival, nonpositive ``m``,
        negative cost, spillover outside ``[0, 1]``, NaN/inf, repeated labels.

    Notes
    -----
    Payoffs and the balancing/bandwagoning classification are defined in the
    module docstring.  Building the game costs ``O(N 2**N)`` CSF evaluations.

    Examples
    --------
    >>> m = AllianceFormation([1, 1], rival=3, decisiveness=1)
    >>> m.game(exact=True).payoffs[0, 0, 0]   # both join: p(2) = 2/5
    Fraction(2, 5)
    """

    capabilities: tuple
    rival: Any
    decisiveness: Any = 1
    autonomy_cost: Any = 0
    burden_cost: Any = 0
    spillover: Any = 0
    labels: tuple | None = None

    def __post_init__(self) -> None:
        where = "AllianceFormation"
        caps = _vector(self.capabilities, None, f"{where}: capabilities")
        n = len(caps)
        if not 2 <= n <= MAX_STATES:
            raise InvalidGame(f"{where}: capabilities must list 2 to {MAX_STATES} states, got {n}")
        caps = _checked(caps, f"{where}: capabilities", positive=True)
        _checked((self.rival,), f"{where}: rival", positive=True)
        _checked((self.decisiveness,), f"{where}: decisiveness", positive=True)
        auto = _checked(_vector(self.autonomy_cost, n, f"{where}: autonomy_cost"), f"{where}: autonomy_cost")
        burden = _checked(_vector(self.burden_cost, n, f"{where}: burden_cost"), f"{where}: burden_cost")
        _checked((self.spillover,), f"{where}: spillover", upper=1)
        object.__setattr__(self, "capabilities", caps)
        object.__setattr__(self, "autonomy_cost", auto)
        object.__setattr__(self, "burden_cost", burden)
        object.__setattr__(self, "labels", _labels(self.labels, n, where))

    @property
    def n(self) -> int:
        return len(self.capabilities)

    @property
    def rational(self) -> bool:
        """True if every parameter is exact and ``m`` is an integer: then exact mode involves no rounding."""
        vals = (*self.capabilities, self.rival, self.decisiveness, *self.autonomy_cost, *self.burden_cost,
                self.spillover)
        return all(_is_exact_input(v) for v in vals) and to_fraction(self.decisiveness).denominator == 1

    def _values(self, exact: bool) -> tuple:
        def conv(x):
            return _real(x, exact)

        return (
            [conv(x) for x in self.capabilities],
            conv(self.rival),
            [conv(x) for x in self.autonomy_cost],
            [conv(x) for x in self.burden_cost],
            conv(self.spillover),
        )

    def win_probability(self, members: Iterable[int], *, exact: bool = False) -> Any:
        """``p(R_A)`` for the alliance of the given state indices."""
        caps, r0, *_ = self._values(exact)
        R = sum((caps[i] for i in members), Fraction(0) if exact else 0.0)
        return _csf(R, r0, self.decisiveness, exact)

    def game(self, *, exact: bool = False) -> gt.NormalFormGame:
        """The N-player join-or-stand-alone :class:`~gametheory.NormalFormGame` (strategy 0 = ``"join"``)."""
        exact = _check_exact_flag(exact, "AllianceFormation.game")
        n = self.n
        caps, r0, auto, burden, sigma = self._values(exact)
        zero = Fraction(0) if exact else 0.0
        alone = [_csf(c, r0, self.decisiveness, exact) for c in caps]
        arr = np.empty((2,) * n + (n,), dtype=object if exact else np.float64)
        for prof in itertools.product((0, 1), repeat=n):
            members = [i for i in range(n) if prof[i] == 0]
            R = sum((caps[i] for i in members), zero)
            p = _csf(R, r0, self.decisiveness, exact)
            for i in range(n):
                if prof[i] == 0:
                    arr[prof + (i,)] = p - auto[i] - burden[i] * caps[i] / R
                else:
                    arr[prof + (i,)] = alone[i] + sigma * (1 - alone[i]) * p
        return gt.NormalFormGame(arr, players=self.labels, strategies=[STRATEGIES] * n,
                                 title="alliance formation: join or stand alone", exact=exact)

    def classify(self, members: Iterable[int], *, exact: bool = False) -> tuple[tuple[str, ...], str]:
        """Per-state ``"balance"``/``"bandwagon"``/``"tie"``/``"alone"`` for alliance ``members``, and its alignment."""
        caps, r0, *_ = self._values(exact)
        A = set(members)
        R = sum((caps[i] for i in A), Fraction(0) if exact else 0.0)
        out = []
        for i in range(self.n):
            if i not in A:
                out.append("alone")
                continue
            side = R - caps[i]
            out.append("balance" if side < r0 else "bandwagon" if side > r0 else "tie")
        kinds = {c for c in out if c != "alone"}
        alignment = ("none" if not kinds else "balancing" if kinds == {"balance"}
                     else "bandwagoning" if kinds == {"bandwagon"} else "mixed")
        return tuple(out), alignment

    def coalitions(self, *, exact: bool = False) -> CoalitionAnalysis:
        """The security-value TU game, its winning / minimal winning coalitions, Riker's choice and core-stable structures.

        Notes
        -----
        ``2**N`` CSF evaluations, ``O(4**N)`` subset tests for minimality, and
        ``Bell(N)`` structures in :func:`~gametheory.cooperative.core_stable_structures`.
        Riker's coalition is minimal winning whenever it exists (removing a
        member of positive capability from a winning coalition that still won
        would give a lighter winning coalition).
        """
        exact = _check_exact_flag(exact, "AllianceFormation.coalitions")
        n = self.n
        caps, r0, *_ = self._values(exact)
        zero = Fraction(0) if exact else 0.0
        total = sum(caps, zero)
        weight = [sum((caps[i] for i in range(n) if S >> i & 1), zero) for S in range(1 << n)]
        values = [zero] + [_csf(weight[S], r0 + total - weight[S], self.decisiveness, exact)
                           for S in range(1, 1 << n)]
        tu = TUGame(np.array(values, dtype=object) if exact else np.array(values),
                    labels=self.labels, exact=exact, title="alliance formation: security values")
        win = [S for S in range(1, 1 << n) if weight[S] > r0 + total - weight[S]]
        win_set = set(win)
        minimal = [S for S in win if not any((T in win_set) for T in _proper_subsets(S))]
        names = [tuple(self.labels[i] for i in range(n) if S >> i & 1) for S in range(1 << n)]
        riker = min(win, key=lambda S: (weight[S], bin(S).count("1"),
                                        [i for i in range(n) if S >> i & 1])) if win else None
        if riker is not None and riker not in minimal:
            raise SolverError("AllianceFormation.coalitions: Riker's coalition is not minimal winning; "
                              "this is a bug, please report it with the parameters")
        stable = core_stable_structures(tu, exact=exact)
        return CoalitionAnalysis(
            game=tu,
            winning=[names[S] for S in win],
            minimal_winning=[names[S] for S in minimal],
            riker=None if riker is None else names[riker],
            riker_capability=None if riker is None else weight[riker],
            core_stable=stable,
            exact=exact,
        )

    def solve(self, *, exact: bool = False, mixed: bool | None = None) -> AllianceFormationResult:
        """Every pure equilibrium, every equilibrium for ``N <= 4``, and the cooperative analysis.

        Parameters
        ----------
        exact : bool
            Exact payoffs and certificates (see the module docstring for non-integer ``m``).
        mixed : bool, optional
            Compute all (mixed) equilibria with ``enumpoly``.  Default: when
            ``N <= 4``.  ``True`` with ``N > 4`` raises :class:`NotSupported`.

        Returns
        -------
        AllianceFormationResult

        Raises
        ------
        InvalidOption
            ``exact`` or ``mixed`` not a bool.
        NotSupported
            ``mixed=True`` with more than 4 states.
        SolverError
            A certificate failed (a bug).

        Notes
        -----
        Pure equilibria: ``O(N 2**N)``.  Mixed: ``enumpoly`` on ``3**N``
        support profiles; in exact mode it is run exactly and falls back to
        float arithmetic when an equilibrium is irrational (three or more
        players), which ``message`` reports.  Each equilibrium's regret was
        checked by :func:`gametheory.result.certify` and is checked again here
        on the game's own payoffs before the result is returned.

        Examples
        --------
        >>> res = AllianceFormation([1, 2], rival=2, decisiveness=2).solve(exact=True)
        >>> res.alliances, res.max_regret
        ([('1', '2'), ()], Fraction(0, 1))
        """
        start = time.perf_counter()
        where = "AllianceFormation.solve"
        exact = _check_exact_flag(exact, where)
        if mixed is None:
            mixed = self.n <= MAX_MIXED_STATES
        if not isinstance(mixed, (bool, np.bool_)):
            raise InvalidOption(f"{where}: mixed must be True, False or None, got {mixed!r}")
        if mixed and self.n > MAX_MIXED_STATES:
            raise NotSupported(f"{where}: mixed=True needs at most {MAX_MIXED_STATES} states "
                               f"(enumpoly examines 3**N supports), got {self.n}; use mixed=False")
        game = self.game(exact=exact)
        pure = gt.enumpure(game, exact=exact)
        status, message, mixed_res = "ok", "", None
        if mixed:
            try:
                mixed_res = gt.solve(game, "enumpoly", exact=exact)
            except NotSupported:
                mixed_res = gt.solve(game, "enumpoly", exact=False)
                message = "some equilibrium is irrational: mixed equilibria computed in float arithmetic"
            if not mixed_res.complete:
                status = mixed_res.status
                message = (message + "; " if message else "") + f"enumpoly: {mixed_res.message}"
        else:
            status = "pure-only"
            message = f"mixed equilibria not computed (N = {self.n})"
        float_game = game if not exact else game.to_float()
        equilibria = [self._read(game, prof, exact) for prof in pure.equilibria]
        if mixed_res is not None:
            for prof in mixed_res.equilibria:
                ex = exact and mixed_res.exact
                eq = self._read(game if ex else float_game, prof, ex)
                if not eq.pure:
                    equilibria.append(eq)
            # a pure equilibrium the polynomial method misses means one solver is wrong
            got = {tuple(int(np.argmax(s)) for s in p) for p in mixed_res.equilibria
                   if all(max(s) == 1 for s in p)}
            want = {tuple(int(np.argmax(s)) for s in p) for p in pure.equilibria}
            if mixed_res.complete and got != want:
                raise SolverError(f"{where}: enumpure and enumpoly disagree on the pure equilibria "
                                  f"({sorted(want)} vs {sorted(got)}); please report it with the parameters")
        regrets = [eq.regret for eq in equilibria]
        max_regret = max(regrets) if regrets else (Fraction(0) if exact else 0.0)
        return AllianceFormationResult(
            model=self,
            game=game,
            pure=pure,
            mixed=mixed_res,
            equilibria=equilibria,
            cooperative=self.coalitions(exact=exact),
            exact=exact and (mixed_res is None or mixed_res.exact),
            max_regret=max_regret,
            status=status,
            message=message,
            time=time.perf_counter() - start,
        )

    def _read(self, game: gt.NormalFormGame, prof: tuple, exact: bool) -> AllianceEquilibrium:
        regret = game.max_regret(prof, exact=exact)
        bound = 0 if exact else 1e-7
        if regret > bound:
            raise SolverError(f"AllianceFormation.solve: an equilibrium has regret {regret} above {bound}; "
                              "this is a bug, please report it with the parameters")
        join = np.array([s[0] for s in prof], dtype=object if exact else np.float64)
        pure = all(s[0] in (0, 1) for s in prof)
        members = classification = cap = win = None
        alignment = "random"
        if pure:
            idx = [i for i in range(self.n) if prof[i][0] == 1]
            members = tuple(self.labels[i] for i in idx)
            caps = self._values(exact)[0]
            cap = sum((caps[i] for i in idx), Fraction(0) if exact else 0.0)
            win = self.win_probability(idx, exact=exact)
            classification, alignment = self.classify(idx, exact=exact)
        return AllianceEquilibrium(
            profile=tuple(prof), join_probabilities=join, pure=pure, members=members,
            alliance_capability=cap, win_probability=win, classification=classification,
            alignment=alignment, payoffs=game.expected_payoffs(prof, exact=exact), regret=regret,
        )


def _proper_subsets(S: int):
    T = (S - 1) & S
    while T:
        yield T
        T = (T - 1) & S


# --------------------------------------------------------------------------- Skaperdas (1998)
_SK_STRUCTURES = (None, (0, 1), (0, 2), (1, 2))


@dataclass(frozen=True, eq=False)
class SkaperdasResult:
    """What :meth:`SkaperdasContest.solve` returns.

    Attributes
    ----------
    model : SkaperdasContest
    structures : tuple
        ``None`` (no alliance) and the pairs ``(0, 1), (0, 2), (1, 2)``.
    payoffs : ndarray
        ``payoffs[s, i]``: player ``i``'s chance of the prize under structure ``s``.
    stable : list
        The stable structures (module docstring): ``None`` or a pair of indices.
    certificates : list
        For each stable structure, the largest gain of any deviation (pair
        forming another alliance: the smaller of the two gains; ally leaving:
        its gain); ``<= 0`` by construction, checked.
    alliance_gains : dict
        ``f(r_i + r_j) / (f(r_i) + f(r_j)) - 1`` for each pair: positive iff the pair gains.
    exact : bool
    """

    model: "SkaperdasContest"
    structures: tuple
    payoffs: np.ndarray
    stable: list
    certificates: list
    alliance_gains: dict
    exact: bool

    @property
    def alliance(self) -> tuple | None:
        """The alliance that forms: the unique stable pair, or None (no alliance, or not unique)."""
        if len(self.stable) == 1:
            return self.stable[0]
        return None


@dataclass(frozen=True, eq=False)
class SkaperdasContest:
    """Skaperdas's (1998) three-person/one-cake contest with alliances (module docstring, part 2).

    Parameters
    ----------
    resources : sequence of 3 numbers
        ``r_1, r_2, r_3 > 0``, fixed.
    decisiveness : number
        ``m > 0``; the CSF is ``f(r) = r^m``.

    Raises
    ------
    InvalidGame
        Not three resources, nonpositive resource or ``m``, NaN/inf.

    Examples
    --------
    >>> SkaperdasContest([1, 2, 3], decisiveness=2).solve(exact=True).alliance
    (0, 1)
    >>> SkaperdasContest([1, 2, 3], decisiveness="1/2").solve().alliance is None
    True
    """

    resources: tuple
    decisiveness: Any = 1

    def __post_init__(self) -> None:
        where = "SkaperdasContest"
        res = _vector(self.resources, None, f"{where}: resources")
        if len(res) != 3:
            raise InvalidGame(f"{where}: resources must have 3 entries (three players), got {len(res)}")
        object.__setattr__(self, "resources", _checked(res, f"{where}: resources", positive=True))
        _checked((self.decisiveness,), f"{where}: decisiveness", positive=True)

    def payoffs(self, *, exact: bool = False) -> np.ndarray:
        """``(4, 3)`` array of win probabilities, one row per structure of :attr:`SkaperdasResult.structures`."""
        m = self.decisiveness
        r = _normalised(self.resources, exact)
        one = Fraction(1) if exact else 1.0
        out = np.empty((4, 3), dtype=object if exact else np.float64)
        # ratio forms 1 / (1 + sum (r_j / r_i)^m): no overflow or 0/0 for large m
        out[0] = [one / sum((_ratio_power(r[j], r[i], m, exact) for j in range(3)), Fraction(0) if exact else 0.0)
                  for i in range(3)]
        for s, P in enumerate(_SK_STRUCTURES[1:], 1):
            i, j = P
            k = 3 - i - j
            win = _csf(r[i] + r[j], r[k], m, exact)
            out[s, i] = win * _csf(r[i], r[j], m, exact)
            out[s, j] = win * _csf(r[j], r[i], m, exact)
            out[s, k] = _csf(r[k], r[i] + r[j], m, exact)
        return out

    def solve(self, *, exact: bool = False) -> SkaperdasResult:
        """The stable alliance structures, each with the certificate that no deviation gains.

        Notes
        -----
        Four structures, three pair deviations and at most two exits each:
        constant time.  In exact mode (rational resources, integer ``m``)
        every comparison is exact.
        """
        exact = _check_exact_flag(exact, "SkaperdasContest.solve")
        U = self.payoffs(exact=exact)
        r = _normalised(self.resources, exact)
        m = self.decisiveness
        # f(r_i + r_j) / (f(r_i) + f(r_j)) - 1, written with ratios <= 1 so that it cannot overflow
        gains = {}
        for P in _SK_STRUCTURES[1:]:
            both = r[P[0]] + r[P[1]]
            parts = _ratio_power(r[P[0]], both, m, exact) + _ratio_power(r[P[1]], both, m, exact)
            gains[P] = 1 / parts - 1 if parts else math.inf  # parts underflows to 0 only for huge m
        stable, certs = [], []
        for s, P in enumerate(_SK_STRUCTURES):
            devs = []
            for t, Q in enumerate(_SK_STRUCTURES[1:], 1):
                if Q != P:
                    devs.append(min(U[t, Q[0]] - U[s, Q[0]], U[t, Q[1]] - U[s, Q[1]]))
            if P is not None:
                devs.extend(U[0, i] - U[s, i] for i in P)
            worst = max(devs)
            # a strict gain blocks; float mode treats gains within rounding as none
            if worst <= (0 if exact else 1e-12):
                stable.append(P)
                certs.append(worst)
        return SkaperdasResult(self, _SK_STRUCTURES, U, stable, certs, gains, exact)


def _ratio_power(a: Any, b: Any, m: Any, exact: bool) -> Any:
    """``(a / b) ** m``, ``inf`` on float overflow."""
    try:
        return _power(a / b, m, exact)
    except OverflowError:
        return math.inf


def _normalised(resources: Sequence[Any], exact: bool) -> list:
    """Resources divided by the largest: the CSF is scale free, and ``r <= 1`` keeps ``r^m`` from overflowing."""
    r = [_real(x, exact) for x in resources]
    top = max(r)
    return [x / top for x in r]


# --------------------------------------------------------------------------- sweeps
def sweep(base: AllianceFormation | SkaperdasContest, *, exact: bool = False, mixed: bool | None = None,
          **grid: Iterable[Any]):
    """Solve ``base`` over the product of parameter grids; a tidy pandas DataFrame.

    Parameters
    ----------
    base : AllianceFormation or SkaperdasContest
        The model whose fields the grid replaces.
    exact, mixed : see :meth:`AllianceFormation.solve` (``mixed`` ignored for Skaperdas).
    **grid : iterables
        Field name -> values, e.g. ``decisiveness=[0.5, 1, 2]``.

    Returns
    -------
    pandas.DataFrame
        For :class:`AllianceFormation`: one row per (grid point, equilibrium)
        with the grid values and ``equilibrium``, ``pure``, ``members``,
        ``alliance_capability``, ``win_probability``, ``alignment``,
        ``join_probabilities``, ``regret``, ``riker``.  A grid point without
        equilibria (impossible for a finite game, but listed honestly) has one
        row with ``equilibrium = NaN``.  For :class:`SkaperdasContest`: one row
        per (grid point, stable structure) with ``structure`` (``"none"`` or
        ``"i+j"``, 1-based), ``certificate`` and ``alliance`` (the unique
        stable pair or ``"none"``).  Numbers are floats.

    Raises
    ------
    InvalidOption
        Unknown field name, or a grid that is not an iterable.

    Examples
    --------
    >>> df = sweep(SkaperdasContest([1, 2, 3]), decisiveness=[0.5, 2])
    >>> list(df["alliance"])
    ['none', '1+2']
    """
    import pandas as pd

    if not isinstance(base, (AllianceFormation, SkaperdasContest)):
        raise InvalidOption(f"sweep: base must be an AllianceFormation or SkaperdasContest, got {type(base).__name__}")
    names = [f for f in base.__dataclass_fields__]
    for key, values in grid.items():
        if key not in names:
            raise InvalidOption(f"sweep: unknown parameter {key!r}; expected one of {names}")
        if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
            raise InvalidOption(f"sweep: the grid of {key!r} must be an iterable of values, got {values!r}")
    keys = list(grid)
    axes = [list(grid[k]) for k in keys]
    rows = []
    for point in itertools.product(*axes):
        params = {f: getattr(base, f) for f in names}
        params.update(zip(keys, point))
        model = type(base)(**params)
        head = {k: _plain(v) for k, v in zip(keys, point)}
        if isinstance(model, SkaperdasContest):
            res = model.solve(exact=exact)
            pair = res.alliance
            for P, cert in zip(res.stable, res.certificates):
                rows.append({**head, "structure": _pair_name(P), "certificate": float(cert),
                             "alliance": _pair_name(pair) if len(res.stable) == 1 else "not unique"})
            continue
        res = model.solve(exact=exact, mixed=mixed)
        riker = "+".join(res.cooperative.riker) if res.cooperative.riker else "none"
        if not res.equilibria:
            rows.append({**head, "equilibrium": np.nan, "riker": riker})
        for k, eq in enumerate(res.equilibria):
            rows.append({
                **head,
                "equilibrium": k,
                "pure": eq.pure,
                "members": "+".join(eq.members) if eq.members else ("none" if eq.pure else None),
                "alliance_capability": None if eq.alliance_capability is None else float(eq.alliance_capability),
                "win_probability": None if eq.win_probability is None else float(eq.win_probability),
                "alignment": eq.alignment,
                "join_probabilities": tuple(float(x) for x in eq.join_probabilities),
                "regret": float(eq.regret),
                "riker": riker,
            })
    return pd.DataFrame(rows)


def _pair_name(P: tuple | None) -> str:
    return "none" if P is None else f"{P[0] + 1}+{P[1] + 1}"


def _plain(v: Any) -> Any:
    if isinstance(v, (Fraction, Integral, np.number)) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, str):
        try:
            return float(to_fraction(v))
        except Exception:
            return v
    return v if not isinstance(v, (list, tuple, np.ndarray)) else tuple(_plain(x) for x in v)


"""Closed-form Nash equilibria of small games with parametric payoffs.

The games are 2x2, 2x3, 3x2, 3x3 (and smaller) two-player games and 2x2x2
three-player games.  Every equilibrium is derived support by support, as a
function of the parameters, together with the inequalities under which it
exists; see :func:`symbolic_equilibria`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from fractions import Fraction
from itertools import combinations, product
from typing import Any, Mapping

import numpy as np
import sympy as sp

from ..errors import GameError, InvalidOption, NotSupported
from ..game import Profile
from ..result import NashResult, certify
from . import _conditions as cond
from ._game import SymbolicGame, read_assumptions

__all__ = ["SymbolicEquilibrium", "EquilibriumRegion", "SymbolicEquilibria", "symbolic_equilibria"]

#: Regret bound of the float check of equilibria that involve square roots (relative to the payoff range).
FLOAT_TOL = 1e-9
_MAX_SOLVER_CALLS = 400
_SAMPLES = 600


def _tidy(e: sp.Expr) -> sp.Expr:
    """A short normal form: one fraction, numerator and denominator factored (square roots as generators)."""
    e = sp.cancel(sp.together(e))
    try:
        return sp.factor(e)
    except sp.PolynomialError:
        return e


def _num(x: Any) -> Any:
    """A sympy number as a Fraction when rational, else a float."""
    if x.is_Rational:
        return Fraction(int(x.p), int(x.q))
    return float(sp.N(x, 30))


def _show(x: Any) -> str:
    return str(x)


def _sign_form(lhs: sp.Expr, op: str) -> tuple[sp.Expr, str]:
    """An equivalent condition without a constant numerator or denominator.

    ``1/(c - 1) > 0`` becomes ``c - 1 > 0`` and ``(c + 1)/2 >= 0`` becomes
    ``c + 1 >= 0``: the sign of ``k/d`` is that of ``k*d``.  As ``1/d`` is
    never zero (and undefined at ``d = 0``), ``1/d >= 0`` becomes ``d > 0``.
    """
    num, den = sp.fraction(lhs)
    if num.is_number and num != 0 and den.free_symbols:
        return (den if num > 0 else -den), (">" if op == ">=" else op)
    if den.is_number and den != 0 and num.free_symbols:
        return (num if den > 0 else -num), op
    return lhs, op


def _relation(lhs: sp.Expr, kind: str) -> sp.Basic:
    """``lhs > 0`` (``>=``, ``!=``), written ``-lhs < 0`` when that reads better (``c <= 0``, not ``-c >= 0``)."""
    if lhs.could_extract_minus_sign():
        return {">": sp.StrictLessThan, ">=": sp.LessThan, "!=": sp.Ne}[kind](-lhs, 0)
    return {">": sp.StrictGreaterThan, ">=": sp.GreaterThan, "!=": sp.Ne}[kind](lhs, 0)


@dataclass(frozen=True, eq=False)
class SymbolicEquilibrium:
    """One equilibrium in closed form, with the conditions under which it exists.

    Attributes
    ----------
    game : SymbolicGame
        The game.
    supports : tuple of tuple of int
        Each player's support (strategy indices).
    strategies : tuple of tuple of sympy.Expr
        Each player's mixed strategy, one expression per pure strategy.
    payoffs : tuple of sympy.Expr
        Each player's expected payoff at the equilibrium.
    conditions : tuple of sympy relationals
        The equilibrium exists exactly where all hold (given the assumptions):
        ``kinds`` says what each is.
    kinds : tuple of str
        Parallel to ``conditions``: ``"probability"`` (a probability on the
        support is > 0), ``"deviation"`` (no gain from a strategy outside the
        support, weak), ``"nondegeneracy"`` (a denominator or leading
        coefficient is != 0: a genericity assumption of the closed form) or
        ``"discriminant"`` (the quadratic of a 2x2x2 game has real roots).
    descriptions : tuple of str
        Parallel to ``conditions``: what each says in words.
    assumptions : tuple of sympy relationals
        The assumptions the conditions were simplified under.
    root : int or None
        For the fully mixed equilibria of a 2x2x2 game from a quadratic:
        ``+1`` or ``-1``, the sign in front of the radical in
        ``(-c_1 +- f*sqrt(g)) / (2 c_2)``, where ``f**2 * g`` is the
        discriminant with its square factors taken out (``f`` may be
        negative, so this need not be the sign of the principal root).
    """

    game: SymbolicGame
    supports: tuple[tuple[int, ...], ...]
    strategies: tuple[tuple[sp.Expr, ...], ...]
    payoffs: tuple[sp.Expr, ...]
    conditions: tuple[sp.Basic, ...]
    kinds: tuple[str, ...]
    descriptions: tuple[str, ...] = ()
    assumptions: tuple[sp.Basic, ...] = ()
    root: int | None = None

    @property
    def region(self) -> sp.Basic:
        """The conjunction of the conditions (a sympy ``And``; ``True`` if there are none)."""
        return sp.And(*self.conditions)

    @property
    def boundaries(self) -> tuple[sp.Basic, ...]:
        """``Eq(f, 0)`` for each condition ``f > 0``, ``f >= 0`` or ``f != 0``.

        On these sets the closed form stops describing the generic case: a
        probability reaches 0 or 1 (the equilibrium merges with one of smaller
        support), a deviation payoff ties (the game is degenerate and may have
        a continuum of equilibria), or a denominator vanishes.
        """
        return tuple(sp.Eq(cond.lhs_of(r), 0) for r in self.conditions)

    @property
    def is_pure(self) -> bool:
        return all(len(s) == 1 for s in self.supports)

    @property
    def label(self) -> str:
        """E.g. ``"D/D"`` for a pure equilibrium, ``"mixed {C,D}/{C,D}"`` otherwise."""
        names = self.game.strategies
        if self.is_pure:
            return "/".join(names[i][s[0]] for i, s in enumerate(self.supports))
        parts = ["{" + ",".join(names[i][k] for k in s) + "}" for i, s in enumerate(self.supports)]
        tail = "" if self.root is None else f" (root {'+' if self.root > 0 else '-'})"
        return "mixed " + "/".join(parts) + tail

    def holds_at(self, values: Mapping[Any, Any]) -> bool:
        """Whether the assumptions and every condition hold at a parameter point (exactly for rationals)."""
        point, _ = self.game.point(values, "SymbolicEquilibrium.holds_at")
        return all(cond.holds(r, point) for r in (*self.assumptions, *self.conditions))

    def evaluate(self, values: Mapping[Any, Any]) -> Profile:
        """The profile at a parameter point: Fractions when the values are rational and so is every probability.

        The closed form is evaluated whether or not the conditions hold (it
        may then have negative entries); check :meth:`holds_at` first.

        Raises
        ------
        InvalidOption
            If the closed form is undefined at the point (a nondegeneracy condition fails).
        """
        point, exact = self.game.point(values, "SymbolicEquilibrium.evaluate")
        vals = [[e.xreplace(point) for e in s] for s in self.strategies]
        for s in vals:
            for v in s:
                if v.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not v.is_real:
                    raise InvalidOption(
                        f"SymbolicEquilibrium.evaluate: the closed form of {self.label} is undefined at {dict(values)} "
                        "(a nondegeneracy condition fails there)")
        exact = exact and all(v.is_Rational for s in vals for v in s)
        if exact:
            return tuple(np.array([_num(v) for v in s], dtype=object) for s in vals)
        return tuple(np.array([float(sp.N(v, 30)) for v in s], dtype=np.float64) for s in vals)

    def to_dict(self) -> dict:
        """A JSON-ready dict; every expression is a string."""
        return {
            "label": self.label,
            "supports": [[self.game.strategies[i][k] for k in s] for i, s in enumerate(self.supports)],
            "strategies": [[_show(e) for e in s] for s in self.strategies],
            "payoffs": [_show(e) for e in self.payoffs],
            "conditions": [
                {"condition": _show(r), "kind": k, "description": d}
                for r, k, d in zip(self.conditions, self.kinds, self.descriptions)
            ],
            "region": _show(self.region),
            "root": self.root,
        }

    def __repr__(self) -> str:
        strat = "; ".join("(" + ", ".join(map(str, s)) + ")" for s in self.strategies)
        return f"<SymbolicEquilibrium {self.label}: {strat} if {self.region}>"


@dataclass(frozen=True, eq=False)
class EquilibriumRegion:
    """A part of parameter space where exactly the equilibria ``members`` (indices) exist.

    ``witness`` is a rational parameter point in the region at which membership
    was checked exactly, or None when the region was found by the linear
    arithmetic solver (which proves it nonempty without giving a point).
    ``generic`` is False for a region that lies inside a boundary (it has
    no interior: the combination occurs only where some condition holds with
    equality, e.g. ``b = c``); the closed forms do not describe every
    equilibrium there.
    """

    members: tuple[int, ...]
    condition: sp.Basic
    witness: dict | None = None
    generic: bool = True

    def to_dict(self) -> dict:
        return {
            "members": list(self.members),
            "condition": _show(self.condition),
            "witness": None if self.witness is None else {str(k): _show(v) for k, v in self.witness.items()},
            "generic": self.generic,
        }


@dataclass(frozen=True, eq=False)
class SymbolicEquilibria:
    """Every generic equilibrium of a parametric game, and the regions where each combination occurs.

    Attributes
    ----------
    game : SymbolicGame
    equilibria : list of SymbolicEquilibrium
        The candidates that exist somewhere (those proved impossible under
        the assumptions are left out).
    assumptions : tuple of sympy relationals
    regions : tuple of EquilibriumRegion
        Combinations of equilibria that coexist, each with its condition
        (computed on first access, then kept: a pure function of the fields).
    regions_complete : bool
        True when the regions were enumerated by the linear arithmetic
        solver (all conditions affine after factoring): they then cover the
        parameter space satisfying the assumptions.  False when they were
        found by sampling (each listed region is verified at its witness,
        but a region confined to a thin set may be missing).
    notes : tuple of str
        Structural degeneracies found (a support whose indifference equations
        vanish identically, so that the game has continua of equilibria for
        all parameter values); empty for a generic game.
    time : float
        Seconds spent deriving the closed forms.
    """

    game: SymbolicGame
    equilibria: list[SymbolicEquilibrium]
    assumptions: tuple[sp.Basic, ...]
    notes: tuple[str, ...] = ()
    time: float = 0.0
    _degeneracies: tuple[sp.Expr, ...] = field(default=(), repr=False)

    @cached_property
    def _region_data(self) -> tuple[tuple[EquilibriumRegion, ...], bool]:
        # computed on first use: the region search costs more than the closed forms (seconds for 8 parameters)
        eqs, every, params = self.equilibria, self.assumptions, self.game.parameters
        combos = _regions_linear(eqs, every, params)
        if combos is not None:
            regions = tuple(EquilibriumRegion(m, _region_condition(eqs, m, every), None, g) for m, g in sorted(combos))
            return regions, True
        found = _regions_sampled(eqs, every, params)
        return tuple(EquilibriumRegion(m, _region_condition(eqs, m, every), found[m]) for m in sorted(found)), False

    @property
    def regions(self) -> tuple[EquilibriumRegion, ...]:
        """Combinations of equilibria that coexist, each with its condition (computed on first access)."""
        return self._region_data[0]

    @property
    def regions_complete(self) -> bool:
        """True when :attr:`regions` was enumerated by the linear arithmetic solver (a proof of completeness)."""
        return self._region_data[1]

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> SymbolicEquilibrium:
        return self.equilibria[k]

    def _checked_point(self, values: Mapping[Any, Any], where: str) -> tuple[dict, bool]:
        point, exact = self.game.point(values, where)
        broken = [r for r in self.assumptions if not cond.holds(r, point)]
        if broken:
            raise InvalidOption(f"{where}: the point {dict(values)} violates the assumption(s) "
                                f"{[str(r) for r in broken]} the closed forms were derived under")
        return point, exact

    def at(self, values: Mapping[Any, Any]) -> list[SymbolicEquilibrium]:
        """The equilibria that exist at a parameter point, each verified there.

        An equilibrium is returned when its conditions hold at the point and
        the evaluated profile passes the regret check of the numeric game
        (exactly zero regret for rational points without square roots, else
        ``FLOAT_TOL`` times the payoff range).  Closed forms that coincide at
        the point are returned once.  At a generic point this is the complete
        set of equilibria; on a boundary (see :meth:`generic_at`) it is the
        set of closed-form equilibria that are still equilibria there, and a
        continuum of further equilibria may exist.

        Raises
        ------
        InvalidPayoffs
            Bad values (missing parameter, NaN, unknown name).
        InvalidOption
            The point violates the assumptions.
        """
        return [eq for eq, _ in self._at(values, "SymbolicEquilibria.at")[0]]

    def _at(self, values, where):
        point, _ = self._checked_point(values, where)
        numeric = self.game.subs(values)
        span = float(numeric._float.max() - numeric._float.min())
        out: list = []
        seen: list[np.ndarray] = []
        for eq in self.equilibria:
            if not all(cond.holds(r, point) for r in eq.conditions):
                continue
            prof = eq.evaluate(values)
            exact = numeric.is_exact and all(s.dtype == object for s in prof)
            try:
                regret = numeric.max_regret(prof, exact=exact)
            except GameError:  # a profile that rounding made invalid is simply not verified
                continue
            if (regret != 0) if exact else (float(regret) > FLOAT_TOL * max(1.0, span)):
                continue
            flat = np.concatenate([np.asarray(s, dtype=float) for s in prof])
            if any(np.max(np.abs(flat - f)) <= 1e-9 for f in seen):
                continue
            seen.append(flat)
            out.append((eq, prof))
        return out, numeric

    def generic_at(self, values: Mapping[Any, Any]) -> bool:
        """True if the point lies on no boundary, so that :meth:`at` gives every equilibrium there.

        For two players: the game at the point is nondegenerate (checked
        exactly for rational points); then every equilibrium is the unique
        solution of its square support system (von Stengel 2002), hence one
        of the closed forms.
        For 2x2x2 games: no condition of any equilibrium holds with equality,
        and no player is indifferent against a pure profile of the others.
        """
        from ..nash.vertex_enumeration import is_degenerate

        point, exact = self._checked_point(values, "SymbolicEquilibria.generic_at")
        if self.game.num_players == 2:
            # in a nondegenerate game every equilibrium has a nonsingular support system of equal
            # sizes, so it is one of the closed forms even where another closed form is undefined
            numeric = self.game.subs(values)
            return not is_degenerate(numeric, exact=numeric.is_exact)
        if self.notes:
            return False
        for eq in self.equilibria:
            for r in eq.conditions:
                lhs = cond.lhs_of(r).xreplace(point)
                if cond._sign_value(lhs) in (0, None):
                    return False
        return all(cond._sign_value(g.xreplace(point)) not in (0, None) for g in self._degeneracies)

    def solve_at(self, values: Mapping[Any, Any]) -> NashResult:
        """The equilibria at a point as a certified :class:`~gametheory.NashResult` (``method="symbolic"``).

        ``complete`` is True when the point is generic (:meth:`generic_at`).
        """
        start = time.perf_counter()
        found, numeric = self._at(values, "SymbolicEquilibria.solve_at")
        profiles = [p for _, p in found]
        exact = numeric.is_exact and all(s.dtype == object for p in profiles for s in p)
        if not exact:
            numeric = numeric.to_float()
            profiles = [tuple(np.asarray(s, dtype=float) for s in p) for p in profiles]
        generic = self.generic_at(values)
        return certify(numeric, profiles, method="symbolic", exact=exact, start=start, complete=generic,
                       parameters={"values": {str(k): str(v) for k, v in values.items()}},
                       status="ok" if generic else "degenerate",
                       message="" if generic else "the point lies on a boundary: further equilibria may exist")

    def to_dict(self) -> dict:
        """A JSON-ready dict: parameters, assumptions, equilibria, regions, notes; expressions as strings."""
        return {
            "game": {"title": self.game.title, "players": list(self.game.players), "shape": list(self.game.shape)},
            "parameters": [str(p) for p in self.game.parameters],
            "assumptions": [_show(r) for r in self.assumptions],
            "equilibria": [eq.to_dict() for eq in self.equilibria],
            "regions": [r.to_dict() for r in self.regions],
            "regions_complete": self.regions_complete,
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        lines = [f"{len(self.equilibria)} symbolic equilibri{'um' if len(self.equilibria) == 1 else 'a'} of "
                 f"{self.game!r}" + (f" assuming {', '.join(map(str, self.assumptions))}" if self.assumptions else "")]
        for k, eq in enumerate(self.equilibria):
            strat = "; ".join("(" + ", ".join(map(str, s)) + ")" for s in eq.strategies)
            lines.append(f"  [{k}] {eq.label}: {strat}")
            lines.append(f"      if {eq.region}")
        lines.append("regions" + ("" if self.regions_complete else " (found by sampling)") + ":")
        for r in self.regions:
            lines.append(f"  {list(r.members)}{'' if r.generic else ' (boundary)'}: {r.condition}")
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)


# --------------------------------------------------------------------------- building candidates
class _Builder:
    """Turns raw closed forms and conditions into :class:`SymbolicEquilibrium` objects."""

    def __init__(self, game: SymbolicGame, assumptions: tuple, simplify: bool) -> None:
        self.game = game
        self.assumptions = assumptions
        self.simplify = simplify
        self.params = game.parameters
        self.out: list[SymbolicEquilibrium] = []
        self.notes: list[str] = []

        # parameters the assumptions prove positive (or negative) are simplified as such: sympy then
        # writes sqrt(b**2*c) as b*sqrt(c) and decides many signs by itself
        self.signed: dict = {}
        self.unsigned: dict = {}
        if simplify:
            for p in self.params:
                for sign in (1, -1):
                    if assumptions and cond.implied(sign * p > 0, assumptions, self.params):
                        d = sp.Dummy(p.name, positive=True)
                        self.signed[p] = sign * d
                        self.unsigned[d] = sign * p

    def tidy(self, e: sp.Expr) -> sp.Expr:
        if not self.simplify:
            return e
        return _tidy(e.xreplace(self.signed)).xreplace(self.unsigned)

    def sign_known(self, lhs: sp.Expr, kind: str) -> bool | None:
        """Whether ``lhs (kind) 0`` follows from the parameters' known signs (None: not decided)."""
        if not self.signed:
            return None
        e = lhs.xreplace(self.signed)
        if kind == ">":
            return True if e.is_positive else False if e.is_nonpositive else None
        if kind == ">=":
            return True if e.is_nonnegative else False if e.is_negative else None
        return True if e.is_nonzero else False if e.is_zero else None

    def add(self, supports, strategies, payoffs, conditions, root=None) -> None:
        tidy = self.tidy
        rels, kinds, descs = [], [], []
        seen = set()
        for lhs, op, kind, desc in conditions:
            lhs = tidy(lhs)
            if not lhs.free_symbols:
                sign = cond._sign_value(lhs)
                if sign is None or not {">": sign > 0, ">=": sign >= 0, "!=": sign != 0}[op]:
                    return  # impossible for every parameter value
                continue
            lhs, op = _sign_form(lhs, op)
            rel = _relation(lhs, op)
            known = self.sign_known(lhs, op)
            if known is False:
                return
            if known:
                continue
            key = sp.srepr(rel)
            if key in seen:
                continue
            seen.add(key)
            if self.simplify and self.assumptions and cond.implied(rel, self.assumptions, self.params):
                continue
            rels.append(rel)
            kinds.append(kind)
            descs.append(desc)
        if cond.contradicted(rels, self.assumptions, self.params):
            return
        self.out.append(SymbolicEquilibrium(
            game=self.game,
            supports=tuple(tuple(s) for s in supports),
            strategies=tuple(tuple(tidy(e) for e in s) for s in strategies),
            payoffs=tuple(tidy(e) for e in payoffs),
            conditions=tuple(rels),
            kinds=tuple(kinds),
            descriptions=tuple(descs),
            assumptions=self.assumptions,
            root=root,
        ))


def _indifference(M: sp.Matrix) -> tuple[list[sp.Expr], sp.Expr, sp.Expr] | None:
    """The opponent mix ``z`` on a k x k block ``M`` making every row earn the same ``v``, and the determinant.

    Solves ``M z = v 1, 1'z = 1`` by Cramer's rule (adjugate over
    determinant); None when the determinant vanishes identically.
    """
    k = M.shape[0]
    K = sp.zeros(k + 1, k + 1)
    K[:k, :k] = M
    K[:k, k] = -sp.ones(k, 1)
    K[k, :k] = sp.ones(1, k)
    det = sp.expand(K.det(method="berkowitz"))
    if det == 0:
        return None
    adj = K.adjugate(method="berkowitz")
    sol = [adj[r, k] / det for r in range(k + 1)]
    return sol[:k], sol[k], det


def _square_root(disc: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """``(f, g)`` with ``disc = f**2 * g``: square factors taken out of a polynomial, e.g. ``20*b**2*c -> (2*b, 5*c)``.

    ``f`` may be negative, so ``f*sqrt(g)`` is ``+-sqrt(disc)``, not always
    the principal root; the fully mixed equilibria use both signs, so the
    pair of roots is the same either way.
    """
    if not disc.free_symbols:
        outside, rest = sp.sqrt(disc).as_coeff_Mul()
        return outside, sp.expand(rest**2)
    coeff, facs = sp.factor_list(disc)
    outside, inside = sp.Integer(1), sp.Integer(1)
    for f, k in facs:
        outside *= f ** (k // 2)
        inside *= f ** (k % 2)
    if coeff < 0:
        coeff, inside = -coeff, -inside
    c_out, c_rest = sp.sqrt(coeff).as_coeff_Mul()
    return outside * c_out, inside * sp.expand(c_rest**2)


def _bimatrix(b: _Builder) -> None:
    game = b.game
    A = sp.Matrix(game.payoffs[..., 0].tolist())
    B = sp.Matrix(game.payoffs[..., 1].tolist())
    m, n = A.shape
    P, S = game.players, game.strategies
    for k in range(1, min(m, n) + 1):
        for I in combinations(range(m), k):
            for J in combinations(range(n), k):
                col = _indifference(A.extract(list(I), list(J)))
                row = _indifference(B.extract(list(I), list(J)).T)
                if col is None or row is None:
                    who = P[0] if col is None else P[1]
                    b.notes.append(
                        f"supports {[S[0][i] for i in I]} x {[S[1][j] for j in J]}: the indifference equations of "
                        f"player {who!r} are singular for every parameter value: no isolated equilibrium has these supports, "
                        "and where the game is degenerate a continuum of equilibria may")
                    continue
                y, v, dy = col
                x, u, dx = row
                conds = []
                for det, who in ((dy, P[1]), (dx, P[0])):
                    if det.free_symbols:
                        conds.append((det, "!=", "nondegeneracy",
                                      f"the indifference system for player {who!r}'s mix is nonsingular"))
                if k > 1:
                    for j, yj in zip(J, y):
                        conds.append((yj, ">", "probability", f"{P[1]!r} plays {S[1][j]!r} with positive probability"))
                    for i, xi in zip(I, x):
                        conds.append((xi, ">", "probability", f"{P[0]!r} plays {S[0][i]!r} with positive probability"))
                for i in range(m):
                    if i not in I:
                        gain = sum((A[i, j] * yj for j, yj in zip(J, y)), sp.Integer(0)) - v
                        conds.append((-gain, ">=", "deviation", f"{P[0]!r} does not gain by switching to {S[0][i]!r}"))
                for j in range(n):
                    if j not in J:
                        gain = sum((B[i, j] * xi for i, xi in zip(I, x)), sp.Integer(0)) - u
                        conds.append((-gain, ">=", "deviation", f"{P[1]!r} does not gain by switching to {S[1][j]!r}"))
                xs = [sp.Integer(0)] * m
                ys = [sp.Integer(0)] * n
                for i, xi in zip(I, x):
                    xs[i] = xi
                for j, yj in zip(J, y):
                    ys[j] = yj
                b.add((I, J), (xs, ys), (v, u), conds)


def _three_player(b: _Builder) -> list[sp.Expr]:
    """Candidates of a 2x2x2 game; returns the degeneracy polynomials (a player indifferent against pure play)."""
    game = b.game
    P, S = game.players, game.strategies
    q = [sp.Dummy(f"q{i}") for i in range(3)]
    pay = game.payoffs

    def sigma(i, qi):
        return (qi, 1 - qi)

    def expected(i, probs, own=None):
        total = sp.Integer(0)
        for s in product(range(2), repeat=3):
            w = sp.Integer(1)
            for j in range(3):
                if j == i and own is not None:
                    w *= 1 if s[j] == own else 0
                else:
                    w *= sigma(j, probs[j])[s[j]]
            total += pay[s + (i,)] * w
        return sp.expand(total)

    # G[i]: player i's gain from strategy 0 over strategy 1, multilinear in the others' q
    G = [sp.expand(expected(i, q, 0) - expected(i, q, 1)) for i in range(3)]
    degeneracies = []
    for i in range(3):
        others = [j for j in range(3) if j != i]
        for s in product(range(2), repeat=2):
            g = G[i].xreplace({q[j]: 1 - sv for j, sv in zip(others, s)})
            if sp.expand(g) == 0:
                b.notes.append(
                    f"player {P[i]!r} is indifferent between its strategies whenever the others play "
                    f"{[S[j][sv] for j, sv in zip(others, s)]}, for every parameter value (a continuum of equilibria)")
            else:
                degeneracies.append(g)

    def profile_of(values):
        strategies = [(values[i], 1 - values[i]) for i in range(3)]
        payoffs = [expected(i, values) for i in range(3)]
        return strategies, payoffs

    def prob_conditions(i, e):
        return [(e, ">", "probability", f"{P[i]!r} plays {S[i][0]!r} with positive probability"),
                (1 - e, ">", "probability", f"{P[i]!r} plays {S[i][1]!r} with positive probability")]

    def no_gain(i, s_i, values):
        g = G[i].xreplace({q[j]: values[j] for j in range(3) if j != i})
        other = S[i][1 - s_i]
        return ((g if s_i == 0 else -g), ">=", "deviation", f"{P[i]!r} does not gain by switching to {other!r}")

    for assign in product((0, 1, "m"), repeat=3):
        mixers = [i for i in range(3) if assign[i] == "m"]
        pure = {i: (1 - assign[i]) for i in range(3) if assign[i] != "m"}  # q of a pure player: 1 on strategy 0
        supports = [(0, 1) if assign[i] == "m" else (assign[i],) for i in range(3)]
        if len(mixers) == 0:
            vals = [sp.Integer(pure[i]) for i in range(3)]
            strategies, payoffs = profile_of(vals)
            b.add(supports, strategies, payoffs, [no_gain(i, assign[i], vals) for i in range(3)])
        elif len(mixers) == 1:
            continue  # a lone mixer needs G_i = 0 at pure opponents: a degeneracy, recorded above
        elif len(mixers) == 2:
            i, j = mixers
            (k,) = [t for t in range(3) if t not in mixers]
            conds = []
            vals: list[Any] = [None, None, None]
            vals[k] = sp.Integer(pure[k])
            ok = True
            for mover, other in ((i, j), (j, i)):
                g = sp.Poly(G[mover].xreplace({q[k]: vals[k]}), q[other])
                if g.degree() < 1:
                    if g.as_expr() == 0:
                        b.notes.append(f"player {P[mover]!r} is indifferent for every mix of {P[other]!r} when "
                                       f"{P[k]!r} plays {S[k][assign[k]]!r} (a continuum of equilibria)")
                    ok = False
                    break
                beta, alpha = g.all_coeffs()
                if beta.free_symbols:
                    conds.append((beta, "!=", "nondegeneracy", f"{P[mover]!r}'s payoff gain depends on {P[other]!r}'s mix"))
                vals[other] = -alpha / beta
            if not ok:
                continue
            conds += prob_conditions(i, vals[i]) + prob_conditions(j, vals[j]) + [no_gain(k, assign[k], vals)]
            strategies, payoffs = profile_of(vals)
            b.add(supports, strategies, payoffs, conds)
        else:
            _fully_mixed(b, G, q, supports, expected, prob_conditions)
    return degeneracies


def _fully_mixed(b, G, q, supports, expected, prob_conditions) -> None:
    """The fully mixed equilibria of a 2x2x2 game: a quadratic in one player's probability."""
    P = b.game.players
    for i, j, t in ((0, 1, 2), (1, 2, 0), (2, 0, 1), (1, 0, 2), (0, 2, 1), (2, 1, 0)):
        # G_i = 0 gives q_j in terms of q_t, G_j = 0 gives q_i in terms of q_t, then G_t = 0 is a quadratic in q_t
        gi = sp.Poly(G[i], q[j])
        gj = sp.Poly(G[j], q[i])
        if gi.degree() < 1 or gj.degree() < 1:
            continue
        bi, ai = gi.all_coeffs()
        bj, aj = gj.all_coeffs()
        qj, qi = -ai / bi, -aj / bj
        poly = sp.Poly(sp.cancel(G[t].xreplace({q[i]: qi, q[j]: qj}) * bi * bj), q[t])
        break
    else:
        b.notes.append("the fully mixed equilibria were not derived: every player's indifference condition "
                       "ignores some opponent (structurally degenerate)")
        return
    if poly.is_zero:
        b.notes.append("the fully mixed indifference equations are dependent for every parameter value "
                       "(a continuum of fully mixed equilibria)")
        return
    coeffs = [sp.factor(c) for c in poly.all_coeffs()]
    content = sp.factor(sp.gcd_list(coeffs))
    common = []
    if content.free_symbols:
        # a common factor of the coefficients vanishing makes every q a solution: a degeneracy, not a root
        common = [(content, "!=", "nondegeneracy", "the fully mixed indifference equations are independent")]
        coeffs = [sp.cancel(c / content) for c in coeffs]
    w = sp.Dummy("w")  # stands for sqrt(inside) while the closed forms are built
    inside = sp.Integer(1)
    roots: list[tuple[sp.Expr, list, int | None]] = []
    if len(coeffs) == 3:
        c2, c1, c0 = coeffs
        disc = sp.factor(sp.expand(c1**2 - 4 * c2 * c0))
        base = common + [(disc, ">=", "discriminant",
                          "the quadratic for the fully mixed equilibrium has real roots")]
        if c2.free_symbols:
            base.append((c2, "!=", "nondegeneracy", "the quadratic has degree 2"))
        outside, inside = _square_root(disc)
        for sign in (1, -1):
            roots.append(((-c1 + sign * outside * w) / (2 * c2), base, sign))
    elif len(coeffs) == 2:
        c1, c0 = coeffs
        base = common + ([(c1, "!=", "nondegeneracy", "the equation for the fully mixed equilibrium is not constant")]
                         if c1.free_symbols else [])
        roots.append((-c0 / c1, base, None))

    def reduced(e: sp.Expr) -> sp.Expr:
        # arithmetic in Q(parameters)(w) with w**2 = inside keeps every expression of the form u + v*w
        u, v = _in_quadratic_field(e, w, inside)
        return b.tidy(u) + b.tidy(v) * w

    radical = {w: sp.sqrt(inside)}
    for r, base, sign in roots:
        vals: list[Any] = [None, None, None]
        vals[t] = reduced(r)
        vals[j] = reduced(qj.xreplace({q[t]: vals[t]}))
        vals[i] = reduced(qi.xreplace({q[t]: vals[t]}))
        conds = list(base)
        for den, who, of in ((bi, i, j), (bj, j, i)):
            conds.append((reduced(den.xreplace({q[t]: vals[t]})).xreplace(radical), "!=", "nondegeneracy",
                          f"{P[who]!r}'s payoff gain depends on {P[of]!r}'s mix"))
        payoffs = [reduced(expected(k, vals)).xreplace(radical) for k in range(3)]
        vals = [v.xreplace(radical) for v in vals]
        for k in range(3):
            conds += prob_conditions(k, vals[k])
        strategies = [(v, b.tidy(1 - v)) for v in vals]
        b.add(supports, strategies, payoffs, conds, root=sign)


def _in_quadratic_field(e: sp.Expr, w: sp.Symbol, inside: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """``(u, v)`` with ``e = u + v*w`` where ``w**2 = inside`` and ``u, v`` are free of ``w``.

    Powers of ``w`` are reduced with ``w**2 = inside`` and the denominator
    is rationalised by its conjugate, so the result involves only rational
    functions of the parameters, which :func:`sympy.cancel` handles quickly
    (expanding products of radicals directly does not finish in reasonable time).
    """
    num, den = sp.fraction(sp.together(e))

    def linear(poly_expr):
        if not poly_expr.has(w):
            return poly_expr, sp.Integer(0)
        coeffs = sp.Poly(sp.expand(poly_expr), w).all_coeffs()[::-1]
        a = sum((c * inside ** (k // 2) for k, c in enumerate(coeffs) if k % 2 == 0), sp.Integer(0))
        b = sum((c * inside ** (k // 2) for k, c in enumerate(coeffs) if k % 2 == 1), sp.Integer(0))
        return a, b

    a, b = linear(num)
    c, d = linear(den)
    if d == 0:
        return sp.cancel(a / c), sp.cancel(b / c)
    norm = sp.expand(c**2 - d**2 * inside)
    return sp.cancel((a * c - b * d * inside) / norm), sp.cancel((b * c - a * d) / norm)


# --------------------------------------------------------------------------- regions
def _regions_linear(eqs, assumptions, params):
    """Every combination of coexisting equilibria, proved by linear real arithmetic; None if it cannot.

    Depth-first over the equilibria, each in or out of the combination; a
    branch is cut as soon as its conjunction is unsatisfiable, so the number
    of solver calls is about twice the number of equilibria per region found.
    """
    forms = []
    for eq in eqs:
        parts = [cond.linear_formula(r, params) for r in eq.conditions]
        if any(p is None for p in parts):
            return None
        forms.append(sp.And(*parts))
    base = [cond.linear_formula(r, params) for r in assumptions]
    if any(p is None for p in base):
        return None
    budget = [_MAX_SOLVER_CALLS]
    found: list[tuple[int, ...]] = []

    def search(k: int, members: tuple[int, ...], parts: list) -> bool:
        if k == len(eqs):
            found.append(members)
            return True
        for take in (True, False):
            branch = parts + [forms[k] if take else sp.Not(forms[k])]
            budget[0] -= 1
            if budget[0] < 0:
                return False
            verdict = cond.decide(sp.And(*branch))
            if verdict is None:
                return False
            if verdict and not search(k + 1, members + (k,) if take else members, branch):
                return False
        return True

    if not search(0, (), base):
        return None
    out = []
    for members in found:
        parts = base + [forms[k] if k in members else sp.Not(forms[k]) for k in range(len(eqs))]
        # the region has an interior iff it stays nonempty with every inequality made strict
        strict = sp.to_nnf(sp.And(*parts)).replace(
            lambda e: isinstance(e, (sp.GreaterThan, sp.LessThan)),
            lambda e: sp.StrictGreaterThan(e.lhs, e.rhs) if isinstance(e, sp.GreaterThan) else sp.StrictLessThan(e.lhs, e.rhs))
        out.append((members, cond.decide(strict) is True))
    return out


def _samples(params, assumptions, count: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Numerators and denominators of rational sample points that pass a float screen of the assumptions.

    Seeded, so every call draws the same points.  Mixes small fractions,
    two-decimal numbers and larger values of both signs.
    """
    rng = np.random.default_rng(20240605)
    size = 8 * count
    nums, dens = [], []
    for _ in params:
        kind = rng.integers(3, size=size)
        num = np.where(kind == 0, rng.integers(-6, 7, size=size),
                       np.where(kind == 1, rng.integers(-400, 401, size=size), rng.integers(-2000, 2001, size=size)))
        den = np.where(kind == 0, rng.integers(1, 4, size=size), np.where(kind == 1, 100, rng.integers(1, 40, size=size)))
        nums.append(num)
        dens.append(den)
    values = [n / d for n, d in zip(nums, dens)]
    keep = np.ones(size, dtype=bool)
    with np.errstate(all="ignore"):
        for r in assumptions:
            f = sp.lambdify(params, cond.lhs_of(r), "numpy")
            v = np.broadcast_to(np.asarray(f(*values), dtype=float), (size,))
            kind = cond._kind(r)
            keep &= (v > 1e-9) if kind == ">" else (v > -1e-9) if kind == ">=" else (np.abs(v) > 1e-9)
    idx = np.flatnonzero(keep)[:count]
    return [n[idx] for n in nums], [d[idx] for d in dens]


def _regions_sampled(eqs, assumptions, params):
    """Combinations of equilibria seen at sample points, each checked exactly at its witness point."""
    nums, dens = _samples(params, assumptions, _SAMPLES)
    size = len(nums[0]) if nums else 1
    values = [n / d for n, d in zip(nums, dens)]
    clear = np.ones(size, dtype=bool)
    member = np.ones((len(eqs), size), dtype=bool)
    with np.errstate(all="ignore"):
        for k, eq in enumerate(eqs):
            for r in eq.conditions:
                f = sp.lambdify(params, cond.lhs_of(r), "numpy")
                v = np.broadcast_to(np.asarray(f(*values), dtype=complex), (size,))
                # near a boundary, undefined or complex: leave the combination to another point
                clear &= np.isfinite(v) & (np.abs(v.imag) <= 1e-12) & (np.abs(v.real) > 1e-9)
                member[k] &= v.real > 0 if cond._kind(r) != "!=" else True
    found: dict[tuple, dict] = {}
    tried: set = set()
    for s in np.flatnonzero(clear):
        key = tuple(int(k) for k in np.flatnonzero(member[:, s]))
        if key in tried or key in found:
            continue
        tried.add(key)
        point = {p: sp.Rational(int(n[s]), int(d[s])) for p, n, d in zip(params, nums, dens)}
        if not all(cond.holds(r, point) for r in assumptions):
            continue
        # the float screen picked the combination; membership is then decided exactly at the point
        exact = tuple(k for k, eq in enumerate(eqs) if all(cond.holds(r, point) for r in eq.conditions))
        found.setdefault(exact, point)
    return found


def _region_condition(eqs, members, assumptions):
    parts = list(assumptions)
    for k, eq in enumerate(eqs):
        if k in members:
            parts.extend(eq.conditions)
        else:
            parts.append(sp.Or(*[r.negated for r in eq.conditions]))
    return sp.And(*parts)


# --------------------------------------------------------------------------- entry point
def symbolic_equilibria(
    game: SymbolicGame, *, assumptions: Any = None, simplify: bool = True
) -> SymbolicEquilibria:
    """Every generic Nash equilibrium of a small parametric game, in closed form, with its existence conditions.

    Parameters
    ----------
    game : SymbolicGame
        A two-player game with at most 3 strategies each (2x2, 2x3, 3x2,
        3x3 and smaller) or a three-player 2x2x2 game.
    assumptions : dict, relational, str or sequence, optional
        Known facts about the parameters (as for :class:`SymbolicGame`),
        added to the game's own.
    simplify : bool
        Bring every expression to a factored single fraction and drop the
        conditions implied by the assumptions (proved by linear real
        arithmetic when all are affine after factoring).  With False the
        raw Cramer's-rule expressions are kept.

    Returns
    -------
    SymbolicEquilibria
        The equilibria, the regions of parameter space where each
        combination of them exists, and notes on structural degeneracy.

    Raises
    ------
    NotSupported
        For any other size of game.
    InvalidOption
        If ``game`` is not a SymbolicGame, or the assumptions are malformed.

    Notes
    -----
    Support enumeration done symbolically.  For two players, for each pair
    of supports ``I, J`` of equal size ``k`` (a generic game has no other
    equilibria [1]_), the column player's mix ``y`` on ``J`` that makes the
    row player indifferent on ``I`` solves ``A_IJ y = v 1, 1'y = 1`` and
    is given by Cramer's rule, with the determinant ``!= 0`` stated as a
    nondegeneracy condition; likewise ``x`` from ``B``.  The conditions are
    ``x_i > 0, y_j > 0`` on the supports and ``(A y)_i <= v`` off them
    (weak inequalities), and ``(x' B)_j <= u``.  At most 19 support pairs
    for a 3x3 game.

    For 2x2x2 games let ``q_i`` be player ``i``'s probability of its first
    strategy and ``G_i`` its gain from the first strategy over the second,
    bilinear in the others' ``q``.  Pure profiles need the right sign of
    every ``G_i``.  A single mixer needs ``G_i = 0`` against pure play: a
    boundary where a continuum of equilibria appears, so no closed form is
    listed.  Two mixers solve two linear equations.  Three mixers: ``G_i =
    0`` and ``G_j = 0`` are linear in ``q_j`` and ``q_i`` given ``q_t``;
    substituting them into ``G_t = 0`` leaves a quadratic in ``q_t``
    (McKelvey & McLennan [2]_: a generic 2x2x2 game has at most two totally
    mixed equilibria).  Both roots ``(-c_1 +- sqrt(D)) / (2 c_2)`` are kept,
    each with ``D >= 0``, ``c_2 != 0`` and the probability conditions.

    The closed forms describe the generic case.  The region of an
    equilibrium is closed where deviations tie; on the boundary of a
    region (see ``SymbolicEquilibrium.boundaries``) equilibria can merge or
    a continuum can appear, so :meth:`SymbolicEquilibria.at` checks every
    profile at the point and :meth:`SymbolicEquilibria.generic_at` says
    whether the list is complete there.

    Regions: each combination of equilibria that can coexist is the
    conjunction of their conditions and the negation of the others'.  When
    all conditions are affine after factoring, the combinations are
    enumerated by sympy's linear real arithmetic solver (a proof of
    completeness); otherwise by checking rational sample points exactly.

    References
    ----------
    .. [1] D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of
       Nash equilibria for two-player games", Economic Theory 42 (2010) 9-37.
    .. [2] R. McKelvey, A. McLennan, "The maximal number of regular totally
       mixed Nash equilibria", Journal of Economic Theory 72 (1997) 411-425.

    Examples
    --------
    Alliance security dilemma (a stag hunt): both allies defend (D) at cost
    ``c`` and gain ``b`` if both do; a lone defender just pays.

    >>> g = SymbolicGame.from_bimatrix([["b - c", "-c"], [0, 0]], [["b - c", 0], ["-c", 0]],
    ...                                strategies=[["D", "S"], ["D", "S"]])
    >>> res = symbolic_equilibria(g, assumptions=["c > 0", "b > c"])
    >>> [eq.label for eq in res]
    ['D/D', 'S/S', 'mixed {D,S}/{D,S}']
    >>> res[2].strategies[0]
    (c/b, (b - c)/b)
    >>> [eq.label for eq in res.at({"b": 3, "c": 1})]
    ['D/D', 'S/S', 'mixed {D,S}/{D,S}']
    """
    start = time.perf_counter()
    if not isinstance(game, SymbolicGame):
        raise InvalidOption(f"symbolic_equilibria: game must be a SymbolicGame, got {type(game).__name__}")
    shape = game.shape
    if not ((len(shape) == 2 and max(shape) <= 3) or shape == (2, 2, 2)):
        raise NotSupported(
            f"symbolic_equilibria handles two-player games up to 3x3 and 2x2x2 three-player games; "
            f"this game is {'x'.join(map(str, shape))}")
    extra = read_assumptions(assumptions, game.parameters, "symbolic_equilibria", error=InvalidOption)
    every = tuple(dict.fromkeys((*game.assumptions, *extra)))
    builder = _Builder(game, every, bool(simplify))
    degeneracies: list[sp.Expr] = []
    if len(shape) == 2:
        _bimatrix(builder)
    else:
        degeneracies = _three_player(builder)
    return SymbolicEquilibria(
        game=game,
        equilibria=builder.out,
        assumptions=every,
        notes=tuple(dict.fromkeys(builder.notes)),
        time=time.perf_counter() - start,
        _degeneracies=tuple(degeneracies),
    )

"""Deciding parametric sign conditions: exactly at a point, and over regions when they are linear.

Every equilibrium condition is a relation ``f(theta) > 0``, ``f >= 0`` or
``f != 0`` where ``f`` is a rational function (with square roots for
three-player games) of the parameters ``theta``.  Two questions are asked of
them:

* at a point: does the relation hold?  Exact rational points are decided
  exactly by sympy (algebraic numbers included); when sympy leaves a
  comparison undecided the value is evaluated to 50 digits.
* over the parameter space: is a conjunction satisfiable, is a condition
  implied by the assumptions?  When every factor of every numerator and
  denominator is affine in the parameters, a relation is rewritten as a
  Boolean formula over affine inequalities (the sign of a product is the
  product of the signs) and decided by sympy's linear real arithmetic
  solver (simplex inside DPLL(T)); this is a proof.  Anything else is
  reported as unknown, never guessed.
"""

from __future__ import annotations

from itertools import product
from typing import Sequence

import sympy as sp
from sympy.logic.inference import satisfiable

__all__ = ["holds", "lhs_of", "linear_formula", "decide", "implied", "contradicted"]

_MAX_FACTORS = 5


def lhs_of(rel: sp.Basic) -> sp.Expr:
    """``f`` of a relation written ``f > 0``, ``f >= 0``, ``f != 0`` (or the reverse)."""
    if isinstance(rel, (sp.StrictLessThan, sp.LessThan)):
        return rel.rhs - rel.lhs
    return rel.lhs - rel.rhs


def _kind(rel: sp.Basic) -> str:
    if isinstance(rel, (sp.StrictGreaterThan, sp.StrictLessThan)):
        return ">"
    if isinstance(rel, (sp.GreaterThan, sp.LessThan)):
        return ">="
    if isinstance(rel, sp.Ne):
        return "!="
    if isinstance(rel, sp.Eq):
        return "=="
    raise TypeError(f"not an inequality: {rel}")


def _sign_value(value: sp.Expr) -> int | None:
    """Sign of a closed-form real number: exact when sympy can decide it, else 50 digits."""
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    if value.is_zero:
        return 0
    if value.is_positive:
        return 1
    if value.is_negative:
        return -1
    approx = sp.N(value, 50)
    if not approx.is_real or approx.has(sp.I):
        return None
    if abs(approx) < sp.Float("1e-40"):
        return 0
    return 1 if approx > 0 else -1


def holds(rel: sp.Basic, point: dict) -> bool:
    """Whether ``rel`` holds at ``point`` (``{Symbol: number}``); False where it is undefined."""
    value = lhs_of(rel).xreplace(point)
    s = _sign_value(value)
    if s is None:
        return False
    kind = _kind(rel)
    return {">": s > 0, ">=": s >= 0, "!=": s != 0, "==": s == 0}[kind]


def _affine(f: sp.Expr, params: Sequence[sp.Symbol]) -> bool:
    if not f.free_symbols:
        return True
    if not f.is_polynomial(*params):
        return False
    return sp.Poly(f, *params).total_degree() <= 1


def _factors(f: sp.Expr, params: Sequence[sp.Symbol]):
    """``(constant, [(factor, multiplicity)], [(den factor, multiplicity)])`` if all factors are affine, else None."""
    num, den = sp.fraction(sp.factor(sp.together(f)))
    out = []
    coeff = sp.Integer(1)
    for part, sign in ((num, 1), (den, -1)):
        if not part.free_symbols:
            coeff = coeff * part if sign == 1 else coeff / part
            continue
        try:
            c, facs = sp.factor_list(part, *params)
        except sp.PolynomialError:
            return None
        coeff = coeff * c if sign == 1 else coeff / c
        for g, k in facs:
            g = g.as_expr()
            if not _affine(g, params):
                return None
            out.append((g, k, sign))
    if len(out) > _MAX_FACTORS or not coeff.is_number or coeff == 0:
        return None
    return coeff, out


def linear_formula(rel: sp.Basic, params: Sequence[sp.Symbol]) -> sp.Basic | None:
    """``rel`` as a Boolean formula over affine inequalities, or None if it has a non-affine factor."""
    kind = _kind(rel)
    got = _factors(lhs_of(rel), params)
    if got is None:
        return None
    coeff, facs = got
    csign = 1 if coeff > 0 else -1
    nonzero = [sp.Or(g > 0, g < 0) for g, _, _ in facs]
    den_nonzero = [sp.Or(g > 0, g < 0) for g, _, s in facs if s == -1]
    if kind in ("!=", "=="):
        num_zero = [sp.And(g >= 0, g <= 0) for g, _, s in facs if s == 1]
        if kind == "!=":
            return sp.And(*nonzero)
        return sp.And(sp.Or(*num_zero) if num_zero else sp.false, *den_nonzero)
    positive = []
    for signs in product((1, -1), repeat=len(facs)):
        total = csign
        for (g, k, _), s in zip(facs, signs):
            total *= s**k
        if total > 0:
            positive.append(sp.And(*[(g > 0) if s == 1 else (g < 0) for (g, _, _), s in zip(facs, signs)]))
    strict = sp.Or(*positive) if positive else sp.false
    if kind == ">":
        return strict
    num_zero = [sp.And(g >= 0, g <= 0) for g, _, s in facs if s == 1]
    return sp.Or(strict, sp.And(sp.Or(*num_zero), *den_nonzero)) if num_zero else strict


def decide(formula: sp.Basic) -> bool | None:
    """Satisfiability of a Boolean formula over affine inequalities; None if the solver cannot handle it."""
    if formula is sp.true:
        return True
    if formula is sp.false:
        return False
    try:
        return satisfiable(formula, use_lra_theory=True) is not False
    except Exception:  # noqa: BLE001 - sympy's LRA raises assorted errors on input it does not handle
        return None


def _all_linear(rels: Sequence[sp.Basic], params: Sequence[sp.Symbol]) -> list | None:
    out = []
    for r in rels:
        f = linear_formula(r, params)
        if f is None:
            return None
        out.append(f)
    return out


def implied(rel: sp.Basic, assumptions: Sequence[sp.Basic], params: Sequence[sp.Symbol]) -> bool:
    """True only if ``rel`` is proved to follow from ``assumptions``."""
    got = _all_linear([rel, *assumptions], params)
    if got is None:
        return False
    return decide(sp.And(sp.Not(got[0]), *got[1:])) is False


def contradicted(rels: Sequence[sp.Basic], assumptions: Sequence[sp.Basic], params: Sequence[sp.Symbol]) -> bool:
    """True only if the conjunction of ``rels`` and ``assumptions`` is proved empty."""
    got = _all_linear([*rels, *assumptions], params)
    if got is None:
        return False
    return decide(sp.And(*got)) is False

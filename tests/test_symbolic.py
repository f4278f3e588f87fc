"""Symbolic games: construction, closed-form equilibria, regions, comparative statics.

The core check is numeric: at rational parameter points the symbolic answer
must equal what the exact numeric solvers find (vertex enumeration for two
players, enumpure plus an exact regret check for 2x2x2 games, and pygambit's
enumpoly for the count of a three-player game).
"""

from __future__ import annotations

import doctest
import json
from fractions import Fraction
from functools import lru_cache
from itertools import product

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import InvalidGame, InvalidOption, InvalidPayoffs, NotSupported
from gametheory.symbolic import (
    ComparativeStatics,
    SymbolicEquilibria,
    SymbolicGame,
    comparative_statics,
    parse_expression,
    symbolic_equilibria,
)

F = Fraction


# --------------------------------------------------------------------------- games
def security_dilemma(**kw) -> SymbolicGame:
    """Alliance security dilemma (a stag hunt): defending (D) costs c and pays b only if both allies defend."""
    return SymbolicGame.from_bimatrix([["b - c", "-c"], [0, 0]], [["b - c", 0], ["-c", 0]],
                                      players=["A", "B"], strategies=[["D", "S"], ["D", "S"]], **kw)


def burden_sharing() -> SymbolicGame:
    """Two allies, each contributes (C) at cost c; the common defence b comes if at least one does (chicken)."""
    return SymbolicGame.from_bimatrix([["b - c", "b - c"], ["b", 0]], [["b - c", "b"], ["b - c", 0]],
                                      strategies=[["C", "N"], ["C", "N"]], assumptions=["c > 0", "b > c"])


def generic_2x2() -> SymbolicGame:
    a = sp.symbols("a11 a12 a21 a22")
    b = sp.symbols("b11 b12 b21 b22")
    return SymbolicGame.from_bimatrix([[a[0], a[1]], [a[2], a[3]]], [[b[0], b[1]], [b[2], b[3]]])


def game_3x3() -> SymbolicGame:
    return SymbolicGame.from_bimatrix([["a", 0, 2], [1, "b", 0], [0, 1, 1]], [[1, 2, 0], [0, "c", 1], [2, 0, "d"]])


def game_2x3() -> SymbolicGame:
    return SymbolicGame.from_bimatrix([["x", 0, 2], [1, 3, "y"]], [[2, "y", 0], [0, 1, 3]])


def volunteers_dilemma() -> SymbolicGame:
    """Three allies; each contributes (C) at cost c; the public good b is provided if at least one contributes."""
    pay = np.empty((2, 2, 2, 3), dtype=object)
    for s in product(range(2), repeat=3):
        for i in range(3):
            if s[i] == 0:
                pay[s + (i,)] = "b - c"
            else:
                pay[s + (i,)] = "b" if any(s[j] == 0 for j in range(3) if j != i) else 0
    return SymbolicGame(pay, strategies=[["C", "N"]] * 3, assumptions=["c > 0", "b > c"])


def threshold_game() -> SymbolicGame:
    """Three allies: joining (strategy 0) pays t if both others join, -5 if one does, 4 if none; staying out 0.

    The gain from joining is 4 - 9(q_j + q_k) + (t + 14) q_j q_k, so at t = 4 the symmetric fully mixed
    equilibria are q = 1/3 and q = 2/3 (roots of 18q^2 - 18q + 4).
    """
    pay = np.empty((2, 2, 2, 3), dtype=object)
    for s in product(range(2), repeat=3):
        for i in range(3):
            joined = sum(1 for j in range(3) if j != i and s[j] == 0)
            if s[i] == 1:
                pay[s + (i,)] = 0
            else:
                pay[s + (i,)] = {0: 4, 1: -5, 2: "t"}[joined]
    return SymbolicGame(pay)


@lru_cache(maxsize=None)
def solved(name: str) -> SymbolicEquilibria:
    games = {
        "security": lambda: symbolic_equilibria(security_dilemma()),
        "security_assumed": lambda: symbolic_equilibria(security_dilemma(), assumptions=["c > 0", "b > c"]),
        "burden": lambda: symbolic_equilibria(burden_sharing()),
        "generic_2x2": lambda: symbolic_equilibria(generic_2x2()),
        "3x3": lambda: symbolic_equilibria(game_3x3()),
        "2x3": lambda: symbolic_equilibria(game_2x3()),
        "volunteer": lambda: symbolic_equilibria(volunteers_dilemma()),
        "threshold": lambda: symbolic_equilibria(threshold_game()),
    }
    return games[name]()


def exact_set(profiles) -> set:
    return {tuple(tuple(Fraction(p) for p in s) for s in prof) for prof in profiles}


def symbolic_set(res: SymbolicEquilibria, point: dict) -> set:
    return exact_set(eq.evaluate(point) for eq in res.at(point))


rationals = st.fractions(min_value=-6, max_value=6, max_denominator=7)


def points(names: list[str]):
    return st.fixed_dictionaries({n: rationals for n in names})


# --------------------------------------------------------------------------- construction
def test_strings_are_parsed_exactly_and_parameters_sorted():
    g = SymbolicGame.from_bimatrix([["b - c", "0.1*c"], [0, "sqrt(b)"]], [[1, 2], [3, 4]])
    assert [str(p) for p in g.parameters] == ["b", "c"]
    assert g.payoffs[0, 1, 0] == g.parameters[1] / 10
    assert g.shape == (2, 2) and g.num_players == 2
    given_order = SymbolicGame.from_bimatrix([["b - c", 0], [0, 0]], [[0, 0], [0, 0]], parameters=["c", "b"])
    assert [str(p) for p in given_order.parameters] == ["c", "b"]


def test_per_player_arrays_and_sympy_entries():
    b, c = sp.symbols("b c", positive=True)
    g = SymbolicGame([np.array([[b - c, -c], [0, 0]], dtype=object), np.array([[b - c, 0], [-c, 0]], dtype=object)])
    assert g.parameters == (b, c)
    # names in strings resolve to the given symbols, keeping their sympy assumptions
    h = SymbolicGame.from_bimatrix([["b", 0], [0, 0]], [[0, 0], [0, "b"]], parameters=[b])
    assert h.payoffs[0, 0, 0] == b


@pytest.mark.parametrize("text", [
    "__import__('os').system('true')", "b.real", "lambda: 1", "[1, 2]", "b if c else 0", "2**10**10",
    "'text'", "f(b)", "b; c", "", "b == c", "True",
])
def test_unsafe_or_non_expression_strings_are_refused(text):
    with pytest.raises(InvalidPayoffs, match="payoff entry"):
        SymbolicGame.from_bimatrix([[text, 0], [0, 0]], [[0, 0], [0, 0]])


def test_parse_expression_relational_chain():
    rel = parse_expression("0 < p < 1", relational=True)
    p = sp.Symbol("p")
    assert rel == sp.And(sp.StrictLessThan(0, p), p < 1)


@pytest.mark.parametrize("payoffs, match", [
    (np.zeros((2, 2, 3), dtype=object), "do not describe a game"),
    ([[["1", "2"], ["3"]]], "ragged"),
    ([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "ambiguous|can be read"),
    ([np.zeros((2, 2), dtype=object), np.zeros((2, 3), dtype=object)], "same|shape"),
    (np.array([[[float("nan"), 0], [0, 0]], [[0, 0], [0, 0]]], dtype=object), "finite"),
    (np.array([[[sp.oo, 0], [0, 0]], [[0, 0], [0, 0]]], dtype=object), "finite"),
    (np.array([[[sp.I, 0], [0, 0]], [[0, 0], [0, 0]]], dtype=object), "real"),
    (np.array([[[sp.Symbol("x") > 1, 0], [0, 0]], [[0, 0], [0, 0]]], dtype=object), "not an arithmetic"),
    (np.array([[[True, 0], [0, 0]], [[0, 0], [0, 0]]], dtype=object), "boolean"),
])
def test_bad_payoffs_raise_invalid_payoffs(payoffs, match):
    with pytest.raises(InvalidPayoffs, match=match):
        SymbolicGame(payoffs)


def test_free_symbols_must_be_parameters():
    with pytest.raises(InvalidPayoffs, match=r"\['c'\].*not among the parameters"):
        SymbolicGame.from_bimatrix([["b - c", 0], [0, 0]], [[0, 0], [0, 0]], parameters=["b"])


def test_two_symbols_with_one_name_are_refused():
    with pytest.raises(InvalidPayoffs, match="two different symbols"):
        SymbolicGame.from_bimatrix([[sp.Symbol("b"), 0], [0, 0]], [[sp.Symbol("b", positive=True), 0], [0, 0]])


def test_assumptions_forms():
    g = security_dilemma(assumptions={"c": "positive", "b": (0, None)})
    b, c = g.parameters
    assert set(g.assumptions) == {c > 0, b > 0}
    h = security_dilemma(assumptions=["c > 0", sp.Symbol("b") > sp.Symbol("c")])
    assert set(h.assumptions) == {c > 0, b > c}
    with pytest.raises(InvalidGame, match="not a parameter"):
        security_dilemma(assumptions={"z": "positive"})
    with pytest.raises(InvalidGame, match="not an inequality"):
        security_dilemma(assumptions=[sp.Eq(b, c)])
    with pytest.raises(InvalidGame, match="not parameters"):
        security_dilemma(assumptions=["z > 0"])
    with pytest.raises(InvalidOption, match="symbolic_equilibria"):
        symbolic_equilibria(security_dilemma(), assumptions=["b +"])


def test_subs_exact_float_and_errors():
    g = security_dilemma()
    exact = g.subs({"b": 3, "c": F(1, 2)})
    assert exact.is_exact and exact.payoffs[0, 0, 0] == F(5, 2)
    assert exact.strategies == (("D", "S"), ("D", "S"))
    flo = g.subs({"b": 3.0, "c": 0.5})
    assert not flo.is_exact and flo.payoffs[0, 0, 0] == 2.5
    with pytest.raises(InvalidPayoffs, match=r"no value for the parameter\(s\) \['c'\]"):
        g.subs({"b": 1})
    with pytest.raises(InvalidPayoffs, match="'z' is not a parameter"):
        g.subs({"b": 1, "c": 1, "z": 2})
    with pytest.raises(InvalidPayoffs, match="not a finite number"):
        g.subs({"b": float("nan"), "c": 1})
    with pytest.raises(InvalidPayoffs, match="not a number"):
        g.subs({"b": "x", "c": 1})
    with pytest.raises(InvalidPayoffs, match="not a finite real"):
        g.subs({"b": sp.Symbol("x"), "c": 1})
    h = SymbolicGame.from_bimatrix([["1/b", 0], [0, 0]], [[0, 0], [0, 0]])
    with pytest.raises(InvalidPayoffs, match="undefined"):
        h.subs({"b": 0})


def test_unsupported_sizes():
    big = SymbolicGame(np.zeros((4, 2, 2), dtype=object))
    with pytest.raises(NotSupported, match="up to 3x3 and 2x2x2"):
        symbolic_equilibria(big)
    with pytest.raises(NotSupported, match="3x2x2"):
        symbolic_equilibria(SymbolicGame(np.zeros((3, 2, 2, 3), dtype=object)))
    with pytest.raises(NotSupported):
        symbolic_equilibria(SymbolicGame(np.zeros((2, 2, 2, 2, 4), dtype=object)))
    with pytest.raises(InvalidOption, match="SymbolicGame"):
        symbolic_equilibria(gt.NormalFormGame.from_bimatrix([[1, 0], [0, 1]]))


# --------------------------------------------------------------------------- closed forms
def test_security_dilemma_closed_form_and_regions():
    res = solved("security_assumed")
    b, c = res.game.parameters
    assert [eq.label for eq in res] == ["D/D", "S/S", "mixed {D,S}/{D,S}"]
    mixed = res[2]
    # each ally defends with probability c/b: the higher the cost, the more defence is needed to make the other indifferent
    assert sp.simplify(mixed.strategies[0][0] - c / b) == 0
    assert sp.simplify(mixed.strategies[1][0] - c / b) == 0
    assert all(sp.simplify(v) == 0 for v in mixed.payoffs)
    # under c > 0 and b > c every condition is implied: the three equilibria always coexist
    assert all(eq.conditions == () for eq in res)
    assert res.regions_complete and [r.members for r in res.regions] == [(0, 1, 2)]


def test_security_dilemma_without_assumptions_partitions_the_plane():
    res = solved("security")
    labels = [eq.label for eq in res]
    assert labels == ["D/D", "D/S", "S/D", "S/S", "mixed {D,S}/{D,S}"]
    assert res.regions_complete
    generic = {tuple(labels[k] for k in r.members) for r in res.regions if r.generic}
    # c < 0 < b - c: defending dominates; 0 < c < b: stag hunt; b < c < 0: anti-coordination; b < c, c > 0: shirk
    assert generic == {("D/D",), ("D/D", "S/S", "mixed {D,S}/{D,S}"), ("D/S", "S/D", "mixed {D,S}/{D,S}"), ("S/S",)}
    for point in ({"b": 3, "c": 1}, {"b": 3, "c": -1}, {"b": -3, "c": -1}, {"b": 1, "c": 2}):
        inside = [r for r in res.regions if all(eq.holds_at(point) == (k in r.members) for k, eq in enumerate(res))]
        assert len(inside) == 1
        assert set(r.members for r in inside) == {tuple(k for k, eq in enumerate(res) if eq.holds_at(point))}


@settings(max_examples=40)
@given(point=points(["b", "c"]))
def test_security_dilemma_matches_vertex_enumeration(point):
    res = solved("security")
    game = res.game.subs(point)
    assume(not gt.is_degenerate(game, exact=True))
    assert res.generic_at(point)
    assert symbolic_set(res, point) == exact_set(gt.vertex_enumeration(game, exact=True).equilibria)


@settings(max_examples=30)
@given(point=points(["a11", "a12", "a21", "a22", "b11", "b12", "b21", "b22"]))
def test_generic_2x2_matches_vertex_enumeration(point):
    res = solved("generic_2x2")
    game = res.game.subs(point)
    assume(not gt.is_degenerate(game, exact=True))
    assert symbolic_set(res, point) == exact_set(gt.vertex_enumeration(game, exact=True).equilibria)
    result = res.solve_at(point)
    assert result.exact and result.complete and result.max_regret == 0


@settings(max_examples=40)
@given(point=points(["a", "b", "c", "d"]))
def test_3x3_matches_vertex_enumeration(point):
    res = solved("3x3")
    game = res.game.subs(point)
    assume(not gt.is_degenerate(game, exact=True))
    assert symbolic_set(res, point) == exact_set(gt.vertex_enumeration(game, exact=True).equilibria)


@settings(max_examples=30)
@given(point=points(["x", "y"]))
def test_2x3_matches_vertex_enumeration(point):
    res = solved("2x3")
    game = res.game.subs(point)
    assume(not gt.is_degenerate(game, exact=True))
    assert symbolic_set(res, point) == exact_set(gt.vertex_enumeration(game, exact=True).equilibria)


def test_sampled_regions_are_verified_at_their_witness():
    res = solved("3x3")
    assert res.regions and not res.regions_complete  # products of parameters: found by sampling
    for region in res.regions:
        here = tuple(k for k, eq in enumerate(res) if eq.holds_at(region.witness))
        assert here == region.members
        assert bool(region.condition.xreplace(region.witness)) is True


@settings(max_examples=25)
@given(point=points(["a", "b", "c", "d"]))
def test_every_profile_at_returns_is_an_equilibrium_even_on_boundaries(point):
    # integer points hit boundaries (ties) often; whatever .at returns must be a verified equilibrium
    point = {k: F(round(v)) for k, v in point.items()}
    res = solved("3x3")
    game = res.game.subs(point)
    for eq in res.at(point):
        assert game.max_regret(eq.evaluate(point), exact=True) == 0


def test_boundary_point_of_the_security_dilemma():
    res = solved("security")
    point = {"b": 2, "c": 2}  # b = c: defending together pays nothing more than shirking
    assert not res.generic_at(point)
    found = res.at(point)
    game = res.game.subs(point)
    assert [eq.label for eq in found] == ["D/D", "S/S"]
    assert all(game.max_regret(eq.evaluate(point), exact=True) == 0 for eq in found)
    result = res.solve_at(point)
    assert result.status == "degenerate" and not result.complete
    # c = 0: the mixed closed form coincides with S/S and is returned once
    assert [eq.label for eq in res.at({"b": 2, "c": 0})] == ["D/D", "S/S"]
    assert all(not r.generic for r in res.regions if len(r.members) == 2 and r.members != (0,))


def test_structurally_singular_support_is_noted():
    # the row player's payoffs do not depend on the column: no mix of the column makes it indifferent
    g = SymbolicGame.from_bimatrix([["x", "x"], [0, 0]], [[1, 0], [0, 1]])
    res = symbolic_equilibria(g)
    assert len(res.notes) == 1 and "singular for every parameter value" in res.notes[0]
    assert [eq.label for eq in res] == ["1/1", "2/2"]
    assert [eq.label for eq in res.at({"x": 2})] == ["1/1"] and res.generic_at({"x": 2})
    # x = 0: the row player is indifferent everywhere, a continuum; only verified closed forms are returned
    assert not res.generic_at({"x": 0})
    assert [eq.label for eq in res.at({"x": 0})] == ["1/1", "2/2"]
    assert not res.solve_at({"x": 0}).complete


def test_boundaries_are_stated():
    res = solved("security")
    mixed = res[4]
    b, c = res.game.parameters
    kinds = set(mixed.kinds)
    assert {"nondegeneracy", "probability"} <= kinds
    assert sp.Eq(b, 0) in mixed.boundaries
    assert len(mixed.boundaries) == len(mixed.conditions) == len(mixed.descriptions)


def test_evaluate_outside_the_region_and_undefined_points():
    res = solved("security")
    mixed = res[4]
    assert not mixed.holds_at({"b": 1, "c": 2})
    assert exact_set([mixed.evaluate({"b": 1, "c": 2})]) == {((F(2), F(-1)), (F(2), F(-1)))}
    with pytest.raises(InvalidOption, match="undefined"):
        mixed.evaluate({"b": 0, "c": 1})
    with pytest.raises(InvalidOption, match="violates the assumption"):
        solved("security_assumed").at({"b": 1, "c": 2})


def test_simplify_false_gives_the_same_equilibria():
    raw = symbolic_equilibria(security_dilemma(), simplify=False)
    tidy = solved("security")
    for point in ({"b": 3, "c": 1}, {"b": -3, "c": -1}, {"b": 5, "c": -2}, {"b": 1, "c": 4}):
        assert symbolic_set(raw, point) == symbolic_set(tidy, point)


def test_to_dict_is_json_ready():
    res = solved("security")
    data = json.loads(json.dumps(res.to_dict()))
    assert data["parameters"] == ["b", "c"]
    assert data["equilibria"][4]["strategies"][0] == ["c/b", "(b - c)/b"]
    assert data["regions_complete"] is True
    assert "mixed" in str(res)


# --------------------------------------------------------------------------- invariances
def _match_symbolic(res1: SymbolicEquilibria, res2: SymbolicEquilibria, perm=None) -> None:
    """Every equilibrium of res1 has exactly one in res2 with the permuted supports and equal strategies.

    ``perm[i][p]`` is the old index of player i's new strategy p.
    """
    perm = perm or [list(range(n)) for n in res1.game.shape]
    assert len(res1) == len(res2)
    for eq in res1:
        target = tuple(tuple(s[p] for p in pi) for s, pi in zip(eq.strategies, perm))
        supports = tuple(tuple(p for p, old in enumerate(pi) if old in sup) for sup, pi in zip(eq.supports, perm))
        hits = [e for e in res2 if e.supports == supports and all(
            sp.cancel(x - y) == 0 for s, t in zip(e.strategies, target) for x, y in zip(s, t))]
        assert len(hits) == 1, eq


def test_affine_transformation_leaves_equilibria_unchanged():
    base = game_2x3()
    k = sp.Symbol("k")
    pay = base.payoffs.copy()
    pay[..., 0] = np.vectorize(lambda e: 3 * e + k, otypes=[object])(pay[..., 0])
    pay[..., 1] = np.vectorize(lambda e: e / 2 - 7, otypes=[object])(pay[..., 1])
    moved = symbolic_equilibria(SymbolicGame(pay))
    _match_symbolic(solved("2x3"), moved)


@settings(max_examples=20)
@given(point=points(["x", "y"]), k=rationals, scale=st.fractions(min_value=F(1, 5), max_value=5, max_denominator=5))
def test_affine_transformation_at_points(point, k, scale):
    base = solved("2x3")
    game = base.game.subs(point)
    pay = game.payoffs.copy()
    pay[..., 0] = pay[..., 0] * scale + k
    moved = gt.NormalFormGame(pay)
    assume(not gt.is_degenerate(game, exact=True))
    assert symbolic_set(base, point) == exact_set(gt.vertex_enumeration(moved, exact=True).equilibria)


def test_relabelling_strategies_permutes_equilibria():
    base = game_2x3()
    rows, cols = [1, 0], [2, 0, 1]
    pay = base.payoffs[np.ix_(rows, cols, [0, 1])]
    permuted = symbolic_equilibria(SymbolicGame(pay, parameters=base.parameters))
    _match_symbolic(solved("2x3"), permuted, perm=[rows, cols])


# --------------------------------------------------------------------------- comparative statics
def test_paradox_of_mixed_strategies():
    """In a 2x2 mixed equilibrium a player's own payoffs do not move their own mix (Tsebelis 1989)."""
    res = solved("generic_2x2")
    mixed = [eq for eq in res if not eq.is_pure]
    assert len(mixed) == 1
    eq = mixed[0]
    for name in ("a11", "a12", "a21", "a22"):
        cs = comparative_statics(eq, name)
        assert all(d == 0 for d in cs.strategies[0]), name  # row's own payoffs: row's mix unchanged
        assert any(d != 0 for d in cs.strategies[1]), name  # ... but they move the column player's mix
    for name in ("b11", "b12", "b21", "b22"):
        cs = comparative_statics(eq, name)
        assert all(d == 0 for d in cs.strategies[1]), name


def test_comparative_statics_of_burden_sharing():
    res = solved("burden")
    mixed = [eq for eq in res if not eq.is_pure][0]
    b, c = res.game.parameters
    # each ally contributes with probability 1 - c/b
    assert sp.simplify(mixed.strategies[0][0] - (1 - c / b)) == 0
    cs = comparative_statics(mixed, c, at={"b": 4, "c": 1})
    assert isinstance(cs, ComparativeStatics)
    assert sp.simplify(cs.strategies[0][0] + 1 / b) == 0
    assert cs.strategy_values[0][0] == F(-1, 4)
    # the expected payoff b - c of a contributor: d/dc = -1, whatever b
    assert cs.payoffs[0] == -1 and cs.payoff_values[0] == -1
    # numeric derivative agrees with the symbolic one
    h = F(1, 10**6)
    up = mixed.evaluate({"b": 4, "c": 1 + h})[0][0]
    assert abs(float((up - mixed.evaluate({"b": 4, "c": 1})[0][0]) / h) - (-0.25)) < 1e-6
    assert json.dumps(cs.to_dict())
    with pytest.raises(InvalidOption, match="not a parameter"):
        comparative_statics(mixed, "z")
    with pytest.raises(InvalidOption, match="undefined"):
        comparative_statics(mixed, "c", at={"b": 0, "c": 1})


# --------------------------------------------------------------------------- three players
def test_volunteers_dilemma_closed_form():
    """Diekmann (1985), Volunteer's dilemma, J. Conflict Resolution 29(4) 605-610: in the symmetric mixed
    equilibrium each of n players does not volunteer with probability (c/b)^(1/(n-1)); here n = 3."""
    res = solved("volunteer")
    b, c = res.game.parameters
    labels = [eq.label for eq in res]
    assert labels.count("mixed {C,N}/{C,N}/{C,N} (root +)") + labels.count("mixed {C,N}/{C,N}/{C,N} (root -)") == 1
    assert len(res) == 7  # 3 pure (one volunteer), 3 with two mixers, 1 symmetric mixed
    full = [eq for eq in res if all(len(s) == 2 for s in eq.supports)][0]
    bp, cp = sp.symbols("b c", positive=True)
    for s in full.strategies:
        assert sp.simplify(s[1].xreplace({b: bp, c: cp}) - sp.sqrt(cp / bp)) == 0
    # two volunteers-in-waiting mix with probability 1 - c/b when the third stays out
    partial = [eq for eq in res if sum(len(s) == 2 for s in eq.supports) == 2]
    assert len(partial) == 3
    for eq in partial:
        for s, sup in zip(eq.strategies, eq.supports):
            if len(sup) == 2:
                assert sp.simplify(s[0] - (1 - c / b)) == 0
    # at b = 4, c = 1 the symmetric equilibrium does not volunteer with probability exactly 1/2
    at = res.at({"b": 4, "c": 1})
    assert len(at) == 7
    sym = [eq for eq in at if eq is full][0].evaluate({"b": 4, "c": 1})
    assert all(s[1] == F(1, 2) for s in sym)


@settings(max_examples=30)
@given(b=st.fractions(min_value=F(1, 9), max_value=20, max_denominator=9), ratio=st.fractions(
    min_value=F(1, 50), max_value=F(49, 50), max_denominator=50))
def test_volunteers_dilemma_at_points(b, ratio):
    res = solved("volunteer")
    point = {"b": b, "c": b * ratio}
    game = res.game.subs(point)
    found = res.at(point)
    assert len(found) == 7
    pure = {tuple(int(np.argmax(s)) for s in eq.evaluate(point)) for eq in found if eq.is_pure}
    assert pure == {tuple(int(np.argmax(s)) for s in p) for p in gt.enumpure(game, exact=True).equilibria}
    full = [eq for eq in found if all(len(s) == 2 for s in eq.supports)][0]
    q = full.evaluate(point)[0][1]
    assert abs(float(q) - float(ratio) ** 0.5) < 1e-12
    for eq in found:
        prof = eq.evaluate(point)
        if all(s.dtype == object for s in prof):
            assert game.max_regret(prof, exact=True) == 0
        else:
            assert game.max_regret(prof, exact=False) <= 1e-9 * max(1.0, float(b))


@settings(max_examples=40)
@given(point=points(["t"]))
def test_threshold_game_matches_enumpure_and_regret(point):
    res = solved("threshold")
    game = res.game.subs(point)
    assume(res.generic_at(point))
    found = res.at(point)
    pure = {tuple(int(np.argmax(s)) for s in eq.evaluate(point)) for eq in found if eq.is_pure}
    assert pure == {tuple(int(np.argmax(s)) for s in p) for p in gt.enumpure(game, exact=True).equilibria}
    span = float(game._float.max() - game._float.min())
    for eq in found:
        prof = eq.evaluate(point)
        if all(s.dtype == object for s in prof):
            assert game.max_regret(prof, exact=True) == 0
        else:
            assert game.max_regret(prof, exact=False) <= 1e-9 * max(1.0, span)


def test_threshold_game_has_the_two_roots():
    res = solved("threshold")
    full = [eq for eq in res if all(len(s) == 2 for s in eq.supports)]
    assert {eq.root for eq in full} == {1, -1}
    assert any(k == "discriminant" for eq in full for k in eq.kinds)
    found = res.at({"t": 4})
    sym = sorted(eq.evaluate({"t": 4})[0][0] for eq in found if all(len(s) == 2 for s in eq.supports))
    assert sym == [F(1, 3), F(2, 3)]
    # t = 5: discriminant 5, irrational probabilities (9 +- sqrt(5))/19, returned as floats
    irr = [eq for eq in res.at({"t": 5}) if all(len(s) == 2 for s in eq.supports)]
    assert len(irr) == 2 and all(eq.evaluate({"t": 5})[0].dtype == np.float64 for eq in irr)
    assert sorted(eq.evaluate({"t": 5})[0][0] for eq in irr) == pytest.approx(
        [(9 - 5**0.5) / 19, (9 + 5**0.5) / 19], abs=1e-12)
    # t = 7: negative discriminant, no fully mixed equilibrium
    assert not [eq for eq in res.at({"t": 7}) if all(len(s) == 2 for s in eq.supports)]


def _gambit_count(game: gt.NormalFormGame) -> int:
    pygambit = pytest.importorskip("pygambit")
    arrays = [np.vectorize(lambda x: int(x), otypes=[object])(game.payoffs[..., i]) for i in range(3)]
    g = pygambit.Game.from_arrays(*arrays)
    return len(pygambit.nash.enumpoly_solve(g, use_strategic=True).equilibria)


@pytest.mark.gambit
@pytest.mark.parametrize("name, point", [
    ("volunteer", {"b": 4, "c": 1}),
    ("volunteer", {"b": 9, "c": 2}),
    ("threshold", {"t": 4}),
    ("threshold", {"t": 5}),
    ("threshold", {"t": -1}),
])
def test_equilibrium_count_matches_gambit_enumpoly(name, point):
    res = solved(name)
    assert res.generic_at(point)
    assert len(res.at(point)) == _gambit_count(res.game.subs(point))


# --------------------------------------------------------------------------- docs
@pytest.mark.parametrize("module", ["_game", "_equilibria", "_statics"])
def test_docstring_examples_run(module):
    import importlib

    mod = importlib.import_module(f"gametheory.symbolic.{module}")
    failures, tried = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert tried > 0 and failures == 0

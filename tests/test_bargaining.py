"""Tests of gametheory.bargaining: problems, axiomatic solutions, win-sets, Rubinstein, specs.

Known answers are computed by hand in the comments; the property tests check
the axioms of each solution on random integer point sets, in exact arithmetic
where the solution is rational and in floats against a tolerance.
"""

from __future__ import annotations

import json
import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog, minimize_scalar

import gametheory as gt
from gametheory.bargaining import (
    METHODS,
    BargainingProblem,
    BargainingResult,
    RubinsteinResult,
    dictatorial,
    egalitarian,
    format_text,
    ideal_point,
    kalai_smorodinsky,
    nash_solution,
    rubinstein,
    rubinstein_frontier,
    solve_bargaining,
    solve_spec,
    utilitarian,
)
from gametheory.errors import (
    GameError,
    InfeasibleProblem,
    InvalidBargainingProblem,
    InvalidOption,
    NoAgreement,
    NotSupported,
)

TRIANGLE = [[0, 0], [4, 1], [1, 3]]


def pie() -> BargainingProblem:
    return BargainingProblem.from_inequalities([[1, 1]], [1], disagreement=[0, 0])


def fr(*vals) -> list:
    return [F(v) for v in vals]


def is_fraction_vector(v) -> bool:
    return all(isinstance(x, F) for x in v)


# ====================================================================== known answers
@pytest.mark.parametrize("w1, w2", [(1, 1), (1, 2), (3, 1), (2, 5)])
def test_split_the_pie_weighted_nash_is_weight_share(w1, w2):
    # max w1 log u1 + w2 log u2 on u1 + u2 = 1: u_i = w_i / (w1 + w2)
    res = nash_solution(pie(), weights=[w1, w2], exact=True)
    assert res.exact and is_fraction_vector(res.utilities)
    assert list(res.utilities) == [F(w1, w1 + w2), F(w2, w1 + w2)]
    assert res.residual == 0 and res.tol == 0
    assert list(res.weights) == [F(w1, w1 + w2), F(w2, w1 + w2)]
    flt = nash_solution(pie(), weights=[w1, w2])
    assert not flt.exact and flt.utilities.dtype == np.float64
    assert np.allclose(flt.utilities, [w1 / (w1 + w2), w2 / (w1 + w2)], atol=1e-9)
    assert flt.residual <= flt.tol


def test_split_the_pie_every_symmetric_solution_is_half():
    for method in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        res = solve_bargaining(pie(), method, exact=True)
        assert list(res.utilities) == fr("1/2", "1/2"), method
    assert list(dictatorial(pie(), 0, exact=True).utilities) == fr(1, 0)
    assert list(dictatorial(pie(), "2", exact=True).utilities) == fr(0, 1)


def test_triangle_solutions_by_hand_exact():
    # S = hull{(0,0), (4,1), (1,3)}, d = 0.  The Pareto edge from (4,1) to (1,3) is u2 = 11/3 - 2 u1 / 3.
    p = BargainingProblem.from_points(TRIANGLE, disagreement=[0, 0])
    # Nash: max u1 (11/3 - 2u1/3): u1 = 11/4, u2 = 11/6 (product 121/24 > 4 at (4,1)); lottery 7/12, 5/12
    nash = nash_solution(p, exact=True)
    assert list(nash.utilities) == fr("11/4", "11/6")
    assert list(nash.agreement) == fr(0, "7/12", "5/12")
    # weights (1, 2): 1/(3 u1) = (4/9) / (11/3 - 2u1/3)  ->  u1 = 11/6, u2 = 22/9
    assert list(nash_solution(p, weights=[1, 2], exact=True).utilities) == fr("11/6", "22/9")
    # KS: ideal (4, 3); 3t = 11/3 - 8t/3 -> t = 11/17 -> (44/17, 33/17): differs from Nash
    ks = kalai_smorodinsky(p, exact=True)
    assert list(ks.utilities) == fr("44/17", "33/17")
    assert list(ks.certificate["ideal_point"]) == fr(4, 3)
    # egalitarian: t = 11/3 - 2t/3 -> t = 11/5
    assert list(egalitarian(p, exact=True).utilities) == fr("11/5", "11/5")
    # utilitarian: sum grows along the edge towards (4, 1)
    assert list(utilitarian(p, exact=True).utilities) == fr(4, 1)
    assert list(dictatorial(p, 0, exact=True).utilities) == fr(4, 1)
    assert list(dictatorial(p, 1, exact=True).utilities) == fr(1, 3)
    assert [str(v) for v in ideal_point(p, exact=True)] == ["4", "3"]


@pytest.mark.parametrize("method", sorted(METHODS))
def test_triangle_float_agrees_with_exact(method):
    p = BargainingProblem.from_points(TRIANGLE, disagreement=[0, 0])
    ex = solve_bargaining(p, method, exact=True)
    fl = solve_bargaining(p, method)
    assert ex.exact and not fl.exact
    assert np.allclose(fl.utilities, np.asarray(ex.utilities, dtype=float), atol=1e-9)
    assert np.allclose(fl.agreement, np.asarray(ex.agreement, dtype=float), atol=1e-8)
    assert 0 <= fl.residual <= fl.tol
    assert ex.certificate["feasibility"] == 0


def test_result_object_is_frozen_and_serialisable():
    res = nash_solution(BargainingProblem.from_points(TRIANGLE, disagreement=[0, 0]), exact=True)
    assert isinstance(res, BargainingResult)
    with pytest.raises(AttributeError):
        res.method = "x"  # type: ignore[misc]
    with pytest.raises(ValueError):
        res.utilities[0] = 0
    d = res.to_dict()
    json.dumps(d)
    assert d["utilities"] == ["11/4", "11/6"] and d["residual"] == "0" and d["status"] == "ok"
    assert d["agreement_labels"] == ["p1", "p2", "p3"]
    text = str(res)
    assert "11/4" in text and "exact" in text
    fl = nash_solution(BargainingProblem.from_points(TRIANGLE, disagreement=[0, 0]))
    json.dumps(fl.to_dict())
    assert isinstance(fl.to_dict()["utilities"][0], float)


def test_float_data_in_exact_mode_reads_decimals():
    p = BargainingProblem.from_inequalities([[1.0, 1.0]], [0.9], disagreement=[0.1, 0.0])
    assert not p.is_exact
    res = nash_solution(p, exact=True)
    # gains over d share the rest equally: u1 - 1/10 = u2 = (9/10 - 1/10) / 2
    assert list(res.utilities) == fr("1/2", "2/5")


def test_three_players_symmetric_exact():
    p = BargainingProblem.from_points([[0, 0, 0], [6, 0, 0], [0, 6, 0], [0, 0, 6], [3, 3, 3]], disagreement=[0, 0, 0])
    for method in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        res = solve_bargaining(p, method, exact=True)
        assert list(res.utilities) == fr(3, 3, 3), method
    assert list(dictatorial(p, 2, exact=True).utilities) == fr(0, 0, 6)


def test_three_players_irrational_nash_falls_back_to_certified_float():
    # Two facets 4u1+3u2+u3 <= 13 and u1+5u2+4u3 <= 10 meet in an edge on which the
    # first-order condition is a quadratic with irrational roots.
    A, b = [[4, 3, 1], [1, 5, 4]], [13, 10]
    p = BargainingProblem.from_inequalities(A, b, disagreement=[0, 0, 0])
    res = nash_solution(p, exact=True)
    assert not res.exact and "irrational" in res.message
    assert res.residual <= res.tol
    u = np.asarray(res.utilities, dtype=float)
    assert np.allclose(np.asarray(A) @ u, b, atol=1e-9)
    # independent check: maximise sum log u along the edge u = p0 + s v
    v = np.cross(A[0], A[1]).astype(float)
    p0 = np.linalg.lstsq(np.asarray(A, float), np.asarray(b, float), rcond=None)[0]
    lo = max(-p0[i] / v[i] for i in range(3) if v[i] > 0)
    hi = min(-p0[i] / v[i] for i in range(3) if v[i] < 0)
    best = minimize_scalar(lambda s: -np.sum(np.log(p0 + s * v)), bounds=(lo, hi), method="bounded",
                           options={"xatol": 1e-12})
    assert np.allclose(p0 + best.x * v, u, atol=1e-6)


def test_from_linear_budget_split():
    # x1 + x2 <= 10, x >= 0; u1 = x1, u2 = 2 x2: S = {u1 + u2/2 <= 10}; Nash halves each budget share
    p = BargainingProblem.from_linear([[-1, 0], [0, -1], [1, 1]], [0, 0, 10], utility_matrix=[[1, 0], [0, 2]],
                                      disagreement=[0, 0], labels=["guns", "butter"])
    res = nash_solution(p, exact=True)
    assert list(res.utilities) == fr(5, 10) and list(res.agreement) == fr(5, 5)
    assert "guns: 5" in str(res)
    # KS: ideal (10, 20) -> the ray t (10, 20) meets the budget at t = 1/2
    assert list(kalai_smorodinsky(p, exact=True).utilities) == fr(5, 10)
    # egalitarian: u1 = u2 = t with t + t/2 = 10
    assert list(egalitarian(p, exact=True).utilities) == fr("20/3", "20/3")


def test_from_linear_with_equality_and_offset():
    # x1 + x2 + x3 == 1, x >= 0 (x3 is money left on the table), u = (x1 + 1, x2), d = (1, 0): the pie, shifted
    p = BargainingProblem.from_linear(-np.eye(3, dtype=int), [0, 0, 0], utility_matrix=[[1, 0, 0], [0, 1, 0]],
                                      utility_offset=[1, 0], A_eq=[[1, 1, 1]], b_eq=[1], disagreement=[1, 0])
    res = nash_solution(p, exact=True)
    assert list(res.utilities) == fr("3/2", "1/2") and list(res.agreement) == fr("1/2", "1/2", 0)


def test_free_disposal_points():
    pts = [[4, 1], [1, 3]]
    with pytest.raises(InfeasibleProblem, match="outside the feasible set"):
        BargainingProblem.from_points(pts, disagreement=[0, 0])
    p = BargainingProblem.from_points(pts, disagreement=[0, 0], free_disposal=True)
    assert list(nash_solution(p, exact=True).utilities) == fr("11/4", "11/6")
    assert list(nash_solution(p, exact=True).agreement) == fr("7/12", "5/12")
    assert list(kalai_smorodinsky(p, exact=True).utilities) == fr("44/17", "33/17")


def test_from_game_battle_of_the_sexes():
    bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    p = BargainingProblem.from_game(bos)
    # security levels: each player can guarantee 2/3 by mixing (2/3, 1/3)
    assert list(p.disagreement) == fr("2/3", "2/3")
    res = nash_solution(p, exact=True)
    assert list(res.utilities) == fr("3/2", "3/2")
    weights = dict(zip(p.labels, res.agreement))
    assert weights["1,1"] == F(1, 2) and weights["2,2"] == F(1, 2)
    p0 = BargainingProblem.from_game(bos, disagreement=[0, 0], free_disposal=False)
    assert list(kalai_smorodinsky(p0, exact=True).utilities) == fr("3/2", "3/2")


# ====================================================================== no agreement
def test_no_point_better_for_everyone_raises_or_reports():
    p = BargainingProblem.from_points([[0, 0], [1, 0], [2, 0]], disagreement=[0, 0])
    for method in sorted(METHODS):
        with pytest.raises(NoAgreement, match="more than the disagreement point"):
            solve_bargaining(p, method)
        res = solve_bargaining(p, method, exact=True, allow_disagreement=True)
        assert res.status == "no_agreement" and not res.agreed
        assert list(res.utilities) == fr(0, 0) and res.agreement is None
        assert "no agreement" in str(res)
        json.dumps(res.to_dict())


# ====================================================================== win-sets
def test_win_set_binding_is_reported():
    # parliament 1 ratifies only u1 >= 3/5: Nash moves from (1/2, 1/2) to (3/5, 2/5)
    ratified = pie().with_constraints([[-1, 0]], ["-3/5"], name="parliament 1")
    res = nash_solution(ratified, exact=True)
    assert list(res.utilities) == fr("3/5", "2/5")
    assert res.binding == ("parliament 1",)
    # KS uses the constrained ideal point (1, 2/5): t + 2t/5 = 1 -> (5/7, 2/7), not on the win-set boundary
    ks = kalai_smorodinsky(ratified, exact=True)
    assert list(ks.utilities) == fr("5/7", "2/7") and ks.binding == ()
    # float mode reports the same binding set
    assert nash_solution(ratified).binding == ("parliament 1",)
    assert pie().constraints == () and len(ratified.constraints) == 1  # frozen: the original is untouched


def test_empty_intersection_of_win_sets_is_no_agreement():
    two = pie().with_constraints([[-1, 0]], ["-3/5"], name="A").with_constraints([[0, -1]], ["-1/2"], name="B")
    with pytest.raises(NoAgreement, match="empty intersection"):
        nash_solution(two)
    for method in sorted(METHODS):
        res = solve_bargaining(two, method, exact=True, allow_disagreement=True)
        assert res.status == "no_agreement" and "empty intersection" in res.message
        assert list(res.utilities) == fr(0, 0)


def test_win_set_leaving_no_gain_for_someone_is_no_agreement():
    only_corner = pie().with_constraints([[-1, 0]], [-1], name="hawks")
    with pytest.raises(NoAgreement):
        kalai_smorodinsky(only_corner, exact=True)


def test_win_set_on_the_agreement_two_level_game():
    # Putnam's two-level game: the negotiators split a budget of 10 (x1 to A's priority, x2 to B's);
    # A's legislature ratifies only x2 <= 4.  Unconstrained Nash: x = (5, 5).
    p = BargainingProblem.from_linear([[-1, 0], [0, -1], [1, 1]], [0, 0, 10], utility_matrix=[[1, 0], [0, 1]],
                                      disagreement=[0, 0], labels=["A's programme", "B's programme"])
    level2 = p.with_constraints([[0, 1]], [4], on="agreement", name="A's legislature")
    res = nash_solution(level2, exact=True)
    assert list(res.agreement) == fr(6, 4) and res.binding == ("A's legislature",)
    assert list(egalitarian(level2, exact=True).utilities) == fr(6, 4)
    # B's legislature wants x2 >= 5: no ratifiable agreement
    both = level2.with_constraints([[0, -1]], [-5], on="agreement", name="B's legislature")
    res = nash_solution(both, allow_disagreement=True)
    assert res.status == "no_agreement"


# ====================================================================== frontier problems
def quarter_circle(**kw) -> BargainingProblem:
    return BargainingProblem.from_frontier(lambda u: math.sqrt(max(0.0, 1 - u * u)), (0, 1), disagreement=[0, 0], **kw)


def parabola(**kw) -> BargainingProblem:
    return BargainingProblem.from_frontier(lambda u: 1 - u * u, (0, 1), disagreement=[0, 0], **kw)


def test_frontier_known_solutions():
    r = 1 / math.sqrt(2)
    for method in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        res = solve_bargaining(quarter_circle(), method)
        assert np.allclose(res.utilities, [r, r], atol=1e-7), method
        assert res.residual <= res.tol
    # weighted Nash on the circle: w1 (1 - u^2) = w2 u^2 -> u1 = sqrt(w1 / (w1 + w2))
    res = nash_solution(quarter_circle(), weights=[1, 2])
    assert np.allclose(res.utilities, [math.sqrt(1 / 3), math.sqrt(2 / 3)], atol=1e-7)
    # u2 = 1 - u1^2: Nash 1 - 3u^2 = 0; KS and egalitarian t = 1 - t^2; utilitarian 1 - 2u = 0
    for kw in ({}, {"derivative": lambda u: -2 * u}):
        assert np.allclose(nash_solution(parabola(**kw)).utilities, [1 / math.sqrt(3), 2 / 3], atol=1e-8)
        golden = (math.sqrt(5) - 1) / 2
        assert np.allclose(kalai_smorodinsky(parabola(**kw)).utilities, [golden, golden], atol=1e-9)
        assert np.allclose(egalitarian(parabola(**kw)).utilities, [golden, golden], atol=1e-9)
        assert np.allclose(utilitarian(parabola(**kw)).utilities, [0.5, 0.75], atol=1e-8)
        assert np.allclose(dictatorial(parabola(**kw), 0).utilities, [1, 0])
        assert np.allclose(dictatorial(parabola(**kw), 1).utilities, [0, 1])


def test_linear_frontier_matches_polytope():
    line = BargainingProblem.from_frontier(lambda u: 3 - u, (0, 3), disagreement=[1, 0])
    poly = BargainingProblem.from_inequalities([[1, 1], [-1, 0]], [3, 0], disagreement=[1, 0])
    for method in sorted(METHODS):
        a, b = solve_bargaining(line, method), solve_bargaining(poly, method, exact=True)
        assert np.allclose(a.utilities, np.asarray(b.utilities, dtype=float), atol=1e-7), method


def test_frontier_with_win_sets():
    capped = parabola().with_constraints([[1, 0]], [0.4], name="cap")
    res = nash_solution(capped)  # unconstrained u1 = 0.577 > 0.4
    assert np.allclose(res.utilities, [0.4, 0.84]) and res.binding == ("cap",)
    both = capped.with_constraints([[0, 1]], [0.9], name="ceiling")
    ks = kalai_smorodinsky(both)  # ideal (0.4, 0.9): 0.9 t = 1 - 0.16 t^2
    t = (-0.9 + math.sqrt(0.81 + 0.64)) / 0.32
    assert np.allclose(ks.utilities, [0.4 * t, 0.9 * t], atol=1e-9)
    empty = parabola().with_constraints([[-1, 0], [0, -1]], [-0.9, -0.5], name="demands")
    with pytest.raises(NoAgreement):
        nash_solution(empty)
    assert nash_solution(empty, allow_disagreement=True).status == "no_agreement"


def test_frontier_errors():
    with pytest.raises(InvalidBargainingProblem, match="concave"):
        BargainingProblem.from_frontier(lambda u: 1 - math.sqrt(u), (0, 1), disagreement=[0, 0])
    with pytest.raises(InvalidBargainingProblem, match="non-increasing"):
        BargainingProblem.from_frontier(lambda u: u, (0, 1), disagreement=[0, 0])
    with pytest.raises(InvalidBargainingProblem, match="ZeroDivisionError"):
        BargainingProblem.from_frontier(lambda u: 1 / u, (0, 1), disagreement=[0.5, 0])
    with pytest.raises(InvalidBargainingProblem, match="not a finite number"):
        BargainingProblem.from_frontier(lambda u: float("nan"), (0, 1), disagreement=[0, 0])
    with pytest.raises(InvalidBargainingProblem, match="lo < hi"):
        BargainingProblem.from_frontier(lambda u: 1 - u, (1, 0), disagreement=[0, 0])
    with pytest.raises(InvalidBargainingProblem, match="function"):
        BargainingProblem.from_frontier(3, (0, 1), disagreement=[0, 0])
    with pytest.raises(InfeasibleProblem, match="above the frontier"):
        BargainingProblem.from_frontier(lambda u: 1 - u, (0, 1), disagreement=[0.5, 0.6])
    with pytest.raises(InfeasibleProblem, match="outside the domain"):
        BargainingProblem.from_frontier(lambda u: 1 - u, (0, 1), disagreement=[2, 0])
    with pytest.raises(InvalidBargainingProblem, match="2 entries"):
        BargainingProblem.from_frontier(lambda u: 1 - u, (0, 1), disagreement=[0, 0, 0])
    with pytest.raises(NotSupported, match="floating point"):
        nash_solution(parabola(), exact=True)
    with pytest.raises(InvalidBargainingProblem, match="on='utilities'"):
        parabola().with_constraints([[1, 0]], [1], on="agreement")


# ====================================================================== input errors
@pytest.mark.parametrize(
    "points, d, match",
    [
        ([[0, 0], [1]], [0, 0], "ragged"),
        ([[0, float("nan")], [1, 1]], [0, 0], "not a finite number"),
        ([[0], [1]], [0], "n >= 2"),
        (np.zeros((0, 2)), [0, 0], "empty"),
        ([], [0, 0], "points is empty"),
        ([[0, 0], [1, 1]], [], "disagreement is empty"),
        ([[0, 0], [1, 1]], [0, 0, 0], "3 entries"),
        ([[0, 0], [1, 1]], [0, "x"], "not a number"),
        ([1, 2], [0, 0], "matrix"),
    ],
)
def test_from_points_bad_input(points, d, match):
    with pytest.raises(InvalidBargainingProblem, match=match) as info:
        BargainingProblem.from_points(points, disagreement=d)
    assert "from_points" in str(info.value)


def test_polytope_errors():
    with pytest.raises(InfeasibleProblem, match="outside the feasible set"):
        BargainingProblem.from_points(TRIANGLE, disagreement=[3, 3])
    with pytest.raises(InfeasibleProblem, match="empty"):
        BargainingProblem.from_inequalities([[1, 0], [-1, 0]], [-1, -2], disagreement=[0, 0])
    with pytest.raises(InvalidBargainingProblem, match="unbounded"):
        BargainingProblem.from_inequalities([[1, -1]], [0], disagreement=[0, 0])
    with pytest.raises(InvalidBargainingProblem, match="columns"):
        BargainingProblem.from_inequalities([[1, 1, 1]], [1], disagreement=[0, 0])
    with pytest.raises(InvalidBargainingProblem, match="rows but b"):
        BargainingProblem.from_inequalities([[1, 1]], [1, 2], disagreement=[0, 0])
    with pytest.raises(InvalidBargainingProblem, match="pinned down"):
        BargainingProblem.from_linear([[1, 0]], [1], utility_matrix=[[1, 0], [2, 0]], disagreement=[0, 0])
    with pytest.raises(InvalidBargainingProblem, match="labels"):
        BargainingProblem.from_points(TRIANGLE, disagreement=[0, 0], labels=["a", "b"])
    with pytest.raises(InvalidBargainingProblem, match="repeats"):
        BargainingProblem.from_points(TRIANGLE, disagreement=[0, 0], players=["A", "A"])
    with pytest.raises(InvalidBargainingProblem, match="A_eq"):
        BargainingProblem.from_linear([[1]], [1], utility_matrix=[[1], [1]], disagreement=[0, 0], A_eq=[[1]])
    with pytest.raises(InvalidBargainingProblem, match="NormalFormGame"):
        BargainingProblem.from_game([[1, 2]])
    p = pie()
    with pytest.raises(InvalidBargainingProblem, match="2 players"):
        p.with_constraints([[1, 1, 1]], [1])
    with pytest.raises(InvalidBargainingProblem, match="on must be"):
        p.with_constraints([[1, 1]], [1], on="votes")
    with pytest.raises(InvalidBargainingProblem, match="already exists"):
        p.with_constraints([[1, 0]], [1], name="x").with_constraints([[0, 1]], [1], name="x")
    assert issubclass(InfeasibleProblem, InvalidBargainingProblem) and issubclass(NoAgreement, GameError)


@pytest.mark.parametrize("weights", [[1], [1, 0], [1, -2], [1, float("nan")], [1, float("inf")], [[1, 2]], ["a", 1]])
def test_bad_weights(weights):
    with pytest.raises(InvalidOption, match="weights"):
        nash_solution(pie(), weights=weights)


def test_bad_options():
    with pytest.raises(InvalidBargainingProblem, match="BargainingProblem"):
        nash_solution([[0, 0], [1, 1]])
    with pytest.raises(InvalidOption, match="tol"):
        egalitarian(pie(), tol=-1)
    with pytest.raises(InvalidOption, match="exact"):
        egalitarian(pie(), exact="yes")
    with pytest.raises(InvalidOption, match="player"):
        dictatorial(pie(), player=5)
    with pytest.raises(InvalidOption, match="unknown method"):
        solve_bargaining(pie(), "shapley")
    with pytest.raises(InvalidOption, match="bad options"):
        solve_bargaining(pie(), "egalitarian", weights=[1, 2])
    with pytest.raises(InvalidOption, match="solver"):
        nash_solution(pie(), solver="OSQP")


# ====================================================================== Rubinstein
def test_rubinstein_closed_form_exact():
    # Rubinstein (1982), Econometrica 50(1), 97-109: x1 = (1 - d2) / (1 - d1 d2) = (1/5) / (7/25) = 5/7; player 2 offers y1 = d1 x1 = 9/14
    res = rubinstein(delta1=F(9, 10), delta2=F(4, 5))
    assert isinstance(res, RubinsteinResult) and res.exact
    assert list(res.shares) == fr("5/7", "2/7") and res.residual == 0
    assert [list(p) for p in res.proposals] == [fr("5/7", "2/7"), fr("9/14", "5/14")]
    assert list(rubinstein(delta1="9/10", delta2="4/5", proposer=1).shares) == fr("9/14", "5/14")
    assert list(rubinstein(delta1=0.9, delta2=0.8, exact=True).shares) == fr("5/7", "2/7")
    assert list(rubinstein(delta1=0, delta2=0).shares) == fr(1, 0)  # take-it-or-leave-it
    assert list(rubinstein(delta1=1, delta2=F(1, 2)).shares) == fr(1, 0)  # infinitely patient player 1
    flt = rubinstein(delta1=0.9, delta2=0.8)
    assert not flt.exact and np.allclose(flt.shares, [5 / 7, 2 / 7])
    json.dumps(res.to_dict())
    assert res.to_dict()["shares"] == ["5/7", "2/7"] and "5/7" in str(res)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"delta1": 1.5, "delta2": 0.5}, "not a discount factor"),
        ({"delta1": -0.1, "delta2": 0.5}, "not a discount factor"),
        ({"delta1": 1, "delta2": 1}, "delta1 = delta2 = 1"),
        ({"delta1": float("nan"), "delta2": 0.5}, "delta1"),
        ({"delta1": 0.5}, "delta2"),
        ({"delta1": 0.5, "delta2": 0.5, "rates": (1, 1), "period": 1}, "not both"),
        ({"rates": (1, 1)}, "period"),
        ({"rates": (1, 1), "period": 0}, "period"),
        ({"rates": (1, -1), "period": 1}, "rates"),
        ({"rates": (0, 0), "period": 1}, "both discount factors are 1"),
        ({"delta1": 0.5, "delta2": 0.5, "proposer": 2}, "proposer"),
        ({"rates": (1, 2), "period": 0.1, "exact": True}, "irrational"),
    ],
)
def test_rubinstein_bad_input(kwargs, match):
    with pytest.raises(InvalidOption, match=match):
        rubinstein(**kwargs)


def test_rubinstein_frontier_matches_closed_form_on_the_pie():
    line = BargainingProblem.from_frontier(lambda u: 1 - u, (0, 1), disagreement=[0, 0])
    for d1, d2, who in ((0.9, 0.8, 0), (0.5, 0.95, 1), (0.3, 0.3, 0)):
        exact = rubinstein(delta1=d1, delta2=d2, proposer=who, exact=True)
        for problem in (line, pie()):
            res = rubinstein(delta1=d1, delta2=d2, proposer=who, problem=problem)
            assert res.method == "rubinstein_frontier"
            assert np.allclose(res.shares, np.asarray(exact.shares, dtype=float), atol=1e-9)
            assert res.residual <= res.tol


def test_rubinstein_frontier_indifference_conditions():
    res = rubinstein_frontier(parabola(), delta1=0.7, delta2=0.6)
    (x1, x2), (y1, y2) = res.proposals
    assert x2 == pytest.approx(1 - x1 * x1) and y2 == pytest.approx(1 - y1 * y1)
    assert x2 == pytest.approx(0.6 * y2, abs=1e-10) and y1 == pytest.approx(0.7 * x1, abs=1e-10)
    with pytest.raises(NotSupported):
        rubinstein_frontier(BargainingProblem.from_points([[0, 0, 0], [1, 1, 1]], disagreement=[0, 0, 0]), delta1=0.5, delta2=0.5)


@pytest.mark.parametrize("proposer", [0, 1])
def test_rubinstein_period_to_zero_gives_asymmetric_nash(proposer):
    # Binmore, Rubinstein & Wolinsky (1986), RAND J. Econ. 17(2), 176-188: with delta_i = exp(-r_i dt),
    # the SPE tends to the Nash solution with weights 1/r_i as dt -> 0.  Nonlinear frontier u2 = 1 - u1^2.
    rates = (1.0, 2.0)
    target = nash_solution(parabola(), weights=[1 / rates[0], 1 / rates[1]]).utilities
    gaps = []
    for dt in (0.1, 0.01, 0.001, 0.0001):
        res = rubinstein_frontier(parabola(), rates=rates, period=dt, proposer=proposer)
        gaps.append(float(np.max(np.abs(res.shares - target))))
    assert all(a > b for a, b in zip(gaps, gaps[1:]))
    assert gaps[-1] < 1e-3
    assert gaps[0] > 1e-2  # the first-mover advantage is visible at coarse periods


# ====================================================================== JSON specs
SPEC = {
    "points": [[0, 0], [4, 1], [1, 3]],
    "disagreement": [0, 0],
    "free_disposal": False,
    "solutions": ["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"],
    "weights": [1, 2],
    "exact": True,
    "win_sets": [{"on": "utilities", "A": [[1, 0]], "b": [3], "name": "parliament"}],
    "rubinstein": {"delta1": 0.9, "delta2": 0.8},
}


def test_spec_example():
    out = solve_spec(SPEC)
    json.dumps(out)
    sols = out["solutions"]
    assert sols["nash"]["utilities"] == ["11/6", "22/9"]
    assert sols["utilitarian"]["utilities"] == ["3", "5/3"] and sols["utilitarian"]["binding"] == ["parliament"]
    assert out["rubinstein"]["method"] == "rubinstein_frontier"
    text = format_text(out)
    assert "parliament" in text and "11/6" in text
    pie_only = solve_spec({"rubinstein": {"delta1": "9/10", "delta2": "4/5"}})
    assert pie_only["rubinstein"]["shares"] == ["5/7", "2/7"]
    ineq = solve_spec({"inequalities": {"A": [[1, 1]], "b": [1]}, "disagreement": [0, 0], "exact": True,
                       "solutions": ["dictatorial"]})
    assert ineq["solutions"]["dictatorial_1"]["utilities"] == ["0", "1"]
    lin = solve_spec({"linear": {"A": [[-1, 0], [0, -1], [1, 1]], "b": [0, 0, 10], "utility_matrix": [[1, 0], [0, 2]]},
                      "disagreement": [0, 0], "labels": ["guns", "butter"], "solutions": ["nash"], "exact": True,
                      "win_sets": [{"on": "agreement", "A": [[1, 0]], "b": [4], "name": "senate"}]})
    assert lin["solutions"]["nash"]["agreement"] == ["4", "6"] and lin["solutions"]["nash"]["binding"] == ["senate"]
    assert "guns=4" in format_text(lin)
    none = solve_spec({"points": [[0, 0], [1, 0]], "disagreement": [0, 0]})
    assert none["solutions"]["nash"]["status"] == "no_agreement"
    assert "no agreement" in format_text(none)


@pytest.mark.parametrize(
    "change, error, match",
    [
        ({"colour": 1}, InvalidOption, "unknown key"),
        ({"solutions": ["nash", "shapley"]}, InvalidOption, "unknown solution"),
        ({"exact": "yes"}, InvalidOption, "true or false"),
        ({"inequalities": {"A": [[1, 1]], "b": [1]}}, InvalidBargainingProblem, "one feasible set"),
        ({"win_sets": [{"A": [[1, 0]], "b": [3], "colour": 2}]}, InvalidOption, "unknown key"),
        ({"win_sets": [{"A": [[1, 0]]}]}, InvalidBargainingProblem, "needs 'A' and 'b'"),
        ({"disagreement": None}, InvalidBargainingProblem, "disagreement"),
        ({"rubinstein": {"delta1": 2, "delta2": 0.5}}, InvalidOption, "discount factor"),
        ({"rubinstein": {"delta1": 0.5, "delta2": 0.5, "over": "cake"}}, InvalidOption, "over"),
    ],
)
def test_spec_errors(change, error, match):
    spec = {**SPEC, **change}
    if change.get("disagreement", 0) is None:
        del spec["disagreement"]
    with pytest.raises(error, match=match):
        solve_spec(spec)


def test_spec_must_have_something_to_solve():
    with pytest.raises(InvalidBargainingProblem, match="nothing to solve"):
        solve_spec({})
    with pytest.raises(InvalidBargainingProblem, match="needs a feasible set"):
        solve_spec({"disagreement": [0, 0]})
    with pytest.raises(InvalidBargainingProblem, match="JSON object"):
        solve_spec([1, 2])


# ====================================================================== property tests
coord = st.integers(0, 8)


@st.composite
def point_sets(draw, n: int = 2, max_points: int = 5, free_disposal: bool | None = None):
    """Integer point sets containing d = 0 and a point better than d for everyone."""
    k = draw(st.integers(1, max_points))
    pts = draw(st.lists(st.lists(coord, min_size=n, max_size=n), min_size=k, max_size=k))
    good = draw(st.lists(st.integers(1, 8), min_size=n, max_size=n))
    fd = draw(st.booleans()) if free_disposal is None else free_disposal
    return [[0] * n, good] + pts, fd


def hull_pareto_gap(points, fd: bool, u) -> float:
    """Independent check (scipy): max sum(v - u) over v >= u in the hull (plus disposal)."""
    P = np.asarray(points, dtype=float)
    k, n = P.shape
    u = np.asarray(u, dtype=float)
    # variables (lambda, v): v <= (=) P^T lambda, v >= u, lambda in the simplex
    c = np.concatenate([np.zeros(k), -np.ones(n)])
    link = np.hstack([-P.T, np.eye(n)])
    A_ub = [np.hstack([np.zeros((n, k)), -np.eye(n)])]
    b_ub = [-u + 1e-9]
    A_eq = [np.concatenate([np.ones(k), np.zeros(n)])[None, :]]
    b_eq = [[1.0]]
    if fd:
        A_ub.append(link)
        b_ub.append(np.zeros(n))
    else:
        A_eq.append(link)
        b_eq.append(np.zeros(n))
    res = linprog(c, A_ub=np.vstack(A_ub), b_ub=np.concatenate(b_ub), A_eq=np.vstack(A_eq), b_eq=np.concatenate(b_eq),
                  bounds=[(0, None)] * k + [(None, None)] * n, method="highs")
    assert res.status == 0
    return -res.fun - u.sum()


SOLVERS = {
    "nash": nash_solution,
    "kalai_smorodinsky": kalai_smorodinsky,
    "egalitarian": egalitarian,
    "utilitarian": utilitarian,
    "dictatorial": dictatorial,
}


@settings(max_examples=30)
@given(point_sets(n=2), st.sampled_from(sorted(SOLVERS)))
def test_property_pareto_optimal_exact_and_float(data, method):
    points, fd = data
    p = BargainingProblem.from_points(points, disagreement=[0, 0], free_disposal=fd)
    ex = SOLVERS[method](p, exact=True)
    fl = SOLVERS[method](p)
    assert ex.exact and ex.residual == 0 and ex.certificate["feasibility"] == 0
    assert hull_pareto_gap(points, fd, ex.utilities) <= 1e-7
    assert hull_pareto_gap(points, fd, fl.utilities) <= 1e-6
    assert np.allclose(fl.utilities, np.asarray(ex.utilities, dtype=float), atol=1e-6)
    assert all(u >= 0 for u in ex.utilities)  # individually rational
    # no input point dominates the solution (exact)
    assert not any(all(q[i] >= ex.utilities[i] for i in range(2)) and any(q[i] > ex.utilities[i] for i in range(2))
                   for q in points)


@settings(max_examples=15)
@given(point_sets(n=3, max_points=4), st.sampled_from(["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"]))
def test_property_pareto_optimal_three_players(data, method):
    points, fd = data
    p = BargainingProblem.from_points(points, disagreement=[0, 0, 0], free_disposal=fd)
    res = SOLVERS[method](p, exact=True)
    assert res.residual == 0 or not res.exact
    assert hull_pareto_gap(points, fd, res.utilities) <= 1e-6


@settings(max_examples=25)
@given(point_sets(n=2, max_points=4), st.integers(0, 2), st.sampled_from(["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"]))
def test_property_symmetry(data, c, method):
    points, fd = data
    mirrored = points + [[q[1], q[0]] for q in points]
    p = BargainingProblem.from_points(mirrored, disagreement=[0, 0], free_disposal=fd)
    ex = SOLVERS[method](p, exact=True)
    assert ex.utilities[0] == ex.utilities[1]
    fl = SOLVERS[method](p)
    assert abs(fl.utilities[0] - fl.utilities[1]) <= 1e-7
    # a symmetric disagreement point off the origin, inside the set by free disposal
    q = BargainingProblem.from_points(mirrored, disagreement=[F(c, 4), F(c, 4)], free_disposal=True)
    res = SOLVERS[method](q, exact=True, allow_disagreement=True)
    assert res.utilities[0] == res.utilities[1]


affine = st.tuples(st.integers(1, 5), st.integers(-4, 4))


@settings(max_examples=25)
@given(point_sets(n=2), affine, affine, st.sampled_from(["nash", "kalai_smorodinsky"]))
def test_property_invariance_to_positive_affine_maps(data, t1, t2, method):
    points, fd = data
    (a1, b1), (a2, b2) = t1, t2
    alpha = [F(a1, 2), F(a2, 3)]
    beta = [F(b1), F(b2, 7)]
    p = BargainingProblem.from_points(points, disagreement=[0, 0], free_disposal=fd)
    moved = [[alpha[i] * q[i] + beta[i] for i in range(2)] for q in points]
    p2 = BargainingProblem.from_points(moved, disagreement=beta, free_disposal=fd)
    r1, r2 = SOLVERS[method](p, exact=True), SOLVERS[method](p2, exact=True)
    assert [alpha[i] * r1.utilities[i] + beta[i] for i in range(2)] == list(r2.utilities)
    f1, f2 = SOLVERS[method](p), SOLVERS[method](p2)
    expect = [float(alpha[i]) * f1.utilities[i] + float(beta[i]) for i in range(2)]
    assert np.allclose(expect, f2.utilities, atol=1e-7)


@settings(max_examples=25)
@given(point_sets(n=2), st.integers(1, 4), st.integers(-4, 4), st.integers(-4, 4),
       st.sampled_from(["egalitarian", "utilitarian"]))
def test_property_egalitarian_utilitarian_common_scale_and_shift(data, a, b1, b2, method):
    points, fd = data
    beta = [F(b1), F(b2)]
    p = BargainingProblem.from_points(points, disagreement=[0, 0], free_disposal=fd)
    moved = [[a * q[i] + beta[i] for i in range(2)] for q in points]
    p2 = BargainingProblem.from_points(moved, disagreement=beta, free_disposal=fd)
    r1, r2 = SOLVERS[method](p, exact=True), SOLVERS[method](p2, exact=True)
    assert [a * r1.utilities[i] + beta[i] for i in range(2)] == list(r2.utilities)
    f1, f2 = SOLVERS[method](p), SOLVERS[method](p2)
    assert np.allclose([a * f1.utilities[i] + float(beta[i]) for i in range(2)], f2.utilities, atol=1e-7)


@settings(max_examples=25)
@given(point_sets(n=2), st.lists(st.integers(0, 3), min_size=2, max_size=2), st.integers(0, 3))
def test_property_nash_independence_of_irrelevant_alternatives(data, normal, slack):
    points, fd = data
    assume(any(normal))
    p = BargainingProblem.from_points(points, disagreement=[0, 0], free_disposal=fd)
    res = nash_solution(p, exact=True)
    u = res.utilities
    # T = S cut by a half-space that keeps the Nash point: the solution must not move
    bound = sum(ci * ui for ci, ui in zip(normal, u)) + slack
    smaller = p.with_constraints([normal], [bound], name="cut")
    assert list(nash_solution(smaller, exact=True).utilities) == list(u)
    assert np.allclose(nash_solution(smaller).utilities, np.asarray(u, dtype=float), atol=1e-7)
    # T = hull of the points the agreement uses (and d): also contains the Nash point
    support = [q for q, x in zip(points, res.agreement) if x > 0] + [[0, 0]]
    sub = BargainingProblem.from_points(support, disagreement=[0, 0], free_disposal=fd)
    assert list(nash_solution(sub, exact=True).utilities) == list(u)


@settings(max_examples=25)
@given(point_sets(n=2), st.lists(st.integers(0, 10), min_size=2, max_size=2), st.integers(0, 1))
def test_property_kalai_smorodinsky_individual_monotonicity(data, extra, j):
    points, _ = data
    # Kalai & Smorodinsky (1975): S within T with the same ideal for player j -> KS_i(T) >= KS_i(S), i != j
    S = BargainingProblem.from_points(points, disagreement=[0, 0], free_disposal=True)
    T = BargainingProblem.from_points(points + [extra], disagreement=[0, 0], free_disposal=True)
    aS, aT = ideal_point(S, exact=True), ideal_point(T, exact=True)
    assume(aS[j] == aT[j])
    i = 1 - j
    assert kalai_smorodinsky(T, exact=True).utilities[i] >= kalai_smorodinsky(S, exact=True).utilities[i]


@settings(max_examples=25)
@given(point_sets(n=2), st.integers(1, 6), st.integers(1, 6), st.integers(1, 6))
def test_property_weights_to_shares_monotone(data, w_low, w_step, w2):
    points, fd = data
    p = BargainingProblem.from_points(points, disagreement=[0, 0], free_disposal=fd)
    low = nash_solution(p, weights=[w_low, w2], exact=True)
    high = nash_solution(p, weights=[w_low + w_step, w2], exact=True)
    assert low.utilities[0] <= high.utilities[0]
    assert low.utilities[1] >= high.utilities[1]


@settings(max_examples=25)
@given(point_sets(n=2), st.lists(st.integers(1, 5), min_size=2, max_size=2), st.integers(0, 2**32 - 1))
def test_property_nash_maximises_the_weighted_product(data, w, seed):
    points, fd = data
    p = BargainingProblem.from_points(points, disagreement=[0, 0], free_disposal=fd)
    res = nash_solution(p, weights=w, exact=True)
    wn = np.asarray(w, dtype=float) / sum(w)

    def value(u):
        u = np.asarray(u, dtype=float)
        return -math.inf if np.any(u <= 0) else float(wn @ np.log(u))

    best = value(res.utilities)
    rng = np.random.default_rng(seed)
    P = np.asarray(points, dtype=float)
    candidates = list(P) + list(rng.dirichlet(np.ones(len(P)), size=50) @ P)
    assert all(value(c) <= best + 1e-12 for c in candidates)


@settings(max_examples=20)
@given(st.floats(0.5, 3.0), st.floats(0.2, 2.0), st.floats(1.0, 3.0), st.floats(0.5, 2.0), st.floats(-1, 1))
def test_property_frontier_solutions_transform_with_affine_maps(c, a, power, scale1, shift):
    # f(u) = c - a u^power on [0, (c/a)^(1/power)], concave and decreasing; move player 1's utility by
    # u1 -> scale1 u1 + shift: Nash and KS must move with it
    hi = (c / a) ** (1 / power)
    p = BargainingProblem.from_frontier(lambda u: c - a * u ** power, (0, hi), disagreement=[0, 0])
    q = BargainingProblem.from_frontier(lambda y: c - a * ((y - shift) / scale1) ** power, (shift, shift + scale1 * hi),
                                        disagreement=[shift, 0])
    for method in ("nash", "kalai_smorodinsky"):
        r1, r2 = solve_bargaining(p, method), solve_bargaining(q, method)
        assert np.allclose([scale1 * r1.utilities[0] + shift, r1.utilities[1]], r2.utilities, atol=1e-6)


@settings(max_examples=40)
@given(st.fractions(0, 1, max_denominator=20), st.fractions(0, 1, max_denominator=20), st.fractions(0, 1, max_denominator=20))
def test_property_rubinstein_shares(d1, d2, bump):
    assume(not (d1 == 1 and d2 == 1))
    res = rubinstein(delta1=d1, delta2=d2)
    x, y = res.proposals
    assert sum(res.shares) == 1 and all(s >= 0 for s in res.shares)
    assert x[1] == d2 * y[1] and y[0] == d1 * x[0]  # the indifference conditions, exactly
    # more patience never hurts: raising delta1 weakly raises player 1's share
    d1b = d1 + (1 - d1) * bump
    assume(not (d1b == 1 and d2 == 1))
    assert rubinstein(delta1=d1b, delta2=d2).shares[0] >= res.shares[0]
    assert x[0] >= y[0]  # first-mover advantage


# -- many points: interior points are dropped before any LP -------------------------------


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([2, 3]))
def test_interior_points_change_nothing_exactly(seed, n):
    """Adding points strictly inside the hull leaves every solution unchanged, exactly,
    and the returned lottery puts no weight on them (they are dropped by hull_support)."""
    from gametheory.bargaining._problem import hull_support

    rng = np.random.default_rng(seed)
    outer = rng.integers(0, 50, size=(2 * n + 3, n))
    outer = np.vstack([outer, np.zeros((1, n), dtype=int)])
    # interior points: strict convex combinations of the outer ones, with integer coordinates scaled up
    lam = rng.dirichlet(np.ones(len(outer)), size=40)
    inner = lam @ outer
    scale = 4
    pts_outer = outer * scale
    inner = np.floor(inner * scale).astype(int)
    keep = hull_support(np.vstack([pts_outer, inner]).astype(float))
    both = BargainingProblem.from_points(np.vstack([pts_outer, inner]), disagreement=[0] * n, free_disposal=True)
    alone = BargainingProblem.from_points(pts_outer, disagreement=[0] * n, free_disposal=True)
    for method in (nash_solution, kalai_smorodinsky, egalitarian, utilitarian):
        try:
            r_both, r_alone = method(both, exact=True), method(alone, exact=True)
        except NoAgreement:
            continue
        assert r_both.exact == r_alone.exact
        assert len(r_both.agreement) == len(pts_outer) + len(inner)
        if r_both.exact:
            assert list(r_both.utilities) == list(r_alone.utilities)
            assert sum(r_both.agreement) == 1
        else:  # an irrational Nash point (n = 3, on an edge): the documented float fallback
            assert np.allclose(r_both.utilities.astype(float), r_alone.utilities.astype(float), atol=1e-9)
            assert abs(float(sum(r_both.agreement)) - 1) < 1e-12
        if keep is not None:
            dropped = np.setdiff1d(np.arange(len(pts_outer) + len(inner)), keep)
            assert all(r_both.agreement[j] == 0 for j in dropped)


def test_many_points_in_a_box_float():
    rng = np.random.default_rng(3)
    pts = rng.random((20000, 3))
    res = nash_solution(BargainingProblem.from_points(pts, disagreement=[0, 0, 0], free_disposal=True))
    u = res.utilities
    # first-order condition, checked here against every point: no point raises sum log u
    assert np.max(((pts - u) / u).sum(axis=1)) <= 1e-6
    assert res.agreement.shape == (20000,) and abs(res.agreement.sum() - 1) < 1e-9


def test_many_extreme_points_are_certified():
    """Every point a hull vertex (the worst case for dropping points): the Newton polish
    must still reach a point that passes its check; regression for a SolverError at 10^4
    points found by benchmarks/cooperative_scaling.py (a smaller set here)."""
    rng = np.random.default_rng(0)
    for n, k in ((2, 1500), (3, 1500)):
        pts = np.abs(rng.normal(size=(k, n)))
        pts /= np.linalg.norm(pts, axis=1, keepdims=True)
        res = nash_solution(BargainingProblem.from_points(pts, disagreement=[0] * n, free_disposal=True))
        assert res.residual <= res.tol
        u = res.utilities
        assert np.max(((pts - u) / u).sum(axis=1)) <= 1e-6

"""Correlated and coarse correlated equilibria: LP optima, vertices, checks (gametheory.correlated)."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.correlated import (
    CorrelatedResult,
    correlated_equilibrium,
    correlated_polytope,
    correlated_vertices,
    deviation_gains,
    from_profile,
    is_correlated_equilibrium,
    max_violation,
)
from gametheory.errors import InvalidGame, InvalidOption, InvalidStrategy, NotSupported

from conftest import GAMBIT_DIR

# Chicken as in Aumann (1974), sec. 3 / Example 2.5: strategies (D, C) = (dare not, dare):
# (D, D) = (6, 6), (D, C) = (2, 7), (C, D) = (7, 2), (C, C) = (0, 0).
CHICKEN = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])


@st.composite
def small_games(draw, shapes=((2, 2), (2, 3), (3, 2), (3, 3), (2, 2, 2))):
    """Exact games with small integer payoffs (ties are common), two or three players."""
    shape = draw(st.sampled_from(shapes))
    n = len(shape)
    flat = draw(st.lists(st.integers(-4, 4), min_size=int(np.prod(shape)) * n, max_size=int(np.prod(shape)) * n))
    return gt.NormalFormGame(np.array(flat, dtype=int).reshape(shape + (n,)))


def welfare(game, mu):
    arr = game.arrays(True).reshape(-1, game.num_players)
    return sum(np.asarray(mu, dtype=object).reshape(-1).dot(arr))


def nash_equilibria(game):
    """Exact Nash equilibria: every extreme one for two players, the pure ones otherwise."""
    if game.num_players == 2:
        return gt.vertex_enumeration(game, exact=True).equilibria
    return gt.enumpure(game, exact=True).equilibria


# ------------------------------------------------------------------------------ known values
class TestChicken:
    def test_welfare_optimum_aumann(self):
        # Aumann (1974): the mediator recommends (D, D), (D, C), (C, D) with 1/2, 1/4, 1/4 (his
        # 1/3 each is another CE); expected payoff 21/4 each beats every Nash equilibrium
        # (7,2), (2,7), (14/3,14/3).  Numbers verified here by the exact LP.
        res = correlated_equilibrium(CHICKEN, exact=True)
        assert list(res.distribution.reshape(-1)) == [F(1, 2), F(1, 4), F(1, 4), 0]
        assert list(res.payoffs) == [F(21, 4), F(21, 4)]
        assert res.objective_value == F(21, 2) and res.welfare == F(21, 2)
        assert res.violation == 0 and res.gap == 0 and res.tol == 0
        assert [list(m) for m in res.marginals] == [[F(3, 4), F(1, 4)], [F(3, 4), F(1, 4)]]
        assert res.support == [(0, 0), (0, 1), (1, 0)]

    def test_float_mode_matches(self):
        res = correlated_equilibrium(CHICKEN)
        assert not res.exact and res.distribution.dtype == np.float64
        np.testing.assert_allclose(res.distribution, [[0.5, 0.25], [0.25, 0.0]], atol=1e-9)
        assert res.violation <= res.tol and res.gap <= 1e-8
        assert res.solver in gt.correlated.FLOAT_SOLVERS

    def test_aumann_uniform_ce(self):
        # Aumann's mediator with 1/3 on each of (D,D), (D,C), (C,D): payoff 5 each
        mu = [[F(1, 3), F(1, 3)], [F(1, 3), 0]]
        assert is_correlated_equilibrium(CHICKEN, mu)
        gains = deviation_gains(CHICKEN, mu)
        assert gains[0][1, 0] == F(-1, 3) and gains[0][0, 1] == F(-1, 3) and gains[0][0, 0] == 0

    def test_player_objective(self):
        res = correlated_equilibrium(CHICKEN, "player", player=0, exact=True)
        assert res.payoffs[0] == 7 and res.objective == "player"

    def test_vertices(self):
        res = correlated_vertices(CHICKEN)
        got = {tuple(v.reshape(-1)) for v in res}
        assert got == {
            (F(1, 2), F(1, 4), F(1, 4), 0), (F(4, 9), F(2, 9), F(2, 9), F(1, 9)),
            (0, 1, 0, 0), (0, 0, 1, 0), (0, F(2, 5), F(2, 5), F(1, 5)),
        }
        assert max(sum(p) for p in res.payoffs) == F(21, 2)
        json.dumps(res.to_dict())


def test_prisoners_dilemma_ce_is_the_nash_equilibrium():
    pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    res = correlated_vertices(pd)
    assert len(res) == 1 and list(res[0].reshape(-1)) == [0, 0, 0, 1]
    assert max_violation(pd, [[1, 0], [0, 0]]) == 2


# ------------------------------------------------------------------------------ the polytope
@settings(max_examples=30)
@given(small_games(), st.booleans())
def test_polytope_matches_definition(game, coarse):
    """The vectorised rows equal the defining sums, written out profile by profile."""
    poly = correlated_polytope(game, coarse=coarse, exact=True)
    u = game.arrays(True)
    profiles = list(np.ndindex(game.shape))
    for row, (i, s, t) in zip(poly.A, poly.rows):
        for k, prof in enumerate(profiles):
            dev = prof[:i] + (t,) + prof[i + 1:]
            expected = u[dev][i] - u[prof][i] if (coarse or prof[i] == s) else 0
            assert row[k] == expected
    m = sum(n if coarse else n * (n - 1) for n in game.shape)
    assert poly.A.shape == (m, len(profiles))
    A_ub, b_ub = poly.inequalities()
    assert A_ub.shape == (m + len(profiles), len(profiles)) and all(b == 0 for b in b_ub)


@settings(max_examples=30)
@given(small_games())
def test_float_polytope_is_the_exact_one(game):
    fl = correlated_polytope(game)
    ex = correlated_polytope(game, exact=True)
    assert fl.rows == ex.rows and fl.A.dtype == np.float64
    np.testing.assert_array_equal(fl.A, ex.A.astype(float))


# ------------------------------------------------------------------------------ properties
@settings(max_examples=40)
@given(small_games(), st.booleans(), st.data())
def test_gains_agree_with_polytope_rows(game, coarse, data):
    """deviation_gains (per player, from the payoffs) equals A @ mu row by row, and decides membership."""
    P = int(np.prod(game.shape))
    weights = data.draw(st.lists(st.integers(0, 3), min_size=P, max_size=P).filter(any))
    mu = np.array([F(w, sum(weights)) for w in weights], dtype=object).reshape(game.shape)
    poly = correlated_polytope(game, coarse=coarse, exact=True)
    values = poly.A.dot(mu.reshape(-1))
    gains = deviation_gains(game, mu, coarse=coarse)
    for v, (i, s, t) in zip(values, poly.rows):
        assert v == (gains[i][t] if coarse else gains[i][s, t])
    assert is_correlated_equilibrium(game, mu, coarse=coarse) == all(v <= 0 for v in values)
    assert max_violation(game, mu, coarse=coarse) == max([0, *values])


def test_a_cce_that_is_not_a_ce():
    # found by searching CCE vertices of small games: 1/2 on (M, L) and (B, R).  The row player
    # earns 1 on average and every fixed strategy earns 1 against the column marginal (a CCE),
    # but told B (so the column plays R) she earns 0 where T earns 1 (not a CE).
    g = gt.NormalFormGame.from_bimatrix([[1, 1], [2, 0], [2, 0]], [[1, 1], [2, 0], [2, 2]])
    mu = [[0, 0], [F(1, 2), 0], [0, F(1, 2)]]
    assert is_correlated_equilibrium(g, mu, coarse=True)
    assert not is_correlated_equilibrium(g, mu)
    assert deviation_gains(g, mu)[0][2, 0] == F(1, 2)
    # for players with two strategies the CCE rows are CE rows, so the sets coincide
    assert len(correlated_vertices(CHICKEN, coarse=True)) == len(correlated_vertices(CHICKEN))


@settings(max_examples=40)
@given(small_games())
def test_nash_equilibria_are_ce_and_welfare_bounds(game):
    ce = correlated_equilibrium(game, exact=True)
    cce = correlated_equilibrium(game, coarse=True, exact=True)
    # every CE is a CCE, so the CCE optimum is at least the CE optimum
    assert is_correlated_equilibrium(game, ce.distribution, coarse=True)
    assert cce.objective_value >= ce.objective_value
    for eq in nash_equilibria(game):
        mu = from_profile(game, eq)
        assert is_correlated_equilibrium(game, mu)
        assert max_violation(game, mu) == 0
        assert ce.objective_value >= welfare(game, mu)


@settings(max_examples=30)
@given(small_games(), st.data())
def test_invariance_under_affine_payoffs_and_relabelling(game, data):
    N = game.num_players
    i = data.draw(st.integers(0, N - 1))
    a = data.draw(st.integers(1, 5))
    b = data.draw(st.integers(-5, 5))
    arr = game.arrays(True).copy()
    arr[..., i] = arr[..., i] * a + b
    scaled = gt.NormalFormGame(arr)
    best = correlated_equilibrium(game, "player", player=i, exact=True)
    best_scaled = correlated_equilibrium(scaled, "player", player=i, exact=True)
    assert best_scaled.objective_value == a * best.objective_value + b
    # the polytope itself is unchanged: each optimum lies in the other game's polytope
    assert is_correlated_equilibrium(scaled, best.distribution)
    assert is_correlated_equilibrium(game, best_scaled.distribution)

    # relabel one player's strategies and permute the players
    j = data.draw(st.integers(0, N - 1))
    perm = data.draw(st.permutations(range(game.shape[j])))
    order = data.draw(st.permutations(range(N)))
    keep = [list(range(n)) for n in game.shape]
    keep[j] = list(perm)
    relabelled = game.restrict(keep).permute_players(order)
    w = correlated_equilibrium(game, exact=True)
    w2 = correlated_equilibrium(relabelled, exact=True)
    assert w2.objective_value == w.objective_value
    moved = np.take(w.distribution, perm, axis=j).transpose(order)
    assert is_correlated_equilibrium(relabelled, moved)
    assert welfare(relabelled, moved) == w2.objective_value


@settings(max_examples=30)
@given(small_games(), st.booleans(), st.lists(st.integers(-3, 3), min_size=3, max_size=3))
def test_exact_and_float_agree(game, coarse, weights):
    w = weights[: game.num_players]
    ex = correlated_equilibrium(game, w, coarse=coarse, exact=True)
    fl = correlated_equilibrium(game, w, coarse=coarse)
    assert ex.objective == fl.objective == "weighted"
    assert abs(float(ex.objective_value) - fl.objective_value) <= 1e-7
    assert fl.violation <= fl.tol
    assert is_correlated_equilibrium(game, fl.distribution, coarse=coarse, tol=1e-8)
    assert is_correlated_equilibrium(game, ex.distribution, coarse=coarse)


@settings(max_examples=30)
@given(small_games(), st.booleans(), st.lists(st.integers(-3, 3), min_size=3, max_size=3))
def test_vertices_are_ce_and_contain_every_lp_optimum(game, coarse, weights):
    w = [F(x) for x in weights[: game.num_players]]
    res = correlated_vertices(game, coarse=coarse)
    assert len(res) >= 1 and res.exact
    for v in res:
        assert is_correlated_equilibrium(game, v, coarse=coarse)
    lp = correlated_equilibrium(game, w, coarse=coarse, exact=True)
    assert lp.objective_value == max(np.dot(w, p) for p in res.payoffs)
    # the exact LP answer is a vertex, so it is one of those listed
    assert any(np.array_equal(lp.distribution, v) for v in res)
    if not coarse:
        for eq in nash_equilibria(game):
            # a Nash equilibrium lies in the polytope: it is a convex combination of the vertices
            mu = from_profile(game, eq)
            assert np.dot(w, mu.reshape(-1).dot(game.arrays(True).reshape(-1, game.num_players))) <= lp.objective_value


def test_vertices_float_output():
    res = correlated_vertices(CHICKEN, exact=False, coarse=True)
    assert not res.exact and all(v.dtype == np.float64 for v in res)
    for v in res:
        assert is_correlated_equilibrium(CHICKEN, v, coarse=True)


def test_three_players_cce_weaker_than_ce():
    g = gt.generators.uniform_random((2, 2, 2), seed=3, integer=True)
    ce = correlated_vertices(g)
    cce = correlated_vertices(g, coarse=True)
    for v in ce:
        assert is_correlated_equilibrium(g, v, coarse=True)
    assert max(sum(p) for p in cce.payoffs) >= max(sum(p) for p in ce.payoffs)


def test_from_profile_nash_iff_ce():
    bos = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    mu = from_profile(bos, [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]])
    assert sum(mu.reshape(-1)) == 1 and is_correlated_equilibrium(bos, mu)
    assert not is_correlated_equilibrium(bos, from_profile(bos, [[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]]))
    fl = from_profile(bos.to_float(), [[0.5, 0.5], [1, 0]])
    assert fl.dtype == np.float64 and fl.shape == (2, 2)


def test_float_game_exact_mode_reads_decimals():
    g = gt.NormalFormGame.from_bimatrix([[0.6, 0.2], [0.7, 0.0]], [[0.6, 0.7], [0.2, 0.0]])
    res = correlated_equilibrium(g, exact=True)
    assert res.objective_value == F(21, 20)


def test_feasible_and_weighted_objectives():
    res = correlated_equilibrium(CHICKEN, "feasible", exact=True)
    assert res.objective_value == 0 and is_correlated_equilibrium(CHICKEN, res.distribution)
    res = correlated_equilibrium(CHICKEN, weights=[1, 0], exact=True)
    assert res.objective == "weighted" and res.objective_value == 7
    res = correlated_equilibrium(CHICKEN, "weighted", weights=[0, 1])
    assert abs(res.objective_value - 7) < 1e-9


def test_to_dict_and_str():
    res = correlated_equilibrium(CHICKEN, exact=True)
    d = json.loads(json.dumps(res.to_dict()))
    assert d["objective_value"] == "21/2" and d["violation"] == "0"
    assert {"profile": ["1", "1"], "probability": "1/2"} in d["distribution"]
    assert "21/4" in str(res)
    fl = correlated_equilibrium(CHICKEN, coarse=True)
    d = json.loads(json.dumps(fl.to_dict()))
    assert d["concept"] == "coarse correlated equilibrium" and isinstance(d["objective_value"], float)
    assert isinstance(fl, CorrelatedResult)


def test_float_solver_fallback_and_failure(monkeypatch):
    from gametheory.correlated import _equilibrium
    from gametheory.errors import SolverError

    monkeypatch.setattr(_equilibrium, "_available_solvers", lambda: ["NO_SUCH_SOLVER", "HIGHS"])
    res = correlated_equilibrium(CHICKEN)
    assert res.solver == "HIGHS" and "NO_SUCH_SOLVER" in res.message
    monkeypatch.setattr(_equilibrium, "_available_solvers", lambda: ["NO_SUCH_SOLVER"])
    with pytest.raises(SolverError, match="no LP solver returned a certified answer"):
        correlated_equilibrium(CHICKEN)
    monkeypatch.setattr(_equilibrium, "_available_solvers", lambda: [])
    with pytest.raises(SolverError, match="none of the LP solvers"):
        correlated_equilibrium(CHICKEN)


@pytest.mark.gambit
def test_mckelvey_mclennan_equilibria_are_ce():
    """All 9 Nash equilibria of the McKelvey-McLennan 2x2x2 game (pygambit enumpoly) give CEs."""
    gbt = pytest.importorskip("pygambit")
    path = GAMBIT_DIR / "doc" / "2x2x2.nfg"
    if not path.exists():
        pytest.skip("the shared Gambit catalog is not present")
    game = gt.io.read_nfg(path)
    ggame = gbt.read_nfg(str(path))
    eqs = gbt.nash.enumpoly_solve(ggame).equilibria
    assert len(eqs) == 9
    best = correlated_equilibrium(game, exact=True)
    for eq in eqs:
        prof = [[float(eq[s]) for s in p.strategies] for p in ggame.players]
        mu = from_profile(game, prof, exact=False)
        assert is_correlated_equilibrium(game, mu, tol=1e-7, exact=False)
        assert welfare(game, mu) <= float(best.objective_value) + 1e-7


# ------------------------------------------------------------------------------ errors
class TestErrors:
    def test_distribution_validation(self):
        with pytest.raises(InvalidStrategy, match=r"is_correlated_equilibrium: distribution has shape \(4,\)"):
            is_correlated_equilibrium(CHICKEN, [0.25] * 4)
        with pytest.raises(InvalidStrategy, match="not a finite number"):
            deviation_gains(CHICKEN, [[np.nan, 0.5], [0.5, 0]])
        with pytest.raises(InvalidStrategy, match="negative probability"):
            max_violation(CHICKEN, [[F(3, 2), F(-1, 2)], [0, 0]])
        with pytest.raises(InvalidStrategy, match="sums to"):
            is_correlated_equilibrium(CHICKEN, [[0.5, 0.2], [0.2, 0.0]])
        with pytest.raises(InvalidStrategy, match="not a number"):
            deviation_gains(CHICKEN, [["a", 0], [0, 0]])

    def test_objective_validation(self):
        with pytest.raises(InvalidOption, match="objective 'magic' is unknown"):
            correlated_equilibrium(CHICKEN, "magic")
        with pytest.raises(InvalidOption, match="needs player"):
            correlated_equilibrium(CHICKEN, "player")
        with pytest.raises(InvalidOption, match="player: unknown player"):
            correlated_equilibrium(CHICKEN, "player", player="nobody")
        with pytest.raises(InvalidOption, match=r"weights has shape \(3,\)"):
            correlated_equilibrium(CHICKEN, weights=[1, 2, 3])
        with pytest.raises(InvalidOption, match="not a finite number"):
            correlated_equilibrium(CHICKEN, [1, float("inf")])
        with pytest.raises(InvalidOption, match="only used with objective='player'"):
            correlated_equilibrium(CHICKEN, "welfare", player=0)
        with pytest.raises(InvalidOption, match="needs weights"):
            correlated_equilibrium(CHICKEN, "weighted")
        with pytest.raises(InvalidOption, match="tol must be"):
            correlated_equilibrium(CHICKEN, tol=-1.0)
        with pytest.raises(InvalidOption, match="exact must be"):
            correlated_equilibrium(CHICKEN, exact="yes")

    def test_not_a_game(self):
        for func in (correlated_equilibrium, correlated_vertices, correlated_polytope):
            with pytest.raises(InvalidGame, match="must be a NormalFormGame"):
                func([[1, 2], [3, 4]])

    def test_vertex_limits(self):
        big = gt.generators.uniform_random((3, 3, 2), seed=0, integer=True)
        with pytest.raises(NotSupported, match="18 pure profiles .* max_profiles=16"):
            correlated_vertices(big)
        g = gt.generators.uniform_random((3, 3), seed=0, integer=True)
        with pytest.raises(NotSupported, match="exceeded max_vertices=5"):
            correlated_vertices(g, max_vertices=5)
        with pytest.raises(InvalidOption, match="max_vertices must be a positive integer"):
            correlated_vertices(g, max_vertices=0)


def test_all_pure_profiles_of_a_constant_game_are_vertices():
    g = gt.NormalFormGame(np.zeros((2, 3, 2), dtype=int))
    res = correlated_vertices(g)
    assert len(res) == 6
    assert {tuple(int(x) for x in v.reshape(-1)) for v in res} == set(itertools.permutations([1, 0, 0, 0, 0, 0]))

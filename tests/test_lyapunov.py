"""Tests of Lyapunov-function minimisation (McKelvey 1991, Gambit's liap)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import InvalidOption, InvalidStrategy, NotSupported
from gametheory.generators import covariant, uniform_random
from gametheory.io import read_nfg
from gametheory.nash.lyapunov import _value_and_gradient, lyapunov, lyapunov_value
from gametheory.nash.vertex_enumeration import vertex_enumeration
from conftest import nplayer_gambit_files

CATALOG = nplayer_gambit_files()
needs_catalog = pytest.mark.skipif(not CATALOG, reason="../shared/games/gambit is not present")


def _bound(game, tol=None) -> float:
    return (1e-9 if tol is None else tol) * max(1.0, float(game._float.max() - game._float.min()))


def _assert_all_certified(game, res):
    assert res.method == "liap" and not res.complete
    for prof in res.equilibria:
        for p, n in zip(prof, game.shape):
            assert p.shape == (n,) and np.all(p >= 0) and abs(p.sum() - 1) < 1e-12
        assert float(game.max_regret(prof, exact=False)) <= _bound(game)
    # distinct
    for a in range(len(res)):
        for b in range(a):
            assert max(np.max(np.abs(x - y)) for x, y in zip(res[a], res[b])) > 1e-7


def _dist(p, q) -> float:
    return max(float(np.max(np.abs(np.asarray(a, float) - np.asarray(b, float)))) for a, b in zip(p, q))


# ----------------------------------------------------------------------------- the function


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), shape=st.sampled_from([(3, 4), (2, 3, 2), (2, 2, 2, 2)]))
def test_gradient_matches_finite_differences(seed, shape):
    game = uniform_random(shape, seed=seed)
    arrs = [game._float[..., i] for i in range(len(shape))]
    rng = np.random.default_rng(seed)
    prof = [rng.dirichlet(np.ones(n)) for n in shape]
    value, grad = _value_and_gradient(arrs, prof)
    assert value == pytest.approx(lyapunov_value(game, prof), rel=1e-12, abs=1e-15)
    h = 1e-6
    for k, n in enumerate(shape):
        for t in range(n):
            up = [p.copy() for p in prof]
            down = [p.copy() for p in prof]
            up[k][t] += h
            down[k][t] -= h
            numeric = (_value_and_gradient(arrs, up)[0] - _value_and_gradient(arrs, down)[0]) / (2 * h)
            assert numeric == pytest.approx(grad[k][t], abs=1e-6)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), shape=st.sampled_from([(2, 2), (3, 3), (2, 2, 2)]))
def test_value_zero_exactly_at_equilibria(seed, shape):
    game = uniform_random(shape, seed=seed)
    rng = np.random.default_rng(seed)
    prof = [rng.dirichlet(np.ones(n)) for n in shape]
    # L = 0 iff regret = 0, and L >= max regret^2
    L = lyapunov_value(game, prof)
    r = float(game.max_regret(prof, exact=False))
    assert L >= r * r * (1 - 1e-12)
    for eq in gt.enumpure(game).equilibria:
        assert lyapunov_value(game, eq) == 0.0


def test_value_of_matching_pennies():
    g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    assert lyapunov_value(g, [[1, 0], [1, 0]]) == 4.0
    assert lyapunov_value(g, [[0.5, 0.5], [0.5, 0.5]]) == 0.0


# ----------------------------------------------------------------------------- catalog games


@needs_catalog
@pytest.mark.parametrize("path", CATALOG, ids=lambda p: p.name)
def test_catalog_games_certified(path):
    game = read_nfg(path)
    res = lyapunov(game, starts=4, seed=0)
    _assert_all_certified(game, res)
    assert len(res) >= 1 or res.status == "no-convergence"
    assert res.parameters["starts"] == 4
    assert res.parameters["not_equilibria"] + res.parameters["unpolished"] + len(res) <= 4


@pytest.mark.gambit
@needs_catalog
@pytest.mark.parametrize("name", ["sec4.nfg", "2x2x2.nfg", "g1.nfg"])
def test_against_pygambit_liap(name):
    gbt = pytest.importorskip("pygambit")
    path = next((p for p in CATALOG if p.name == name), None)
    if path is None:
        pytest.skip(f"{name} not in the catalog")
    game = read_nfg(path)
    ours = lyapunov(game, starts=6, seed=1)
    _assert_all_certified(game, ours)
    assert len(ours) >= 1
    G = gbt.read_nfg(str(path))
    theirs = gbt.nash.liap_solve(G.mixed_strategy_profile()).equilibria
    for eq in theirs:
        prof = [np.array([float(eq[s]) for s in p.strategies]) for p in G.players]
        r = float(game.max_regret(prof, exact=False))
        if r <= 1e-4 * max(1.0, float(np.ptp(game._float))):
            # pygambit's approximate equilibrium is one of ours up to its lower accuracy, or another one
            # of the game; ours are exact to 1e-9, so check ours are equilibria pygambit would accept too
            assert all(float(game.max_regret(e, exact=False)) <= r + 1e-9 for e in ours.equilibria)
    if name == "sec4.nfg":
        # unique equilibrium per pygambit's enumpoly_solve
        unique = gbt.nash.enumpoly_solve(G).equilibria
        assert len(unique) == 1
        target = [np.array([float(unique[0][s]) for s in p.strategies]) for p in G.players]
        assert len(ours) == 1 and _dist(ours[0], target) < 1e-6


# ----------------------------------------------------------------------------- random games


@settings(max_examples=10, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    shape=st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)]),
    rho=st.sampled_from([-0.4, 0.0, 0.7]),
)
def test_random_n_player_games_certified(seed, shape, rho):
    rho = max(rho, -1.0 / (len(shape) - 1))
    game = covariant(shape, rho=rho, seed=seed)
    res = lyapunov(game, starts=3, seed=seed)
    _assert_all_certified(game, res)
    assert res.parameters["not_equilibria"] + res.parameters["unpolished"] + len(res) <= 3


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(2, 4), n=st.integers(2, 4))
def test_two_player_results_are_vertex_equilibria(seed, m, n):
    game = uniform_random((m, n), seed=seed)
    res = lyapunov(game, starts=4, seed=seed)
    _assert_all_certified(game, res)
    extreme = vertex_enumeration(game).equilibria
    # generic games are nondegenerate: every equilibrium is isolated, hence extreme
    for eq in res.equilibria:
        assert min(_dist(eq, e) for e in extreme) < 1e-7


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10**6), shape=st.sampled_from([(2, 2, 2), (3, 2, 2)]), data=st.data())
def test_transformed_game_set_is_a_set_of_equilibria(seed, shape, data):
    """Positive affine payoff maps and relabelling of players and strategies: what is found in the
    transformed game maps back to equilibria of the original (and vice versa)."""
    game = uniform_random(shape, seed=seed)
    rng = np.random.default_rng(seed)
    a = rng.uniform(0.5, 20.0, size=len(shape))
    b = rng.uniform(-10.0, 10.0, size=len(shape))
    order = data.draw(st.permutations(range(len(shape))))
    perms = [data.draw(st.permutations(range(n))) for n in shape]
    moved = gt.NormalFormGame((game._float * a + b)[np.ix_(*perms, range(len(shape)))]).permute_players(order)
    res = lyapunov(moved, starts=3, seed=seed)
    _assert_all_certified(moved, res)
    for q in res.equilibria:
        back = [None] * len(shape)
        for k, i in enumerate(order):
            v = np.empty(shape[i])
            v[perms[i]] = q[k]
            back[i] = v
        assert float(game.max_regret(back, exact=False)) <= 1e-8 * max(1.0, float(np.ptp(game._float)))


def test_same_seed_same_result_and_scaling_invariance():
    game = uniform_random((3, 3, 2), seed=3)
    r1 = lyapunov(game, starts=5, seed=7)
    r2 = lyapunov(game, starts=5, seed=7)
    assert len(r1) == len(r2) and all(_dist(p, q) == 0 for p, q in zip(r1, r2))
    # one common positive scale factor: the minimisation sees payoffs scaled to [0, 1] either way
    scaled = gt.NormalFormGame(game._float * 1000.0 - 3.0)
    r3 = lyapunov(scaled, starts=5, seed=7)
    assert len(r3) == len(r1) and all(_dist(p, q) < 1e-7 for p, q in zip(r1, r3))


# ----------------------------------------------------------------------------- exact mode and failure


def test_exact_battle_of_the_sexes_all_three():
    g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    res = lyapunov(g, exact=True, starts=20, seed=0)
    assert res.exact and all(r == 0 for r in res.regrets)
    got = sorted(tuple(x for s in eq for x in s) for eq in res.equilibria)
    F = Fraction
    assert got == sorted([(0, 1, 0, 1), (1, 0, 1, 0), (F(2, 3), F(1, 3), F(1, 3), F(2, 3))])


def test_exact_irrational_raises_not_supported():
    # the same random 2x2x2 game as in test_simplicial_subdivision: its mixed equilibrium is irrational
    game = uniform_random((2, 2, 2), seed=15, integer=True)
    res = lyapunov(game, starts=5, seed=0)
    irrational = [eq for eq in res.equilibria
                  if any(abs(float(Fraction(float(x)).limit_denominator(10**4)) - x) > 1e-9 for s in eq for x in s)]
    assert irrational
    with pytest.raises(NotSupported, match="irrational"):
        lyapunov(game, exact=True, starts=5, seed=0)


def test_discarded_local_minima_are_counted():
    # Gambit's 5x4x3 has local minima of L that are not equilibria (seen with this seed)
    path = next((p for p in CATALOG if p.name == "5x4x3.nfg"), None)
    if path is None:
        pytest.skip("5x4x3.nfg not present")
    game = read_nfg(path)
    res = lyapunov(game, starts=4, seed=0)
    assert res.parameters["not_equilibria"] >= 1
    assert "not an equilibrium" in res.message
    _assert_all_certified(game, res)


@pytest.mark.parametrize(
    "kwargs",
    [{"starts": 0}, {"starts": 1.5}, {"max_iter": 0}, {"max_iter": True}, {"tol": 0.0}, {"tol": "x"},
     {"seed": -1}, {"seed": 1.5}],
)
def test_bad_options(kwargs):
    game = uniform_random((2, 2, 2), seed=0)
    with pytest.raises(InvalidOption, match="lyapunov"):
        lyapunov(game, **kwargs)


def test_bad_game_and_profile():
    with pytest.raises(InvalidOption, match="NormalFormGame"):
        lyapunov("game")
    game = uniform_random((2, 2, 2), seed=0)
    with pytest.raises(InvalidStrategy):
        lyapunov_value(game, [[1, 0], [1, 0]])

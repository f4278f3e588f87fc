"""Tests of simplicial subdivision (van der Laan-Talman restart algorithm, Gambit's simpdiv)."""

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
from gametheory.nash.simplicial_subdivision import _gain_function, _Path, simplicial_subdivision
from gametheory.nash.vertex_enumeration import vertex_enumeration
from conftest import nplayer_gambit_files

CATALOG = nplayer_gambit_files()
needs_catalog = pytest.mark.skipif(not CATALOG, reason="../shared/games/gambit is not present")


def _assert_certified(game, res, tol=None):
    bound = (1e-9 if tol is None else tol) * max(1.0, float(game._float.max() - game._float.min()))
    assert res.method == "simpdiv" and not res.complete
    assert len(res) == 1, res.message
    prof = res.equilibria[0]
    for p, n in zip(prof, game.shape):
        assert p.shape == (n,) and np.all(p >= 0) and abs(p.sum() - 1) < 1e-12
    assert float(game.max_regret(prof, exact=False)) <= bound
    return prof


def _dist(p, q) -> float:
    return max(float(np.max(np.abs(np.asarray(a, float) - np.asarray(b, float)))) for a, b in zip(p, q))


# ----------------------------------------------------------------------------- the path itself


@pytest.mark.parametrize("shape", [(3, 3, 3), (2, 2, 2, 2), (4, 3, 2), (5, 5)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_path_end_regret_shrinks_with_the_mesh(shape, seed):
    """The end simplex of one path is an approximate equilibrium whose regret is O(mesh)."""
    game = uniform_random(shape, seed=seed)
    gains = _gain_function(game)
    rng = np.random.default_rng(seed)
    v = [rng.dirichlet(np.ones(n)) for n in shape] if seed % 2 else [np.eye(n)[0] for n in shape]
    ends = []
    for m in (8, 256):
        path = _Path(gains, v, m, None, 10**6)
        end, points, regrets = path.follow()
        assert end in ("complete", "boundary")
        # every point of the end simplex is a grid point of the product of simplices
        for x in points:
            for p in x:
                assert np.all(p >= -1e-15) and abs(p.sum() - 1) < 1e-12
        ends.append(min(regrets))
    # normalised gains are Lipschitz with a constant of a few units per player: regret <= C * d / m
    assert ends[1] <= 4.0 * sum(n - 1 for n in shape) / 256


def test_pure_start_that_is_an_equilibrium_ends_at_once():
    # a coordination game started at its pure equilibrium: label (j, 0) with zero gain ends the path
    game = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 1]], [[3, 0], [0, 1]])
    res = simplicial_subdivision(game)
    assert res.parameters["pivots"] == 0
    assert [p.tolist() for p in res.equilibria[0]] == [[1.0, 0.0], [1.0, 0.0]]


def test_leash_cuts_the_path_and_still_certifies():
    game = uniform_random((3, 3, 3), seed=0)
    res = simplicial_subdivision(game, leash=2)
    _assert_certified(game, res)
    assert res.parameters["leash"] == 2


# ----------------------------------------------------------------------------- catalog games


@needs_catalog
@pytest.mark.parametrize("path", CATALOG, ids=lambda p: p.name)
def test_catalog_games_certified(path):
    game = read_nfg(path)
    res = simplicial_subdivision(game)
    _assert_certified(game, res)
    assert res.status == "ok"


@pytest.mark.gambit
@needs_catalog
@pytest.mark.parametrize("path", CATALOG, ids=lambda p: p.name)
def test_catalog_against_pygambit_simpdiv(path):
    gbt = pytest.importorskip("pygambit")
    game = read_nfg(path)
    _assert_certified(game, simplicial_subdivision(game))
    G = gbt.read_nfg(str(path))
    start = G.mixed_strategy_profile(rational=True)
    for player in G.players:
        for k, s in enumerate(player.strategies):
            start[s] = 1 if k == 0 else 0
    theirs = gbt.nash.simpdiv_solve(start).equilibria
    assert len(theirs) == 1
    prof = [np.array([float(theirs[0][s]) for s in p.strategies]) for p in G.players]
    # pygambit's answer is an approximate equilibrium of the same game (regret bound 1e-8 of the range)
    assert float(game.max_regret(prof, exact=False)) <= 1e-6 * max(1.0, float(np.ptp(game._float)))


# games whose equilibrium is unique per pygambit's enumpoly_solve (checked in test_unique_per_enumpoly)
UNIQUE = ["sec4.nfg", "g1.nfg", "g2.nfg"]


@pytest.mark.gambit
@needs_catalog
@pytest.mark.parametrize("name", UNIQUE)
def test_unique_equilibrium_coincides_with_pygambit(name):
    gbt = pytest.importorskip("pygambit")
    path = next((p for p in CATALOG if p.name == name), None)
    if path is None:
        pytest.skip(f"{name} not in the catalog")
    G = gbt.read_nfg(str(path))
    eqs = gbt.nash.enumpoly_solve(G).equilibria
    assert len(eqs) == 1
    theirs = [np.array([float(eqs[0][s]) for s in p.strategies]) for p in G.players]
    game = read_nfg(path)
    ours = _assert_certified(game, simplicial_subdivision(game))
    assert _dist(ours, theirs) < 1e-6
    start = [np.array([0.2] * n) / (0.2 * n) for n in game.shape]
    assert _dist(_assert_certified(game, simplicial_subdivision(game, start=start)), theirs) < 1e-6


# ----------------------------------------------------------------------------- random games


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    shape=st.sampled_from([(2, 2, 2), (3, 2, 2), (3, 3, 2), (2, 2, 2, 2), (3, 2, 2, 2)]),
    rho=st.sampled_from([-0.4, 0.0, 0.7]),
)
def test_random_n_player_games_certified(seed, shape, rho):
    rho = max(rho, -1.0 / (len(shape) - 1))
    game = covariant(shape, rho=rho, seed=seed)
    _assert_certified(game, simplicial_subdivision(game))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6), m=st.integers(2, 5), n=st.integers(2, 5))
def test_two_player_result_is_one_of_the_vertex_equilibria(seed, m, n):
    game = uniform_random((m, n), seed=seed)
    ours = _assert_certified(game, simplicial_subdivision(game))
    # a generic game is nondegenerate: its equilibria are isolated and all extreme
    all_eqs = vertex_enumeration(game).equilibria
    assert min(_dist(ours, e) for e in all_eqs) < 1e-7


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10**6), shape=st.sampled_from([(2, 2, 2), (3, 3, 2), (2, 2, 2, 2)]))
def test_invariant_under_positive_affine_payoff_maps(seed, shape):
    """Labels use gains divided by each player's payoff range: the same path, the same equilibrium."""
    game = uniform_random(shape, seed=seed)
    rng = np.random.default_rng(seed)
    a = rng.uniform(0.5, 20.0, size=len(shape))
    b = rng.uniform(-10.0, 10.0, size=len(shape))
    moved = gt.NormalFormGame(game._float * a + b)
    p = _assert_certified(game, simplicial_subdivision(game))
    q = _assert_certified(moved, simplicial_subdivision(moved))
    assert _dist(p, q) < 1e-6


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10**6), shape=st.sampled_from([(2, 3, 2), (3, 2, 2, 2)]), data=st.data())
def test_relabelled_game_gives_an_equilibrium_that_maps_back(seed, shape, data):
    """Permuting players and strategies: the result is an equilibrium of the permuted game (certified),
    and mapped back it is an equilibrium of the original; when the original's path ends at a unique
    equilibrium (dominance solvable games below) both coincide."""
    game = uniform_random(shape, seed=seed)
    order = data.draw(st.permutations(range(len(shape))))
    perms = [data.draw(st.permutations(range(n))) for n in shape]
    shuffled = gt.NormalFormGame(game._float[np.ix_(*perms, range(len(shape)))])
    relabelled = shuffled.permute_players(order)
    q = _assert_certified(relabelled, simplicial_subdivision(relabelled))
    back = [None] * len(shape)
    for k, i in enumerate(order):
        v = np.empty(shape[i])
        v[perms[i]] = q[k]
        back[i] = v
    assert float(game.max_regret(back, exact=False)) <= 1e-8 * max(1.0, float(np.ptp(game._float)))


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10**6), data=st.data())
def test_unique_equilibrium_maps_under_relabelling(seed, data):
    shape = (3, 3, 2)
    game = gt.generators.dominance_solvable(shape, seed=seed)
    order = data.draw(st.permutations(range(3)))
    perms = [data.draw(st.permutations(range(n))) for n in shape]
    relabelled = gt.NormalFormGame(game.payoffs[np.ix_(*perms, range(3))]).permute_players(order)
    p = _assert_certified(game, simplicial_subdivision(game))
    q = _assert_certified(relabelled, simplicial_subdivision(relabelled))
    for k, i in enumerate(order):
        assert np.allclose(q[k], p[i][perms[i]], atol=1e-9)


# ----------------------------------------------------------------------------- exact mode


def test_exact_rational_equilibrium():
    game = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    res = simplicial_subdivision(game, exact=True)
    assert res.exact and res.max_regret == 0
    assert [list(p) for p in res.equilibria[0]] == [[Fraction(1, 2)] * 2, [Fraction(1, 2)] * 2]


@needs_catalog
def test_exact_three_player_rational():
    path = next((p for p in CATALOG if p.name == "2x2x2.nfg"), None)
    if path is None:
        pytest.skip("2x2x2.nfg not present")
    game = read_nfg(path)
    res = simplicial_subdivision(game, exact=True)
    assert res.exact and res.regrets == [0]
    assert game.max_regret(res.equilibria[0], exact=True) == 0


def test_exact_irrational_equilibrium_raises_not_supported():
    # a random 2x2x2 integer game (no pure equilibrium) whose equilibrium reached by the path is
    # irrational: a fully mixed equilibrium of a 3-player game solves quadratic equations
    game = uniform_random((2, 2, 2), seed=15, integer=True)
    prof = simplicial_subdivision(game).equilibria[0]
    for s in prof:
        for x in s:
            assert abs(float(Fraction(float(x)).limit_denominator(10**4)) - x) > 1e-9
    with pytest.raises(NotSupported, match="irrational"):
        simplicial_subdivision(game, exact=True)


# ----------------------------------------------------------------------------- failure and bad input


def test_no_convergence_status_when_refinements_run_out():
    game = uniform_random((3, 3, 3), seed=5)
    res = simplicial_subdivision(game, grid=2, max_refinements=0, max_pivots=3)
    assert len(res) == 0 and res.status == "no-convergence"
    assert "max_pivots" in res.message


@pytest.mark.parametrize(
    "kwargs",
    [
        {"grid": 0}, {"grid": 1.5}, {"grid": True}, {"refine": 1}, {"max_refinements": -1},
        {"leash": 0}, {"tol": -1.0}, {"tol": float("nan")}, {"tol": "x"}, {"max_pivots": 0},
    ],
)
def test_bad_options(kwargs):
    game = uniform_random((2, 2, 2), seed=0)
    with pytest.raises(InvalidOption, match="simplicial_subdivision"):
        simplicial_subdivision(game, **kwargs)


def test_bad_game_and_start():
    with pytest.raises(InvalidOption, match="NormalFormGame"):
        simplicial_subdivision([[1, 2], [3, 4]])
    game = uniform_random((2, 2, 2), seed=0)
    with pytest.raises(InvalidStrategy):
        simplicial_subdivision(game, start=[[1, 0], [1, 0]])
    with pytest.raises(InvalidStrategy):
        simplicial_subdivision(game, start=[[0.7, 0.7], [1, 0], [1, 0]])
    with pytest.raises(InvalidStrategy):
        simplicial_subdivision(game, start=[[np.nan, 1], [1, 0], [1, 0]])
